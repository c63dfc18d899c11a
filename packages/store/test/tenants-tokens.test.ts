// Tenants and bearer tokens: the rows the server authenticates against.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidValue, NotFound, Uniqueness } from '@provisio/scim-core';
import { hashTokenSecret } from '@provisio/store';
import { forEachDialect } from './support/dialects.js';
import { steppingClock } from './support/temp-store.js';
import { assertRowsOnlyOf, doomedAndKept } from './support/tenant-rows.js';

forEachDialect((dialect) => {
  test('tenants: create, find by id and slug, list, update', async (t) => {
    const store = await dialect.open(t, { clock: steppingClock() });
    const acme = await store.tenants.create({ slug: 'acme', name: 'Acme' });
    assert.deepEqual(acme, {
      id: acme.id,
      slug: 'acme',
      name: 'Acme',
      provisioningEnabled: true,
      scimCompat: 'entra',
      created: '2025-01-01T00:00:00.000Z',
      schemaVersion: 0,
    });
    assert.deepEqual(await store.tenants.get(acme.id), acme);
    assert.deepEqual(await store.tenants.findBySlug('acme'), acme);
    assert.equal(await store.tenants.findBySlug('nope'), undefined);
    const updated = await store.tenants.update(acme.id, {
      name: 'Acme Corp',
      provisioningEnabled: false,
      scimCompat: 'strict',
    });
    assert.deepEqual(
      [updated.name, updated.provisioningEnabled, updated.scimCompat, updated.slug],
      ['Acme Corp', false, 'strict', 'acme'],
    );
    await store.tenants.create({ slug: 'beta', name: 'Beta' });
    assert.deepEqual(
      (await store.tenants.list()).map((x) => x.slug),
      ['acme', 'beta'],
    );
    await assert.rejects(store.tenants.update('nope', { name: 'x' }), NotFound);
    await assert.rejects(store.tenants.get('nope'), NotFound);
  });

  test('tenant slugs are unique and URL-safe', async (t) => {
    const store = await dialect.open(t);
    const acme = await store.tenants.create({ slug: 'acme', name: 'Acme' });
    await assert.rejects(store.tenants.create({ slug: 'acme', name: 'Again' }), Uniqueness);
    const beta = await store.tenants.create({ slug: 'beta', name: 'Beta' });
    await assert.rejects(store.tenants.update(beta.id, { slug: 'acme' }), Uniqueness);
    for (const slug of ['', 'Acme', 'a b', '-a', 'a-', 'a/b']) {
      await assert.rejects(store.tenants.create({ slug, name: 'x' }), InvalidValue, slug);
    }
    assert.equal((await store.tenants.get(acme.id)).slug, 'acme');
  });

  test('deleting a tenant deletes all its rows and nobody else’s', async (t) => {
    const store = await dialect.open(t);
    const { doomed, kept } = await doomedAndKept(store);
    await store.tenants.delete(doomed.id);
    await assert.rejects(store.tenants.delete(doomed.id), NotFound);
    await assertRowsOnlyOf(store, kept);
  });

  test('hashTokenSecret is hex SHA-256', () => {
    assert.equal(hashTokenSecret('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('tokens: create, find by hash, mark used, revoke once', async (t) => {
    const store = await dialect.open(t, { clock: steppingClock() });
    const tenant = await store.tenants.create({ slug: 'acme', name: 'Acme' });
    const hash = hashTokenSecret('secret-1');
    const token = await store.tokens.create(tenant.id, {
      description: 'Entra',
      scope: 'scim',
      prefix: 'prv_abcd',
      hash,
      expires: '2026-01-01T00:00:00.000Z',
    });
    assert.deepEqual(token, {
      id: token.id,
      tenantId: tenant.id,
      description: 'Entra',
      scope: 'scim',
      prefix: 'prv_abcd',
      hash,
      created: '2025-01-01T00:00:01.000Z',
      expires: '2026-01-01T00:00:00.000Z',
    });
    assert.deepEqual(await store.tokens.findByHash(hash.toUpperCase()), token);
    assert.equal(await store.tokens.findByHash(hashTokenSecret('other')), undefined);
    await assert.rejects(
      store.tokens.create(tenant.id, { description: 'x', scope: 'scim', prefix: 'p', hash }),
      Uniqueness,
    );

    await store.tokens.markUsed(token.id, '192.0.2.1');
    assert.equal(
      (await store.tokens.findByHash(hash))?.lastUsed,
      '2025-01-01T00:00:03.000Z',
      'the rejected duplicate read the clock at :02',
    );
    const revoked = await store.tokens.revoke(tenant.id, token.id);
    assert.equal(revoked.revoked, '2025-01-01T00:00:04.000Z');
    assert.equal(
      (await store.tokens.revoke(tenant.id, token.id)).revoked,
      revoked.revoked,
      'first revocation kept',
    );
    assert.deepEqual(await store.tokens.list(tenant.id), [revoked]);
  });
});
