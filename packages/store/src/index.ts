export type * from './contract.js';
export type * from './directory/contract.js';
export { DEFAULT_ACCESS_ROLE_ID } from './directory/contract.js';
export type { SqlDialect } from './dialect/sql-dialect.js';
export { sqliteDialect } from './dialect/sqlite.js';
export {
  type BackupProgress,
  SqliteCopyRefused,
  backupSqliteFile,
  restoreSqliteFile,
} from './dialect/sqlite-backup.js';
export { postgresDialect } from './dialect/postgres.js';
export { CHANGE_EVENT_TYPES } from './events/event-contract.js';
export { filterToSql } from './scim/filter-to-sql.js';
export { PAGE_STATEMENT_CACHE_SIZE, cachedPageShapes } from './scim/page-statement.js';
export type { SqlTarget } from './scim/sql-target.js';
export { GROUP_STORAGE, type ResourceStorage, USER_STORAGE } from './scim/storage-map.js';
export { seedUsers } from './seed.js';
export { isPostgresUrl, openStore, type OpenStoreOptions } from './open-store.js';
export { openPostgresStore, type PostgresStore, type PostgresStoreOptions } from './postgres-store.js';
export { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export { hashTokenSecret } from './tokens/token-hash.js';
export { hashPassword, isPasswordHash, verifyPassword } from './users/password.js';
