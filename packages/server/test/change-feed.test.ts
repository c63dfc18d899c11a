// The change feed over HTTP on each dialect: long-poll and SSE on the admin API; failed SCIM writes leave
// no event.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import {
  GROUP_SCHEMA,
  PATCH_SCHEMA,
  type TestServer,
  USER_SCHEMA,
  forEachServerDialect,
  startTestServer,
} from './support/test-server.js';

forEachServerDialect((dialect) => {
  let server: TestServer;
  let adminToken: string;
  before(async () => {
    server = await startTestServer({}, { webhooks: false, dialect });
    adminToken = await server.adminToken();
  });
  after(() => server.close());

  const user = (userName: string) => ({ schemas: [USER_SCHEMA], userName });

  function eventsUrl(slug: string, query = ''): string {
    return `/admin/api/tenants/${slug}/events${query}`;
  }

  test("GET events lists the tenant's events after a sequence number, oldest first", async () => {
    const t = await server.tenant();
    const alice = (await t.scim('POST', '/Users', { body: user('alice') })).body;
    await t.scim('PATCH', `/Users/${alice.id}`, {
      body: { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', path: 'active', value: false }] },
    });
    await t.scim('DELETE', `/Users/${alice.id}`);
    const all = await server.request('GET', eventsUrl(t.tenant.slug), { token: adminToken });
    assert.equal(all.status, 200);
    assert.deepEqual(
      all.body.events.map((e: { seq: number; type: string; resourceId: string }) => [
        e.seq,
        e.type,
        e.resourceId,
      ]),
      [
        [1, 'user.created', alice.id],
        [2, 'user.deactivated', alice.id],
        [3, 'user.deleted', alice.id],
      ],
    );
    assert.equal(all.body.next, 3);
    const page = await server.request('GET', eventsUrl(t.tenant.slug, '?after=1&limit=1'), {
      token: adminToken,
    });
    assert.deepEqual([page.body.events.map((e: { seq: number }) => e.seq), page.body.next], [[2], 2]);
    const none = await server.request('GET', eventsUrl(t.tenant.slug, '?after=3'), { token: adminToken });
    assert.deepEqual(none.body, { events: [], next: 3 });
  });

  const REFUSALS: readonly {
    title: string;
    path: string;
    headers?: Record<string, string>;
    status: number;
  }[] = [
    { title: 'no admin token', path: '', status: 401 },
    { title: 'an unknown tenant', path: 'nobody', status: 404 },
    { title: 'a negative after', path: '?after=-1', status: 400 },
    { title: 'a limit over 1000', path: '?limit=1001', status: 400 },
    { title: 'a wait over 60 s', path: '?wait=61', status: 400 },
    {
      title: 'a Last-Event-ID that is not a sequence number',
      path: '',
      headers: { 'last-event-id': 'abc' },
      status: 400,
    },
  ];

  for (const { title, path, headers, status } of REFUSALS) {
    test(`GET events refuses ${title} with ${status}`, async () => {
      const t = await server.tenant();
      const url = path === 'nobody' ? eventsUrl('nobody') : eventsUrl(t.tenant.slug, path);
      const answer = await server.request('GET', url, {
        token: title === 'no admin token' ? null : adminToken,
        ...(headers ? { headers } : {}),
      });
      assert.equal(answer.status, status);
      assert.equal(typeof answer.body.error.code, 'string');
    });
  }

  test('a long-poll waits for the next write and answers with it', async () => {
    const t = await server.tenant();
    const waiting = server.request('GET', eventsUrl(t.tenant.slug, '?wait=30'), { token: adminToken });
    // Give the poll time to find nothing and park; were the write first, the poll would still pass.
    await delay(200);
    const created = (await t.scim('POST', '/Users', { body: user('late') })).body;
    const answer = await waiting;
    assert.equal(answer.status, 200);
    assert.deepEqual(
      answer.body.events.map((e: { type: string; resourceId: string }) => [e.type, e.resourceId]),
      [['user.created', created.id]],
    );
  });

  /** Reads SSE frames from a streaming response until `count` events have arrived. */
  async function readEvents(response: Response, count: number) {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const events: { id: string; event: string; data: { seq: number; type: string } }[] = [];
    let buffer = '';
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          frame
            .split('\n')
            .filter((line) => !line.startsWith(':'))
            .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
        );
        if (fields.id !== undefined)
          events.push({ id: fields.id, event: fields.event ?? '', data: JSON.parse(fields.data ?? 'null') });
        end = buffer.indexOf('\n\n');
      }
    }
    await reader.cancel();
    return events;
  }

  test('SSE streams past and new events with ids, and resumes after Last-Event-ID', async () => {
    const t = await server.tenant();
    await t.scim('POST', '/Users', { body: user('one') });
    const controller = new AbortController();
    const headers = { authorization: `Bearer ${adminToken}`, accept: 'text/event-stream' };
    const response = await fetch(`${server.origin}${eventsUrl(t.tenant.slug)}`, {
      headers,
      signal: controller.signal,
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const reading = readEvents(response, 3);
    await t.scim('POST', '/Groups', { body: { schemas: [GROUP_SCHEMA], displayName: 'G' } });
    await t.scim('POST', '/Users', { body: user('two') });
    const streamed = await reading;
    controller.abort();
    assert.deepEqual(
      streamed.map((e) => [e.id, e.event, e.data.seq, e.data.type]),
      [
        ['1', 'user.created', 1, 'user.created'],
        ['2', 'group.created', 2, 'group.created'],
        ['3', 'user.created', 3, 'user.created'],
      ],
    );

    const resumed = await fetch(`${server.origin}${eventsUrl(t.tenant.slug)}`, {
      headers: { ...headers, 'last-event-id': '2' },
    });
    assert.deepEqual(
      (await readEvents(resumed, 1)).map((e) => e.id),
      ['3'],
    );
  });

  /** The tenant's event types after `after`. */
  async function typesAfter(slug: string, after: number): Promise<string[]> {
    const answer = await server.request('GET', eventsUrl(slug, `?after=${after}`), { token: adminToken });
    return answer.body.events.map((e: { type: string }) => e.type);
  }

  test('a PATCH that fails after its first operation leaves no event (RFC 7644 §3.5.2 all or nothing)', async () => {
    const t = await server.tenant();
    const member = (await t.scim('POST', '/Users', { body: user('m') })).body;
    const groupId = (await t.scim('POST', '/Groups', { body: { schemas: [GROUP_SCHEMA], displayName: 'G' } }))
      .body.id;
    const failed = await t.scim('PATCH', `/Groups/${groupId}`, {
      body: {
        schemas: [PATCH_SCHEMA],
        Operations: [
          { op: 'replace', path: 'displayName', value: 'Renamed' },
          { op: 'add', path: 'members', value: [{ value: member.id }] },
          { op: 'add', path: 'members', value: [{ value: 'not-a-member-id' }] },
        ],
      },
    });
    assert.equal(failed.status, 400);
    assert.deepEqual(await typesAfter(t.tenant.slug, 2), []);
    assert.equal((await t.scim('GET', `/Groups/${groupId}`)).body.displayName, 'G');
  });

  test('a Bulk request records events for its successful operations only', async () => {
    const t = await server.tenant();
    const answer = await t.scim('POST', '/Bulk', {
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'a', data: user('bulk-a') },
          { method: 'POST', path: '/Users', bulkId: 'b', data: user('BULK-A') },
          { method: 'POST', path: '/Users', bulkId: 'c', data: user('bulk-c') },
        ],
      },
    });
    assert.deepEqual(
      answer.body.Operations.map((o: { status: string }) => String(o.status)),
      ['201', '409', '201'],
    );
    const events = await server.request('GET', eventsUrl(t.tenant.slug), { token: adminToken });
    assert.deepEqual(
      events.body.events.map((e: { seq: number; type: string }) => [e.seq, e.type]),
      [
        [1, 'user.created'],
        [2, 'user.created'],
      ],
    );
  });
});
