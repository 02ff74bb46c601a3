// The business store: open it with `openStore`, then call the repositories with `store.db`
// (or a transaction). All repository functions are synchronous (better-sqlite3).
export * from './db.js';
export * from './idempotency.js';
export * from './org-units.js';
export * from './requests.js';
export * from './ledger.js';
export * from './case-file.js';
export * from './case-file-view.js';
export * from './attachments.js';
export * from './sign-offs.js';
export * from './joint-handling.js';
export * from './staged-measures.js';
export * from './follow-ups.js';
export * from './backstop.js';
export * from './returns.js';
export * from './extensions.js';
export * from './notifications.js';
export * from './rankings.js';
export * from './figures.js';
export * from './simulated-clock.js';
export type { NotificationStatus, StaffRole, UnitKind } from './schema.js';
export * from './accounts.js';
export * from './audit.js';
export * from './visibility.js';
export * from './idempotent-responses.js';
export * from './lookup-codes.js';
export * from './signing-codes.js';
