/**
 * A fresh PostgreSQL schema for a test that runs servers on PostgreSQL (the store's `TEST_POSTGRES_URL`:
 * 127.0.0.1:5432, trust auth, database `test`; `PROVISIO_TEST_POSTGRES_URL` overrides). Where PostgreSQL is unreachable the test is
 * skipped with a message, except under `CI=true`, where that is a failure: CI must not pass by skipping.
 */
import { type PostgresStore, openPostgresStore } from '@provisio/store';
import { TEST_POSTGRES_URL as TEST_DATABASE_URL } from '@provisio/store/testing';

export interface PostgresSchema {
  readonly url: string;
  readonly schema: string;
  /** A store on the schema (not migrated), for checks behind the servers' backs. */
  readonly store: PostgresStore;
  /** Drops the schema with everything in it, and closes the store. */
  drop(): Promise<void>;
}

/** ECONNREFUSED, or an AggregateError of them when `localhost` resolves to several addresses. */
function refusedConnection(error: unknown): boolean {
  const { code, errors } = error as { code?: unknown; errors?: unknown };
  return code === 'ECONNREFUSED' || (Array.isArray(errors) && errors.some(refusedConnection));
}

/**
 * Creates the schema; when PostgreSQL is unreachable outside CI, returns the message to skip with instead
 * (suite hooks cannot skip, so the tests do).
 */
export async function freshPostgresSchema(
  label: string,
): Promise<PostgresSchema | { readonly skip: string }> {
  const schema = `${label}_${process.pid}_${Date.now().toString(36)}`;
  let store: PostgresStore;
  try {
    store = await openPostgresStore({ connectionString: TEST_DATABASE_URL, schema, pool: { max: 2 } });
  } catch (error) {
    if (!refusedConnection(error)) throw error;
    const message = `PostgreSQL at ${TEST_DATABASE_URL} is unreachable (${(error as Error).message})`;
    if (process.env.CI === 'true') throw new Error(`${message}; CI requires it`);
    return { skip: message };
  }
  return {
    url: TEST_DATABASE_URL,
    schema,
    store,
    async drop() {
      try {
        await store.pool.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await store.close();
      }
    },
  };
}
