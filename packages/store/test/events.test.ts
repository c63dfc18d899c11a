// The change feed: every write appends its events in its own transaction, numbered per tenant without
// gaps; failed and rolled-back writes leave none. Webhook state: cursor, leases, failures, disabling.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NoTarget, PreconditionFailed, Uniqueness } from '@provisio/scim-core';
import type { ChangeEvent, Store } from '@provisio/store';
import { forEachDialect } from './support/dialects.js';
import { listening, settled } from './support/feed.js';
import { group, user } from './support/resources.js';
import type { Lifetime } from './support/temp-store.js';

forEachDialect((dialect) => {
  async function setup(t: Lifetime) {
    const store = await dialect.open(t);
    const tenant = await store.tenants.create({ slug: 'acme', name: 'Acme' });
    return { store, tenantId: tenant.id };
  }

  /** The events after `after`, without the fields a case cannot know in advance. */
  async function eventsAfter(store: Store, tenantId: string, after: number) {
    const events = await store.events.list(tenantId, after, 1000);
    return events.map(({ type, resourceType, data }) => ({ type, resourceType, data }));
  }

  type Setup = Awaited<ReturnType<typeof setup>> & { alice: string; bob: string; sales: string };

  /** Each write, run on a tenant with users alice and bob and group Sales (alice a member). */
  const CASES: readonly {
    readonly title: string;
    readonly write: (s: Setup) => Promise<unknown>;
    readonly expected: (s: Setup) => readonly Omit<ChangeEvent, 'tenantId' | 'seq' | 'time' | 'resourceId'>[];
  }[] = [
    {
      title: 'user create',
      write: (s) => s.store.users.create(s.tenantId, user('carol')),
      expected: () => [{ type: 'user.created', resourceType: 'User', data: { version: 1 } }],
    },
    {
      title: 'user PATCH',
      write: (s) => s.store.users.update(s.tenantId, s.alice, (c) => ({ ...c.resource, displayName: 'A' })),
      expected: () => [{ type: 'user.updated', resourceType: 'User', data: { version: 2 } }],
    },
    {
      title: 'user PATCH active false is a deactivation',
      write: (s) => s.store.users.update(s.tenantId, s.alice, (c) => ({ ...c.resource, active: false })),
      expected: () => [{ type: 'user.deactivated', resourceType: 'User', data: { version: 2 } }],
    },
    {
      title: 'user PUT with active false is a deactivation',
      write: (s) => s.store.users.replace(s.tenantId, s.bob, user('bob', { active: false })),
      expected: () => [{ type: 'user.deactivated', resourceType: 'User', data: { version: 2 } }],
    },
    {
      title: 'user PATCH that changes nothing writes no event',
      write: (s) => s.store.users.update(s.tenantId, s.alice, (c) => c.resource),
      expected: () => [],
    },
    {
      title: 'user delete (its memberships go with it, implied)',
      write: (s) => s.store.users.delete(s.tenantId, s.alice),
      expected: () => [{ type: 'user.deleted', resourceType: 'User', data: {} }],
    },
    {
      title: 'group create with members',
      write: (s) => s.store.groups.create(s.tenantId, group('Ops', [s.bob])),
      expected: (s) => [
        { type: 'group.created', resourceType: 'Group', data: { version: 1 } },
        { type: 'group.member_added', resourceType: 'Group', data: { version: 1, members: [s.bob] } },
      ],
    },
    {
      title: 'group rename',
      write: (s) =>
        s.store.groups.update(s.tenantId, s.sales, (c) => ({ ...c.resource, displayName: 'Sell' })),
      expected: () => [
        { type: 'group.renamed', resourceType: 'Group', data: { version: 2, displayName: 'Sell' } },
      ],
    },
    {
      title: 'group update of another attribute',
      write: (s) => s.store.groups.update(s.tenantId, s.sales, (c) => ({ ...c.resource, externalId: 'x' })),
      expected: () => [{ type: 'group.updated', resourceType: 'Group', data: { version: 2 } }],
    },
    {
      title: 'member add of a present member and a new one reports only the new one',
      write: (s) =>
        s.store.groups.applyMemberDeltas(s.tenantId, s.sales, [
          { kind: 'add', members: [{ value: s.alice }, { value: s.bob }] },
        ]),
      expected: (s) => [
        { type: 'group.member_added', resourceType: 'Group', data: { version: 2, members: [s.bob] } },
      ],
    },
    {
      title: 'member replaceAll reports the net difference',
      write: (s) =>
        s.store.groups.applyMemberDeltas(s.tenantId, s.sales, [
          { kind: 'replaceAll', members: [{ value: s.bob }] },
        ]),
      expected: (s) => [
        { type: 'group.member_added', resourceType: 'Group', data: { version: 2, members: [s.bob] } },
        { type: 'group.member_removed', resourceType: 'Group', data: { version: 2, members: [s.alice] } },
      ],
    },
    {
      title: 'group PUT with the same name and members: an update, no member events',
      write: (s) => s.store.groups.replace(s.tenantId, s.sales, group('Sales', [s.alice])),
      expected: () => [{ type: 'group.updated', resourceType: 'Group', data: { version: 2 } }],
    },
    {
      title: 'group delete',
      write: (s) => s.store.groups.delete(s.tenantId, s.sales),
      expected: () => [{ type: 'group.deleted', resourceType: 'Group', data: {} }],
    },
  ];

  for (const { title, write, expected } of CASES) {
    test(`change feed: ${title}`, async (t) => {
      const base = await setup(t);
      const alice = (await base.store.users.create(base.tenantId, user('alice'))).id;
      const bob = (await base.store.users.create(base.tenantId, user('bob'))).id;
      const sales = (await base.store.groups.create(base.tenantId, group('Sales', [alice]))).id;
      const s = { ...base, alice, bob, sales };
      const before = await s.store.events.latest(s.tenantId);
      assert.equal(before, 4);
      await write(s);
      assert.deepEqual(await eventsAfter(s.store, s.tenantId, before), expected(s));
    });
  }

  test('sequence numbers are per tenant, gap-free, and name the resource', async (t) => {
    const { store, tenantId } = await setup(t);
    const other = await store.tenants.create({ slug: 'other', name: 'Other' });
    const a = await store.users.create(tenantId, user('a'));
    await store.users.create(other.id, user('x'));
    const b = await store.users.create(tenantId, user('b'));
    const events = await store.events.list(tenantId, 0, 10);
    assert.deepEqual(
      events.map((e) => [e.seq, e.resourceId, e.tenantId]),
      [
        [1, a.id, tenantId],
        [2, b.id, tenantId],
      ],
    );
    assert.equal(await store.events.latest(other.id), 1);
    assert.deepEqual(
      (await store.events.list(tenantId, 1, 10)).map((e) => e.seq),
      [2],
    );
    assert.deepEqual(
      (await store.events.list(tenantId, 0, 1)).map((e) => e.seq),
      [1],
    );
  });

  const FAILURES: readonly { title: string; write: (s: Setup) => Promise<unknown>; error: unknown }[] = [
    {
      title: 'a duplicate userName',
      write: (s) => s.store.users.create(s.tenantId, user('ALICE')),
      error: Uniqueness,
    },
    {
      title: 'a PATCH at a stale version',
      write: (s) =>
        s.store.users.update(s.tenantId, s.alice, (c) => ({ ...c.resource, title: 'x' }), { ifVersion: 7 }),
      error: PreconditionFailed,
    },
    {
      title: 'a member delta whose last step fails after the first one wrote',
      write: (s) =>
        s.store.groups.applyMemberDeltas(s.tenantId, s.sales, [
          { kind: 'add', members: [{ value: s.bob }] },
          { kind: 'remove', values: ['nobody'] },
        ]),
      error: NoTarget,
    },
    {
      title: 'a transaction whose second write fails',
      write: (s) =>
        s.store.transaction(async (tx) => {
          await tx.users.create(s.tenantId, user('dave'));
          await tx.users.create(s.tenantId, user('DAVE'));
        }),
      error: Uniqueness,
    },
  ];

  for (const { title, write, error } of FAILURES) {
    test(`no event and no lost sequence number for ${title}`, async (t) => {
      const base = await setup(t);
      const alice = (await base.store.users.create(base.tenantId, user('alice'))).id;
      const bob = (await base.store.users.create(base.tenantId, user('bob'))).id;
      const sales = (await base.store.groups.create(base.tenantId, group('Sales', [alice]))).id;
      const s = { ...base, alice, bob, sales };
      await assert.rejects(write(s), error as never);
      assert.equal(await s.store.events.latest(s.tenantId), 4);
      const next = await s.store.users.create(s.tenantId, user('erin'));
      const [event] = await s.store.events.list(s.tenantId, 4, 10);
      assert.deepEqual([event?.seq, event?.resourceId], [5, next.id]);
    });
  }

  test('watch wakes on an append for its tenant only, until stopped', async (t) => {
    const { store, tenantId } = await setup(t);
    const other = await store.tenants.create({ slug: 'other', name: 'Other' });
    await listening(store, store);
    let wakes = 0;
    const stop = store.events.watch(tenantId, () => wakes++);
    await store.users.create(other.id, user('x'));
    await store.users.create(tenantId, user('a'));
    await settled(store, store);
    assert.equal(wakes, 1);
    stop();
    await store.users.create(tenantId, user('b'));
    await settled(store, store);
    assert.equal(wakes, 1);
  });

  test('a webhook starts after the latest event; due, lease, success and failure move its state', async (t) => {
    const { store, tenantId } = await setup(t);
    await store.users.create(tenantId, user('before'));
    const hook = await store.webhooks.create(tenantId, {
      url: 'http://127.0.0.1:1/h',
      description: 'd',
      secret: 's',
    });
    assert.equal(hook.deliveredSeq, 1);
    const now = new Date().toISOString();
    assert.deepEqual(await store.webhooks.due(now, 10), []);
    await store.users.create(tenantId, user('after'));
    assert.deepEqual(
      (await store.webhooks.due(now, 10)).map((w) => w.id),
      [hook.id],
    );

    const later = new Date(Date.now() + 60_000).toISOString();
    assert.equal(await store.webhooks.lease(hook.id, 'one', now, later), true);
    assert.equal(await store.webhooks.lease(hook.id, 'two', now, later), false);
    assert.deepEqual(await store.webhooks.due(now, 10), [], 'a leased webhook is not due for others');
    await store.webhooks.release(hook.id, 'one');

    const policy = { retryAt: later, maxConsecutiveFailures: 2 };
    const attempt = { seq: 2, eventType: 'user.created', durationMs: 3, ok: false };
    const failed = await store.webhooks.recordFailure(
      hook.id,
      { ...attempt, attempt: 1, statusCode: 500 },
      policy,
    );
    assert.deepEqual([failed.enabled, failed.consecutiveFailures, failed.nextAttemptAt], [true, 1, later]);
    assert.deepEqual(await store.webhooks.due(now, 10), [], 'waiting for the retry');
    const disabled = await store.webhooks.recordFailure(
      hook.id,
      { ...attempt, attempt: 2, error: 'refused' },
      policy,
    );
    assert.equal(disabled.enabled, false);
    assert.match(disabled.disabledReason ?? '', /2 consecutive failed/);

    const enabled = await store.webhooks.setEnabled(tenantId, hook.id, true);
    assert.deepEqual(
      [enabled.enabled, enabled.consecutiveFailures, enabled.nextAttemptAt],
      [true, 0, undefined],
    );
    await store.webhooks.recordSuccess(hook.id, { ...attempt, attempt: 3, ok: true, statusCode: 204 });
    assert.equal((await store.webhooks.get(tenantId, hook.id)).deliveredSeq, 2);
    assert.deepEqual(await store.webhooks.due(now, 10), []);
    const log = await store.webhooks.deliveries(tenantId, hook.id, 10);
    assert.equal(log.length, 3);
    assert.deepEqual(await store.webhooks.delivery(tenantId, hook.id, log[0]!.id), log[0]);
  });

  test('webhooks are tenant-scoped: another tenant cannot read or remove them', async (t) => {
    const { store, tenantId } = await setup(t);
    const other = await store.tenants.create({ slug: 'other', name: 'Other' });
    const hook = await store.webhooks.create(tenantId, {
      url: 'http://127.0.0.1:1/h',
      description: 'd',
      secret: 's',
    });
    await assert.rejects(store.webhooks.get(other.id, hook.id), /not found/);
    await assert.rejects(store.webhooks.remove(other.id, hook.id), /not found/);
    assert.deepEqual(await store.webhooks.list(other.id), []);
    await store.webhooks.remove(tenantId, hook.id);
    assert.deepEqual(await store.webhooks.list(tenantId), []);
  });
});
