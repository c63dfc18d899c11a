/** What every repository is built from: a connection (or transaction), the dialect, time and ids. */
import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import type { SqlDialect } from './dialect/sql-dialect.js';

export interface StoreContext {
  readonly db: Kysely<Database>;
  readonly dialect: SqlDialect;
  /** The current time as `Date.toISOString()` text. */
  readonly now: () => string;
  /** A fresh id; lower-case, which case-insensitive id comparisons (`members.value`) rely on. */
  readonly newId: () => string;
}

/** Runs `work` in a transaction, joining the caller's when there already is one. */
export function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** Splits `items` so each statement stays under the dialect's bound-parameter limit. */
export function chunk<T>(items: readonly T[], size = 500): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
