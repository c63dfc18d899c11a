// Tenant soft delete, restore and purge (issue 5), and what a soft delete does to token lookups.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Conflict, NotFound } from '@provisio/scim-core';
import { hashTokenSecret } from '@provisio/store';
import { forEachDialect } from './support/dialects.js';
import { queryLog, steppingClock } from './support/temp-store.js';
import { assertRowsOnlyOf, doomedAndKept, scimToken } from './support/tenant-rows.js';

forEachDialect((dialect) => {
  test('a soft-deleted tenant is hidden from lists unless asked for, and found by id and slug', async (t) => {
    const store = await dialect.open(t, { clock: steppingClock() });
    const acme = await store.tenants.create({ slug: 'acme', name: 'Acme' });
    const beta = await store.tenants.create({ slug: 'beta', name: 'Beta' });
    const deleted = await store.tenants.softDelete(acme.id);
    assert.deepEqual(deleted, { ...acme, deleted: '2025-01-01T00:00:02.000Z' });
    assert.deepEqual(
      await store.tenants.softDelete(acme.id),
      deleted,
      'a second delete keeps the first time',
    );
    assert.deepEqual(await store.tenants.list(), [beta]);
    assert.deepEqual(await store.tenants.list({ includeDeleted: true }), [deleted, beta]);
    assert.deepEqual(await store.tenants.get(acme.id), deleted);
    assert.deepEqual(await store.tenants.findBySlug('acme'), deleted);
    assert.deepEqual(await store.tenants.restore(acme.id), acme);
    assert.deepEqual(await store.tenants.list(), [acme, beta]);
    await assert.rejects(store.tenants.softDelete('nope'), NotFound);
    await assert.rejects(store.tenants.restore('nope'), NotFound);
  });

  test("findCredential does not find a soft-deleted tenant's token, still in one query", async (t) => {
    const { statements, log } = queryLog();
    const store = await dialect.open(t, { log });
    const tenant = await store.tenants.create({ slug: 'acme', name: 'Acme' });
    const hash = hashTokenSecret('secret');
    const token = await store.tokens.create(tenant.id, scimToken(hash));
    await store.tenants.softDelete(tenant.id);
    statements.length = 0;
    assert.equal(await store.tokens.findCredential(hash), undefined);
    assert.equal(statements.length, 1, statements.join('\n'));
    assert.ok(await store.tokens.findByHash(hash), 'the token row itself is kept');
    await store.tenants.restore(tenant.id);
    assert.deepEqual(await store.tokens.findCredential(hash), { token, tenant });
  });

  test('purge removes a soft-deleted tenant and all its rows; a live one is refused', async (t) => {
    const store = await dialect.open(t);
    const { doomed, kept } = await doomedAndKept(store);
    await assert.rejects(store.tenants.purge(doomed.id), Conflict);
    assert.ok(await store.tenants.findBySlug('doomed'), 'a refused purge removes nothing');
    await store.tenants.softDelete(doomed.id);
    await store.tenants.purge(doomed.id);
    await assert.rejects(store.tenants.purge(doomed.id), NotFound);
    assert.equal(await store.tenants.findBySlug('doomed'), undefined);
    await assertRowsOnlyOf(store, kept);
  });
});
