/**
 * `provisio tenant delete|restore|rename`, `admin-token list|create|revoke`, `webhook remove`,
 * `activity list`, `directory applications list|create` and `directory assign`, each as its own process
 * against a real server started as in production, in `--json` and human output, with the documented exit
 * statuses. Token lists show the client IP of the last use (the server sees this test's 127.0.0.1).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { forEachDialect, startCliTestServer } from './support/cli-server.js';
import { cli } from './support/run-cli.js';

forEachDialect((dialect) => {
  let origin: string;
  let adminToken: string;
  /** This server and its admin token; {@link api} adds `--json` where the answer is parsed. */
  let base: readonly string[];
  let api: readonly string[];
  let close: () => Promise<void>;

  before(async () => {
    const provisio = await startCliTestServer('provisio-cli-admin-', dialect);
    ({ origin, adminToken, base, api, close } = provisio);
  });
  after(() => close());

  async function scim(method: string, path: string, secret: string, body?: unknown): Promise<number> {
    const response = await fetch(`${origin}/scim/v2${path}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/scim+json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    await response.body?.cancel();
    return response.status;
  }

  /** A new tenant and a SCIM token for it, made through the CLI. */
  async function tenantWithToken(slug: string): Promise<string> {
    assert.equal((await cli([...api, 'tenant', 'create', slug])).status, 0);
    const minted = await cli([...api, 'token', 'create', slug, '--description', 'IdP']);
    assert.equal(minted.status, 0, minted.stderr);
    return minted.json.secret;
  }

  describe('provisio tenant delete|restore|rename', () => {
    test('rename changes the display name, not the slug', async () => {
      await cli([...api, 'tenant', 'create', 'renamed']);
      const renamed = await cli([...api, 'tenant', 'rename', 'renamed', '--name', 'Renamed Ltd']);
      assert.equal(renamed.status, 0, renamed.stderr);
      assert.deepEqual([renamed.json.slug, renamed.json.name], ['renamed', 'Renamed Ltd']);
      const human = await cli([...base, 'tenant', 'rename', 'renamed', '--name', 'Renamed Again']);
      assert.match(human.stdout, /^Tenant renamed \(Renamed Again\): provisioning enabled$/m);
      assert.equal((await cli([...base, 'tenant', 'rename', 'renamed'])).status, 2, 'no --name');
    });

    for (const [title, confirm] of [
      ['without --confirm', []],
      ['with another slug', ['--confirm', 'other']],
    ] as const) {
      test(`delete ${title} is a usage error that names the flag, and sends nothing`, async () => {
        const slug = `unconfirmed-${confirm.length}`;
        const secret = await tenantWithToken(slug);
        for (const purge of [[], ['--purge']]) {
          const refused = await cli([...base, 'tenant', 'delete', slug, ...purge, ...confirm]);
          assert.equal(refused.status, 2, refused.stderr);
          assert.ok(refused.stderr.includes(`--confirm ${slug}`), refused.stderr);
        }
        const json = await cli([...api, 'tenant', 'delete', slug, ...confirm]);
        assert.equal(json.json.error.code, 'usage');
        assert.equal(await scim('GET', '/Users', secret), 200, 'the tenant is untouched');
      });
    }

    test('delete soft-deletes, restore brings back, --purge on a deleted tenant removes it', async () => {
      const secret = await tenantWithToken('doomed');
      const deleted = await cli([...api, 'tenant', 'delete', 'doomed', '--confirm', 'doomed']);
      assert.equal(deleted.status, 0, deleted.stderr);
      assert.ok(deleted.json.deletedAt, deleted.stdout);
      assert.equal(await scim('GET', '/Users', secret), 401);

      const restored = await cli([...base, 'tenant', 'restore', 'doomed']);
      assert.equal(restored.status, 0, restored.stderr);
      assert.match(restored.stdout, /^Tenant doomed \(doomed\): provisioning enabled$/m);
      assert.equal(await scim('GET', '/Users', secret), 200);
      const notDeleted = await cli([...api, 'tenant', 'restore', 'doomed']);
      assert.equal(notDeleted.status, 1);
      assert.equal(notDeleted.json.error.code, 'conflict');

      const live = await cli([...api, 'tenant', 'delete', 'doomed', '--purge', '--confirm', 'doomed']);
      assert.equal(live.status, 1, 'a live tenant is soft-deleted first');
      assert.equal(live.json.error.code, 'conflict');

      const human = await cli([...base, 'tenant', 'delete', 'doomed', '--confirm', 'doomed']);
      assert.match(human.stdout, /^Tenant doomed \(doomed\): deleted at \S+$/m);
      assert.match(human.stdout, /provisio tenant restore doomed/);
      const purged = await cli([...base, 'tenant', 'delete', 'doomed', '--purge', '--confirm', 'doomed']);
      assert.equal(purged.status, 0, purged.stderr);
      assert.equal(purged.stdout, 'Purged tenant doomed and all its data.\n');
      const gone = await cli([...api, 'tenant', 'show', 'doomed']);
      assert.equal(gone.status, 1);
      assert.equal(gone.json.error.code, 'not_found');
    });
  });

  describe('provisio admin-token', () => {
    test('create shows the secret once; the token works, is listed with its last client IP, and revoke ends it', async () => {
      const created = await cli([...api, 'admin-token', 'create', '--description', 'nightly script']);
      assert.equal(created.status, 0, created.stderr);
      assert.match(created.json.secret, /^pva_/);
      const script = ['--url', origin, '--token', created.json.secret];

      const listed = await cli([...script, '--json', 'admin-token', 'list']);
      assert.equal(listed.status, 0, listed.stderr);
      const own = listed.json.tokens.find((t: { id: string }) => t.id === created.json.id);
      assert.equal(own.lastClientIp, '127.0.0.1');
      assert.ok(own.lastUsedAt);
      assert.ok(!listed.stdout.includes(created.json.secret), 'the secret was listed');

      const human = await cli([...base, 'admin-token', 'list']);
      assert.match(
        human.stdout,
        /^ID\s+PREFIX\s+STATUS\s+CREATED\s+LAST USED\s+LAST CLIENT IP\s+EXPIRES\s+DESCRIPTION$/m,
      );
      assert.match(
        human.stdout,
        new RegExp(`^${created.json.id}\\s.*\\s127\\.0\\.0\\.1\\s+-\\s+nightly script$`, 'm'),
      );

      const revoked = await cli([...base, 'admin-token', 'revoke', created.json.id]);
      assert.equal(revoked.status, 0, revoked.stderr);
      assert.equal(revoked.stdout, `Revoked admin token ${created.json.id} (${created.json.prefix}…).\n`);
      const refused = await cli([...script, '--json', 'tenant', 'list']);
      assert.equal(refused.status, 1);
      assert.equal(refused.json.error.code, 'unauthorized');
      const unknown = await cli([...api, 'admin-token', 'revoke', 'no-such-id']);
      assert.equal(unknown.json.error.code, 'not_found');
    });

    test('token list shows the client IP of the last SCIM use', async () => {
      const secret = await tenantWithToken('watched');
      assert.equal(await scim('GET', '/Users', secret), 200);
      const listed = await cli([...api, 'token', 'list', 'watched']);
      assert.equal(listed.json.tokens[0].lastClientIp, '127.0.0.1');
      const human = await cli([...base, 'token', 'list', 'watched']);
      assert.match(human.stdout, /\sLAST USED\s+LAST CLIENT IP\s/);
      assert.match(human.stdout, /\s127\.0\.0\.1\s/);
    });
  });

  describe('provisio webhook remove', () => {
    test('remove deletes the webhook; removing it again is not found', async () => {
      const added = await cli([...api, 'webhook', 'add', 'default', 'http://127.0.0.1:9/hook']);
      assert.equal(added.status, 0, added.stderr);
      const removed = await cli([...base, 'webhook', 'remove', 'default', added.json.id]);
      assert.equal(removed.status, 0, removed.stderr);
      assert.equal(removed.stdout, `Removed webhook ${added.json.id}.\n`);
      const listed = await cli([...api, 'webhook', 'list', 'default']);
      assert.ok(!listed.json.webhooks.some((w: { id: string }) => w.id === added.json.id));
      const again = await cli([...api, 'webhook', 'remove', 'default', added.json.id]);
      assert.equal(again.status, 1);
      assert.equal(again.json.error.code, 'not_found');
    });
  });

  describe('provisio activity list', () => {
    test('lists SCIM requests newest first, filtered, a page at a time', async () => {
      const secret = await tenantWithToken('audited');
      assert.equal(await scim('GET', '/Users', secret), 200);
      assert.equal(await scim('POST', '/Users', secret, { schemas: [], userName: 'x' }), 400);
      assert.equal(await scim('GET', '/Groups', secret), 200);

      const all = await cli([...api, 'activity', 'list', 'audited']);
      assert.equal(all.status, 0, all.stderr);
      assert.deepEqual(
        all.json.entries.map((e: { method: string; path: string; status: number }) => [
          e.method,
          e.path,
          e.status,
        ]),
        [
          ['GET', '/scim/v2/Groups', 200],
          ['POST', '/scim/v2/Users', 400],
          ['GET', '/scim/v2/Users', 200],
        ],
      );
      const failed = await cli([
        ...api,
        'activity',
        'list',
        'audited',
        '--method',
        'POST',
        '--status',
        '400',
      ]);
      assert.deepEqual(
        failed.json.entries.map((e: { path: string }) => e.path),
        ['/scim/v2/Users'],
      );
      const none = await cli([...api, 'activity', 'list', 'audited', '--until', '2000-01-01T00:00:00Z']);
      assert.deepEqual(none.json.entries, []);

      const first = await cli([...base, 'activity', 'list', 'audited', '--limit', '2']);
      assert.equal(first.status, 0, first.stderr);
      assert.match(first.stdout, /^TIME\s+METHOD\s+STATUS\s+MS\s+PATH\s+TOKEN\s+CLIENT IP$/m);
      assert.match(
        first.stdout,
        /\sPOST\s+400 invalidSyntax\s+\S+\s+\/scim\/v2\/Users\s+\S+\s+127\.0\.0\.1$/m,
      );
      const [, cursor] = /^More: --cursor (\S+)$/m.exec(first.stdout) ?? assert.fail(first.stdout);
      const rest = await cli([...api, 'activity', 'list', 'audited', '--limit', '2', '--cursor', cursor!]);
      assert.deepEqual(
        rest.json.entries.map((e: { path: string }) => e.path),
        ['/scim/v2/Users'],
      );
      assert.equal(rest.json.nextCursor, undefined);
    });

    for (const [title, args] of [
      ['a status that is not one', ['--status', '99']],
      ['a limit over 1000', ['--limit', '1001']],
    ] as const) {
      test(`usage error exits 2: ${title}`, async () => {
        const result = await cli([...base, 'activity', 'list', 'default', ...args]);
        assert.equal(result.status, 2, result.stderr);
      });
    }

    test('a bad --since is refused by the server (exit 1)', async () => {
      const result = await cli([...api, 'activity', 'list', 'default', '--since', 'yesterday']);
      assert.equal(result.status, 1, result.stderr);
      assert.equal(result.json.error.code, 'invalid_request');
    });
  });

  describe('provisio directory applications and assign', () => {
    async function directoryUser(userPrincipalName: string): Promise<string> {
      const response = await fetch(`${origin}/admin/api/directory/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ userPrincipalName, displayName: userPrincipalName }),
      });
      const body = (await response.json()) as { objectId: string };
      assert.equal(response.status, 201, JSON.stringify(body));
      return body.objectId;
    }

    test('create with roles, list, then assign by role value, by default, and refuse an unknown role', async () => {
      const created = await cli([
        ...api,
        'directory',
        'applications',
        'create',
        'Proware',
        '--role',
        'Admin',
        '--role',
        'Reader',
      ]);
      assert.equal(created.status, 0, created.stderr);
      const roles = created.json.appRoles as { id: string; value: string; isDefaultAccess: boolean }[];
      assert.deepEqual(
        roles.filter((r) => !r.isDefaultAccess).map((r) => r.value),
        ['Admin', 'Reader'],
      );
      const admin = roles.find((r) => r.value === 'Admin')!;
      const defaultAccess = roles.find((r) => r.isDefaultAccess)!;

      const listed = await cli([...base, 'directory', 'applications', 'list']);
      assert.equal(listed.status, 0, listed.stderr);
      assert.match(listed.stdout, /^ID\s+NAME\s+CREATED\s+APP ROLES$/m);
      assert.match(
        listed.stdout,
        new RegExp(`^${created.json.id}\\s+Proware\\s+\\S+\\s+.*Admin, Reader$`, 'm'),
      );

      const ada = await directoryUser('ada@contoso.com');
      const assigned = await cli([...api, 'directory', 'assign', created.json.id, ada, '--role', 'Admin']);
      assert.equal(assigned.status, 0, assigned.stderr);
      assert.deepEqual(
        [assigned.json.appRoleId, assigned.json.principalId, assigned.json.principalType],
        [admin.id, ada, 'User'],
      );

      const grace = await directoryUser('grace@contoso.com');
      const human = await cli([...base, 'directory', 'assign', created.json.id, grace]);
      assert.equal(human.status, 0, human.stderr);
      assert.match(
        human.stdout,
        new RegExp(
          `^Assigned User ${grace} to application ${created.json.id} \\(app role ${defaultAccess.id}\\)`,
        ),
      );

      const unknownRole = await cli([
        ...base,
        'directory',
        'assign',
        created.json.id,
        grace,
        '--role',
        'Owner',
      ]);
      assert.equal(unknownRole.status, 2);
      assert.match(unknownRole.stderr, /no app role "Owner"; its roles: Admin, Reader/);
      const unknownApp = await cli([...api, 'directory', 'assign', 'no-such-app', grace]);
      assert.equal(unknownApp.status, 1);
      assert.equal(unknownApp.json.error.code, 'not_found');
    });
  });
});
