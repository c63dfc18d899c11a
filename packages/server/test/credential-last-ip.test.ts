/**
 * The admin API's credential lists show the client IP of each credential's last recorded use (issue 5),
 * for SCIM tokens, admin tokens and OAuth clients. The IP is written with `lastUsedAt`, at most once a
 * minute: a use from another address within the minute changes nothing (and writes nothing); the first
 * use after it records the new address. Requests come from other loopback addresses (127.0.0.2, .3) so
 * the server sees a real change of client IP.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, test } from 'node:test';
import {
  type TestResponse,
  type TestServer,
  type TestTenant,
  forEachServerDialect,
  startTestServer,
} from './support/test-server.js';

/** One request whose TCP connection starts from `localAddress`, so the server sees that client IP. */
function sendFrom(
  localAddress: string,
  method: string,
  url: string,
  headers: Readonly<Record<string, string>>,
  body?: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers, localAddress }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

interface Listed {
  readonly lastUsedAt?: string;
  readonly lastClientIp?: string;
}

/** A credential under test: how to use it from an address, where the admin API lists it, its table. */
interface Credential {
  readonly table: 'tokens' | 'admin_tokens' | 'oauth_clients';
  readonly id: string;
  use(localAddress: string): Promise<number>;
  listed(): Promise<Listed | undefined>;
}

interface CredentialKind {
  readonly name: string;
  make(server: TestServer, tenant: TestTenant, adminToken: string): Promise<Credential>;
}

const FORM = 'application/x-www-form-urlencoded';

const KINDS: readonly CredentialKind[] = [
  {
    name: 'a SCIM token',
    async make(server, tenant, adminToken) {
      const path = `/admin/api/tenants/${tenant.tenant.slug}/tokens`;
      const minted = await server.request('POST', path, {
        token: adminToken,
        body: { description: 'Entra ID', scope: 'scim' },
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(minted.status, 201, minted.text);
      return {
        table: 'tokens',
        id: minted.body.id,
        use: (from) =>
          sendFrom(from, 'GET', `${tenant.scimUrl}/ServiceProviderConfig`, {
            authorization: `Bearer ${minted.body.secret}`,
          }),
        listed: async () =>
          findById(await server.request('GET', path, { token: adminToken }), 'tokens', 'id', minted.body.id),
      };
    },
  },
  {
    name: 'an admin token',
    async make(server, _tenant, adminToken) {
      const minted = await server.request('POST', '/admin/api/admin-tokens', {
        token: adminToken,
        body: { description: 'a script' },
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(minted.status, 201, minted.text);
      return {
        table: 'admin_tokens',
        id: minted.body.id,
        use: (from) =>
          sendFrom(from, 'GET', `${server.origin}/admin/api/tenants`, {
            authorization: `Bearer ${minted.body.secret}`,
          }),
        listed: async () =>
          findById(
            await server.request('GET', '/admin/api/admin-tokens', { token: adminToken }),
            'tokens',
            'id',
            minted.body.id,
          ),
      };
    },
  },
  {
    name: 'an OAuth client',
    async make(server, tenant, adminToken) {
      const path = `/admin/api/tenants/${tenant.tenant.slug}/oauth-clients`;
      const created = await server.request('POST', path, {
        token: adminToken,
        body: { description: 'Entra ID' },
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(created.status, 201, created.text);
      const { clientId, clientSecret } = created.body;
      const form = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      });
      return {
        table: 'oauth_clients',
        id: clientId,
        use: (from) =>
          sendFrom(from, 'POST', `${server.origin}/oauth/token`, { 'content-type': FORM }, String(form)),
        listed: async () =>
          findById(await server.request('GET', path, { token: adminToken }), 'clients', 'clientId', clientId),
      };
    },
  },
];

function findById(answer: TestResponse, list: string, key: string, id: string): Listed | undefined {
  assert.equal(answer.status, 200, answer.text);
  return (answer.body[list] as Record<string, string>[]).find((item) => item[key] === id);
}

forEachServerDialect((dialect) => {
  let server: TestServer;
  let tenant: TestTenant;
  let adminToken: string;
  before(async () => {
    server = await startTestServer({}, { dialect });
    tenant = await server.tenant();
    adminToken = await server.adminToken();
  });
  after(() => server.close());

  for (const kind of KINDS) {
    test(`${kind.name}: listed with the client IP of its last recorded use`, async () => {
      const credential = await kind.make(server, tenant, adminToken);
      const fresh = await credential.listed();
      assert.deepEqual([fresh?.lastUsedAt, fresh?.lastClientIp], [undefined, undefined]);

      assert.equal(await credential.use('127.0.0.2'), 200);
      const first = await credential.listed();
      assert.ok(first?.lastUsedAt);
      assert.equal(first.lastClientIp, '127.0.0.2');

      // Within the minute another address changes nothing, and the request writes nothing.
      server.queries.length = 0;
      assert.equal(await credential.use('127.0.0.3'), 200);
      const updates = new RegExp(`update\\s+"${credential.table}"`, 'i');
      assert.deepEqual(
        server.queries.filter((sql) => updates.test(sql)),
        [],
      );
      assert.deepEqual(await credential.listed(), first);

      // A minute on, the next use records the new address with its time.
      const minuteAgo = new Date(Date.now() - 61_000).toISOString();
      await server.store.kysely
        .updateTable(credential.table)
        .set({ last_used: minuteAgo })
        .where('id', '=', credential.id)
        .execute();
      assert.equal(await credential.use('127.0.0.3'), 200);
      const later = await credential.listed();
      assert.equal(later?.lastClientIp, '127.0.0.3');
      assert.ok(later?.lastUsedAt && later.lastUsedAt > minuteAgo);
    });
  }
});
