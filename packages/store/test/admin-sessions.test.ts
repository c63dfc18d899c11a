// Console sessions, password changes and the failed-login records behind the login throttle (issue 5).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { InvalidValue, NotFound } from '@provisio/scim-core';
import { type LoginAttemptKey, hashPassword, hashTokenSecret, openSqliteStore } from '@provisio/store';
import { forEachDialect } from './support/dialects.js';
import { queryLog, steppingClock, tempDirectory } from './support/temp-store.js';

const alice: LoginAttemptKey = { kind: 'username', subject: 'alice' };
const ip: LoginAttemptKey = { kind: 'ip', subject: '127.0.0.1' };
const EPOCH = '2000-01-01T00:00:00.000Z';

forEachDialect((dialect) => {
  test('admins: get by id, and a new password clears mustChangePassword', async (t) => {
    const store = await dialect.open(t);
    const root = await store.admins.create({ username: 'root', passwordHash: await hashPassword('first') });
    assert.deepEqual(await store.admins.get(root.id), root);
    await assert.rejects(store.admins.get('nobody'), NotFound);
    await assert.rejects(store.admins.setPassword(root.id, 'plain'), InvalidValue);
    assert.equal((await store.admins.get(root.id)).passwordHash, root.passwordHash);
    const passwordHash = await hashPassword('second');
    assert.deepEqual(await store.admins.setPassword(root.id, passwordHash), {
      ...root,
      passwordHash,
      mustChangePassword: false,
    });
    await assert.rejects(store.admins.setPassword('nobody', passwordHash), NotFound);
  });

  test('sessions: found with their admin in one query by the hash, seen, ended one or all', async (t) => {
    const { statements, log } = queryLog();
    const store = await dialect.open(t, { clock: steppingClock(), log });
    const passwordHash = await hashPassword('x');
    const root = await store.admins.create({ username: 'root', passwordHash });
    const other = await store.admins.create({ username: 'other', passwordHash });
    const expires = '2025-01-02T00:00:00.000Z';
    const first = await store.adminSessions.create(root.id, { hash: hashTokenSecret('s1'), expires });
    const second = await store.adminSessions.create(root.id, { hash: hashTokenSecret('s2'), expires });
    const third = await store.adminSessions.create(root.id, { hash: hashTokenSecret('s3'), expires });
    const others = await store.adminSessions.create(other.id, { hash: hashTokenSecret('s4'), expires });
    assert.equal(first.id, hashTokenSecret('s1'));
    assert.equal(first.lastSeen, first.created);

    statements.length = 0;
    const found = await store.adminSessions.findWithAdmin(hashTokenSecret('s1').toUpperCase());
    assert.deepEqual(found, { session: first, admin: root });
    assert.equal(statements.length, 1, statements.join('\n'));
    assert.equal(await store.adminSessions.findWithAdmin(hashTokenSecret('none')), undefined);

    await store.adminSessions.markSeen(first.id);
    const seen = (await store.adminSessions.findWithAdmin(first.id))?.session;
    assert.ok(seen && seen.lastSeen > first.lastSeen, JSON.stringify(seen));

    assert.equal(await store.adminSessions.deleteForAdmin(root.id, second.id), 2);
    assert.equal(await store.adminSessions.findWithAdmin(first.id), undefined);
    assert.equal(await store.adminSessions.findWithAdmin(third.id), undefined);
    assert.ok(await store.adminSessions.findWithAdmin(second.id), 'the kept session survives');
    assert.ok(await store.adminSessions.findWithAdmin(others.id), "another admin's session survives");

    await store.adminSessions.delete(second.id);
    await store.adminSessions.delete(second.id);
    assert.equal(await store.adminSessions.findWithAdmin(second.id), undefined);
    assert.equal(await store.adminSessions.deleteForAdmin(other.id), 1);
  });

  test('sessions: deleteExpired forgets only those past their absolute end', async (t) => {
    const store = await dialect.open(t);
    const root = await store.admins.create({ username: 'root', passwordHash: await hashPassword('x') });
    const old = await store.adminSessions.create(root.id, {
      hash: hashTokenSecret('old'),
      expires: '2020-01-01T00:00:00.000Z',
    });
    const live = await store.adminSessions.create(root.id, {
      hash: hashTokenSecret('live'),
      expires: '2999-01-01T00:00:00.000Z',
    });
    assert.equal(await store.adminSessions.deleteExpired('2021-01-01T00:00:00.000Z'), 1);
    assert.equal(await store.adminSessions.findWithAdmin(old.id), undefined);
    assert.ok(await store.adminSessions.findWithAdmin(live.id));
  });

  test('login attempts: newest failures first, per key, within the window, limited', async (t) => {
    const store = await dialect.open(t, { clock: steppingClock() });
    for (let i = 0; i < 3; i++) await store.loginAttempts.recordFailure([alice, ip], EPOCH);
    await store.loginAttempts.recordFailure([ip], EPOCH);
    assert.deepEqual(await store.loginAttempts.recentFailures(alice, EPOCH, 10), [
      '2025-01-01T00:00:02.000Z',
      '2025-01-01T00:00:01.000Z',
      '2025-01-01T00:00:00.000Z',
    ]);
    assert.deepEqual(await store.loginAttempts.recentFailures(ip, EPOCH, 2), [
      '2025-01-01T00:00:03.000Z',
      '2025-01-01T00:00:02.000Z',
    ]);
    assert.deepEqual(await store.loginAttempts.recentFailures(alice, '2025-01-01T00:00:01.000Z', 10), [
      '2025-01-01T00:00:02.000Z',
    ]);
    assert.deepEqual(
      await store.loginAttempts.recentFailures({ kind: 'ip', subject: 'alice' }, EPOCH, 10),
      [],
      'kinds are apart',
    );
    await store.loginAttempts.clear(alice);
    assert.deepEqual(await store.loginAttempts.recentFailures(alice, EPOCH, 10), []);
    assert.equal((await store.loginAttempts.recentFailures(ip, EPOCH, 10)).length, 4, 'the IP keeps its own');
  });

  test('login attempts: recording a failure forgets those that left the window', async (t) => {
    const store = await dialect.open(t, { clock: steppingClock() });
    await store.loginAttempts.recordFailure([alice], EPOCH);
    await store.loginAttempts.recordFailure([alice], EPOCH);
    await store.loginAttempts.recordFailure([ip], '2025-01-01T00:00:00.500Z');
    assert.deepEqual(
      await store.kysely
        .selectFrom('login_attempts')
        .select(['subject', 'attempted'])
        .orderBy('attempted')
        .execute(),
      [
        { subject: 'alice', attempted: '2025-01-01T00:00:01.000Z' },
        { subject: '127.0.0.1', attempted: '2025-01-01T00:00:02.000Z' },
      ],
    );
  });
});

// SQLite's two connections to one file; on PostgreSQL every pool is such a connection.
test('login attempts: another connection to the same database sees the same failures', async (t) => {
  const file = join(tempDirectory(t), 'shared.db');
  const [one, two] = [openSqliteStore({ file }), openSqliteStore({ file })];
  t.after(async () => {
    await one.close();
    await two.close();
  });
  await one.migrate();
  await one.loginAttempts.recordFailure([alice], EPOCH);
  await two.loginAttempts.recordFailure([alice], EPOCH);
  assert.equal((await one.loginAttempts.recentFailures(alice, EPOCH, 10)).length, 2);
  assert.equal((await two.loginAttempts.recentFailures(alice, EPOCH, 10)).length, 2);
});
