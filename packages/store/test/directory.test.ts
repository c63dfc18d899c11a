// The directory (issue 7): users, groups, memberships, applications, assignments, and the change sequence
// that every write takes, on real SQLite files.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidValue, NotFound, Uniqueness } from '@provisio/scim-core';
import { DEFAULT_ACCESS_ROLE_ID, type DirectoryAttributes } from '@provisio/store';
import { type TestStore, forEachDialect } from './support/dialects.js';
import { steppingClock } from './support/temp-store.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function person(name: string, extra: DirectoryAttributes = {}): DirectoryAttributes {
  return { userPrincipalName: `${name}@contoso.com`, displayName: name, accountEnabled: true, ...extra };
}

/** Every page of users, following `next`. */
async function allUsers(store: TestStore, options: { changedAfter?: number; limit?: number } = {}) {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = await store.directory.users.list({ ...options, ...(after === undefined ? {} : { after }) });
    ids.push(...page.items.map((user) => user.objectId));
    after = page.next;
  } while (after !== undefined);
  return ids;
}

forEachDialect((dialect) => {
  describe('directory users', () => {
    test('create stamps the next sequence and a lower-case UUID; reads by id and by name', async (t) => {
      const store = await dialect.open(t, { clock: steppingClock() });
      assert.equal(await store.directory.currentSequence(), 0);
      const alice = await store.directory.users.create(person('alice', { department: 'Sales' }));
      assert.match(alice.objectId, UUID);
      assert.deepEqual(alice, {
        objectId: alice.objectId,
        attributes: person('alice', { department: 'Sales' }),
        lifecycle: 'active',
        changeSequence: 1,
        created: '2025-01-01T00:00:00.000Z',
        lastModified: '2025-01-01T00:00:00.000Z',
      });
      assert.deepEqual(await store.directory.users.get(alice.objectId.toUpperCase()), alice);
      assert.deepEqual(await store.directory.users.findByName('ALICE@Contoso.com'), alice);
      assert.equal(await store.directory.users.findByName('nobody@contoso.com'), undefined);
      await assert.rejects(store.directory.users.get('not-a-uuid'), NotFound);
      await assert.rejects(store.directory.groups.get(alice.objectId), NotFound, 'a user is no group');
      const bob = await store.directory.users.create(person('bob'));
      assert.equal(bob.changeSequence, 2);
      assert.equal(await store.directory.currentSequence(), 2);
    });

    test('userPrincipalName is unique, case-insensitive; a given objectId is kept lower-cased', async (t) => {
      const store = await dialect.open(t);
      const id = 'A1B2C3D4-0000-4000-8000-00000000000A';
      const alice = await store.directory.users.create(person('alice'), { objectId: id });
      assert.equal(alice.objectId, id.toLowerCase());
      await assert.rejects(store.directory.users.create(person('ALICE')), Uniqueness);
      await assert.rejects(store.directory.users.create(person('other'), { objectId: id }), Uniqueness);
      await assert.rejects(store.directory.users.create(person('x'), { objectId: 'nope' }), InvalidValue);
      const bob = await store.directory.users.create(person('bob'));
      await assert.rejects(
        store.directory.users.update(bob.objectId, { userPrincipalName: 'Alice@contoso.com' }),
        Uniqueness,
      );
      assert.equal(await store.directory.currentSequence(), 2, 'refused writes leave the sequence alone');
    });

    const refused: { title: string; attributes: DirectoryAttributes }[] = [
      { title: 'no userPrincipalName', attributes: { displayName: 'x' } },
      { title: 'empty userPrincipalName', attributes: { userPrincipalName: ' ' } },
      { title: 'userPrincipalName not a string', attributes: { userPrincipalName: 5 } },
      { title: 'objectId as an attribute', attributes: { ...person('x'), objectId: 'y' } },
      {
        title: 'a list of numbers',
        attributes: { ...person('x'), otherMails: [1, 2] as unknown as string[] },
      },
      { title: 'an object value', attributes: { ...person('x'), jobTitle: {} as unknown as string } },
      { title: 'a NaN', attributes: { ...person('x'), employeeId: Number.NaN } },
      { title: 'manager not an objectId', attributes: { ...person('x'), manager: 'boss@contoso.com' } },
      {
        title: 'manager unknown',
        attributes: { ...person('x'), manager: '00000000-0000-4000-8000-000000000001' },
      },
    ];
    for (const { title, attributes } of refused) {
      test(`create refuses ${title} with InvalidValue`, async (t) => {
        const store = await dialect.open(t);
        await assert.rejects(store.directory.users.create(attributes), InvalidValue);
        assert.equal(await store.directory.currentSequence(), 0);
      });
    }

    test('update merges, null removes, a no-op takes no sequence; manager must be a live user', async (t) => {
      const store = await dialect.open(t);
      const boss = await store.directory.users.create(person('boss'));
      const alice = await store.directory.users.create(
        person('alice', { jobTitle: 'Clerk', otherMails: ['a@x.org'] }),
      );
      const updated = await store.directory.users.update(alice.objectId, {
        jobTitle: null,
        department: 'Sales',
        manager: boss.objectId.toUpperCase(),
      });
      assert.deepEqual(updated.attributes, {
        ...person('alice'),
        otherMails: ['a@x.org'],
        department: 'Sales',
        manager: boss.objectId,
      });
      assert.equal(updated.changeSequence, 3);
      const same = await store.directory.users.update(alice.objectId, {
        department: 'Sales',
        otherMails: ['a@x.org'],
      });
      assert.equal(same.changeSequence, 3);
      assert.equal(await store.directory.currentSequence(), 3);
      await assert.rejects(
        store.directory.users.update(alice.objectId, { manager: alice.objectId }),
        InvalidValue,
      );
      await assert.rejects(
        store.directory.users.update(alice.objectId, { userPrincipalName: null }),
        InvalidValue,
      );
      const group = await store.directory.groups.create({ displayName: 'G' });
      await assert.rejects(
        store.directory.users.update(alice.objectId, { manager: group.objectId }),
        InvalidValue,
      );
      assert.deepEqual((await store.directory.users.get(alice.objectId)).attributes, updated.attributes);
    });

    test('soft delete keeps the name, restore brings it back, hard delete leaves a tombstone', async (t) => {
      const store = await dialect.open(t);
      const users = store.directory.users;
      const alice = await users.create(person('alice'));
      const soft = await users.softDelete(alice.objectId);
      assert.deepEqual([soft.lifecycle, soft.changeSequence], ['softDeleted', 2]);
      assert.equal((await users.softDelete(alice.objectId)).changeSequence, 2, 'twice is a no-op');
      await assert.rejects(users.create(person('alice')), Uniqueness, 'the recycle bin keeps the name');
      assert.equal((await users.findByName('alice@contoso.com'))?.lifecycle, 'softDeleted');
      const back = await users.restore(alice.objectId);
      assert.deepEqual([back.lifecycle, back.changeSequence], ['active', 3]);
      const gone = await users.hardDelete(alice.objectId);
      assert.deepEqual([gone.lifecycle, gone.changeSequence], ['hardDeleted', 4]);
      assert.deepEqual(gone.attributes, person('alice'), 'the tombstone keeps what logs need');
      assert.equal(await users.findByName('alice@contoso.com'), undefined);
      for (const write of [
        () => users.update(alice.objectId, { jobTitle: 'x' }),
        () => users.softDelete(alice.objectId),
        () => users.restore(alice.objectId),
        () => users.hardDelete(alice.objectId),
      ]) {
        await assert.rejects(write(), NotFound);
      }
      const again = await users.create(person('alice'));
      assert.notEqual(again.objectId, alice.objectId, 'a purged name can be used again');
      assert.equal((await users.get(alice.objectId)).lifecycle, 'hardDeleted');
    });

    test('keyset pages cover every user once, in objectId order; lifecycles filter', async (t) => {
      const store = await dialect.open(t);
      const ids: string[] = [];
      for (let i = 0; i < 25; i++) ids.push((await store.directory.users.create(person(`u${i}`))).objectId);
      assert.deepEqual(await allUsers(store, { limit: 10 }), [...ids].sort());
      const first = await store.directory.users.list({ limit: 10 });
      assert.equal(first.items.length, 10);
      assert.equal(first.next, first.items[9]?.objectId);
      assert.equal((await store.directory.users.list({ limit: 25 })).next, undefined);
      await store.directory.users.softDelete(ids[3]!);
      await store.directory.users.hardDelete(ids[4]!);
      const active = await store.directory.users.list({ lifecycles: ['active'] });
      assert.equal(active.items.length, 23);
      const deleted = await store.directory.users.list({ lifecycles: ['softDeleted', 'hardDeleted'] });
      assert.deepEqual(deleted.items.map((u) => u.objectId).sort(), [ids[3], ids[4]].sort());
      await assert.rejects(store.directory.users.list({ limit: 0 }), InvalidValue);
    });

    test('changedAfter returns exactly what changed since a watermark, tombstones included', async (t) => {
      const store = await dialect.open(t);
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push((await store.directory.users.create(person(`u${i}`))).objectId);
      const watermark = await store.directory.currentSequence();
      assert.deepEqual(await allUsers(store, { changedAfter: watermark }), []);
      await store.directory.users.update(ids[0]!, { jobTitle: 'Boss' });
      await store.directory.users.softDelete(ids[1]!);
      await store.directory.users.hardDelete(ids[2]!);
      await store.directory.users.update(ids[3]!, { accountEnabled: true }); // no change
      const created = (await store.directory.users.create(person('late'))).objectId;
      const changed = await allUsers(store, { changedAfter: watermark, limit: 2 });
      assert.deepEqual(changed, [ids[0]!, ids[1]!, ids[2]!, created].sort());
    });
  });

  describe('directory groups and members', () => {
    test('members: add users and groups, skip ones already there, refuse unknown ids atomically', async (t) => {
      const store = await dialect.open(t);
      const { users, groups } = store.directory;
      const alice = await users.create(person('alice'));
      const bob = await users.create(person('bob'));
      const inner = await groups.create({ displayName: 'Inner' });
      const outer = await groups.create({ displayName: 'Outer', description: 'all' });
      const added = await groups.addMembers(outer.objectId, [alice.objectId, inner.objectId.toUpperCase()]);
      assert.equal(added.changeSequence, 5);
      assert.equal((await groups.addMembers(outer.objectId, [alice.objectId])).changeSequence, 5, 'no-op');
      const unknown = '00000000-0000-4000-8000-00000000dead';
      await assert.rejects(groups.addMembers(outer.objectId, [bob.objectId, unknown]), (error: Error) => {
        assert.ok(error instanceof InvalidValue);
        assert.match(error.message, /dead/);
        return true;
      });
      await assert.rejects(groups.addMembers(outer.objectId, [outer.objectId]), InvalidValue);
      const page = await groups.listMembers(outer.objectId);
      assert.deepEqual(
        page.items,
        [
          { objectId: alice.objectId, objectType: 'User' },
          { objectId: inner.objectId, objectType: 'Group' },
        ].sort((a, b) => (a.objectId < b.objectId ? -1 : 1)),
      );
      await assert.rejects(groups.removeMembers(outer.objectId, [bob.objectId, alice.objectId]), NotFound);
      assert.equal((await groups.listMembers(outer.objectId)).items.length, 2, 'nothing removed');
      const removed = await groups.removeMembers(outer.objectId, [alice.objectId]);
      assert.equal(removed.changeSequence, 6);
      const members = await groups.membersOf([outer.objectId, inner.objectId]);
      assert.deepEqual([...members], [[outer.objectId, [{ objectId: inner.objectId, objectType: 'Group' }]]]);
    });

    test('listMembers pages a large group by keyset', async (t) => {
      const store = await dialect.open(t);
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) ids.push((await store.directory.users.create(person(`m${i}`))).objectId);
      const group = await store.directory.groups.create({ displayName: 'Big' });
      await store.directory.groups.addMembers(group.objectId, ids);
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await store.directory.groups.listMembers(group.objectId, {
          limit: 7,
          ...(after === undefined ? {} : { after }),
        });
        seen.push(...page.items.map((m) => m.objectId));
        after = page.next;
      } while (after !== undefined);
      assert.deepEqual(seen, [...ids].sort());
    });

    test('hard-deleting a member removes its memberships and stamps those groups; soft delete keeps them', async (t) => {
      const store = await dialect.open(t);
      const { users, groups } = store.directory;
      const alice = await users.create(person('alice'));
      const group = await groups.create({ displayName: 'Sales' });
      const other = await groups.create({ displayName: 'Other' });
      await groups.addMembers(group.objectId, [alice.objectId, other.objectId]);
      await users.softDelete(alice.objectId);
      assert.deepEqual((await groups.membersOf([group.objectId])).get(group.objectId)?.length, 2);
      const watermark = await store.directory.currentSequence();
      const tombstone = await users.hardDelete(alice.objectId);
      assert.deepEqual((await groups.membersOf([group.objectId])).get(group.objectId), [
        { objectId: other.objectId, objectType: 'Group' },
      ]);
      assert.equal((await groups.get(group.objectId)).changeSequence, tombstone.changeSequence);
      const changedGroups = await groups.list({ changedAfter: watermark });
      assert.deepEqual(
        changedGroups.items.map((g) => g.objectId),
        [group.objectId],
      );
      const gone = await groups.hardDelete(other.objectId);
      assert.equal((await groups.membersOf([group.objectId])).size, 0);
      assert.equal((await groups.get(group.objectId)).changeSequence, gone.changeSequence);
      await assert.rejects(groups.create({ displayName: 'sales' }), Uniqueness);
    });
  });

  describe('applications and assignments', () => {
    test('every application has a Default Access role; role values are unique; Default Access is fixed', async (t) => {
      const store = await dialect.open(t);
      const { applications } = store.directory;
      const app = await applications.create({
        name: 'Proware',
        appRoles: [{ value: 'Admin', displayName: 'Administrator' }],
      });
      assert.deepEqual(
        app.appRoles.map((role) => [
          role.id === DEFAULT_ACCESS_ROLE_ID,
          role.value,
          role.displayName,
          role.isDefaultAccess,
        ]),
        [
          [true, '', 'Default Access', true],
          [false, 'Admin', 'Administrator', false],
        ],
      );
      const plain = await applications.create({ name: 'Plain' });
      assert.deepEqual(
        plain.appRoles.map((role) => role.id),
        [DEFAULT_ACCESS_ROLE_ID],
      );
      await assert.rejects(applications.create({ name: 'proware' }), Uniqueness);
      await assert.rejects(applications.create({ name: ' ' }), InvalidValue);
      await assert.rejects(applications.addRole(app.id, { value: 'Admin' }), Uniqueness);
      await assert.rejects(applications.addRole(app.id, { value: '' }), InvalidValue);
      await assert.rejects(
        applications.updateRole(app.id, DEFAULT_ACCESS_ROLE_ID, { displayName: 'x' }),
        InvalidValue,
      );
      await assert.rejects(applications.removeRole(app.id, DEFAULT_ACCESS_ROLE_ID), InvalidValue);
      const reader = await applications.addRole(app.id, { value: 'Reader' });
      assert.equal(reader.displayName, 'Reader');
      assert.equal(
        (await applications.updateRole(app.id, reader.id, { displayName: 'Read only' })).displayName,
        'Read only',
      );
      await assert.rejects(applications.rename(plain.id, 'PROWARE'), Uniqueness);
      assert.equal((await applications.rename(plain.id, 'Plainer')).name, 'Plainer');
      assert.deepEqual(
        (await applications.list()).map((a) => [a.name, a.appRoles.length]),
        [
          ['Plainer', 1],
          ['Proware', 3],
        ],
      );
      await applications.delete(plain.id);
      await assert.rejects(applications.get(plain.id), NotFound);
      await assert.rejects(applications.delete(plain.id), NotFound);
    });

    test('assignments: add, refuse duplicates, remove leaves a stamped row, re-adding revives it', async (t) => {
      const store = await dialect.open(t);
      const { users, groups, applications, assignments } = store.directory;
      const app = await applications.create({ name: 'Proware', appRoles: [{ value: 'Admin' }] });
      const admin = app.appRoles.find((role) => role.value === 'Admin')!;
      const alice = await users.create(person('alice'));
      const team = await groups.create({ displayName: 'Team' });
      const direct = await assignments.add({ applicationId: app.id, principalId: alice.objectId });
      assert.deepEqual(
        [direct.appRoleId, direct.principalType, direct.removed, direct.changeSequence],
        [DEFAULT_ACCESS_ROLE_ID, 'User', false, 3],
      );
      const viaGroup = await assignments.add({
        applicationId: app.id,
        appRoleId: admin.id,
        principalId: team.objectId,
      });
      assert.equal(viaGroup.principalType, 'Group');
      await assert.rejects(
        assignments.add({ applicationId: app.id, principalId: alice.objectId }),
        Uniqueness,
      );
      await assert.rejects(
        assignments.add({ applicationId: app.id, appRoleId: 'nope', principalId: alice.objectId }),
        NotFound,
      );
      await assert.rejects(assignments.add({ applicationId: 'nope', principalId: alice.objectId }), NotFound);
      await assert.rejects(assignments.add({ applicationId: app.id, principalId: 'nope' }), InvalidValue);
      const watermark = await store.directory.currentSequence();
      const removed = await assignments.remove(direct.id);
      assert.deepEqual([removed.removed, removed.changeSequence], [true, watermark + 1]);
      await assert.rejects(assignments.remove(direct.id), NotFound);
      assert.deepEqual(
        (await assignments.list({ applicationId: app.id })).map((a) => a.id),
        [viaGroup.id],
      );
      assert.deepEqual(
        (await assignments.list({ applicationId: app.id, changedAfter: watermark })).map((a) => [
          a.id,
          a.removed,
        ]),
        [[direct.id, true]],
      );
      const revived = await assignments.add({ applicationId: app.id, principalId: alice.objectId });
      assert.deepEqual(
        [revived.id, revived.removed, revived.changeSequence],
        [direct.id, false, watermark + 2],
      );
    });

    test('assignments of a hard-deleted principal or a removed role are marked removed under one sequence', async (t) => {
      const store = await dialect.open(t);
      const { users, applications, assignments } = store.directory;
      const app = await applications.create({ name: 'Proware', appRoles: [{ value: 'Admin' }] });
      const admin = app.appRoles.find((role) => role.value === 'Admin')!;
      const [alice, bob] = [await users.create(person('alice')), await users.create(person('bob'))];
      await assignments.add({ applicationId: app.id, principalId: alice.objectId });
      await assignments.add({ applicationId: app.id, appRoleId: admin.id, principalId: alice.objectId });
      await assignments.add({ applicationId: app.id, appRoleId: admin.id, principalId: bob.objectId });
      const watermark = await store.directory.currentSequence();
      const tombstone = await users.hardDelete(alice.objectId);
      const changed = await assignments.list({ changedAfter: watermark });
      assert.deepEqual(
        changed.map((a) => [a.principalId, a.removed, a.changeSequence]),
        [
          [alice.objectId, true, tombstone.changeSequence],
          [alice.objectId, true, tombstone.changeSequence],
        ],
      );
      await applications.removeRole(app.id, admin.id);
      const afterRole = await assignments.list({
        principalId: bob.objectId,
        changedAfter: tombstone.changeSequence,
      });
      assert.deepEqual(
        afterRole.map((a) => [a.removed, a.appRoleId]),
        [[true, admin.id]],
      );
      assert.deepEqual(await assignments.list({ applicationId: app.id }), []);
    });

    test('a failed transaction leaves no row and no sequence behind', async (t) => {
      const store = await dialect.open(t);
      await assert.rejects(
        store.transaction(async (tx) => {
          const alice = await tx.directory.users.create(person('alice'));
          await tx.directory.groups.create({ displayName: 'G' });
          await tx.directory.groups.addMembers((await tx.directory.groups.findByName('g'))!.objectId, [
            alice.objectId,
          ]);
          await tx.directory.users.create(person('ALICE'));
        }),
        Uniqueness,
      );
      assert.equal(await store.directory.currentSequence(), 0);
      assert.deepEqual((await store.directory.users.list()).items, []);
      assert.deepEqual((await store.directory.groups.list()).items, []);
    });
  });
});
