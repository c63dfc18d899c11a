export type * from './contract.js';
export type { SqlDialect } from './dialect/sql-dialect.js';
export { sqliteDialect } from './dialect/sqlite.js';
export { filterToSql } from './scim/filter-to-sql.js';
export type { SqlTarget } from './scim/sql-target.js';
export { GROUP_STORAGE, type ResourceStorage, USER_STORAGE } from './scim/storage-map.js';
export { seedUsers } from './seed.js';
export { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export { hashTokenSecret } from './tokens/token-hash.js';
