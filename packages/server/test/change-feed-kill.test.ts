// Acceptance (issue 5): the server process is killed with SIGKILL while SCIM writes are in flight; then
// replaying the feed must rebuild exactly what the database holds. A committed change without its event,
// or an event of a change that never committed, makes the two differ.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChangeEvent, Store } from '@provisio/store';
import { runMainOn, tenantUrlOf } from './support/server-process.js';
import {
  GROUP_SCHEMA,
  PATCH_SCHEMA,
  USER_SCHEMA,
  forEachServerDialect,
  send,
} from './support/test-server.js';

/** What the feed says exists: users with their versions, groups, and memberships. */
interface Replayed {
  readonly users: Map<string, number>;
  readonly groups: Set<string>;
  readonly members: Set<string>;
}

function replay(events: readonly ChangeEvent[]): Replayed {
  const state: Replayed = { users: new Map(), groups: new Set(), members: new Set() };
  const forget = (id: string) => {
    for (const pair of state.members)
      if (pair.startsWith(`${id}/`) || pair.endsWith(`/${id}`)) state.members.delete(pair);
  };
  for (const { type, resourceId, data } of events) {
    if (type === 'user.created' || type === 'user.updated' || type === 'user.deactivated') {
      state.users.set(resourceId, data.version!);
    } else if (type === 'user.deleted') {
      state.users.delete(resourceId);
      forget(resourceId);
    } else if (type === 'group.created') {
      state.groups.add(resourceId);
    } else if (type === 'group.deleted') {
      state.groups.delete(resourceId);
      forget(resourceId);
    } else if (type === 'group.member_added') {
      for (const member of data.members!) state.members.add(`${resourceId}/${member}`);
    } else if (type === 'group.member_removed') {
      for (const member of data.members!) state.members.delete(`${resourceId}/${member}`);
    }
  }
  return state;
}

async function stored(store: Store, tenantId: string): Promise<Replayed> {
  const users = await store.users.list(tenantId, { count: 100_000 }, { groups: false });
  const groups = await store.groups.list(tenantId, { count: 100_000 });
  return {
    users: new Map(users.resources.map((u) => [u.id, u.version])),
    groups: new Set(groups.resources.map((g) => g.id)),
    members: new Set(
      groups.resources.flatMap((g) =>
        ((g.resource.members ?? []) as { value: string }[]).map((m) => `${g.id}/${m.value}`),
      ),
    ),
  };
}

forEachServerDialect((dialect) => {
  test('SIGKILL between writes: every committed change has its event and every event its change', async (t) => {
    const { server, scratch } = await runMainOn(t, dialect, { PROVISIO_LOG_LEVEL: 'silent' });
    const url = await tenantUrlOf(server);
    const [, secret] = await server.waitFor(/Secret Token: (prv_\S+)/);
    const scim = (method: string, path: string, body?: unknown) =>
      send(method, `${url}${path}`, { token: secret!, ...(body === undefined ? {} : { body }) });

    // Four writers mixing every kind of change; the process dies once 120 answers are back, with more in flight.
    let answered = 0;
    let killed = false;
    const writer = async (name: string) => {
      const group = (await scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: `g-${name}` }))
        .body;
      answered++;
      for (let i = 0; !killed; i++) {
        const userName = `${name}-${i}`;
        const created = await scim('POST', '/Users', { schemas: [USER_SCHEMA], userName }).catch(
          () => undefined,
        );
        if (!created?.body?.id) break;
        const id = created.body.id as string;
        const steps = [
          () =>
            scim('PATCH', `/Groups/${group.id}`, {
              schemas: [PATCH_SCHEMA],
              Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }],
            }),
          () =>
            scim('PATCH', `/Users/${id}`, {
              schemas: [PATCH_SCHEMA],
              Operations: [{ op: 'replace', path: 'active', value: i % 2 === 0 }],
            }),
          () => (i % 3 === 0 ? scim('DELETE', `/Users/${id}`) : scim('GET', `/Users/${id}`)),
        ];
        for (const step of steps) {
          if ((await step().catch(() => undefined)) === undefined) return;
          if (++answered >= 120 && !killed) {
            killed = true;
            server.child.kill('SIGKILL');
          }
        }
      }
    };
    await Promise.all(['a', 'b', 'c', 'd'].map(writer));
    await server.exited;

    const { store } = scratch;
    const tenant = await store.tenants.findBySlug('default');
    assert.ok(tenant);
    const events = await store.events.list(tenant.id, 0, 100_000);
    assert.deepEqual(
      events.map((e) => e.seq),
      events.map((_, i) => i + 1),
      'sequence numbers have no gaps',
    );
    assert.ok(events.length >= 100, `expected a real workload, got ${events.length} events`);
    const fromFeed = replay(events);
    const inStore = await stored(store, tenant.id);
    assert.deepEqual(fromFeed.users, inStore.users);
    assert.deepEqual(fromFeed.groups, inStore.groups);
    assert.deepEqual(fromFeed.members, inStore.members);
  });
});
