/** EXPLAIN QUERY PLAN of kysely-compiled SQL, as one line per plan step. */
import type { SqliteStore } from '@provisio/store';

export function queryPlan(
  store: SqliteStore,
  query: { sql: string; parameters: readonly unknown[] },
): string[] {
  const rows = store.database.prepare(`explain query plan ${query.sql}`).all(...query.parameters) as {
    detail: string;
  }[];
  return rows.map((row) => row.detail);
}
