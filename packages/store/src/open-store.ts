/** One entry point for servers and tools: a PostgreSQL URL picks PostgreSQL, anything else a SQLite file. */
import type { Logger } from 'kysely';
import type { Store } from './contract.js';
import { type PostgresStoreOptions, openPostgresStore } from './postgres-store.js';
import { type SqliteStoreOptions, openSqliteStore } from './sqlite-store.js';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

export function isPostgresUrl(location: string): boolean {
  return POSTGRES_URL.test(location);
}

export interface OpenStoreOptions
  extends Omit<PostgresStoreOptions, 'connectionString'>,
    Omit<SqliteStoreOptions, 'file'> {
  readonly log?: Logger;
}

/**
 * `postgres://…` / `postgresql://…` → {@link openPostgresStore}; otherwise `location` is a SQLite file
 * path (or the SQLite options themselves). Options that belong to the other dialect are ignored.
 */
export function openStore(
  location: string | SqliteStoreOptions,
  options: OpenStoreOptions = {},
): Promise<Store> {
  if (typeof location !== 'string') return Promise.resolve(openSqliteStore(location));
  return isPostgresUrl(location)
    ? openPostgresStore({ ...options, connectionString: location })
    : Promise.resolve(openSqliteStore({ ...options, file: location }));
}
