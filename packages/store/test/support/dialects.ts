/**
 * The store contract runs against every dialect (see `@provisio/store/testing`, shared with the server's
 * tests): here each scratch store belongs to a test, or to a file through {@link FILE}, and is removed when
 * that ends.
 */
import type { PostgresStore } from '@provisio/store';
import {
  type ScratchStore,
  type ScratchStoreOptions,
  TEST_DIALECTS,
  type TestDialect,
  type TestStore,
  forEachDialect as forEachOf,
  openScratchPostgresStore,
} from '@provisio/store/testing';
import type { Lifetime } from './temp-store.js';

export { TEST_POSTGRES_URL as POSTGRES_URL, type TestStore, freshSchemaName } from '@provisio/store/testing';
export type TestStoreOptions = ScratchStoreOptions;

export interface StoreDialect extends TestDialect {
  /** A migrated store of its own (file or schema), closed and removed when `t` ends. */
  open(t: Lifetime, options?: TestStoreOptions): Promise<TestStore>;
}

async function ownedBy<S extends TestStore>(t: Lifetime, scratch: Promise<ScratchStore<S>>): Promise<S> {
  const { store, dispose } = await scratch;
  t.after(dispose);
  return store;
}

/** A migrated PostgreSQL store in `schema` (fresh by default), dropped with the store when `t` ends. */
export function openTempPostgresStore(
  t: Lifetime,
  options: TestStoreOptions = {},
  schema?: string,
): Promise<PostgresStore> {
  return ownedBy(t, openScratchPostgresStore(options, schema));
}

export const DIALECTS: readonly StoreDialect[] = TEST_DIALECTS.map((dialect) => ({
  ...dialect,
  open: (t, options) => ownedBy(t, dialect.openScratch(options)),
}));

/** Declares the tests `body` defines once per dialect, in a suite named `[sqlite]` / `[postgres]`. */
export function forEachDialect(body: (dialect: StoreDialect) => void): void {
  forEachOf(body, DIALECTS);
}
