/** A migrated SQLite store in a fresh temp directory, removed when the test ends: no mocks. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { type SqliteStore, openSqliteStore } from '@provisio/store';

export async function tempDirectory(t: Pick<TestContext, 'after'>): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'provisio-engine-'));
  t.after(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

export async function openTempStore(t: Pick<TestContext, 'after'>): Promise<SqliteStore> {
  const store = openSqliteStore({ file: join(await tempDirectory(t), 'provisio.db') });
  t.after(() => store.close());
  await store.migrate();
  return store;
}
