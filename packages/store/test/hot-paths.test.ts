// The per-request paths kept short for throughput (issue 4): they must answer exactly as the general ones.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashTokenSecret, seedUsers } from '@provisio/store';
import { forEachDialect } from './support/dialects.js';
import { group, user } from './support/resources.js';
import { queryLog, steppingClock } from './support/temp-store.js';
import { scimToken } from './support/tenant-rows.js';

forEachDialect((dialect) => {
  test('tokens.findCredential: the token and its tenant in one query, read afresh every time', async (t) => {
    const { statements, log } = queryLog();
    const store = await dialect.open(t, { clock: steppingClock(), log });
    const tenant = await store.tenants.create({ slug: 'acme', name: 'Acme' });
    const hash = hashTokenSecret('secret-1');
    const token = await store.tokens.create(tenant.id, scimToken(hash));
    statements.length = 0;
    assert.deepEqual(await store.tokens.findCredential(hash.toUpperCase()), { token, tenant });
    assert.equal(statements.length, 1, statements.join('\n'));
    assert.equal(await store.tokens.findCredential(hashTokenSecret('other')), undefined);
    // Nothing is remembered between calls: a revocation or a disabled tenant shows on the next lookup.
    const revoked = await store.tokens.revoke(tenant.id, token.id);
    const disabled = await store.tenants.update(tenant.id, { provisioningEnabled: false, slug: 'acme-2' });
    assert.deepEqual(await store.tokens.findCredential(hash), { token: revoked, tenant: disabled });
  });

  test('prepared single-user reads run on the caller’s transaction', async (t) => {
    const store = await dialect.open(t);
    const tenant = await store.tenants.create({ slug: 'acme', name: 'Acme' });
    const rolledBack = new Error('roll back');
    let created = '';
    await assert.rejects(
      store.transaction(async (tx) => {
        created = (await tx.users.create(tenant.id, user('alice', { emails: [{ value: 'a@x.org' }] }))).id;
        assert.equal((await tx.users.get(tenant.id, created)).resource.userName, 'alice');
        throw rolledBack;
      }),
      rolledBack,
    );
    await assert.rejects(store.users.get(tenant.id, created), { status: 404 });
    assert.deepEqual(await store.kysely.selectFrom('user_emails').selectAll().execute(), []);
  });

  test('a user update keeps the groups it read and rewrites email rows only when they change', async (t) => {
    const { statements, log } = queryLog();
    const store = await dialect.open(t, { log });
    const tenant = await store.tenants.create({ slug: 'acme', name: 'Acme' });
    const alice = await store.users.create(tenant.id, user('alice', { emails: [{ value: 'a@x.org' }] }));
    const sales = await store.groups.create(tenant.id, group('Sales', [alice.id]));
    const emailWrites = () => statements.filter((s) => /^(insert into|delete from) "user_emails"/.test(s));

    statements.length = 0;
    const renamed = await store.users.update(tenant.id, alice.id, (c) => ({
      ...c.resource,
      displayName: 'A',
    }));
    assert.deepEqual(emailWrites(), []);
    assert.deepEqual(renamed, await store.users.get(tenant.id, alice.id));
    assert.deepEqual(renamed.resource.groups, [{ value: sales.id, display: 'Sales', type: 'direct' }]);

    statements.length = 0;
    const emails = [{ value: 'b@x.org', type: 'work' }];
    await store.users.update(tenant.id, alice.id, (c) => ({ ...c.resource, emails }));
    assert.equal(emailWrites().length, 2, 'delete, then insert the one row');
    const found = await store.users.list(tenant.id, {
      filter: {
        kind: 'compare',
        path: { attribute: 'emails', subAttribute: 'value' },
        op: 'eq',
        value: 'b@x.org',
      },
    });
    assert.deepEqual(
      found.resources.map((r) => r.id),
      [alice.id],
    );
  });

  test('RFC 7644 §3.4.2.4 totalResults is exact whether or not the page reaches the end', async (t) => {
    const store = await dialect.open(t);
    const tenant = await store.tenants.create({ slug: 'acme', name: 'Acme' });
    for (const name of ['a', 'b', 'c', 'd', 'e']) await store.users.create(tenant.id, user(name));
    const pages: [number | undefined, number | undefined, number][] = [
      [1, undefined, 5],
      [1, 5, 5],
      [1, 2, 2],
      [4, 2, 2],
      [5, 2, 1],
      [6, 2, 0],
      [50, 2, 0],
    ];
    for (const [startIndex, count, shown] of pages) {
      const page = await store.users.list(tenant.id, { startIndex, count }, { groups: false });
      assert.deepEqual([page.resources.length, page.totalResults], [shown, 5], `${startIndex}/${count}`);
    }
    const first = await store.users.list(tenant.id, { cursor: '', count: 5 }, { groups: false });
    assert.deepEqual([first.resources.length, first.totalResults, first.nextCursor], [5, 5, undefined]);
    const partial = await store.users.list(tenant.id, { cursor: '', count: 3 }, { groups: false });
    const rest = await store.users.list(
      tenant.id,
      { cursor: partial.nextCursor!, count: 3 },
      { groups: false },
    );
    assert.deepEqual([partial.totalResults, rest.resources.length, rest.totalResults], [5, 2, 5]);
  });

  test('RFC 9865 a cursor walk counts once: later pages carry the total and run no COUNT', async (t) => {
    const { statements, log } = queryLog();
    const store = await dialect.open(t, { log });
    const acme = await store.tenants.create({ slug: 'acme', name: 'Acme' });
    await seedUsers(store, acme.id, 7);
    const counts = () => statements.filter((statement) => /count\(\*\)/i.test(statement)).length;
    statements.length = 0;
    const first = await store.users.list(acme.id, { cursor: '', count: 3 }, { groups: false });
    assert.deepEqual([first.resources.length, first.totalResults, counts()], [3, 7, 1]);
    statements.length = 0;
    const second = await store.users.list(
      acme.id,
      { cursor: first.nextCursor!, count: 3 },
      { groups: false },
    );
    const third = await store.users.list(
      acme.id,
      { cursor: second.nextCursor!, count: 3 },
      { groups: false },
    );
    assert.deepEqual(
      [second.totalResults, third.totalResults, third.resources.length, counts()],
      [7, 7, 1, 0],
    );
    assert.equal(third.nextCursor, undefined);
  });
});
