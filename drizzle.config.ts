// drizzle-kit: generates the SQL migrations of the business store from its schema.
//   npm run db:generate   (after changing store/schema.ts; commit store/migrations/)
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './store/schema.ts',
  out: './store/migrations',
  dbCredentials: { url: process.env.SUQIU_DB ?? 'data/suqiu.db' },
  strict: true,
  verbose: true,
});
