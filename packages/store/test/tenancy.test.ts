// Contract: every query is scoped by tenant. Tenant B cannot read, change or delete tenant A's rows by id
// or by filter — even when B's resources carry the very same ids as A's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidValue, NotFound, SchemaRegistry, bindFilter, parseFilter } from '@provisio/scim-core';
import { forEachDialect } from './support/dialects.js';
import { group, user } from './support/resources.js';
import type { Lifetime } from './support/temp-store.js';

forEachDialect((dialect) => {
  const REGISTRY = SchemaRegistry.standard();

  /** Tenants A and B whose user and group ids collide on purpose: only tenant_id tells them apart. */
  async function setup(t: Lifetime) {
    let nextId = '';
    const store = await dialect.open(t, { newId: () => nextId });
    const create = async <T>(id: string, make: () => Promise<T>) => {
      nextId = id;
      return make();
    };
    const a = await create('tenant-a', () => store.tenants.create({ slug: 'a', name: 'A' }));
    const b = await create('tenant-b', () => store.tenants.create({ slug: 'b', name: 'B' }));
    await create('shared-user', () =>
      store.users.create(
        a.id,
        user('alice@a.example', { emails: [{ value: 'only-in-a@a.example' }], externalId: 'ext-a' }),
      ),
    );
    await create('other-user', () => store.users.create(a.id, user('bob@a.example')));
    await create('shared-group', () => store.groups.create(a.id, group('A team', ['shared-user'])));
    await create('shared-user', () => store.users.create(b.id, user('carol@b.example')));
    await create('shared-group', () => store.groups.create(b.id, group('B team')));
    await create('token-a', () =>
      store.tokens.create(a.id, { description: 'A', scope: 'scim', prefix: 'pa', hash: 'aa' }),
    );
    return { store, a: a.id, b: b.id };
  }

  const list = (filter: string, resourceType: 'User' | 'Group') => ({
    filter: bindFilter(parseFilter(filter), REGISTRY, REGISTRY.resourceType(resourceType)),
  });

  test('tenant B cannot read, replace, update or delete tenant A’s user by id', async (t) => {
    const { store, b } = await setup(t);
    await assert.rejects(store.users.get(b, 'other-user'), NotFound);
    await assert.rejects(store.users.replace(b, 'other-user', user('x')), NotFound);
    await assert.rejects(
      store.users.update(b, 'other-user', (c) => c.resource),
      NotFound,
    );
    await assert.rejects(store.users.delete(b, 'other-user'), NotFound);
  });

  test('tenant B cannot read, change, fill or delete tenant A’s group by id', async (t) => {
    const { store, a, b } = await setup(t);
    const before = await store.groups.get(a, 'shared-group');
    await assert.rejects(store.groups.get(b, 'missing-in-b'), NotFound);
    // B's own group with the same id is B's: writing it leaves A's untouched.
    await store.groups.replace(b, 'shared-group', group('B renamed'));
    await assert.rejects(
      store.groups.applyMemberDeltas(b, 'shared-group', [
        { kind: 'add', members: [{ value: 'other-user' }] },
      ]),
      InvalidValue,
      'A’s user is no member candidate in B',
    );
    await store.groups.delete(b, 'shared-group');
    assert.deepEqual(await store.groups.get(a, 'shared-group'), before);
  });

  test('deleting B’s user with a shared id leaves A’s user and A’s memberships alone', async (t) => {
    const { store, a, b } = await setup(t);
    await store.users.delete(b, 'shared-user');
    assert.equal((await store.users.get(a, 'shared-user')).resource.userName, 'alice@a.example');
    const team = await store.groups.get(a, 'shared-group');
    assert.deepEqual(
      (team.resource.members as { value: string }[]).map((m) => m.value),
      ['shared-user'],
    );
    assert.equal(team.version, 1);
  });

  test('filters in tenant B never see tenant A’s rows, side tables included', async (t) => {
    const { store, b } = await setup(t);
    const userFilters = [
      'userName eq "alice@a.example"',
      'id eq "other-user"',
      'externalId eq "ext-a"',
      'emails.value eq "only-in-a@a.example"',
      'emails[value sw "only-in-a"]',
      'groups.value eq "shared-group"',
      'groups.display eq "A team"',
    ];
    for (const filter of userFilters) {
      const page = await store.users.list(b, list(filter, 'User'));
      assert.deepEqual(
        page.resources.map((r) => r.id),
        [],
        filter,
      );
    }
    for (const filter of ['displayName eq "A team"', 'members.value eq "shared-user"', 'members pr']) {
      const page = await store.groups.list(b, list(filter, 'Group'));
      assert.deepEqual(
        page.resources.map((r) => r.id),
        [],
        filter,
      );
    }
    const all = await store.users.list(b, {});
    assert.deepEqual(
      all.resources.map((r) => r.resource.userName),
      ['carol@b.example'],
    );
    assert.deepEqual(
      (await store.users.get(b, 'shared-user')).resource.groups,
      [],
      'A’s membership is not B’s',
    );
  });

  test('tenant B cannot list or revoke tenant A’s tokens', async (t) => {
    const { store, a, b } = await setup(t);
    assert.deepEqual(await store.tokens.list(b), []);
    await assert.rejects(store.tokens.revoke(b, 'token-a'), NotFound);
    assert.equal((await store.tokens.list(a))[0]?.revoked, undefined);
  });
});
