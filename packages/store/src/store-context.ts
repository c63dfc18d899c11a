/** What every repository is built from: a connection (or transaction), the dialect, time and ids. */
import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import type { SqlDialect } from './dialect/sql-dialect.js';
import type { EventSignal } from './events/event-signal.js';

export interface StoreContext {
  readonly db: Kysely<Database>;
  readonly dialect: SqlDialect;
  /** The current time as `Date.toISOString()` text. */
  readonly now: () => string;
  /** A fresh id; lower-case, which case-insensitive id comparisons (`members.value`) rely on. */
  readonly newId: () => string;
  /** Announces appends and wakes the change feed's readers (see `events/event-signal.ts`). */
  readonly eventSignal?: EventSignal;
}

/** Runs `work` in a transaction, joining the caller's when there already is one. */
export function inTransaction<T>(
  context: StoreContext,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return context.db.isTransaction ? work(context.db) : runTransaction(context, work);
}

/** Attempts of a transaction the database aborted for a deadlock or serialization failure. */
const TRANSACTION_ATTEMPTS = 5;

/**
 * Runs `work` in a new transaction. PostgreSQL may abort one of two transactions that lock the same rows
 * in opposite orders (a user's delete bumping its groups while a group PUT locks that user); the loser
 * rolled back whole, so running `work` again is safe as long as it only touches the database.
 */
export async function runTransaction<T>(
  { db, dialect }: StoreContext,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= TRANSACTION_ATTEMPTS || !dialect.isRetryableConflict(error)) throw error;
    }
  }
}

/** Splits `items` so each statement stays under the dialect's bound-parameter limit. */
export function chunk<T>(items: readonly T[], size = 500): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
