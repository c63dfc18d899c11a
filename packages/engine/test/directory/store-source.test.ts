// StoreDirectorySource: the engine's view of Provisio's own directory tables, read page by page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DirectoryGroup, type DirectoryUser, StoreDirectorySource } from '@provisio/engine';
import { DEFAULT_ACCESS_ROLE_ID } from '@provisio/store';
import { forEachDialect, openTempStore } from '../support/temp-store.js';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

forEachDialect((dialect) => {
  test('users stream every page, in objectId order, and deltas include tombstones', async (t) => {
    const store = await openTempStore(t, dialect);
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) {
      ids.push((await store.directory.users.create({ userPrincipalName: `u${i}@contoso.com` })).objectId);
    }
    const source = new StoreDirectorySource(store.directory, { userPageSize: 3 });
    const users = await collect(source.users());
    assert.deepEqual(
      users.map((user) => user.objectId),
      [...ids].sort(),
    );
    const watermark = await source.currentSequence();
    assert.equal(watermark, 11);
    await store.directory.users.update(ids[2]!, { jobTitle: 'Boss' });
    await store.directory.users.hardDelete(ids[5]!);
    const delta = await collect(source.users({ changedAfter: watermark }));
    assert.deepEqual(
      delta.map((user): [string, string, number] => [user.objectId, user.lifecycle, user.changeSequence]),
      [
        [ids[2]!, 'active', 12],
        [ids[5]!, 'hardDeleted', 13],
      ].sort() as [string, string, number][],
    );
    const boss = delta.find((user) => user.objectId === ids[2]) as DirectoryUser;
    assert.deepEqual(boss.attributes, { userPrincipalName: 'u2@contoso.com', jobTitle: 'Boss' });
  });

  test('groups come with their direct members and their kinds, nested groups never expanded', async (t) => {
    const store = await openTempStore(t, dialect);
    const { users, groups } = store.directory;
    const alice = await users.create({ userPrincipalName: 'alice@contoso.com' });
    const inner = await groups.create({ displayName: 'Inner' });
    const outer = await groups.create({ displayName: 'Outer' });
    const empty = await groups.create({ displayName: 'Empty' });
    await groups.addMembers(inner.objectId, [alice.objectId]);
    await groups.addMembers(outer.objectId, [inner.objectId]);
    const source = new StoreDirectorySource(store.directory, { groupPageSize: 2 });
    const byId = new Map((await collect(source.groups())).map((group) => [group.objectId, group]));
    assert.equal(byId.size, 3);
    assert.deepEqual(byId.get(outer.objectId)?.members, [{ objectId: inner.objectId, objectType: 'Group' }]);
    assert.deepEqual(byId.get(inner.objectId)?.members, [{ objectId: alice.objectId, objectType: 'User' }]);
    assert.deepEqual(byId.get(empty.objectId)?.members, []);
    const watermark = await source.currentSequence();
    await groups.removeMembers(inner.objectId, [alice.objectId]);
    const delta: DirectoryGroup[] = await collect(source.groups({ changedAfter: watermark }));
    assert.deepEqual(
      delta.map((group) => [group.objectId, group.members]),
      [[inner.objectId, []]],
    );
  });

  test('application and assignments: current ones, and a delta that flags removals', async (t) => {
    const store = await openTempStore(t, dialect);
    const { users, applications, assignments } = store.directory;
    const app = await applications.create({ name: 'Proware', appRoles: [{ value: 'Admin' }] });
    const source = new StoreDirectorySource(store.directory);
    assert.deepEqual(await source.application(app.id), {
      id: app.id,
      name: 'Proware',
      appRoles: app.appRoles.map(({ id, value, displayName, isDefaultAccess }) => ({
        id,
        value,
        displayName,
        isDefaultAccess,
      })),
    });
    const alice = await users.create({ userPrincipalName: 'alice@contoso.com' });
    const bob = await users.create({ userPrincipalName: 'bob@contoso.com' });
    const kept = await assignments.add({ applicationId: app.id, principalId: alice.objectId });
    const dropped = await assignments.add({ applicationId: app.id, principalId: bob.objectId });
    const watermark = await source.currentSequence();
    await assignments.remove(dropped.id);
    assert.deepEqual(await source.assignments(app.id), [
      {
        id: kept.id,
        applicationId: app.id,
        principalId: alice.objectId,
        principalType: 'User',
        appRoleId: DEFAULT_ACCESS_ROLE_ID,
        changeSequence: kept.changeSequence,
      },
    ]);
    const delta = await source.assignments(app.id, { changedAfter: watermark });
    assert.deepEqual(
      delta.map((a) => [a.id, a.removed]),
      [[dropped.id, true]],
    );
  });
});
