// Writers on different server processes share one PostgreSQL: here, two stores with pools of their own
// over one schema. Parallel writes must not lose a member, break uniqueness, or hand out one version
// (ETag) for two different contents; concurrent migrators must migrate once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Uniqueness } from '@provisio/scim-core';
import { type PostgresStore, openPostgresStore } from '@provisio/store';
import { sql } from 'kysely';
import { DIALECTS, POSTGRES_URL, freshSchemaName, openTempPostgresStore } from './support/dialects.js';
import { group, user } from './support/resources.js';
import type { Lifetime } from './support/temp-store.js';

const postgres = DIALECTS.find((dialect) => dialect.name === 'postgres')!;

async function openSibling(t: Lifetime, schema: string): Promise<PostgresStore> {
  const store = await openPostgresStore({ connectionString: POSTGRES_URL, schema, pool: { max: 4 } });
  t.after(() => store.close());
  return store;
}

/** Two stores over one fresh schema, as two server processes would see it. */
async function twoProcesses(t: Lifetime): Promise<[PostgresStore, PostgresStore]> {
  const schema = freshSchemaName();
  const first = await openTempPostgresStore(t, {}, schema);
  return [first, await openSibling(t, schema)];
}

describe(`${postgres.label} concurrency`, { skip: postgres.skip }, () => {
  test('parallel member adds from two processes lose no member; each bumps the version once', async (t) => {
    const stores = await twoProcesses(t);
    const tenant = await stores[0].tenants.create({ slug: 'race', name: 'Race' });
    const users = [];
    for (let i = 0; i < 24; i++) users.push(await stores[0].users.create(tenant.id, user(`u${i}`)));
    const target = await stores[0].groups.create(tenant.id, group('all'));
    const written = await Promise.all(
      users.map((u, i) =>
        stores[i % 2]!.groups.applyMemberDeltas(tenant.id, target.id, [
          { kind: 'add', members: [{ value: u.id }] },
        ]),
      ),
    );
    const stored = await stores[1].groups.get(tenant.id, target.id);
    const members = (stored.resource.members as { value: string }[]).map((m) => m.value).sort();
    assert.deepEqual(members, users.map((u) => u.id).sort());
    assert.equal(stored.version, 1 + users.length);
    assert.equal(new Set(written.map((w) => w.version)).size, users.length, 'one version per write');
  });

  test('the same userName created in parallel, in different cases: one wins, the rest get Uniqueness', async (t) => {
    const stores = await twoProcesses(t);
    const tenant = await stores[0].tenants.create({ slug: 'dupes', name: 'Dupes' });
    const names = ['Kim', 'KIM', 'kim', 'kIm', 'KiM', 'kiM'];
    const results = await Promise.allSettled(
      names.map((name, i) => stores[i % 2]!.users.create(tenant.id, user(name))),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      assert.ok((r as PromiseRejectedResult).reason instanceof Uniqueness);
    }
    assert.equal((await stores[1].users.list(tenant.id, {})).totalResults, 1);
  });

  test('parallel PATCHes without If-Match all apply, each under a version of its own', async (t) => {
    const stores = await twoProcesses(t);
    const tenant = await stores[0].tenants.create({ slug: 'patch', name: 'Patch' });
    const created = await stores[0].users.create(tenant.id, user('pat', { nickName: '' }));
    const writes = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        stores[i % 2]!.users.update(tenant.id, created.id, (current) => ({
          ...current.resource,
          nickName: `${current.resource.nickName}${i},`,
        })),
      ),
    );
    const final = await stores[0].users.get(tenant.id, created.id);
    assert.equal(final.version, 17);
    const applied = String(final.resource.nickName)
      .split(',')
      .filter(Boolean)
      .map(Number)
      .sort((a, b) => a - b);
    assert.deepEqual(
      applied,
      Array.from({ length: 16 }, (_, i) => i),
      'no PATCH overwrote another',
    );
    const byVersion = new Map(writes.map((w) => [w.version, JSON.stringify(w.resource.nickName)]));
    assert.equal(byVersion.size, 16, 'no two contents share a version');
  });

  test('concurrent migrators on one schema: exactly one migrates, the others find it done', async (t) => {
    const schema = freshSchemaName();
    const open = () => openPostgresStore({ connectionString: POSTGRES_URL, schema, pool: { max: 2 } });
    const stores = await Promise.all(Array.from({ length: 4 }, open));
    t.after(async () => {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(stores[0]!.kysely);
      for (const store of stores) await store.close();
    });
    const applied = await Promise.all(stores.map((store) => store.migrate()));
    const ran = applied.filter((names) => names.length > 0);
    assert.equal(ran.length, 1);
    const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      stores[0]!.kysely,
    );
    assert.deepEqual(
      recorded.rows.map((row) => row.name),
      ran[0],
    );
    await stores[1]!.users.list((await stores[2]!.tenants.create({ slug: 'ok', name: 'Ok' })).id, {});
  });
});
