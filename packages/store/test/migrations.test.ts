// Migrations run by kysely's Migrator: up and down, idempotent, and serialised across processes.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openSqliteStore } from '@provisio/store';
import { type TestStore, forEachDialect } from './support/dialects.js';
import { user } from './support/resources.js';
import { tempDirectory } from './support/temp-store.js';

const run = promisify(execFile);
const MIGRATIONS = [
  '0001-initial',
  '0002-admin',
  '0003-tenant-schemas',
  '0004-change-feed',
  '0005-activity-log',
  '0006-oauth-clients',
  '0007-admin-sessions',
  '0008-directory',
  '0009-token-last-ip',
];
const TABLES = [
  'activity_log',
  'admin_sessions',
  'admin_tokens',
  'admins',
  'directory_app_roles',
  'directory_applications',
  'directory_assignments',
  'directory_members',
  'directory_objects',
  'directory_sequences',
  'events',
  'group_members',
  'groups',
  'login_attempts',
  'oauth_clients',
  'oauth_signing_keys',
  'tenant_event_sequences',
  'tenant_schemas',
  'tenants',
  'tokens',
  'user_emails',
  'users',
  'webhook_deliveries',
  'webhooks',
];

/** The store's tables, without kysely's own, from kysely's introspection (the store's schema only). */
async function tablesOf(store: TestStore): Promise<string[]> {
  const tables = await store.kysely.introspection.getTables();
  return tables.map((table) => table.name).sort();
}

forEachDialect((dialect) => {
  test('every migration goes down to nothing and up again to every table; a second run has nothing to do', async (t) => {
    const store = await dialect.open(t);
    assert.deepEqual(await store.migrate({ to: 'none' }), [...MIGRATIONS].reverse());
    assert.deepEqual(await tablesOf(store), []);
    assert.deepEqual(await store.migrate(), MIGRATIONS);
    assert.deepEqual(await tablesOf(store), TABLES);
    assert.deepEqual(await store.migrate(), []);
    const tenant = await store.tenants.create({ slug: 'again', name: 'Again' });
    await store.users.create(tenant.id, user('works'));
  });
});

test('a new SQLite file is migrated in WAL mode', async (t) => {
  const store = openSqliteStore({ file: join(tempDirectory(t), 'db.sqlite') });
  t.after(() => store.close());
  assert.deepEqual(await store.migrate(), MIGRATIONS);
  assert.equal(store.database.pragma('journal_mode', { simple: true }), 'wal');
});

test('concurrent migrators on one file: exactly one process migrates, the others find it done', async (t) => {
  const file = join(tempDirectory(t), 'shared.sqlite');
  const self = fileURLToPath(import.meta.url);
  const fromSource = self.endsWith('.ts');
  const worker = join(self, '..', 'support', `migrate-worker.${fromSource ? 'ts' : 'js'}`);
  const flags = fromSource ? ['--conditions=development', '--import', 'tsx'] : [];
  const startAt = String(Date.now() + 3000);
  const outputs = await Promise.all(
    Array.from({ length: 4 }, () => run(process.execPath, [...flags, worker, file, startAt])),
  );
  const applied = outputs.map(({ stdout }) => JSON.parse(stdout) as string[]);
  assert.deepEqual(applied.map((names) => names.join()).sort(), ['', '', '', MIGRATIONS.join()]);
  const store = openSqliteStore({ file });
  t.after(() => store.close());
  assert.deepEqual(
    store.database.prepare('select name from kysely_migration order by name').all(),
    MIGRATIONS.map((name) => ({ name })),
  );
  assert.deepEqual(await tablesOf(store), TABLES);
});
