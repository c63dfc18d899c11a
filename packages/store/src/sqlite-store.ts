/** The Store over one embedded SQLite file. */
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Logger } from 'kysely';
import type { Store } from './contract.js';
import type { Database } from './database.js';
import { startCheckpointer } from './dialect/sqlite-checkpointer.js';
import {
  DEFAULT_BUSY_TIMEOUT_MS,
  type SqliteFileOptions,
  createSqliteKysely,
  openSqliteFile,
  sqliteDialect,
} from './dialect/sqlite.js';
import { type StoreSources, createSqlStore } from './sql-store.js';

export interface SqliteStoreOptions extends SqliteFileOptions, StoreSources {
  /** Receives every query kysely runs (debugging, and tests that prove which tables a call touches). */
  readonly log?: Logger;
  /**
   * `background` (default): WAL checkpoints run on a worker thread, off the event loop. `inline`: SQLite
   * checkpoints within the committing call, for short-lived tools that write little.
   */
  readonly checkpoints?: 'background' | 'inline';
}

/** SQLite's default auto-checkpoint threshold in pages, restored if the worker cannot run. */
const AUTO_CHECKPOINT_PAGES = 1000;

/** A Store with its SQLite handles exposed for benchmarks, seeding and plan inspection. */
export interface SqliteStore extends Store {
  readonly database: BetterSqlite3.Database;
  readonly kysely: Kysely<Database>;
}

export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const database = openSqliteFile(options);
  const checkpointer =
    options.checkpoints === 'inline'
      ? undefined
      : startCheckpointer({
          file: options.file,
          busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
          onFailure: () => {
            if (database.open) database.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
          },
        });
  if (checkpointer) database.pragma('wal_autocheckpoint = 0');
  const kysely = createSqliteKysely(database, options.log);
  const store = createSqlStore(kysely, sqliteDialect, options);
  return {
    ...store,
    database,
    kysely,
    async close() {
      await store.close();
      // Last to close, the worker's connection checkpoints what remains and removes the WAL file.
      await checkpointer?.stop();
    },
  };
}
