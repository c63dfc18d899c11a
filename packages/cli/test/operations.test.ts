/**
 * The operations commands as separate processes against a real server: `--version`, `oauth-client`,
 * `users list`, `backup`/`restore` of the SQLite file (with the documented exit statuses), and `start`.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { flagOf } from '@provisio/server';
import { openSqliteStore } from '@provisio/store';
import { databaseEnv } from '@provisio/store/testing';
import { type CliTestServer, forEachDialect, startCliTestServer } from './support/cli-server.js';
import { cli, cliArguments } from './support/run-cli.js';

test('--version prints the package version', async () => {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const result = await cli(['--version']);
  assert.deepEqual([result.status, result.stdout.trim()], [0, manifest.version]);
});

test('start with a bad flag value exits 2 and names the key', async () => {
  const result = await cli(['start', '--port', 'eighty']);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /PROVISIO_PORT="eighty"/);
});

forEachDialect((dialect) => {
  let provisio: CliTestServer;

  before(async () => {
    provisio = await startCliTestServer('provisio-cli-ops-', dialect);
  });
  after(() => provisio.close());

  async function createUser(userName: string): Promise<void> {
    const response = await fetch(`${provisio.origin}/scim/v2/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${provisio.scimToken}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName }),
    });
    assert.equal(response.status, 201, await response.text());
  }

  describe('provisio oauth-client', () => {
    test('create prints the secret once; the client gets tokens until revoke', async () => {
      const created = await cli([
        ...provisio.api,
        'oauth-client',
        'create',
        'default',
        '--description',
        'Entra ID',
      ]);
      assert.equal(created.status, 0, created.stderr);
      const { clientId, clientSecret, tokenEndpoint } = created.json;
      assert.equal(tokenEndpoint, `${provisio.origin}/oauth/token`);
      const grant = () =>
        fetch(tokenEndpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: clientId,
            client_secret: clientSecret,
          }),
        });
      assert.equal((await grant()).status, 200);

      const listed = await cli([...provisio.base, 'oauth-client', 'list', 'default']);
      assert.equal(listed.status, 0, listed.stderr);
      assert.match(listed.stdout, /^CLIENT ID\s+SCOPE\s+STATUS/);
      assert.ok(listed.stdout.includes(clientId) && !listed.stdout.includes(clientSecret));

      const revoked = await cli([...provisio.api, 'oauth-client', 'revoke', 'default', clientId]);
      assert.deepEqual([revoked.status, revoked.json.status], [0, 'revoked']);
      assert.equal((await grant()).status, 401);
    });

    test("an unknown tenant exits 1 with the server's not_found", async () => {
      const result = await cli([...provisio.api, 'oauth-client', 'list', 'nobody']);
      assert.deepEqual([result.status, result.json.error.code], [1, 'not_found']);
    });
  });

  describe('provisio users list', () => {
    before(async () => {
      for (const name of ['ada', 'alan', 'grace']) await createUser(name);
    });

    test('--filter narrows the list; --json prints the admin API answer', async () => {
      const result = await cli([...provisio.api, 'users', 'list', 'default', '--filter', 'userName sw "a"']);
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(result.json.resources.map((u: { userName: string }) => u.userName).sort(), [
        'ada',
        'alan',
      ]);
    });

    test('human output is a table with a paging footer', async () => {
      const result = await cli([...provisio.base, 'users', 'list', 'default', '--count', '2']);
      assert.equal(result.status, 0, result.stderr);
      const lines = result.stdout.trim().split('\n');
      assert.match(lines[0]!, /^ID\s+USERNAME\s+DISPLAY NAME\s+ACTIVE\s+EXTERNAL ID$/);
      assert.equal(lines.length, 4);
      assert.match(lines[3]!, /^Showing 1-2 of \d+ \(next page: --start-index 3\)\.$/);
    });

    test('a bad filter exits 1 with invalid_request; a bad --count exits 2', async () => {
      const bad = await cli([...provisio.api, 'users', 'list', 'default', '--filter', 'userName eq']);
      assert.deepEqual([bad.status, bad.json?.error.code], [1, 'invalid_request']);
      const usage = await cli([...provisio.api, 'users', 'list', 'default', '--count', '0']);
      assert.equal(usage.status, 2);
    });
  });

  // SQLite only: backup and restore copy the SQLite database file; PostgreSQL has its own tools for that.
  if (dialect.name === 'sqlite') {
    describe('provisio backup and restore', () => {
      let backupDir: string;
      before(async () => {
        backupDir = await mkdtemp(join(tmpdir(), 'provisio-backup-'));
        await createUser('backed-up');
      });
      after(() => rm(backupDir, { recursive: true, force: true }));

      test('backup copies the live database with progress; a second backup to the same file exits 4', async () => {
        const file = join(backupDir, 'one.db');
        const result = await cli(['backup', file, '--data-dir', provisio.dataDir]);
        assert.equal(result.status, 0, result.stderr);
        assert.match(result.stderr, /backup: 100% \(\d+\/\d+ pages\)/);
        assert.ok(existsSync(file));
        const again = await cli(['--json', 'backup', file, '--data-dir', provisio.dataDir]);
        assert.deepEqual([again.status, again.json.error.code], [4, 'destination_exists']);
        assert.equal((await cli(['backup', file, '--data-dir', provisio.dataDir, '--force'])).status, 0);
      });

      test('restore is refused (exit 4) while the server has the database open', async () => {
        const file = join(backupDir, 'two.db');
        assert.equal((await cli(['backup', file, '--data-dir', provisio.dataDir])).status, 0);
        const result = await cli(['--json', 'restore', file, '--data-dir', provisio.dataDir]);
        assert.deepEqual([result.status, result.json.error.code], [4, 'database_in_use']);
      });

      test('restore into a data directory no server uses brings the users back', async () => {
        const file = join(backupDir, 'three.db');
        assert.equal((await cli(['backup', file, '--data-dir', provisio.dataDir])).status, 0);
        const target = join(backupDir, 'restored');
        const result = await cli(['restore', file, '--data-dir', target]);
        assert.equal(result.status, 0, result.stderr);
        const store = openSqliteStore({ file: join(target, 'provisio.db') });
        try {
          const tenant = await store.tenants.findBySlug('default');
          assert.ok(tenant);
          const page = await store.users.list(tenant.id, { count: 100 });
          assert.ok(page.resources.some((user) => user.resource.userName === 'backed-up'));
        } finally {
          await store.close();
        }
      });

      test('restoring a file that is not a Provisio database exits 4 and leaves the target alone', async () => {
        const file = join(backupDir, 'junk.db');
        await writeFile(file, 'not sqlite at all');
        const result = await cli(['--json', 'restore', file, '--data-dir', join(backupDir, 'untouched')]);
        assert.deepEqual([result.status, result.json.error.code], [4, 'invalid_backup']);
        assert.ok(!existsSync(join(backupDir, 'untouched', 'provisio.db')));
      });
    });
  }

  test('start runs the server from flags and stops on SIGTERM', async (t) => {
    const scratch = await dialect.openScratch();
    t.after(() => scratch.dispose());
    const database = Object.entries(databaseEnv(scratch.location)).flatMap(([env, value]) => [
      flagOf(env),
      value,
    ]);
    const child = spawn(
      process.execPath,
      cliArguments(['start', '--port', '0', ...database, '--log-level', 'silent']),
    );
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /Tenant URL: (\S+)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.on('exit', (code) => reject(new Error(`start exited ${code} before it was ready: ${stdout}`)));
    });
    const health = await fetch(url.replace(/\/scim\/v2$/, '/healthz'));
    assert.equal(health.status, 200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
