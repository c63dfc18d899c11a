/**
 * Tenant isolation over every SCIM route (issue 5 acceptance): tenant B's token is aimed at each route the
 * server registers, carrying tenant A's ids, slug and schema URN. Under A's slug it must be 401; under the
 * token-addressed mount it must be 404 or see only B's (empty) world. The route list comes from fastify
 * itself, so a route added later without an isolation expectation here fails this test.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  GROUP_SCHEMA,
  PATCH_SCHEMA,
  type TestResponse,
  type TestServer,
  type TestTenant,
  USER_SCHEMA,
  forEachServerDialect,
  send,
  startTestServer,
} from './support/test-server.js';

const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const A_EXTENSION = 'urn:example:params:scim:schemas:extension:tenant-a:2.0:User';

forEachServerDialect((dialect) => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  let aliceId: string;
  let groupId: string;
  before(async () => {
    server = await startTestServer({}, { dialect });
    a = await server.tenant();
    b = await server.tenant();
    await server.store.schemas.add(a.tenant.id, {
      definition: { id: A_EXTENSION, attributes: [{ name: 'badge' }] },
      resourceType: 'User',
    });
    aliceId = (await a.scim('POST', '/Users', { body: { schemas: [USER_SCHEMA], userName: 'alice' } })).body
      .id;
    groupId = (
      await a.scim('POST', '/Groups', {
        body: { schemas: [GROUP_SCHEMA], displayName: 'A team', members: [{ value: aliceId }] },
      })
    ).body.id;
  });
  after(() => server.close());

  interface Route {
    readonly method: string;
    readonly path: string;
  }

  /** The routes fastify registered, read from its route tree (`printRoutes` with full segments). */
  function registeredRoutes(): Route[] {
    const routes: Route[] = [];
    const stack: string[] = [];
    for (const line of server.app.printRoutes({ commonPrefix: false }).split('\n')) {
      const match = /^([│ ]*)[├└]── (\S+) \(([^)]+)\)/.exec(line);
      if (!match) continue;
      const depth = match[1]!.length / 4;
      stack.length = depth;
      stack.push(match[2]!);
      for (const method of match[3]!.split(', ')) routes.push({ method, path: stack.join('') });
    }
    return routes;
  }

  const patchBody = {
    schemas: [PATCH_SCHEMA],
    Operations: [{ op: 'replace', path: 'displayName', value: 'taken over' }],
  };

  /** What B may send on each route, with A's ids filled in; `expect` checks B's answer. */
  interface Probe {
    readonly body?: unknown;
    readonly expect: (response: TestResponse) => void;
  }

  const notFound = (response: TestResponse) => assert.equal(response.status, 404, response.text);
  /** Queries ask for A's resources by id: B must find none. */
  const nothingFound = (response: TestResponse) => {
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.totalResults, 0, response.text);
  };

  function probeFor(route: Route): { url: string; probe: Probe } | undefined {
    const path = route.path.replace(/^\/tenants\/:slug\/scim\/v2|^\/scim\/v2/, '');
    const ids: Record<string, string> = {
      '/Users/:id': `/Users/${aliceId}`,
      '/Groups/:id': `/Groups/${groupId}`,
      '/Schemas/:id': `/Schemas/${A_EXTENSION}`,
      '/ResourceTypes/:id': '/ResourceTypes/User',
    };
    const byIdFilter = `id eq "${aliceId}" or id eq "${groupId}"`;
    const concrete =
      ids[path] ??
      (route.method === 'GET' && /^\/(Users|Groups)$/.test(path)
        ? `${path}?filter=${encodeURIComponent(byIdFilter)}`
        : path);
    const search = { schemas: [SEARCH], filter: byIdFilter };
    const probes: Record<string, Probe> = {
      'GET /Users/:id': { expect: notFound },
      'PUT /Users/:id': { body: { schemas: [USER_SCHEMA], userName: 'alice' }, expect: notFound },
      'PATCH /Users/:id': { body: patchBody, expect: notFound },
      'DELETE /Users/:id': { expect: notFound },
      'GET /Groups/:id': { expect: notFound },
      'PUT /Groups/:id': { body: { schemas: [GROUP_SCHEMA], displayName: 'x' }, expect: notFound },
      'PATCH /Groups/:id': { body: patchBody, expect: notFound },
      'DELETE /Groups/:id': { expect: notFound },
      'GET /Users': { expect: nothingFound },
      'GET /Groups': { expect: nothingFound },
      'POST /Users/.search': { body: search, expect: nothingFound },
      'POST /Groups/.search': { body: search, expect: nothingFound },
      'POST /.search': { body: search, expect: nothingFound },
      // A's extension means nothing in B: at most it is dropped, as Entra's unknown schemas are.
      'POST /Users': {
        body: { schemas: [USER_SCHEMA, A_EXTENSION], userName: 'alice', [A_EXTENSION]: { badge: '1' } },
        expect: (response) => {
          assert.ok([201, 400].includes(response.status), response.text);
          assert.ok(!response.text.includes('badge'), "B stored A's extension attribute");
        },
      },
      // Creating in B with A's user as a member must not reach A's user.
      'POST /Groups': {
        body: { schemas: [GROUP_SCHEMA], displayName: 'B team', members: [{ value: aliceId }] },
        expect: (response) => assert.equal(response.status, 400, response.text),
      },
      'POST /Bulk': {
        body: {
          schemas: [BULK],
          Operations: [
            { method: 'PUT', path: `/Users/${aliceId}`, data: { schemas: [USER_SCHEMA], userName: 'alice' } },
            { method: 'PATCH', path: `/Users/${aliceId}`, data: patchBody },
            { method: 'DELETE', path: `/Groups/${groupId}` },
          ],
        },
        expect: (response) => {
          assert.equal(response.status, 200, response.text);
          const statuses = response.body.Operations.map((op: { status: string }) => op.status);
          assert.deepEqual(statuses, ['404', '404', '404']);
        },
      },
      'GET /Schemas': {
        expect: (response) => {
          const ids = response.body.Resources.map((schema: { id: string }) => schema.id);
          assert.ok(!ids.includes(A_EXTENSION), "B's /Schemas lists A's extension");
        },
      },
      'GET /Schemas/:id': { expect: notFound },
      'GET /ResourceTypes': {
        expect: (response) => assert.ok(!response.text.includes(A_EXTENSION), "B sees A's extension"),
      },
      'GET /ResourceTypes/:id': {
        expect: (response) => assert.ok(!response.text.includes(A_EXTENSION), "B sees A's extension"),
      },
      'GET /ServiceProviderConfig': { expect: (response) => assert.equal(response.status, 200) },
    };
    const probe = probes[`${route.method} ${path}`];
    if (!probe) return undefined;
    const base = route.path.startsWith('/tenants/:slug') ? a.slugUrl : b.scimUrl;
    return { url: `${base}${concrete}`, probe };
  }

  test('every SCIM route is covered: B never reads or changes A, under either Tenant URL form', async () => {
    const scimRoutes = registeredRoutes().filter(
      (route) => route.method !== 'HEAD' && /^\/(tenants\/:slug\/)?scim\/v2/.test(route.path),
    );
    assert.ok(scimRoutes.length >= 40, `only ${scimRoutes.length} SCIM routes found: is the tree parsed?`);
    for (const route of scimRoutes) {
      const target = probeFor(route);
      assert.ok(target, `no isolation probe for ${route.method} ${route.path}: add one`);
      const response = await send(route.method, target.url, {
        token: b.secret,
        ...(target.probe.body === undefined ? {} : { body: target.probe.body }),
      });
      if (route.path.startsWith('/tenants/:slug')) {
        assert.equal(response.status, 401, `${route.method} ${route.path} with A's slug: ${response.text}`);
        assert.equal(response.body.status, '401');
      } else {
        target.probe.expect(response);
      }
    }
  });

  test("after B's attempts, A's user and group are unchanged", async () => {
    const alice = await a.scim('GET', `/Users/${aliceId}`);
    assert.equal(alice.status, 200);
    assert.equal(alice.body.meta.version, 'W/"1"');
    const group = await a.scim('GET', `/Groups/${groupId}`);
    assert.equal(group.body.displayName, 'A team');
    assert.deepEqual(
      group.body.members.map((m: { value: string }) => m.value),
      [aliceId],
    );
  });
});
