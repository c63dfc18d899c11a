/** Runs the admin API cases (cases/admin.cases.ts) against a real server, each with a fresh tenant. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashTokenSecret } from '@provisio/store';
import {
  ADMIN_TOKEN_CASES,
  AUTH_CASES,
  type AdminAuth,
  type AdminCase,
  READ_CASES,
  SESSION_CASES,
  TENANT_CASES,
  TENANT_DELETION_CASES,
  TOKEN_CASES,
} from './cases/admin.cases.js';
import { assertAbsent, assertSubset, substitute } from './support/expect.js';
import { type TestServer, forEachServerDialect, startTestServer } from './support/test-server.js';

forEachServerDialect((dialect) => {
  let server: TestServer;
  let adminToken: string;
  let otherSlug: string;
  let unique = 0;
  before(async () => {
    server = await startTestServer({}, { dialect });
    adminToken = await server.adminToken();
    otherSlug = (await server.tenant()).tenant.slug;
  });
  after(() => server.close());

  /** The string at a dotted path of `body`. */
  function at(body: unknown, path: string): unknown {
    return path
      .split('.')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], body);
  }

  /** A second admin token, then revoked or backdated, for the cases that need a dead one. */
  async function deadAdminToken(kind: 'revoked' | 'expired'): Promise<string> {
    const secret = await server.adminToken();
    const token = (await server.store.adminTokens.findByHash(hashTokenSecret(secret)))!;
    if (kind === 'revoked') await server.store.adminTokens.revoke(token.adminId, token.id);
    else
      await server.store.adminTokens.create(token.adminId, {
        description: 'expired',
        prefix: 'pva_xxxx',
        hash: hashTokenSecret(`${secret}-expired`),
        expires: new Date(Date.now() - 1000).toISOString(),
      });
    return kind === 'revoked' ? secret : `${secret}-expired`;
  }

  async function credential(auth: AdminAuth, scimSecret: string): Promise<string | null> {
    switch (auth) {
      case 'admin':
        return adminToken;
      case 'none':
        return null;
      case 'garbage':
        return 'pva_not-a-token';
      case 'scim':
        return scimSecret;
      case 'revokedAdmin':
        return deadAdminToken('revoked');
      case 'expiredAdmin':
        return deadAdminToken('expired');
    }
  }

  async function run(c: AdminCase): Promise<void> {
    const tenant = await server.tenant();
    const [token] = await server.store.tokens.list(tenant.tenant.id);
    const values = {
      slug: tenant.tenant.slug,
      otherSlug,
      tokenId: token!.id,
      origin: server.origin,
      unique: `${++unique}`,
    };
    const response = await server.request(c.method, substitute(c.path, values), {
      token: await credential(c.auth ?? 'admin', tenant.secret),
      ...(c.body === undefined
        ? {}
        : { body: substitute(c.body, values), headers: { 'content-type': 'application/json' } }),
    });
    assert.equal(response.status, c.status, response.text);
    if (c.expect !== undefined) assertSubset(response.body, substitute(c.expect, values));
    for (const path of c.absent ?? []) assertAbsent(response.body, path);
    for (const [path, pattern] of Object.entries(c.matches ?? {}))
      assert.match(String(at(response.body, path)), pattern, path);
    if (c.wwwAuthenticate !== undefined)
      assert.equal(response.headers.get('www-authenticate'), c.wwwAuthenticate);
    if (c.status >= 400 && c.path.startsWith('/admin/'))
      assert.equal(typeof response.body.error.message, 'string');
  }

  for (const [name, cases] of [
    ['admin API authentication', AUTH_CASES],
    ['admin API tenants', TENANT_CASES],
    ['admin API tokens', TOKEN_CASES],
    ['admin API tenant deletion', TENANT_DELETION_CASES],
    ['admin API admin tokens', ADMIN_TOKEN_CASES],
    ['admin API console session', SESSION_CASES],
    ['admin API tenant reads', READ_CASES],
  ] as const) {
    describe(name, () => {
      for (const c of cases) test(c.title, () => run(c));
    });
  }
});
