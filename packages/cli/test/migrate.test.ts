/**
 * `provisio migrate` against real databases: a SQLite file in a temp directory, and a fresh PostgreSQL
 * schema (skipped when PostgreSQL is unreachable, except under `CI=true`). Exit statuses are the documented
 * ones, and a password in the database URL never reaches the output.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { EXIT } from '@provisio/cli';
import { openPostgresStore, openSqliteStore } from '@provisio/store';
import { TEST_POSTGRES_URL } from '@provisio/store/testing';
import { cli } from './support/run-cli.js';

test('migrate on SQLite applies every migration once, then finds nothing to do', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'provisio-migrate-'));
  try {
    const first = await cli(['migrate'], { PROVISIO_DATA_DIR: dataDir });
    assert.equal(first.status, EXIT.ok, first.stderr);
    assert.match(
      first.stdout,
      new RegExp(`^Migrated SQLite ${join(dataDir, 'provisio.db')}: 0001-initial, `),
    );
    const again = await cli(['migrate'], { PROVISIO_DATA_DIR: dataDir });
    assert.equal(again.stdout, `SQLite ${join(dataDir, 'provisio.db')} is up to date.\n`);

    const store = openSqliteStore({ file: join(dataDir, 'provisio.db') });
    try {
      assert.deepEqual(await store.migrate(), [], 'the CLI left migrations to do');
    } finally {
      await store.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('migrate --database-url on PostgreSQL migrates the configured schema', async (t) => {
  const schema = `cli_migrate_${process.pid}_${Date.now().toString(36)}`;
  const env = { PROVISIO_DATABASE_SCHEMA: schema };
  const first = await cli(['migrate', '--database-url', TEST_POSTGRES_URL], env);
  if (first.status === EXIT.unreachable && process.env.CI !== 'true') {
    return t.skip(`PostgreSQL at ${TEST_POSTGRES_URL} is unreachable: ${first.stderr.trim()}`);
  }
  const store = await openPostgresStore({ connectionString: TEST_POSTGRES_URL, schema });
  try {
    assert.equal(first.status, EXIT.ok, first.stderr);
    assert.match(
      first.stdout,
      /^Migrated PostgreSQL postgres:\/\/.* \(schema cli_migrate_\w+\): 0001-initial, /,
    );
    const again = await cli(['migrate'], { ...env, PROVISIO_DATABASE_URL: TEST_POSTGRES_URL });
    assert.match(again.stdout, /is up to date\.\n$/);
    assert.deepEqual(await store.migrate(), [], 'the CLI left migrations to do');
  } finally {
    await store.pool.query(`drop schema if exists ${schema} cascade`);
    await store.close();
  }
});

test('failures: a bad URL is a usage error, an unreachable database exit 3; the password is never shown', async () => {
  const cases = [
    {
      url: 'mysql://admin:hunter2@db/x',
      status: EXIT.usage,
      message: /PROVISIO_DATABASE_URL=\(value hidden\)/,
    },
    // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
    {
      url: 'postgres://admin:hunter2@127.0.0.1:1/x',
      status: EXIT.unreachable,
      message: /cannot reach PostgreSQL postgres:\/\/admin:\*\*\*@127\.0\.0\.1:1\/x/,
    },
  ];
  for (const { url, status, message } of cases) {
    const result = await cli(['migrate', '--database-url', url]);
    assert.equal(result.status, status, result.stderr);
    assert.match(result.stderr, message);
    assert.ok(!`${result.stdout}${result.stderr}`.includes('hunter2'), result.stderr);
    const json = await cli(['--json', 'migrate', '--database-url', url]);
    assert.equal(json.json?.error?.code, status === EXIT.usage ? 'usage' : 'unreachable');
  }
});
