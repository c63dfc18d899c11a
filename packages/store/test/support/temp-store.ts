/** Real SQLite files in a fresh temp directory per test: no mocks. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, after } from 'node:test';
import type { SqliteStore, SqliteStoreOptions } from '@provisio/store';
import { openScratchSqliteStore } from '@provisio/store/testing';

/** Who cleans up: a test (`t`), or the whole file ({@link FILE}) for fixtures shared by its tests. */
export type Lifetime = Pick<TestContext, 'after'>;

// One file-level hook, registered while the module loads: `after()` called later, from inside a `before`
// hook, would attach to that hook and run as soon as it ends.
const fileCleanups: (() => unknown)[] = [];
after(async () => {
  for (const cleanup of fileCleanups.reverse()) await cleanup();
});
export const FILE: Lifetime = {
  after: (fn) => {
    fileCleanups.push(fn as () => unknown);
  },
};

/** A fresh directory, removed when the test ends. */
export function tempDirectory(t: Lifetime): string {
  const directory = mkdtempSync(join(tmpdir(), 'provisio-store-'));
  t.after(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

/** A migrated store on a new file, closed when the test ends. */
export async function openTempStore(
  t: Lifetime,
  options: Omit<SqliteStoreOptions, 'file'> = {},
): Promise<SqliteStore> {
  const { store, dispose } = await openScratchSqliteStore(options);
  t.after(dispose);
  return store;
}

/** A clock that advances one second per reading, so timestamps are distinct and predictable. */
export function steppingClock(start = Date.UTC(2025, 0, 1)): () => Date {
  let next = start;
  return () => {
    const now = new Date(next);
    next += 1000;
    return now;
  };
}

/** Collects the SQL text of every query the store runs. */
export function queryLog(): { readonly statements: string[]; readonly log: SqliteStoreOptions['log'] } {
  const statements: string[] = [];
  return {
    statements,
    log: (event) => {
      statements.push(event.query.sql);
    },
  };
}
