/** The Store over one embedded SQLite file. */
import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Logger } from 'kysely';
import type { Store } from './contract.js';
import type { Database } from './database.js';
import {
  type SqliteFileOptions,
  createSqliteKysely,
  openSqliteFile,
  sqliteDialect,
} from './dialect/sqlite.js';
import { migrate } from './migrations/migrations.js';
import { createRepositories } from './repositories.js';
import type { StoreContext } from './store-context.js';

export interface SqliteStoreOptions extends SqliteFileOptions {
  /** Source of timestamps (tests pin it). */
  readonly clock?: () => Date;
  /** Source of ids; defaults to random UUIDs. Ids are stored lower-cased. */
  readonly newId?: () => string;
  /** Receives every query kysely runs (debugging, and tests that prove which tables a call touches). */
  readonly log?: Logger;
}

/** A Store with its SQLite handles exposed for benchmarks, seeding and plan inspection. */
export interface SqliteStore extends Store {
  readonly database: BetterSqlite3.Database;
  readonly kysely: Kysely<Database>;
}

export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const database = openSqliteFile(options);
  const kysely = createSqliteKysely(database, options.log);
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const context: StoreContext = {
    db: kysely,
    dialect: sqliteDialect,
    now: () => clock().toISOString(),
    newId: () => newId().toLowerCase(),
  };
  return {
    ...createRepositories(context),
    database,
    kysely,
    migrate: (migrateOptions) => migrate(kysely, migrateOptions?.to),
    transaction: (work) =>
      kysely.transaction().execute((trx) => work(createRepositories({ ...context, db: trx }))),
    close: () => kysely.destroy(),
  };
}
