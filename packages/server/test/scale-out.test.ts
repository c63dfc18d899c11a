/**
 * Scale-out (issue 6): two server processes, started together on one fresh PostgreSQL schema, driven by 16
 * concurrent clients that spread their requests over both. Whatever process a request lands on, the
 * database decides: one create per userName, no lost membership change, no silent overwrite under If-Match;
 * and the change feed, followed from this (third) process, stays gap-free and in commit order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { events } from '@provisio/server';
import type { ChangeEvent } from '@provisio/store';
import { type PostgresSchema, freshPostgresSchema } from './support/postgres-schema.js';
import { type ServerProcess, runMain, tenantUrlOf } from './support/server-process.js';
import {
  GROUP_SCHEMA,
  PATCH_SCHEMA,
  type RequestOptions,
  type TestResponse,
  USER_SCHEMA,
  send,
} from './support/test-server.js';

const CLIENTS = 16;
const MEMBER_PATCHES = 2_000;

let database: PostgresSchema | undefined;
/** Why the tests skip when there is no PostgreSQL. */
let unavailable = '';
let servers: ServerProcess[] = [];
/** The two Tenant URLs; client `i`'s `j`-th request goes to node `(i + j) % 2`. */
let nodes: string[] = [];
let secret: string;

function scim(node: number, method: string, path: string, options: RequestOptions = {}) {
  return send(method, `${nodes[node % nodes.length]}${path}`, { token: secret, ...options });
}

/** Runs `work(client)` for 16 clients at once. */
function allClients<T>(work: (client: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: CLIENTS }, (_, client) => work(client)));
}

function statusCounts(responses: readonly TestResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of responses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

async function createUser(userName: string): Promise<string> {
  const created = await scim(0, 'POST', '/Users', { body: { schemas: [USER_SCHEMA], userName } });
  assert.equal(created.status, 201, created.text);
  return created.body.id;
}

describe('[postgres] two server processes', { timeout: 240_000 }, () => {
  before(async () => {
    const fresh = await freshPostgresSchema('scale_out');
    if ('skip' in fresh) {
      unavailable = fresh.skip;
      return;
    }
    database = fresh;
    const env = {
      PROVISIO_DATABASE_URL: database.url,
      PROVISIO_DATABASE_SCHEMA: database.schema,
      PROVISIO_PORT: '0',
      PROVISIO_LOG_LEVEL: 'warn',
      // The limit is per process; this test counts outcomes and must not meet a 429.
      PROVISIO_RATE_LIMIT: '0',
    };
    // Started together on an empty schema: both migrate and first-start at once.
    servers = [runMain(env), runMain(env)];
    nodes = await Promise.all(servers.map(tenantUrlOf));
    const tokenLines = await Promise.all(servers.map((server) => server.waitFor(/Secret Token: (\S+)/)));
    const secrets = tokenLines.map(([, token]) => token!).filter((token) => token.startsWith('prv_'));
    assert.equal(secrets.length, 1, 'exactly one process creates the default tenant and prints its token');
    secret = secrets[0]!;
  });

  after(async () => {
    for (const server of servers) server.child.kill('SIGTERM');
    const codes = await Promise.all(servers.map((server) => server.exited));
    await database?.drop();
    assert.deepEqual(
      codes,
      servers.map(() => 0),
      'both processes shut down cleanly',
    );
  });

  test('(a) one userName created on both at once: exactly one 201, the rest 409 uniqueness', async (t) => {
    if (!database) return t.skip(unavailable);
    for (let round = 0; round < 5; round++) {
      const userName = `race${round}@example.com`;
      // Case variants: uniqueness is case-insensitive (RFC 7643 §4.1.1 userName caseExact false).
      const responses = await allClients((client) =>
        scim(client, 'POST', '/Users', {
          body: { schemas: [USER_SCHEMA], userName: client % 3 === 0 ? userName.toUpperCase() : userName },
        }),
      );
      assert.deepEqual(statusCounts(responses), { 201: 1, 409: CLIENTS - 1 }, `round ${round}`);
      for (const refused of responses.filter((response) => response.status === 409)) {
        assert.equal(refused.body.scimType, 'uniqueness');
      }
      for (const node of [0, 1]) {
        const found = await scim(
          node,
          'GET',
          `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`,
        );
        assert.equal(found.body.totalResults, 1, `node ${node}, round ${round}`);
      }
    }
  });

  test('(b) 2,000 member adds and removes on one group over both nodes: nothing lost', async (t) => {
    if (!database) return t.skip(unavailable);
    const group = await scim(0, 'POST', '/Groups', {
      body: { schemas: [GROUP_SCHEMA], displayName: 'Churn' },
    });
    assert.equal(group.status, 201, group.text);
    const groupPath = `/Groups/${group.body.id}`;
    const usersPerClient = 4;
    const userIds = await Promise.all(
      Array.from({ length: CLIENTS * usersPerClient }, (_, i) => createUser(`member${i}@example.com`)),
    );

    // Each client owns its users, so the order of changes to one member is the client's own and the
    // expected end state is exact; every PATCH toggles a member, so every one of them is a real write.
    const finalMembers = await allClients(async (client) => {
      const owned = userIds.slice(client * usersPerClient, (client + 1) * usersPerClient);
      const inGroup = new Set<string>();
      for (let j = 0; j < MEMBER_PATCHES / CLIENTS; j++) {
        const member = owned[(j * 7 + client) % owned.length]!;
        const op = inGroup.has(member) ? 'remove' : 'add';
        const operation =
          op === 'add'
            ? { op: 'add', path: 'members', value: [{ value: member }] }
            : { op: 'remove', path: `members[value eq "${member}"]` };
        const response = await scim(client + j, 'PATCH', groupPath, {
          body: { schemas: [PATCH_SCHEMA], Operations: [operation] },
        });
        assert.equal(response.status, 204, `client ${client}, PATCH ${j}: ${response.text}`);
        if (op === 'add') inGroup.add(member);
        else inGroup.delete(member);
      }
      return [...inGroup];
    });

    const expected = finalMembers.flat().sort();
    for (const node of [0, 1]) {
      const read = await scim(node, 'GET', groupPath);
      assert.deepEqual(read.body.members.map((m: { value: string }) => m.value).sort(), expected);
      // One version per write: no two writes were handed the same version.
      assert.equal(read.body.meta.version, `W/"${1 + MEMBER_PATCHES}"`);
    }
  });

  test('(c) concurrent If-Match PATCHes: one wins, the others get 412, nothing is overwritten', async (t) => {
    if (!database) return t.skip(unavailable);
    const id = await createUser('contended@example.com');
    let etag = (await scim(1, 'GET', `/Users/${id}`)).headers.get('etag')!;
    for (let round = 0; round < 5; round++) {
      const responses = await allClients((client) =>
        scim(client, 'PATCH', `/Users/${id}`, {
          headers: { 'if-match': etag },
          body: {
            schemas: [PATCH_SCHEMA],
            Operations: [{ op: 'replace', path: 'displayName', value: `round ${round} client ${client}` }],
          },
        }),
      );
      assert.deepEqual(statusCounts(responses), { 200: 1, 412: CLIENTS - 1 }, `round ${round}`);
      const winner = responses.find((response) => response.status === 200)!;
      for (const node of [0, 1]) {
        const read = await scim(node, 'GET', `/Users/${id}`);
        assert.equal(read.body.displayName, winner.body.displayName);
        assert.equal(read.headers.get('etag'), winner.headers.get('etag'));
      }
      assert.notEqual(winner.headers.get('etag'), etag);
      etag = winner.headers.get('etag')!;
    }
  });

  test('(d) the feed read by a third process while both write: gap-free, in order, never ahead of the resource', async (t) => {
    if (!database) return t.skip(unavailable);
    const reader = database.store;
    const tenant = await reader.tenants.findBySlug('default');
    assert.ok(tenant);
    const start = await reader.events.latest(tenant.id);
    const patchesPerUser = 4;
    const expected = CLIENTS * (1 + patchesPerUser);
    const stopReading = new AbortController();
    // A poll interval longer than the test: only the writers' notifications wake this reader.
    const reading = (async () => {
      const seen: ChangeEvent[] = [];
      const feed = events(reader, tenant.id, { after: start, pollMs: 3_600_000, signal: stopReading.signal });
      for await (const event of feed) {
        assert.equal(event.seq, start + seen.length + 1, 'the next number, none skipped or reordered');
        const stored = await reader.users.get(tenant.id, event.resourceId);
        assert.ok(stored.version >= event.data.version!, 'the resource has committed with its event');
        seen.push(event);
        if (seen.length === expected) break;
      }
      return seen;
    })();

    try {
      await allClients(async (client) => {
        const created = await scim(client, 'POST', '/Users', {
          body: { schemas: [USER_SCHEMA], userName: `feed${client}@example.com` },
        });
        assert.equal(created.status, 201, created.text);
        for (let patch = 1; patch <= patchesPerUser; patch++) {
          const response = await scim(client + patch, 'PATCH', `/Users/${created.body.id}`, {
            body: {
              schemas: [PATCH_SCHEMA],
              Operations: [{ op: 'replace', path: 'displayName', value: `patch ${patch}` }],
            },
          });
          assert.equal(response.status, 200, response.text);
        }
      });
    } catch (error) {
      stopReading.abort();
      throw error;
    }
    const seen = await reading;

    const versionsByUser = new Map<string, number[]>();
    for (const event of seen) {
      versionsByUser.set(event.resourceId, [
        ...(versionsByUser.get(event.resourceId) ?? []),
        event.data.version!,
      ]);
    }
    assert.equal(versionsByUser.size, CLIENTS);
    for (const [id, versions] of versionsByUser) {
      const everyVersion = Array.from({ length: 1 + patchesPerUser }, (_, i) => i + 1);
      assert.deepEqual(versions, everyVersion, `user ${id}: every version once, in order`);
      assert.equal((await reader.users.get(tenant.id, id)).version, 1 + patchesPerUser);
    }
  });
});
