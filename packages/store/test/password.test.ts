import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { USER_SCHEMA } from '@provisio/scim-core';
import { hashPassword, isPasswordHash, openSqliteStore, verifyPassword } from '@provisio/store';

test('hashPassword makes salted scrypt hashes that verifyPassword accepts only for the right password', async () => {
  const first = await hashPassword('t1meMa$heen');
  const second = await hashPassword('t1meMa$heen');
  assert.ok(isPasswordHash(first));
  assert.notEqual(first, second, 'each hash has its own salt');
  assert.ok(!first.includes('t1meMa$heen'));
  assert.equal(await verifyPassword('t1meMa$heen', first), true);
  assert.equal(await verifyPassword('t1meMa$heem', first), false);
  assert.equal(await verifyPassword('t1meMa$heen', 'plain text'), false);
});

test('the store refuses to persist a password that is not hashed, and keeps hashed ones', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'provisio-password-'));
  const store = openSqliteStore({ file: join(dir, 'provisio.db') });
  try {
    await store.migrate();
    const tenant = await store.tenants.create({ slug: 'p', name: 'P' });
    await assert.rejects(
      store.users.create(tenant.id, { schemas: [USER_SCHEMA], userName: 'plain', password: 'secret' }),
      { code: 'internal' },
    );
    const hash = await hashPassword('secret');
    const user = await store.users.create(tenant.id, {
      schemas: [USER_SCHEMA],
      userName: 'hashed',
      password: hash,
    });
    assert.equal((await store.users.get(tenant.id, user.id)).resource.password, hash);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
