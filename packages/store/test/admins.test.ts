// Admins and their API tokens, and the token expiry that SCIM token rotation relies on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidValue, NotFound, Uniqueness } from '@provisio/scim-core';
import { hashPassword, hashTokenSecret, verifyPassword } from '@provisio/store';
import { forEachDialect } from './support/dialects.js';
import { steppingClock } from './support/temp-store.js';

forEachDialect((dialect) => {
  test('admins: created with a password hash only, usernames unique', async (t) => {
    const store = await dialect.open(t, { clock: steppingClock() });
    await assert.rejects(store.admins.create({ username: 'root', passwordHash: 'plain-text' }), InvalidValue);
    const passwordHash = await hashPassword('correct horse');
    const admin = await store.admins.create({ username: 'root', passwordHash });
    assert.deepEqual(admin, {
      id: admin.id,
      username: 'root',
      passwordHash,
      mustChangePassword: true,
      created: '2025-01-01T00:00:00.000Z',
    });
    assert.deepEqual(await store.admins.findByUsername('root'), admin);
    assert.equal(await store.admins.findByUsername('ROOT'), undefined);
    assert.ok(await verifyPassword('correct horse', admin.passwordHash));
    await assert.rejects(store.admins.create({ username: 'root', passwordHash }), Uniqueness);
    await store.admins.create({ username: 'alice', passwordHash, mustChangePassword: false });
    assert.deepEqual(
      (await store.admins.list()).map((a) => [a.username, a.mustChangePassword]),
      [
        ['alice', false],
        ['root', true],
      ],
    );
  });

  test('admin tokens: create, find by hash, mark used, revoke only their own', async (t) => {
    const store = await dialect.open(t, { clock: steppingClock() });
    const passwordHash = await hashPassword('x');
    const root = await store.admins.create({ username: 'root', passwordHash });
    const other = await store.admins.create({ username: 'other', passwordHash });
    const hash = hashTokenSecret('admin-secret');
    const token = await store.adminTokens.create(root.id, { description: 'cli', prefix: 'pva_abcd', hash });
    assert.deepEqual(await store.adminTokens.findByHash(hash.toUpperCase()), token);
    assert.equal(await store.adminTokens.findByHash(hashTokenSecret('nope')), undefined);
    await assert.rejects(
      store.adminTokens.create(other.id, { description: 'x', prefix: 'p', hash }),
      Uniqueness,
    );
    await store.adminTokens.markUsed(token.id, '192.0.2.1');
    assert.ok((await store.adminTokens.findByHash(hash))?.lastUsed);
    await assert.rejects(store.adminTokens.revoke(other.id, token.id), NotFound);
    const revoked = await store.adminTokens.revoke(root.id, token.id);
    assert.ok(revoked.revoked);
    assert.equal((await store.adminTokens.revoke(root.id, token.id)).revoked, revoked.revoked);
    assert.deepEqual(await store.adminTokens.list(root.id), [revoked]);
    assert.deepEqual(await store.adminTokens.list(other.id), []);
  });

  test('tokens.expireBy sets an expiry, keeps an earlier one, and is tenant-scoped', async (t) => {
    const store = await dialect.open(t);
    const acme = await store.tenants.create({ slug: 'acme', name: 'Acme' });
    const beta = await store.tenants.create({ slug: 'beta', name: 'Beta' });
    const token = (hash: string, expires?: string) =>
      store.tokens.create(acme.id, {
        description: 'd',
        scope: 'scim',
        prefix: 'p',
        hash,
        ...(expires ? { expires } : {}),
      });
    const open = await token('a');
    const soon = await token('b', '2030-01-01T00:00:00.000Z');
    const at = '2031-06-01T00:00:00.000Z';
    assert.equal((await store.tokens.expireBy(acme.id, open.id, at)).expires, at);
    assert.equal((await store.tokens.expireBy(acme.id, soon.id, at)).expires, '2030-01-01T00:00:00.000Z');
    assert.equal(
      (await store.tokens.expireBy(acme.id, soon.id, '2029-01-01T00:00:00.000Z')).expires,
      '2029-01-01T00:00:00.000Z',
    );
    await assert.rejects(store.tokens.expireBy(beta.id, open.id, at), NotFound);
    assert.deepEqual(await store.tokens.get(acme.id, open.id), { ...open, expires: at });
    await assert.rejects(store.tokens.get(beta.id, open.id), NotFound);
  });
});
