// The Users repository on a real file: lifecycle, RFC 7644 §3.14 versions, uniqueness, derived groups.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ENTERPRISE_USER_SCHEMA, NotFound, PreconditionFailed, Uniqueness } from '@provisio/scim-core';
import { forEachDialect } from './support/dialects.js';
import { enterpriseUser, group, user } from './support/resources.js';
import { type Lifetime, steppingClock } from './support/temp-store.js';

forEachDialect((dialect) => {
  async function setup(t: Lifetime) {
    const store = await dialect.open(t, { clock: steppingClock() });
    const tenant = await store.tenants.create({ slug: 'acme', name: 'Acme' });
    return { store, tenantId: tenant.id };
  }

  test('RFC 7644 §3.3 create assigns id, meta and version 1, and get returns the same resource', async (t) => {
    const { store, tenantId } = await setup(t);
    const created = await store.users.create(
      tenantId,
      user('alice', { displayName: 'Alice', id: 'client-id' }),
    );
    assert.match(created.id, /^[0-9a-f-]{36}$/);
    assert.notEqual(created.id, 'client-id');
    assert.equal(created.version, 1);
    assert.deepEqual(created.resource.meta, {
      resourceType: 'User',
      created: '2025-01-01T00:00:01.000Z',
      lastModified: '2025-01-01T00:00:01.000Z',
      version: 'W/"1"',
    });
    assert.deepEqual(created.resource.groups, []);
    assert.deepEqual(await store.users.get(tenantId, created.id), created);
  });

  test('RFC 7643 §4.1.1 userName is unique per tenant, case-insensitively and Unicode-aware', async (t) => {
    const { store, tenantId } = await setup(t);
    await store.users.create(tenantId, user('Åsa@Example.com'));
    await assert.rejects(store.users.create(tenantId, user('åSA@example.COM')), (error: unknown) => {
      assert.ok(error instanceof Uniqueness);
      assert.match(error.message, /userName "åSA@example.COM"/);
      return true;
    });
    const other = await store.tenants.create({ slug: 'other', name: 'Other' });
    await store.users.create(other.id, user('åsa@example.com'));
  });

  test('RFC 7644 §3.5.1 replace rewrites the resource, bumps version and lastModified, keeps created', async (t) => {
    const { store, tenantId } = await setup(t);
    const created = await store.users.create(
      tenantId,
      user('bob', { title: 'Dev', emails: [{ value: 'b@x.org' }] }),
    );
    const replaced = await store.users.replace(tenantId, created.id, user('Bob', { nickName: 'B' }));
    assert.equal(replaced.version, 2);
    assert.equal(replaced.created, created.created);
    assert.ok(replaced.lastModified > created.lastModified);
    assert.equal(replaced.resource.title, undefined);
    assert.equal(replaced.resource.nickName, 'B');
    const byOldEmail = await store.users.list(tenantId, {
      filter: {
        kind: 'compare',
        path: { attribute: 'emails', subAttribute: 'value' },
        op: 'eq',
        value: 'b@x.org',
      },
    });
    assert.equal(byOldEmail.totalResults, 0, 'the replaced emails are gone from user_emails too');
  });

  test('RFC 7644 §3.14 a stale ifVersion fails with PreconditionFailed and changes nothing', async (t) => {
    const { store, tenantId } = await setup(t);
    const created = await store.users.create(tenantId, user('carol'));
    await store.users.replace(tenantId, created.id, user('carol', { title: 'v2' }), { ifVersion: 1 });
    await assert.rejects(
      store.users.replace(tenantId, created.id, user('carol', { title: 'v3' }), { ifVersion: 1 }),
      PreconditionFailed,
    );
    await assert.rejects(store.users.delete(tenantId, created.id, { ifVersion: 1 }), PreconditionFailed);
    await assert.rejects(
      store.users.update(tenantId, created.id, (current) => current.resource, { ifVersion: 1 }),
      PreconditionFailed,
    );
    const current = await store.users.get(tenantId, created.id);
    assert.equal(current.version, 2);
    assert.equal(current.resource.title, 'v2');
  });

  test('RFC 7644 §3.5.2 update reads, changes and writes the current version atomically', async (t) => {
    const { store, tenantId } = await setup(t);
    const created = await store.users.create(tenantId, user('dave', { active: true }));
    const updates = Array.from({ length: 5 }, (_, i) =>
      store.users.update(tenantId, created.id, (current) => ({
        ...current.resource,
        title: `${current.resource.title ?? ''}${i}`,
      })),
    );
    await Promise.all(updates);
    const current = await store.users.get(tenantId, created.id);
    assert.equal(current.version, 6);
    assert.equal(String(current.resource.title).length, 5, 'no update was lost');
  });

  test('a uniqueness violation on replace keeps the old resource', async (t) => {
    const { store, tenantId } = await setup(t);
    await store.users.create(tenantId, user('erin'));
    const frank = await store.users.create(tenantId, user('frank', { emails: [{ value: 'f@x.org' }] }));
    await assert.rejects(store.users.replace(tenantId, frank.id, user('ERIN')), Uniqueness);
    const current = await store.users.get(tenantId, frank.id);
    assert.equal(current.resource.userName, 'frank');
    assert.equal(current.version, 1);
  });

  test('unknown ids are NotFound for get, replace, update and delete', async (t) => {
    const { store, tenantId } = await setup(t);
    await assert.rejects(store.users.get(tenantId, 'nope'), NotFound);
    await assert.rejects(store.users.replace(tenantId, 'nope', user('x')), NotFound);
    await assert.rejects(
      store.users.update(tenantId, 'nope', (c) => c.resource),
      NotFound,
    );
    await assert.rejects(store.users.delete(tenantId, 'nope'), NotFound);
  });

  test('RFC 7643 §4.1.2 groups is derived from memberships; deleting a user removes them', async (t) => {
    const { store, tenantId } = await setup(t);
    const alice = await store.users.create(tenantId, user('alice'));
    const admins = await store.groups.create(tenantId, group('Admins', [alice.id]));
    const sales = await store.groups.create(tenantId, group('Sales', [alice.id]));
    const read = await store.users.get(tenantId, alice.id);
    assert.deepEqual(read.resource.groups, [
      { value: admins.id, display: 'Admins', type: 'direct' },
      { value: sales.id, display: 'Sales', type: 'direct' },
    ]);
    assert.equal((await store.users.get(tenantId, alice.id, { groups: false })).resource.groups, undefined);

    await store.users.delete(tenantId, alice.id);
    const after = await store.groups.get(tenantId, admins.id);
    assert.deepEqual(after.resource.members, []);
    assert.equal(after.version, admins.version + 1, 'the group changed, so its version moved');
  });

  test('enterprise attributes and manager are stored and returned as sent', async (t) => {
    const { store, tenantId } = await setup(t);
    const body = enterpriseUser('gina', { employeeNumber: '42', manager: { value: 'boss' } });
    const created = await store.users.create(tenantId, body);
    assert.deepEqual(created.resource[ENTERPRISE_USER_SCHEMA], {
      employeeNumber: '42',
      manager: { value: 'boss' },
    });
    assert.deepEqual(created.resource.schemas, body.schemas);
  });
});
