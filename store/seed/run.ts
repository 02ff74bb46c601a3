// npm run db:seed [-- path]: migrates the store and loads the DEMO data into it
// (default: $SUQIU_DB or data/suqiu.db).
import { openStore } from '../db.js';
import { seedDemo } from './demo.js';

const path = process.argv[2] ?? process.env.SUQIU_DB ?? 'data/suqiu.db';
const store = openStore(path);
try {
  const summary = seedDemo(store.db);
  console.log(`demo data loaded into ${path}:`, summary);
} finally {
  store.close();
}
