/** Which dialect a kysely instance speaks: for migrations, which receive only the connection. */
import { PostgresAdapter } from 'kysely';
import type { SqlDialect } from './sql-dialect.js';

/** Anything kysely-shaped: a store's instance, a transaction, or the `Kysely<unknown>` of a migration. */
interface WithAdapter {
  getExecutor(): { readonly adapter: unknown };
}

export function dialectOf(db: WithAdapter): SqlDialect['name'] {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
