/** A Store over a kysely instance of either dialect: the repositories, migrations and transactions. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Store } from './contract.js';
import type { Database } from './database.js';
import type { SqlDialect } from './dialect/sql-dialect.js';
import { type EventSignal, createEventSignal } from './events/event-signal.js';
import { migrate } from './migrations/migrations.js';
import { createRepositories } from './repositories.js';
import { type StoreContext, runTransaction } from './store-context.js';

export interface StoreSources {
  /** Source of timestamps (tests pin it). */
  readonly clock?: () => Date;
  /** Source of ids; defaults to random UUIDs. Ids are stored lower-cased. */
  readonly newId?: () => string;
}

/**
 * The Store over `kysely`; `close` destroys it (and so the file or pool under it) and `eventSignal`.
 * The default signal is in-process, right for SQLite's one connection only.
 */
export function createSqlStore(
  kysely: Kysely<Database>,
  dialect: SqlDialect,
  sources: StoreSources,
  eventSignal: EventSignal = createEventSignal(),
): Store {
  const clock = sources.clock ?? (() => new Date());
  const newId = sources.newId ?? randomUUID;
  const context: StoreContext = {
    db: kysely,
    dialect,
    now: () => clock().toISOString(),
    newId: () => newId().toLowerCase(),
    eventSignal,
  };
  return {
    ...createRepositories(context),
    migrate: (migrateOptions) => migrate(kysely, migrateOptions?.to),
    transaction: (work) =>
      runTransaction(context, (trx) => work(createRepositories({ ...context, db: trx }))),
    async close() {
      await eventSignal.close();
      await kysely.destroy();
    },
  };
}
