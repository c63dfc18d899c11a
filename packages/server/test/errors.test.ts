/**
 * RFC 7644 §3.12 error bodies, and the rule behind them: nothing a client sends causes a 500. A property
 * test throws generated hostile requests at every route; real server faults are checked to answer a
 * generic 500 and to be logged with the request id.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import {
  ENTERPRISE,
  GROUP_SCHEMA,
  PATCH_SCHEMA,
  type TestServer,
  type TestTenant,
  USER_SCHEMA,
  forEachServerDialect,
  send,
  startTestServer,
} from './support/test-server.js';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

function assertScimError(response: {
  status: number;
  body: Record<string, unknown> | undefined;
  text: string;
}) {
  assert.ok(response.body, `no JSON body: ${response.text}`);
  assert.deepEqual(response.body.schemas, [ERROR]);
  assert.equal(response.body.status, String(response.status));
  assert.equal(typeof response.body.detail, 'string');
}

forEachServerDialect((dialect) => {
  describe('no client input causes a 500', () => {
    let server: TestServer;
    let tenant: TestTenant;
    const ids: string[] = [];
    before(async () => {
      server = await startTestServer(
        { PROVISIO_MAX_PAGE_SIZE: '20', PROVISIO_BULK_MAX_OPERATIONS: '5' },
        { dialect },
      );
      tenant = await server.tenant();
      const created = await tenant.scim('POST', '/Users', {
        body: { schemas: [USER_SCHEMA], userName: 'seed' },
      });
      ids.push(created.body.id);
      const group = await tenant.scim('POST', '/Groups', {
        body: { schemas: [GROUP_SCHEMA], displayName: 'seed', members: [{ value: created.body.id }] },
      });
      ids.push(group.body.id);
    });
    after(() => server.close());

    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        '',
        ' ',
        '"',
        '[',
        ']',
        '(',
        ')',
        '\\',
        '%',
        'null',
        'true',
        'False',
        '-1',
        '99999999999999999999',
      ),
    );
    const attributePath = fc.oneof(
      fc.constantFrom(
        'userName',
        'members',
        'members[value eq "x"]',
        'emails[type eq "work"].value',
        'name.givenName',
        'active',
        'meta.lastModified',
        'groups',
        'id',
        `${ENTERPRISE}:manager`,
        ENTERPRISE,
        'urn:bogus:schema:attr',
        'displayName',
        'x509Certificates',
      ),
      text,
    );
    const filter = fc.oneof(
      fc
        .tuple(attributePath, fc.constantFrom('eq', 'ne', 'co', 'sw', 'gt', 'le', 'pr', 'xx'), text)
        .map(([p, op, v]) => (op === 'pr' ? `${p} pr` : `${p} ${op} ${JSON.stringify(v)}`)),
      fc.tuple(attributePath, fc.jsonValue({ maxDepth: 1 })).map(([p, v]) => `${p} eq ${JSON.stringify(v)}`),
      text,
    );
    const query = fc
      .dictionary(
        fc.constantFrom(
          'filter',
          'sortBy',
          'sortOrder',
          'startIndex',
          'count',
          'attributes',
          'excludedAttributes',
          'cursor',
          'Filter',
        ),
        fc.oneof(filter, attributePath, text),
        { maxKeys: 3 },
      )
      .map((params) => new URLSearchParams(params).toString());
    const operation = fc.record(
      {
        op: fc.oneof(fc.constantFrom('add', 'remove', 'replace', 'Add', 'Remove', 'Replace'), text),
        path: attributePath,
        value: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.record({
          schemas: fc.constant([USER_SCHEMA]),
          userName: fc.string({ minLength: 1, maxLength: 20 }),
          nickName: text,
        }),
      },
      fc.jsonValue({ maxDepth: 3 }),
      text,
      fc.record({ schemas: fc.constant([PATCH_SCHEMA]), Operations: fc.array(operation, { maxLength: 3 }) }),
      fc.record(
        {
          schemas: fc.constantFrom([USER_SCHEMA], [USER_SCHEMA, ENTERPRISE], [GROUP_SCHEMA], ['urn:x']),
          userName: fc.oneof(text, fc.jsonValue({ maxDepth: 1 })),
          displayName: fc.oneof(text, fc.jsonValue({ maxDepth: 1 })),
          emails: fc.jsonValue({ maxDepth: 2 }),
          members: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant([{ value: 'nope' }])),
          [ENTERPRISE]: fc.jsonValue({ maxDepth: 2 }),
        },
        { requiredKeys: ['schemas'] },
      ),
      fc.record(
        {
          schemas: fc.constantFrom(
            ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
            ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
          ),
          Operations: fc.array(
            fc.record(
              {
                method: fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE', 'GET'),
                path: fc.oneof(text, fc.constantFrom('/Users', '/Groups/bulkId:a')),
                bulkId: text,
                data: fc.jsonValue({ maxDepth: 2 }),
              },
              { requiredKeys: [] },
            ),
            { maxLength: 6 },
          ),
          filter,
          startIndex: fc.jsonValue({ maxDepth: 0 }),
          count: fc.jsonValue({ maxDepth: 0 }),
        },
        { requiredKeys: ['schemas'] },
      ),
    );
    const id = fc.oneof(fc.constantFrom('{0}', '{1}'), text.map(encodeURIComponent));
    /** Mostly real routes, so requests get past routing and authentication into the handlers. */
    const route = fc.oneof(
      {
        weight: 9,
        arbitrary: fc.oneof(
          fc.constantFrom(
            'GET /Users',
            'POST /Users',
            'GET /Groups',
            'POST /Groups',
            'POST /Users/.search',
            'POST /.search',
            'POST /Bulk',
            'GET /Schemas',
            'GET /ServiceProviderConfig',
          ),
          fc
            .tuple(
              fc.constantFrom('GET', 'PUT', 'PATCH', 'PATCH', 'DELETE'),
              fc.constantFrom('/Users/', '/Groups/'),
              id,
            )
            .map(([m, p, i]) => `${m} ${p}${i}`),
        ),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), text)
          .map(([m, p]) => `${m} /${encodeURIComponent(p)}`),
      },
    );
    const request = fc.record({
      route,
      query,
      body: fc.option(body, { nil: undefined, freq: 10 }),
      contentType: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom('application/scim+json', 'application/json') },
        { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded') },
      ),
      ifMatch: fc.option(fc.oneof(fc.constantFrom('*', 'W/"1"', '"2"', 'W/'), text), {
        nil: undefined,
        freq: 4,
      }),
    });

    test('RFC 7644 §3.12 generated requests on every route answer < 500 with SCIM error bodies', async () => {
      const seen = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const [method = 'GET', routePath = '/'] = r.route.split(' ');
          const resolvedPath = routePath.replace(/\{(\d)\}/, (_, i: string) => ids[Number(i)] ?? '');
          const headers: Record<string, string> = { 'content-type': r.contentType };
          if (r.ifMatch !== undefined) headers['if-match'] = r.ifMatch;
          const canHaveBody = method !== 'GET' && method !== 'DELETE';
          const response = await tenant.scim(method, `${resolvedPath}${r.query ? `?${r.query}` : ''}`, {
            ...(canHaveBody && r.body !== undefined
              ? { body: typeof r.body === 'string' ? r.body : JSON.stringify(r.body) }
              : {}),
            headers,
          });
          assert.ok(
            response.status < 500,
            `${method} ${resolvedPath}?${r.query} → ${response.status} ${response.text}`,
          );
          if (response.status >= 400) assertScimError(response);
          seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
        }),
        { numRuns: 400 },
      );
      // The generator must reach the handlers, not only the guards in front of them.
      const statuses = [...seen.keys()];
      for (const status of [200, 400, 404, 415])
        assert.ok(statuses.includes(status), `no ${status} in ${JSON.stringify([...seen])}`);
    });
  });

  describe('server faults', () => {
    test('a database failure is a generic 500, logged with the request id; /readyz turns 503', async () => {
      const lines: string[] = [];
      const sink = new Writable({
        write(chunk, _encoding, done) {
          lines.push(...String(chunk).split('\n').filter(Boolean));
          done();
        },
      });
      const server = await startTestServer({}, { logs: sink, dialect });
      const tenant = await server.tenant();
      assert.equal((await send('GET', `${server.origin}/readyz`)).status, 200);
      await server.store.close();
      const response = await tenant.scim('GET', '/Users');
      assert.equal(response.status, 500);
      assertScimError(response);
      assert.equal(response.body.detail, 'internal server error');
      const requestId = response.headers.get('x-request-id');
      assert.ok(requestId);
      const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'request failed');
      assert.equal(logged?.reqId, requestId);
      assert.ok(logged?.err, 'the error is in the log line');
      const ready = await send('GET', `${server.origin}/readyz`);
      assert.equal(ready.status, 503);
      await server.close();
    });

    test('/healthz answers while the process is up', async () => {
      const server = await startTestServer({}, { dialect });
      try {
        const response = await send('GET', `${server.origin}/healthz`);
        assert.equal(response.status, 200);
        assert.deepEqual(response.body, { status: 'ok' });
      } finally {
        await server.close();
      }
    });

    test('an unknown path outside the SCIM mounts is 404 with a SCIM error body', async () => {
      const server = await startTestServer({}, { dialect });
      try {
        const response = await send('GET', `${server.origin}/nothing/here`);
        assert.equal(response.status, 404);
        assertScimError(response);
      } finally {
        await server.close();
      }
    });
  });
});
