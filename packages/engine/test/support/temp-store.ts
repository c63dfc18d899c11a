/**
 * Real stores for the engine's tests, no mocks: a migrated SQLite file or PostgreSQL schema of its own
 * (`@provisio/store/testing`), removed when the test ends.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import {
  TEST_DIALECTS,
  type TestDialect,
  type TestStore,
  forEachDialect as forEachOf,
} from '@provisio/store/testing';

export type Lifetime = Pick<TestContext, 'after'>;

export async function tempDirectory(t: Lifetime): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'provisio-engine-'));
  t.after(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

export async function openTempStore(t: Lifetime, dialect: TestDialect): Promise<TestStore> {
  const { store, dispose } = await dialect.openScratch();
  t.after(dispose);
  return store;
}

/** Declares the tests `body` defines once per dialect, in a suite named `[sqlite]` / `[postgres]`. */
export function forEachDialect(body: (dialect: TestDialect) => void): void {
  forEachOf(body, TEST_DIALECTS);
}
