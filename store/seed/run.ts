// npm run db:seed [-- path]: migrates the store and loads the DEMO data into it
// (default: $SUQIU_STORE_PATH or data/suqiu.db, the path the workers use).
import { openStore } from '../db.js';
import { seedDemo } from './demo.js';

const path = process.argv[2] ?? (process.env.SUQIU_STORE_PATH || 'data/suqiu.db');
const store = openStore(path);
try {
  const summary = seedDemo(store.db);
  console.log(`demo data loaded into ${path}:`, summary);
} finally {
  store.close();
}
