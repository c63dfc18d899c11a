// seedUsers writes what the Users repository writes, fast enough for 100k-user benchmarks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SchemaRegistry, bindFilter, parseFilter } from '@provisio/scim-core';
import { seedUsers } from '@provisio/store';
import { forEachDialect } from './support/dialects.js';

const REGISTRY = SchemaRegistry.standard();
const filter = (text: string) => bindFilter(parseFilter(text), REGISTRY, REGISTRY.resourceType('User'));

forEachDialect((dialect) => {
  test('seeded users are complete resources that indexed filters find', async (t) => {
    const store = await dialect.open(t);
    const tenant = await store.tenants.create({ slug: 'bench', name: 'Bench' });
    const ids = await seedUsers(store, tenant.id, 20_000);
    assert.equal(ids.length, 20_000);

    const byEmail = await store.users.list(tenant.id, {
      filter: filter('emails.value eq "USER1234@example.com"'),
    });
    assert.deepEqual(
      byEmail.resources.map((r) => r.id),
      [ids[1234]],
    );
    const seeded = await store.users.get(tenant.id, ids[1234]!);
    assert.equal(seeded.resource.userName, 'user1234@example.com');
    assert.equal(seeded.version, 1);
    const inactive = await store.users.list(tenant.id, { filter: filter('active eq false'), count: 0 });
    assert.equal(inactive.totalResults, 2_000);
    const more = await seedUsers(store, tenant.id, 10, 20_000);
    assert.equal((await store.users.get(tenant.id, more[0]!)).resource.userName, 'user20000@example.com');
  });
});
