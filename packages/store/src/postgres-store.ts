/** The Store over a PostgreSQL database (one schema of it), through a pool of `pg` connections. */
import type { Kysely, Logger } from 'kysely';
import type pg from 'pg';
import type { Store } from './contract.js';
import type { Database } from './database.js';
import {
  type PostgresConnectionOptions,
  createPostgresKysely,
  createPostgresPool,
  ensureSchema,
  postgresDialect,
} from './dialect/postgres.js';
import { createPostgresEventSignal } from './events/postgres-event-signal.js';
import { type StoreSources, createSqlStore } from './sql-store.js';

export interface PostgresStoreOptions extends PostgresConnectionOptions, StoreSources {
  /** Receives every query kysely runs. */
  readonly log?: Logger;
}

/** A Store with its pool and kysely instance exposed for plan inspection and tools. */
export interface PostgresStore extends Store {
  readonly pool: pg.Pool;
  readonly kysely: Kysely<Database>;
}

/**
 * Opens a pool (no connection is made until the first query, except to create `schema` when given), and
 * with the first watcher of the change feed a connection of its own that LISTENs for appends.
 * Call `migrate()` before use, as for SQLite.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const pool = createPostgresPool(options);
  const kysely = createPostgresKysely(pool, options.log);
  try {
    if (options.schema !== undefined) await ensureSchema(kysely, options.schema);
  } catch (error) {
    await kysely.destroy();
    throw error;
  }
  return {
    ...createSqlStore(kysely, postgresDialect, options, createPostgresEventSignal(options)),
    pool,
    kysely,
  };
}
