/**
 * OAuth 2.0 client credentials against a real server (issue 5, Entra A1): the admin API mints a client,
 * `/oauth/token` issues an access token (HTTP Basic or form credentials), SCIM accepts it for the client's
 * tenant only, and expired, revoked, forged and foreign-tenant tokens are refused. RFC 6749 §5.2 errors
 * are a data table.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '@provisio/server';
import { SignJWT } from 'jose';
import {
  type TestResponse,
  type TestServer,
  type TestTenant,
  USER_SCHEMA,
  forEachServerDialect,
  send,
  startTestServer,
} from './support/test-server.js';

const PUBLIC_URL = 'http://provisio.test';

forEachServerDialect((dialect) => {
  let server: TestServer;
  before(async () => {
    // A fixed public URL is the issuer every process on the database agrees on (see the two-process test).
    server = await startTestServer({ PROVISIO_PUBLIC_URL: PUBLIC_URL }, { dialect });
  });
  after(() => server.close());

  interface Client {
    readonly clientId: string;
    readonly clientSecret: string;
  }

  async function createClient(tenant: TestTenant, scope?: string): Promise<Client> {
    const created = await server.admin('POST', `/tenants/${tenant.tenant.slug}/oauth-clients`, {
      description: 'Entra ID',
      ...(scope === undefined ? {} : { scope }),
    });
    assert.equal(created.status, 201, created.text);
    return created.body;
  }

  function basic(id: string, secret: string): string {
    return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
  }

  function tokenRequest(form: string, headers: Record<string, string> = {}): Promise<TestResponse> {
    return send('POST', `${server.origin}/oauth/token`, {
      body: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  }

  async function accessToken(client: Client, scope?: string): Promise<string> {
    const form = `grant_type=client_credentials${scope ? `&scope=${encodeURIComponent(scope)}` : ''}`;
    const answer = await tokenRequest(form, { authorization: basic(client.clientId, client.clientSecret) });
    assert.equal(answer.status, 200, answer.text);
    return answer.body.access_token;
  }

  describe('issuing and using an access token', () => {
    let tenant: TestTenant;
    let client: Client;
    before(async () => {
      tenant = await server.tenant();
      client = await createClient(tenant);
    });

    test('the admin API shows the secret once, with the token endpoint; the list never shows it', async () => {
      const fresh = await createClient(tenant, 'scim:read');
      assert.match(fresh.clientSecret, /^pvs_/);
      const listed = await server.admin('GET', `/tenants/${tenant.tenant.slug}/oauth-clients`);
      assert.equal(listed.status, 200);
      const entry = listed.body.clients.find((c: Client) => c.clientId === fresh.clientId);
      assert.deepEqual(
        { ...entry, createdAt: undefined },
        {
          clientId: fresh.clientId,
          description: 'Entra ID',
          scope: 'scim:read',
          status: 'active',
          createdAt: undefined,
        },
      );
      assert.ok(!listed.text.includes(fresh.clientSecret));
    });

    test('HTTP Basic credentials get a Bearer token for one hour, never cached (RFC 6749 §5.1)', async () => {
      const answer = await tokenRequest('grant_type=client_credentials', {
        authorization: basic(client.clientId, client.clientSecret),
      });
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.headers.get('cache-control'), 'no-store');
      assert.deepEqual(
        { ...answer.body, access_token: typeof answer.body.access_token },
        { access_token: 'string', token_type: 'Bearer', expires_in: 3600, scope: 'scim' },
      );
      const [, payload] = (answer.body.access_token as string).split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
      assert.deepEqual(
        {
          iss: claims.iss,
          aud: claims.aud,
          sub: claims.sub,
          scope: claims.scope,
          lifetime: claims.exp - claims.iat,
        },
        { iss: PUBLIC_URL, aud: tenant.tenant.id, sub: client.clientId, scope: 'scim', lifetime: 3600 },
      );
      assert.equal(typeof claims.jti, 'string');
    });

    test('the token reads and writes SCIM on both Tenant URL forms; Entra-style form credentials work too', async () => {
      const form = `grant_type=client_credentials&client_id=${client.clientId}&client_secret=${encodeURIComponent(client.clientSecret)}&resource=${encodeURIComponent('https://example.com')}`;
      const answer = await tokenRequest(form);
      assert.equal(answer.status, 200, answer.text);
      const token = answer.body.access_token;
      const created = await tenant.scim('POST', '/Users', {
        token,
        body: { schemas: [USER_SCHEMA], userName: 'oauth-user' },
      });
      assert.equal(created.status, 201, created.text);
      const bySlug = await send('GET', `${tenant.slugUrl}/Users/${created.body.id}`, { token });
      assert.equal(bySlug.status, 200, bySlug.text);
    });

    test('a scim:read grant only queries; asking for more than the client holds is invalid_scope', async () => {
      const readOnly = await accessToken(client, 'scim:read');
      assert.equal((await tenant.scim('GET', '/Users', { token: readOnly })).status, 200);
      const write = await tenant.scim('POST', '/Users', {
        token: readOnly,
        body: { schemas: [USER_SCHEMA], userName: 'refused' },
      });
      assert.equal(write.status, 403);
      const readClient = await createClient(tenant, 'scim:read');
      const refused = await tokenRequest('grant_type=client_credentials&scope=scim', {
        authorization: basic(readClient.clientId, readClient.clientSecret),
      });
      assert.deepEqual([refused.status, refused.body.error], [400, 'invalid_scope']);
    });

    test('/ServiceProviderConfig advertises the client credentials scheme only for a tenant with a client', async () => {
      const config = await tenant.scim('GET', '/ServiceProviderConfig');
      const schemes = config.body.authenticationSchemes;
      assert.deepEqual(
        schemes.map((s: { type: string; primary: boolean }) => [s.type, s.primary]),
        [
          ['oauthbearertoken', true],
          ['oauthbearertoken', false],
        ],
      );
      assert.match(schemes[1].description, /http:\/\/provisio\.test\/oauth\/token/);
      const other = await server.tenant();
      const plain = await other.scim('GET', '/ServiceProviderConfig');
      assert.equal(plain.body.authenticationSchemes.length, 1);
    });
  });

  describe('refused access tokens', () => {
    let tenant: TestTenant;
    let client: Client;
    before(async () => {
      tenant = await server.tenant();
      client = await createClient(tenant);
    });

    /** A token signed with the server's real current key, with claims of the test's choosing. */
    async function forge(claims: {
      aud?: string;
      sub?: string;
      exp?: number;
      iss?: string;
    }): Promise<string> {
      const key = await server.store.signingKeys.current('1970-01-01T00:00:00.000Z');
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ scope: 'scim' })
        .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'at+jwt' })
        .setIssuer(claims.iss ?? PUBLIC_URL)
        .setAudience(claims.aud ?? tenant.tenant.id)
        .setSubject(claims.sub ?? client.clientId)
        .setIssuedAt(now - 7200)
        .setExpirationTime(claims.exp ?? now + 600)
        .setJti('forged')
        .sign(Buffer.from(key.secret, 'base64url'));
    }

    test('a well-formed token of the right key is accepted (the forge itself is sound)', async () => {
      assert.equal((await tenant.scim('GET', '/Users', { token: await forge({}) })).status, 200);
    });

    const cases: readonly {
      readonly title: string;
      readonly token: () => Promise<string>;
      readonly detail: RegExp;
    }[] = [
      {
        title: 'expired',
        token: () => forge({ exp: Math.floor(Date.now() / 1000) - 60 }),
        detail: /expired/,
      },
      { title: 'another issuer', token: () => forge({ iss: 'http://elsewhere.test' }), detail: /not valid/ },
      {
        title: 'audience of another tenant than the client',
        token: async () => forge({ aud: (await server.tenant()).tenant.id }),
        detail: /not valid/,
      },
      { title: 'unknown client', token: () => forge({ sub: 'no-such-client' }), detail: /not valid/ },
      {
        title: 'signature tampered with',
        token: async () => {
          const [header, payload, signature] = (await accessToken(client)).split('.');
          const flipped = `${signature![0] === 'A' ? 'B' : 'A'}${signature!.slice(1)}`;
          return `${header}.${payload}.${flipped}`;
        },
        detail: /not valid/,
      },
    ];
    for (const { title, token, detail } of cases) {
      test(`${title} → 401 invalid_token`, async () => {
        const answer = await tenant.scim('GET', '/Users', { token: await token() });
        assert.equal(answer.status, 401, answer.text);
        assert.match(answer.body.detail, detail);
        assert.match(answer.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
      });
    }

    test("a token used under another tenant's /tenants/:slug URL → 401", async () => {
      const other = await server.tenant();
      const answer = await send('GET', `${other.slugUrl}/Users`, { token: await accessToken(client) });
      assert.equal(answer.status, 401);
    });

    test('revoking the client refuses its tokens already issued, and new ones', async () => {
      const revocable = await createClient(tenant);
      const token = await accessToken(revocable);
      assert.equal((await tenant.scim('GET', '/Users', { token })).status, 200);
      const revoked = await server.admin(
        'POST',
        `/tenants/${tenant.tenant.slug}/oauth-clients/${revocable.clientId}/revoke`,
      );
      assert.deepEqual([revoked.status, revoked.body.status], [200, 'revoked']);
      const refused = await tenant.scim('GET', '/Users', { token });
      assert.equal(refused.status, 401);
      assert.match(refused.body.detail, /revoked/);
      const again = await tokenRequest('grant_type=client_credentials', {
        authorization: basic(revocable.clientId, revocable.clientSecret),
      });
      assert.deepEqual([again.status, again.body.error], [401, 'invalid_client']);
    });
  });

  describe('/oauth/token errors (RFC 6749 §5.2)', () => {
    let client: Client;
    before(async () => {
      client = await createClient(await server.tenant());
    });

    const cases: readonly {
      readonly title: string;
      readonly form: (c: Client) => string;
      readonly headers?: (c: Client) => Record<string, string>;
      readonly status: number;
      readonly error: string;
    }[] = [
      { title: 'no grant_type', form: () => '', status: 400, error: 'invalid_request' },
      {
        title: 'grant_type password',
        form: () => 'grant_type=password&username=a&password=b',
        status: 400,
        error: 'unsupported_grant_type',
      },
      {
        title: 'no client authentication',
        form: () => 'grant_type=client_credentials',
        status: 401,
        error: 'invalid_client',
      },
      {
        title: 'wrong secret',
        form: () => 'grant_type=client_credentials',
        headers: (c) => ({ authorization: basic(c.clientId, 'pvs_wrong') }),
        status: 401,
        error: 'invalid_client',
      },
      {
        title: 'unknown client in the body',
        form: (c) => `grant_type=client_credentials&client_id=nobody&client_secret=${c.clientSecret}`,
        status: 401,
        error: 'invalid_client',
      },
      {
        title: 'a Bearer header instead of Basic',
        form: () => 'grant_type=client_credentials',
        headers: (c) => ({ authorization: `Bearer ${c.clientSecret}` }),
        status: 401,
        error: 'invalid_client',
      },
      {
        title: 'secret both in the header and the body',
        form: (c) => `grant_type=client_credentials&client_secret=${c.clientSecret}`,
        headers: (c) => ({ authorization: basic(c.clientId, c.clientSecret) }),
        status: 400,
        error: 'invalid_request',
      },
      {
        title: 'a repeated parameter (§3.2)',
        form: () => 'grant_type=client_credentials&grant_type=client_credentials',
        headers: (c) => ({ authorization: basic(c.clientId, c.clientSecret) }),
        status: 400,
        error: 'invalid_request',
      },
      {
        title: 'a JSON body',
        form: () => '{"grant_type":"client_credentials"}',
        headers: (c) => ({
          authorization: basic(c.clientId, c.clientSecret),
          'content-type': 'application/json',
        }),
        status: 415,
        error: 'invalid_request',
      },
    ];
    for (const { title, form, headers, status, error } of cases) {
      test(`${title} → ${status} ${error}`, async () => {
        const answer = await tokenRequest(form(client), headers?.(client));
        assert.equal(answer.status, status, answer.text);
        assert.equal(answer.body.error, error);
        assert.equal(typeof answer.body.error_description, 'string');
        assert.equal(answer.headers.get('cache-control'), 'no-store');
        if (error === 'invalid_client') assert.match(answer.headers.get('www-authenticate') ?? '', /^Basic /);
      });
    }
  });

  test("a second server with its own connection to the same database accepts the first one's tokens", async (t) => {
    const tenant = await server.tenant();
    const client = await createClient(tenant);
    const token = await accessToken(client);
    const store = await server.openPeerStore();
    const second = buildApp({ store, config: server.config });
    t.after(async () => {
      await second.close();
      await store.close();
    });
    await second.listen({ host: '127.0.0.1', port: 0 });
    const address = second.server.address();
    assert.ok(address && typeof address === 'object');
    const answer = await send('GET', `http://127.0.0.1:${address.port}/scim/v2/Users`, { token });
    assert.equal(answer.status, 200, answer.text);
  });
});
