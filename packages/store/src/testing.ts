/**
 * Scratch stores for the tests of every package (`@provisio/store/testing`), so the store and the server
 * suites run the same contract on each dialect: a migrated SQLite file in a fresh temp directory, or a
 * fresh schema of the real PostgreSQL at `PROVISIO_TEST_POSTGRES_URL` (default 127.0.0.1:5432, trust auth,
 * database `test`), each removed when disposed. Without a reachable PostgreSQL its tests skip with the
 * reason, except with `CI=true`, where they run and fail: CI must not pass by skipping.
 *
 * Test code only: importing this module probes PostgreSQL once.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'node:test';
import pg from 'pg';
import { postgresDialect } from './dialect/postgres.js';
import type { SqlDialect } from './dialect/sql-dialect.js';
import { sqliteDialect } from './dialect/sqlite.js';
import { type PostgresStore, openPostgresStore } from './postgres-store.js';
import { type SqliteStore, type SqliteStoreOptions, openSqliteStore } from './sqlite-store.js';

export const TEST_POSTGRES_URL =
  process.env.PROVISIO_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type TestStore = SqliteStore | PostgresStore;
export type ScratchStoreOptions = Pick<SqliteStoreOptions, 'clock' | 'newId' | 'log'>;

/** A migrated store of its own; `dispose` closes it and removes its file or schema. */
export interface ScratchStore<S extends TestStore = TestStore> {
  readonly store: S;
  /** The settings a server would be given for this store. */
  readonly location:
    | { readonly dialect: 'sqlite'; readonly directory: string; readonly file: string }
    | { readonly dialect: 'postgres'; readonly url: string; readonly schema: string };
  /** Another store on the same database, as a second server process would open it; the caller closes it. */
  reopen(): Promise<TestStore>;
  dispose(): Promise<void>;
}

export interface TestDialect {
  readonly name: SqlDialect['name'];
  readonly sql: SqlDialect;
  /** The suite name, `[sqlite]` or `[postgres]`, which `scripts/test.mjs` counts tests under. */
  readonly label: string;
  /** Why this dialect's tests are skipped here; false when they run. */
  readonly skip: string | false;
  openScratch(options?: ScratchStoreOptions): Promise<ScratchStore>;
}

/** Why PostgreSQL cannot be used, or undefined when it answers. */
async function postgresUnavailable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return `PostgreSQL at ${TEST_POSTGRES_URL} is unreachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const unavailable = await postgresUnavailable();
if (unavailable && process.env.CI !== 'true') console.log(`# skipping PostgreSQL tests: ${unavailable}`);

/** A schema name no other test uses. */
export function freshSchemaName(): string {
  return `test_${randomUUID().replaceAll('-', '')}`;
}

/** Migrates `scratch`, disposing of it when that fails so no schema or file is left behind. */
async function migrated<S extends TestStore>(scratch: ScratchStore<S>): Promise<ScratchStore<S>> {
  try {
    await scratch.store.migrate();
    return scratch;
  } catch (error) {
    await scratch.dispose();
    throw error;
  }
}

/** A migrated store on a new file in a fresh temp directory. */
export function openScratchSqliteStore(
  options: Omit<SqliteStoreOptions, 'file'> = {},
): Promise<ScratchStore<SqliteStore>> {
  const directory = mkdtempSync(join(tmpdir(), 'provisio-store-'));
  const file = join(directory, 'provisio.db');
  const store = openSqliteStore({ file, ...options });
  return migrated({
    store,
    location: { dialect: 'sqlite', directory, file },
    reopen: async () => openSqliteStore({ file }),
    async dispose() {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  });
}

/** The `PROVISIO_*` settings that point a server process or the CLI at a scratch store's database. */
export function databaseEnv(location: ScratchStore['location']): Record<string, string> {
  return location.dialect === 'sqlite'
    ? { PROVISIO_DATA_DIR: location.directory }
    : { PROVISIO_DATABASE_URL: location.url, PROVISIO_DATABASE_SCHEMA: location.schema };
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${pg.escapeIdentifier(schema)} cascade`);
  } finally {
    await client.end();
  }
}

/** A migrated PostgreSQL store in `schema` (a fresh one by default), dropped on dispose. */
export async function openScratchPostgresStore(
  options: ScratchStoreOptions = {},
  schema = freshSchemaName(),
): Promise<ScratchStore<PostgresStore>> {
  const store = await openPostgresStore({
    connectionString: TEST_POSTGRES_URL,
    schema,
    pool: { max: 4 },
    ...options,
  });
  return migrated({
    store,
    location: { dialect: 'postgres', url: TEST_POSTGRES_URL, schema },
    reopen: () => openPostgresStore({ connectionString: TEST_POSTGRES_URL, schema, pool: { max: 2 } }),
    // A connection of its own drops the schema, so a test may have closed the store already.
    async dispose() {
      await store.close();
      await dropSchema(schema);
    },
  });
}

export const SQLITE: TestDialect = {
  name: 'sqlite',
  sql: sqliteDialect,
  label: '[sqlite]',
  skip: false,
  openScratch: openScratchSqliteStore,
};

export const POSTGRES: TestDialect = {
  name: 'postgres',
  sql: postgresDialect,
  label: '[postgres]',
  // With CI=true an unreachable PostgreSQL must fail the run, so its tests run (and fail) regardless.
  skip: process.env.CI === 'true' ? false : (unavailable ?? false),
  openScratch: (options) => openScratchPostgresStore(options),
};

export const TEST_DIALECTS: readonly TestDialect[] = [SQLITE, POSTGRES];

/**
 * Declares the tests `body` defines once per dialect, in a suite named by its {@link TestDialect.label};
 * `dialects` may be {@link TEST_DIALECTS} extended with a package's own helpers.
 */
export function forEachDialect<D extends TestDialect>(
  body: (dialect: D) => void,
  dialects: readonly D[],
): void {
  for (const dialect of dialects) describe(dialect.label, { skip: dialect.skip }, () => body(dialect));
}
