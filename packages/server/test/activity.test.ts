/**
 * The activity log against a real server (issue 5): each SCIM request becomes one entry (time, token,
 * method, path, resource id, status, scimType, duration, client IP; never a body), written in batches and
 * read back through `GET /admin/api/tenants/:slug/activity` with filters and keyset paging.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { issueToken } from '@provisio/server';
import {
  type TestResponse,
  type TestServer,
  type TestTenant,
  USER_SCHEMA,
  forEachServerDialect,
  startTestServer,
} from './support/test-server.js';

forEachServerDialect((dialect) => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({}, { dialect });
  });
  after(() => server.close());

  function activity(tenant: TestTenant, query = ''): Promise<TestResponse> {
    return server.admin('GET', `/tenants/${tenant.tenant.slug}/activity${query}`);
  }

  /** Entries are written in batches every ~200 ms: wait until `count` have arrived (or give up after 10 s). */
  async function entriesOf(tenant: TestTenant, count: number) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const answer = await activity(tenant, '?limit=1000');
      assert.equal(answer.status, 200, answer.text);
      if (answer.body.entries.length >= count) return answer.body.entries;
      await sleep(100);
    }
    assert.fail(`fewer than ${count} activity entries arrived`);
  }

  describe("a tenant's requests, as the log records them", () => {
    let tenant: TestTenant;
    let userId: string;
    let tokenId: string;
    // biome-ignore lint/suspicious/noExplicitAny: entries are read as JSON.
    let entries: any[];
    before(async () => {
      tenant = await server.tenant();
      const [token] = await server.store.tokens.list(tenant.tenant.id);
      tokenId = token?.id ?? assert.fail('the test tenant has no token');
      const created = await tenant.scim('POST', '/Users', {
        body: { schemas: [USER_SCHEMA], userName: 'secret-keeper', password: 'Pa55word!never-logged' },
      });
      assert.equal(created.status, 201, created.text);
      userId = created.body.id;
      assert.equal((await tenant.scim('GET', `/Users/${userId}`)).status, 200);
      const filter = encodeURIComponent('userName eq "secret-keeper" and');
      assert.equal((await tenant.scim('GET', `/Users?filter=${filter}`)).status, 400);
      assert.equal((await tenant.scim('DELETE', `/Users/${userId}`)).status, 204);
      entries = await entriesOf(tenant, 4);
    });

    test('one entry per request, newest first, with the resource id from the route or the Location', () => {
      assert.deepEqual(
        entries.map((e) => [e.method, e.path, e.resourceId, e.status, e.scimType, e.tokenId, e.clientIp]),
        [
          ['DELETE', `/scim/v2/Users/${userId}`, userId, 204, undefined, tokenId, '127.0.0.1'],
          ['GET', '/scim/v2/Users', undefined, 400, 'invalidFilter', tokenId, '127.0.0.1'],
          ['GET', `/scim/v2/Users/${userId}`, userId, 200, undefined, tokenId, '127.0.0.1'],
          ['POST', '/scim/v2/Users', userId, 201, undefined, tokenId, '127.0.0.1'],
        ],
      );
      for (const entry of entries) {
        assert.equal(typeof entry.durationMs, 'number');
        assert.ok(!Number.isNaN(Date.parse(entry.time)));
      }
    });

    test('no body and no query string is recorded: neither the password nor the filter value', () => {
      const text = JSON.stringify(entries);
      assert.ok(!text.includes('Pa55word'));
      assert.ok(!text.includes('secret-keeper'));
    });

    const filters: readonly {
      readonly query: (ids: { userId: string; tokenId: string }) => string;
      readonly expect: string[];
    }[] = [
      { query: () => '?method=post', expect: ['POST'] },
      { query: () => '?status=400', expect: ['GET'] },
      { query: ({ userId }) => `?resourceId=${userId}`, expect: ['DELETE', 'GET', 'POST'] },
      { query: ({ tokenId }) => `?tokenId=${tokenId}&method=DELETE`, expect: ['DELETE'] },
      { query: () => '?tokenId=someone-else', expect: [] },
      { query: () => '?until=2000-01-01T00:00:00Z', expect: [] },
      { query: () => '?since=2000-01-01T00:00:00Z&status=204', expect: ['DELETE'] },
    ];
    for (const { query, expect } of filters) {
      test(`filter ${query({ userId: '<id>', tokenId: '<token>' })} → ${expect.join(', ') || 'nothing'}`, async () => {
        const answer = await activity(tenant, query({ userId, tokenId }));
        assert.equal(answer.status, 200, answer.text);
        assert.deepEqual(
          answer.body.entries.map((e: { method: string }) => e.method),
          expect,
        );
      });
    }

    test('keyset pages of 3 walk every entry once, newest first', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const answer = await activity(tenant, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(answer.status, 200, answer.text);
        seen.push(...answer.body.entries.map((e: { id: string }) => e.id));
        cursor = answer.body.nextCursor;
        pages++;
      } while (cursor !== undefined);
      assert.deepEqual(
        seen,
        entries.map((e) => e.id),
      );
      assert.equal(pages, Math.ceil(entries.length / 3));
    });

    const refusals = [
      { query: '?cursor=not-a-cursor', status: 400 },
      { query: '?since=yesterday', status: 400 },
      { query: '?limit=0', status: 400 },
      { query: '?colour=red', status: 400 },
    ];
    for (const { query, status } of refusals) {
      test(`${query} → ${status} invalid_request`, async () => {
        const answer = await activity(tenant, query);
        assert.equal(answer.status, status, answer.text);
        assert.equal(answer.body.error.code, 'invalid_request');
      });
    }
  });

  test('a refused write (scim:read token) is recorded under its token; an unknown tenant is 404', async () => {
    const tenant = await server.tenant();
    const { secret, token } = await issueToken(server.store, tenant.tenant.id, {
      description: 'read',
      scope: 'scim:read',
    });
    const refused = await tenant.scim('POST', '/Users', {
      token: secret,
      body: { schemas: [USER_SCHEMA], userName: 'x' },
    });
    assert.equal(refused.status, 403);
    const [entry] = await entriesOf(tenant, 1);
    assert.deepEqual([entry.tokenId, entry.status, entry.method], [token.id, 403, 'POST']);
    const missing = await server.admin('GET', '/tenants/no-such-tenant/activity');
    assert.equal(missing.status, 404);
  });

  test('closing the app writes the entries still waiting', async () => {
    const own = await startTestServer({}, { dialect });
    const tenant = await own.tenant();
    assert.equal((await tenant.scim('GET', '/Users')).status, 200);
    await own.app.close();
    const page = await own.store.activity.list(tenant.tenant.id, { limit: 10 });
    assert.deepEqual(
      page.entries.map((e) => [e.method, e.path, e.status]),
      [['GET', '/scim/v2/Users', 200]],
    );
    await own.close();
  });
});
