// The Groups repository: lifecycle, membership deltas against scim-core's reference semantics, and the
// promise that membership work never grows with the group's size.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type FilterNode,
  InvalidValue,
  type MemberRef,
  type MembershipDelta,
  NoTarget,
  Uniqueness,
  applyMembershipDeltas,
} from '@provisio/scim-core';
import type { SqliteStore, Store } from '@provisio/store';
import fc from 'fast-check';
import { type TestStoreOptions, forEachDialect } from './support/dialects.js';
import { queryPlan } from './support/query-plan.js';
import { group, user } from './support/resources.js';
import { type Lifetime, openTempStore, queryLog } from './support/temp-store.js';

/** A store of `open`'s dialect with one tenant. */
async function setup<S extends Store>(
  t: Lifetime,
  open: (t: Lifetime, options?: TestStoreOptions) => Promise<S>,
  log?: ReturnType<typeof queryLog>['log'],
) {
  const store = await open(t, log ? { log } : {});
  const tenant = await store.tenants.create({ slug: 'acme', name: 'Acme' });
  return { store, tenantId: tenant.id };
}

const valuesOf = (resource: Record<string, unknown>) =>
  ((resource.members ?? []) as MemberRef[]).map((m) => m.value).sort();

forEachDialect((dialect) => {
  test('RFC 7643 §4.2 a group is created with members, which read back with display and type', async (t) => {
    const { store, tenantId } = await setup(t, dialect.open);
    const alice = await store.users.create(tenantId, user('alice', { displayName: 'Alice' }));
    const bob = await store.users.create(tenantId, user('bob'));
    const inner = await store.groups.create(tenantId, group('Inner'));
    const outer = await store.groups.create(
      tenantId,
      group('Outer', [alice.id, bob.id.toUpperCase(), inner.id]),
    );
    const expected = [
      { value: alice.id, display: 'Alice', type: 'User' },
      { value: bob.id, display: 'bob', type: 'User' },
      { value: inner.id, display: 'Inner', type: 'Group' },
    ].sort((a, b) => a.value.localeCompare(b.value));
    assert.deepEqual(outer.resource.members, expected);
    assert.deepEqual((await store.groups.get(tenantId, outer.id)).resource.members, expected);
    assert.equal(
      (await store.groups.get(tenantId, outer.id, { members: false })).resource.members,
      undefined,
    );
  });

  test('displayName is unique per tenant, case-insensitively (409 uniqueness)', async (t) => {
    const { store, tenantId } = await setup(t, dialect.open);
    await store.groups.create(tenantId, group('Sales'));
    await assert.rejects(store.groups.create(tenantId, group('SALES')), Uniqueness);
  });

  test('members that do not exist in the tenant are rejected, named, and nothing changes', async (t) => {
    const { store, tenantId } = await setup(t, dialect.open);
    const other = await store.tenants.create({ slug: 'other', name: 'Other' });
    const stranger = await store.users.create(other.id, user('stranger'));
    const sales = await store.groups.create(tenantId, group('Sales'));
    const add: MembershipDelta = { kind: 'add', members: [{ value: stranger.id }, { value: 'ghost' }] };
    await assert.rejects(store.groups.applyMemberDeltas(tenantId, sales.id, [add]), (error: unknown) => {
      assert.ok(error instanceof InvalidValue);
      assert.match(error.message, new RegExp(`"${stranger.id}", "ghost"`));
      return true;
    });
    await assert.rejects(store.groups.create(tenantId, group('Ghosts', ['ghost'])), InvalidValue);
    const after = await store.groups.get(tenantId, sales.id);
    assert.equal(after.version, 1);
    assert.deepEqual(after.resource.members, []);
    const self: MembershipDelta = { kind: 'add', members: [{ value: sales.id }] };
    await assert.rejects(store.groups.applyMemberDeltas(tenantId, sales.id, [self]), InvalidValue);
  });

  test('applyMemberDeltas bumps version and lastModified and returns the group without members', async (t) => {
    const { store, tenantId } = await setup(t, dialect.open);
    const alice = await store.users.create(tenantId, user('alice'));
    const sales = await store.groups.create(tenantId, group('Sales'));
    const result = await store.groups.applyMemberDeltas(tenantId, sales.id, [
      { kind: 'add', members: [{ value: alice.id }] },
    ]);
    assert.equal(result.version, 2);
    assert.equal(result.resource.members, undefined);
    assert.equal(result.resource.meta && (result.resource.meta as { version: string }).version, 'W/"2"');
  });

  test('RFC 7644 §3.5.1 replace swaps the member list; update leaves members alone', async (t) => {
    const { store, tenantId } = await setup(t, dialect.open);
    const [a, b] = [
      await store.users.create(tenantId, user('a')),
      await store.users.create(tenantId, user('b')),
    ];
    const g = await store.groups.create(tenantId, group('G', [a.id]));
    const replaced = await store.groups.replace(tenantId, g.id, group('G2', [b.id]));
    assert.deepEqual(valuesOf(replaced.resource), [b.id]);
    const updated = await store.groups.update(tenantId, g.id, (current) => ({
      ...current.resource,
      displayName: 'G3',
      members: [{ value: a.id }],
    }));
    assert.equal(updated.resource.displayName, 'G3');
    assert.deepEqual(valuesOf(updated.resource), [b.id]);
  });

  test('deleting a group removes it from the groups it belonged to and bumps them', async (t) => {
    const { store, tenantId } = await setup(t, dialect.open);
    const inner = await store.groups.create(tenantId, group('Inner'));
    const outer = await store.groups.create(tenantId, group('Outer', [inner.id]));
    await store.groups.delete(tenantId, inner.id);
    const after = await store.groups.get(tenantId, outer.id);
    assert.deepEqual(after.resource.members, []);
    assert.equal(after.version, 2);
  });

  test('get and list with members: false never touch group_members', async (t) => {
    const { statements, log } = queryLog();
    const { store, tenantId } = await setup(t, dialect.open, log);
    const alice = await store.users.create(tenantId, user('alice'));
    const g = await store.groups.create(tenantId, group('Sales', [alice.id]));
    statements.length = 0;
    await store.groups.get(tenantId, g.id, { members: false });
    await store.groups.list(
      tenantId,
      { filter: { kind: 'present', path: { attribute: 'displayName' } } },
      { members: false },
    );
    // The get and the page's rows (a page that is not full needs no COUNT): proves the log saw them.
    assert.ok(statements.length >= 2);
    assert.deepEqual(
      statements.filter((s) => s.includes('group_members')),
      [],
    );
  });

  test('a remove that matches no member fails with noTarget unless ignoreUnmatchedRemove, as in scim-core', async (t) => {
    const { store, tenantId } = await setup(t, dialect.open);
    const alice = await store.users.create(tenantId, user('alice'));
    const g = await store.groups.create(tenantId, group('G', [alice.id]));
    const remove: MembershipDelta = { kind: 'remove', values: ['nobody'] };
    await assert.rejects(store.groups.applyMemberDeltas(tenantId, g.id, [remove]), NoTarget);
    assert.equal((await store.groups.get(tenantId, g.id)).version, 1, 'rolled back');
    const done = await store.groups.applyMemberDeltas(tenantId, g.id, [remove], {
      ignoreUnmatchedRemove: true,
    });
    assert.equal(done.version, 2);
  });

  /** Random delta sequences over a pool of users and one nested group, compared with scim-core's reference. */
  test('property: applyMemberDeltas ends where scim-core applyMembershipDeltas ends', async (t) => {
    const { store, tenantId } = await setup(t, dialect.open);
    const users = [];
    for (const name of ['u0', 'u1', 'u2', 'u3', 'u4'])
      users.push(await store.users.create(tenantId, user(name)));
    const nested = await store.groups.create(tenantId, group('nested'));
    const pool: MemberRef[] = [
      ...users.map((u): MemberRef => ({ value: u.id, type: 'User' })),
      { value: nested.id, type: 'Group' },
    ];
    const member = fc.constantFrom(...pool);
    // Values compare case-insensitively (members.value is not caseExact), so vary the case.
    const spelled = fc
      .tuple(member, fc.boolean())
      .map(([m, upper]) => (upper ? m.value.toUpperCase() : m.value));
    const filter: fc.Arbitrary<FilterNode> = fc.oneof(
      spelled.map(
        (value): FilterNode => ({ kind: 'compare', path: { attribute: 'value' }, op: 'eq', value }),
      ),
      fc
        .constantFrom('User', 'Group')
        .map((value): FilterNode => ({ kind: 'compare', path: { attribute: 'type' }, op: 'eq', value })),
      spelled.map(
        (value): FilterNode => ({
          kind: 'not',
          filter: { kind: 'compare', path: { attribute: 'value' }, op: 'eq', value },
        }),
      ),
    );
    const delta: fc.Arbitrary<MembershipDelta> = fc.oneof(
      fc.uniqueArray(member, { maxLength: 3 }).map((members): MembershipDelta => ({ kind: 'add', members })),
      fc
        .array(spelled, { minLength: 1, maxLength: 3 })
        .map((values): MembershipDelta => ({ kind: 'remove', values })),
      filter.map((f): MembershipDelta => ({ kind: 'removeWhere', filter: f })),
      fc
        .uniqueArray(member, { minLength: 1, maxLength: 3 })
        .map((members): MembershipDelta => ({ kind: 'replaceAll', members })),
      fc.constant<MembershipDelta>({ kind: 'removeAll' }),
    );
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(member, { maxLength: 4 }),
        fc.array(delta, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (initial, deltas, ignoreUnmatchedRemove) => {
          const g = await store.groups.create(
            tenantId,
            group(
              `g${runs++}`,
              initial.map((m) => m.value),
            ),
          );
          let expected: string[] | 'noTarget';
          try {
            expected = applyMembershipDeltas(initial, deltas, { ignoreUnmatchedRemove })
              .map((m) => m.value.toLowerCase())
              .sort();
          } catch (error) {
            assert.ok(error instanceof NoTarget);
            expected = 'noTarget';
          }
          if (expected === 'noTarget') {
            await assert.rejects(
              store.groups.applyMemberDeltas(tenantId, g.id, deltas, { ignoreUnmatchedRemove }),
              NoTarget,
            );
            const unchanged = await store.groups.get(tenantId, g.id);
            assert.deepEqual(valuesOf(unchanged.resource), valuesOf(g.resource));
            assert.equal(unchanged.version, 1);
          } else {
            await store.groups.applyMemberDeltas(tenantId, g.id, deltas, { ignoreUnmatchedRemove });
            assert.deepEqual(valuesOf((await store.groups.get(tenantId, g.id)).resource), expected);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

// SQLite only: it plans with SQLite's EXPLAIN QUERY PLAN and fills the group through the file directly.
/** 100,000 member rows, inserted directly: the cost test needs the rows, not real users behind them. */
function fillGroup(store: SqliteStore, tenantId: string, groupId: string, n: number) {
  const insert = store.database.prepare(
    "insert into group_members (tenant_id, group_id, member_id, member_type) values (?, ?, ?, 'User')",
  );
  store.database.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(tenantId, groupId, `filler-${String(i).padStart(6, '0')}`);
  })();
}

test('adding or removing one member costs the same on a 100,000-member group as on a 10-member one', async (t) => {
  const { statements, log } = queryLog();
  const { store, tenantId } = await setup(t, openTempStore, log);
  const small = await store.groups.create(tenantId, group('Small'));
  const large = await store.groups.create(tenantId, group('Large'));
  fillGroup(store, tenantId, small.id, 10);
  fillGroup(store, tenantId, large.id, 100_000);
  const alice = await store.users.create(tenantId, user('alice'));

  const run = async (groupId: string) => {
    statements.length = 0;
    const started = performance.now();
    for (let i = 0; i < 50; i++) {
      await store.groups.applyMemberDeltas(tenantId, groupId, [
        { kind: 'add', members: [{ value: alice.id }] },
      ]);
      await store.groups.applyMemberDeltas(tenantId, groupId, [{ kind: 'remove', values: [alice.id] }]);
    }
    return { elapsed: performance.now() - started, statements: [...statements] };
  };
  const onSmall = await run(small.id);
  const onLarge = await run(large.id);

  assert.equal(onLarge.statements.length, onSmall.statements.length, 'the same statements run');
  for (const sql of new Set(onLarge.statements)) {
    const plan = queryPlan(store, { sql, parameters: sql.match(/\?/g)?.map(() => 'x') ?? [] });
    assert.ok(
      !plan.some((step) => /^SCAN (group_members|groups|users)\b/.test(step)),
      `${sql}\n${plan.join('\n')}`,
    );
  }
  // Generous: the point is "not proportional to size" (that would be 10,000×), not a benchmark.
  assert.ok(onLarge.elapsed < onSmall.elapsed * 5 + 50, `${onLarge.elapsed} ms vs ${onSmall.elapsed} ms`);
  assert.equal((await store.groups.get(tenantId, large.id, { members: false })).version, 101);
});
