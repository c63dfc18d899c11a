/**
 * Authentication and tenant isolation (RFC 7644 §2, RFC 6750): bearer tokens, the two URL forms, tokens
 * used across tenants, disabled tenants, rate limits, and credentials kept out of the logs.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { issueToken } from '@provisio/server';
import {
  GROUP_SCHEMA,
  type TestServer,
  type TestTenant,
  USER_SCHEMA,
  forEachServerDialect,
  send,
  startTestServer,
} from './support/test-server.js';

const user = (userName: string) => ({ schemas: [USER_SCHEMA], userName });

function assertUnauthorized(
  response: { status: number; body: { status: string; schemas: string[] }; headers: Headers },
  error?: string,
) {
  assert.equal(response.status, 401);
  assert.equal(response.body.status, '401');
  assert.deepEqual(response.body.schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
  const challenge = error ? `Bearer realm="provisio", error="${error}"` : 'Bearer realm="provisio"';
  assert.equal(response.headers.get('www-authenticate'), challenge);
}

forEachServerDialect((dialect) => {
  describe('bearer tokens (RFC 6750)', () => {
    let server: TestServer;
    let tenant: TestTenant;
    before(async () => {
      server = await startTestServer({}, { dialect });
      tenant = await server.tenant();
    });
    after(() => server.close());

    test('RFC 6750 §3 no Authorization header is 401 with a Bearer challenge', async () => {
      assertUnauthorized(await tenant.scim('GET', '/Users', { token: null }));
    });

    test('RFC 6750 §3.1 an unknown token is 401 invalid_token', async () => {
      assertUnauthorized(await tenant.scim('GET', '/Users', { token: `${tenant.secret}x` }), 'invalid_token');
    });

    test('RFC 6750 §2.1 another scheme (Basic) is 401', async () => {
      const basic = Buffer.from(`user:${tenant.secret}`).toString('base64');
      assertUnauthorized(
        await tenant.scim('GET', '/Users', { headers: { authorization: `Basic ${basic}` } }),
      );
    });

    test('RFC 6750 §2.1 the scheme name is case-insensitive', async () => {
      const response = await tenant.scim('GET', '/Users', {
        headers: { authorization: `bearer ${tenant.secret}` },
      });
      assert.equal(response.status, 200);
    });

    test('RFC 6750 §3.1 a revoked token is 401 invalid_token', async () => {
      const { token, secret } = await issueToken(server.store, tenant.tenant.id, {
        description: 'r',
        scope: 'scim',
      });
      assert.equal((await tenant.scim('GET', '/Users', { token: secret })).status, 200);
      await server.store.tokens.revoke(tenant.tenant.id, token.id);
      assertUnauthorized(await tenant.scim('GET', '/Users', { token: secret }), 'invalid_token');
    });

    test('RFC 6750 §3.1 an expired token is 401 invalid_token', async () => {
      const { secret } = await issueToken(server.store, tenant.tenant.id, {
        description: 'e',
        scope: 'scim',
        expires: new Date(Date.now() - 1000).toISOString(),
      });
      assertUnauthorized(await tenant.scim('GET', '/Users', { token: secret }), 'invalid_token');
    });

    test('RFC 6750 §3.1 a token without the scim scope is 403 insufficient_scope', async () => {
      const { secret } = await issueToken(server.store, tenant.tenant.id, {
        description: 'a',
        scope: 'admin',
      });
      const response = await tenant.scim('GET', '/Users', { token: secret });
      assert.equal(response.status, 403);
      assert.match(response.headers.get('www-authenticate') ?? '', /error="insufficient_scope"/);
    });

    test('a scim:read token may query (GET, POST /.search) but not write', async () => {
      const { secret } = await issueToken(server.store, tenant.tenant.id, {
        description: 'r',
        scope: 'scim:read',
      });
      const read = (method: string, path: string, body?: unknown) =>
        tenant.scim(method, path, { token: secret, ...(body === undefined ? {} : { body }) });
      assert.equal((await read('GET', '/Users')).status, 200);
      const search = await read('POST', '/Users/.search', {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
        filter: 'userName eq "nobody"',
      });
      assert.equal(search.status, 200);
      const write = await read('POST', '/Users', {
        schemas: [USER_SCHEMA],
        userName: 'read-only@example.com',
      });
      assert.equal(write.status, 403);
      assert.match(write.headers.get('www-authenticate') ?? '', /error="insufficient_scope"/);
      assert.match(write.body.detail, /read-only/);
      const users = await tenant.scim(
        'GET',
        `/Users?filter=${encodeURIComponent('userName eq "read-only@example.com"')}`,
      );
      assert.equal(users.body.totalResults, 0, 'the refused write left nothing behind');
    });

    test('a token records when it was last used', async () => {
      const { token, secret } = await issueToken(server.store, tenant.tenant.id, {
        description: 'u',
        scope: 'scim',
      });
      assert.equal(token.lastUsed, undefined);
      await tenant.scim('GET', '/ServiceProviderConfig', { token: secret });
      const used = (await server.store.tokens.list(tenant.tenant.id)).find((t) => t.id === token.id);
      assert.ok(used?.lastUsed);
      // Within the minute the use is already recorded: a read stays a read, with no write to the tokens table.
      server.queries.length = 0;
      await tenant.scim('GET', '/ServiceProviderConfig', { token: secret });
      assert.deepEqual(
        server.queries.filter((sql) => /update\s+"tokens"/i.test(sql)),
        [],
      );
    });

    test('discovery endpoints need a token too', async () => {
      assertUnauthorized(await tenant.scim('GET', '/ServiceProviderConfig', { token: null }));
    });

    test('an unknown route under the mount is still 401 without a token, never 500', async () => {
      assertUnauthorized(await tenant.scim('GET', '/Nothing', { token: null }));
    });
  });

  describe('the two URL forms and tenant isolation', () => {
    let server: TestServer;
    let a: TestTenant;
    let b: TestTenant;
    let aliceId: string;
    before(async () => {
      server = await startTestServer({}, { dialect });
      a = await server.tenant();
      b = await server.tenant();
      aliceId = (await a.scim('POST', '/Users', { body: user('alice') })).body.id;
    });
    after(() => server.close());

    test("/tenants/:slug/scim/v2 serves the token's tenant, with locations under that URL", async () => {
      const response = await send('GET', `${a.slugUrl}/Users/${aliceId}`, { token: a.secret });
      assert.equal(response.status, 200);
      assert.equal(response.body.meta.location, `${a.slugUrl}/Users/${aliceId}`);
      const viaToken = await a.scim('GET', `/Users/${aliceId}`);
      assert.equal(viaToken.body.meta.location, `${a.scimUrl}/Users/${aliceId}`);
    });

    test("another tenant's token on /tenants/:slug is 401", async () => {
      assertUnauthorized(await send('GET', `${a.slugUrl}/Users`, { token: b.secret }), 'invalid_token');
    });

    test('an unknown slug is 401, like a foreign one', async () => {
      assertUnauthorized(
        await send('GET', `${server.origin}/tenants/nobody/scim/v2/Users`, { token: a.secret }),
        'invalid_token',
      );
    });

    test("tenant B cannot read, change or delete tenant A's user by id", async () => {
      assert.equal((await b.scim('GET', `/Users/${aliceId}`)).status, 404);
      const body = {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'add', path: 'nickName', value: 'x' }],
      };
      assert.equal((await b.scim('PATCH', `/Users/${aliceId}`, { body })).status, 404);
      assert.equal((await b.scim('PUT', `/Users/${aliceId}`, { body: user('alice') })).status, 404);
      assert.equal((await b.scim('DELETE', `/Users/${aliceId}`)).status, 404);
      assert.equal((await a.scim('GET', `/Users/${aliceId}`)).body.nickName, undefined);
    });

    test("tenant B's filters and listings never see tenant A's users", async () => {
      const filtered = await b.scim('GET', '/Users?filter=userName+eq+%22alice%22');
      assert.equal(filtered.body.totalResults, 0);
      const all = await b.scim('GET', '/Users');
      assert.equal(all.body.totalResults, 0);
      const root = await b.scim('POST', '/.search', {
        body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'] },
      });
      assert.equal(root.body.totalResults, 0);
    });

    test("tenant B can reuse tenant A's userName", async () => {
      assert.equal((await b.scim('POST', '/Users', { body: user('alice') })).status, 201);
    });

    test("tenant B cannot make tenant A's user a member of its group", async () => {
      const response = await b.scim('POST', '/Groups', {
        body: { schemas: [GROUP_SCHEMA], displayName: 'G', members: [{ value: aliceId }] },
      });
      assert.equal(response.status, 400);
      assert.equal(response.body.scimType, 'invalidValue');
    });

    test('a tenant with provisioning disabled is 403', async () => {
      const c = await server.tenant();
      await server.store.tenants.update(c.tenant.id, { provisioningEnabled: false });
      const response = await c.scim('GET', '/Users');
      assert.equal(response.status, 403);
      assert.equal(response.body.status, '403');
    });
  });

  describe('rate limits and logs', () => {
    test('a tenant over its rate limit gets 429 with Retry-After; other tenants do not', async () => {
      const server = await startTestServer({ PROVISIO_RATE_LIMIT: '3' }, { dialect });
      try {
        const a = await server.tenant();
        const b = await server.tenant();
        const statuses = [];
        for (let i = 0; i < 6; i++) statuses.push((await a.scim('GET', '/Users?count=0')).status);
        assert.ok(statuses.includes(429), `statuses ${statuses}`);
        const limited = await a.scim('GET', '/Users?count=0');
        assert.equal(limited.status, 429);
        assert.equal(limited.body.status, '429');
        assert.match(limited.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
        assert.equal((await b.scim('GET', '/Users?count=0')).status, 200);
      } finally {
        await server.close();
      }
    });

    test('logs are JSON lines with a request id and never contain the bearer token', async () => {
      const lines: string[] = [];
      const sink = new Writable({
        write(chunk, _encoding, done) {
          lines.push(...String(chunk).split('\n').filter(Boolean));
          done();
        },
      });
      const server = await startTestServer({}, { logs: sink, dialect });
      try {
        const tenant = await server.tenant();
        await tenant.scim('GET', '/Users');
        await tenant.scim('POST', '/Users', { body: '{broken' });
        await tenant.scim('GET', '/Users', { token: 'prv_guessed-wrong' });
        const entries = lines.map((line) => JSON.parse(line) as { reqId?: string; msg?: string });
        assert.ok(entries.length >= 6, `${entries.length} log lines`);
        assert.ok(
          entries.filter((e) => e.msg === 'request completed').every((e) => typeof e.reqId === 'string'),
        );
        const all = lines.join('\n');
        assert.ok(!all.includes(tenant.secret), 'the secret leaked into the logs');
        assert.ok(!all.includes('prv_guessed-wrong'), 'a presented token leaked into the logs');
        assert.ok(!/authorization/i.test(all), 'the Authorization header was logged');
      } finally {
        await server.close();
      }
    });
  });
});
