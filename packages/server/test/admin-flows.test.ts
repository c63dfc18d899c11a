/**
 * Admin API flows that span requests: a secret is shown once, revocation and rotation take effect on the
 * SCIM API, disabling a tenant makes SCIM answer 403, and the first start's admin credentials work.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseConfig, startServer } from '@provisio/server';
import { openSqliteStore, verifyPassword } from '@provisio/store';
import { type TestServer, forEachServerDialect, send, startTestServer } from './support/test-server.js';

forEachServerDialect((dialect) => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({}, { dialect });
  });
  after(() => server.close());

  let tenants = 0;
  /** A tenant made through the API, and a `scim` token minted for it the same way. */
  async function tenantWithToken() {
    const slug = `flow-${++tenants}-${process.pid}`;
    const created = await server.admin('POST', '/tenants', { name: `Flow ${tenants}`, slug });
    assert.equal(created.status, 201, created.text);
    const minted = await server.admin('POST', `/tenants/${slug}/tokens`, {
      description: 'IdP',
      scope: 'scim',
    });
    assert.equal(minted.status, 201, minted.text);
    return { slug, urls: created.body.tenantUrls, token: minted.body };
  }

  const scimStatus = async (url: string, secret: string) =>
    (await send('GET', `${url}/Users`, { token: secret })).status;

  describe('admin API flows', () => {
    test('a minted token works on both Tenant URLs and its secret is never shown again', async () => {
      const { slug, urls, token } = await tenantWithToken();
      assert.equal(await scimStatus(urls.byToken, token.secret), 200);
      assert.equal(await scimStatus(urls.bySlug, token.secret), 200);
      const reads = [
        await server.admin('GET', `/tenants/${slug}/tokens`),
        await server.admin('GET', `/tenants/${slug}`),
        await server.admin('GET', '/tenants'),
      ];
      for (const read of reads) {
        assert.equal(read.status, 200);
        assert.ok(!read.text.includes(token.secret), `the secret was shown again: ${read.text}`);
      }
      const [listed] = reads[0]!.body.tokens;
      assert.equal(listed.prefix, token.secret.slice(0, 8));
      assert.ok(listed.lastUsedAt, 'the SCIM calls were recorded as a use');
    });

    test('GET /tenants lists every tenant by slug', async () => {
      const { slug } = await tenantWithToken();
      const listed = await server.admin('GET', '/tenants');
      const slugs = listed.body.tenants.map((t: { slug: string }) => t.slug);
      assert.ok(slugs.includes(slug), slugs.join());
      assert.deepEqual(slugs, [...slugs].sort());
    });

    test('revoking a token makes SCIM answer 401 at once', async () => {
      const { slug, urls, token } = await tenantWithToken();
      assert.equal((await server.admin('POST', `/tenants/${slug}/tokens/${token.id}/revoke`)).status, 200);
      assert.equal(await scimStatus(urls.byToken, token.secret), 401);
      const again = await server.admin('POST', `/tenants/${slug}/tokens/${token.id}/rotate`, {
        overlapSeconds: 60,
      });
      assert.equal(again.status, 409, 'a revoked token cannot be rotated');
      assert.equal(again.body.error.code, 'conflict');
    });

    test('rotating with an overlap: both secrets work until the overlap ends', async () => {
      const { slug, urls, token } = await tenantWithToken();
      const before = Date.now();
      const rotated = await server.admin('POST', `/tenants/${slug}/tokens/${token.id}/rotate`, {
        overlapSeconds: 3600,
      });
      assert.equal(rotated.status, 201, rotated.text);
      assert.match(rotated.body.secret, /^prv_/);
      assert.notEqual(rotated.body.id, token.id);
      assert.deepEqual([rotated.body.description, rotated.body.scope], ['IdP', 'scim']);
      assert.equal(rotated.body.replaced.id, token.id);
      const ends = Date.parse(rotated.body.replaced.expiresAt);
      assert.ok(ends >= before + 3600_000 && ends <= Date.now() + 3600_000, rotated.body.replaced.expiresAt);
      assert.equal(await scimStatus(urls.byToken, token.secret), 200);
      assert.equal(await scimStatus(urls.byToken, rotated.body.secret), 200);
    });

    test('rotating with no overlap retires the old secret at once', async () => {
      const { slug, urls, token } = await tenantWithToken();
      const rotated = await server.admin('POST', `/tenants/${slug}/tokens/${token.id}/rotate`, {
        overlapSeconds: 0,
      });
      assert.equal(rotated.status, 201, rotated.text);
      assert.equal(await scimStatus(urls.byToken, token.secret), 401);
      assert.equal(await scimStatus(urls.byToken, rotated.body.secret), 200);
      const listed = await server.admin('GET', `/tenants/${slug}/tokens`);
      assert.deepEqual(
        listed.body.tokens.map((t: { id: string; status: string }) => [t.id, t.status]),
        [
          [token.id, 'expired'],
          [rotated.body.id, 'active'],
        ],
      );
    });

    test('disabling a tenant makes SCIM answer 403; enabling it restores service', async () => {
      const { slug, urls, token } = await tenantWithToken();
      const disabled = await server.admin('PATCH', `/tenants/${slug}`, { provisioningEnabled: false });
      assert.equal(disabled.body.provisioningEnabled, false);
      assert.equal(await scimStatus(urls.byToken, token.secret), 403);
      assert.equal(await scimStatus(urls.bySlug, token.secret), 403);
      await server.admin('PATCH', `/tenants/${slug}`, { provisioningEnabled: true });
      assert.equal(await scimStatus(urls.byToken, token.secret), 200);
    });
  });
});

// The first start runs the real composition root on its configured store (SQLite here).
test('the first start creates an admin whose API token works and whose password is stored hashed', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'provisio-admin-start-'));
  const config = parseConfig({ PROVISIO_PORT: '0', PROVISIO_DATA_DIR: dataDir });
  try {
    const lines: string[] = [];
    const first = await startServer(config, { print: (line) => lines.push(line) });
    const banner = lines.join('\n');
    const password = /Admin one-time password: (\S+)/.exec(banner)?.[1];
    const apiToken = /Admin API token: (pva_\S+)/.exec(banner)?.[1];
    assert.ok(password && apiToken, banner);
    const origin = first.tenantUrl.replace(/\/scim\/v2$/, '');
    const listed = await send('GET', `${origin}/admin/api/tenants`, { token: apiToken });
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.tenants.map((t: { slug: string }) => t.slug),
      ['default'],
    );
    await first.close();

    const store = openSqliteStore({ file: join(dataDir, 'provisio.db') });
    const [account] = await store.admins.list();
    await store.close();
    assert.equal(account?.username, 'admin');
    assert.ok(account.mustChangePassword);
    assert.notEqual(account.passwordHash, password);
    assert.ok(await verifyPassword(password, account.passwordHash));

    const again: string[] = [];
    const second = await startServer(config, { print: (line) => again.push(line) });
    await second.close();
    assert.ok(!again.join('\n').includes(password) && !again.join('\n').includes(apiToken));
    assert.doesNotMatch(again.join('\n'), /Admin/);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
