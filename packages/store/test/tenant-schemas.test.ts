// Per-tenant schema extensions (issue 5): stored as data, versioned per tenant, filterable through JSON.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  InvalidValue,
  NotFound,
  SchemaRegistry,
  USER_SCHEMA,
  Uniqueness,
  bindFilter,
  parseFilter,
} from '@provisio/scim-core';
import type { NewTenantSchema, Store } from '@provisio/store';
import { forEachDialect } from './support/dialects.js';
import { steppingClock } from './support/temp-store.js';

forEachDialect((dialect) => {
  const PROWARE = 'urn:ietf:params:scim:schemas:extension:proware:2.0:User';
  const PROWARE_INPUT: NewTenantSchema = {
    resourceType: 'User',
    definition: {
      id: PROWARE,
      attributes: [
        { name: 'costCentre' },
        { name: 'badges', multiValued: true, subAttributes: [{ name: 'value' }, { name: 'type' }] },
      ],
    },
  };

  async function versionOf(store: Store, tenantId: string): Promise<number> {
    return (await store.tenants.get(tenantId)).schemaVersion;
  }

  test('add, list and remove an extension; each change bumps the tenant schema version', async (t) => {
    const store = await dialect.open(t, { clock: steppingClock() });
    const tenant = await store.tenants.create({ slug: 'acme', name: 'Acme' });
    const other = await store.tenants.create({ slug: 'other', name: 'Other' });
    const added = await store.schemas.add(tenant.id, PROWARE_INPUT);
    assert.equal(added.id, PROWARE);
    assert.equal(added.required, false);
    assert.equal(added.definition.name, 'User');
    assert.deepEqual(
      added.definition.attributes.map((a) => [a.name, a.type, a.multiValued]),
      [
        ['costCentre', 'string', false],
        ['badges', 'complex', true],
      ],
    );
    assert.deepEqual(await store.schemas.list(tenant.id), [added]);
    assert.deepEqual(await store.schemas.list(other.id), []);
    assert.equal(await versionOf(store, tenant.id), 1);
    assert.equal(await versionOf(store, other.id), 0);

    await store.tokens.create(tenant.id, { description: 'd', scope: 'scim', prefix: 'p', hash: 'ab' });
    assert.equal((await store.tokens.findCredential('ab'))?.tenant.schemaVersion, 1);

    await store.schemas.remove(tenant.id, PROWARE.toUpperCase());
    assert.deepEqual(await store.schemas.list(tenant.id), []);
    assert.equal(await versionOf(store, tenant.id), 2);
    await assert.rejects(store.schemas.remove(tenant.id, PROWARE), NotFound);
    assert.equal(await versionOf(store, tenant.id), 2, 'a failed change leaves the version alone');
  });

  test('refusals: duplicate URN (any case), invalid definitions, unknown tenant', async (t) => {
    const store = await dialect.open(t);
    const tenant = await store.tenants.create({ slug: 'acme', name: 'Acme' });
    await store.schemas.add(tenant.id, PROWARE_INPUT);
    const withId = (id: string): NewTenantSchema => ({
      ...PROWARE_INPUT,
      definition: { ...PROWARE_INPUT.definition, id },
    });
    await assert.rejects(store.schemas.add(tenant.id, withId(PROWARE.toLowerCase())), Uniqueness);
    await assert.rejects(store.schemas.add(tenant.id, withId('not a urn')), InvalidValue);
    await assert.rejects(store.schemas.add(tenant.id, withId(USER_SCHEMA)), InvalidValue);
    await assert.rejects(
      store.schemas.add(tenant.id, { ...withId('urn:x:other'), resourceType: 'Device' as 'User' }),
      InvalidValue,
    );
    await assert.rejects(
      store.schemas.add(tenant.id, {
        ...PROWARE_INPUT,
        definition: { id: 'urn:x:bad', attributes: [{ name: 'n', type: 'text' as 'string' }] },
      }),
      InvalidValue,
    );
    await assert.rejects(store.schemas.add('no-such-tenant', withId('urn:x:other')), NotFound);
    assert.equal(await versionOf(store, tenant.id), 1);
    assert.equal((await store.schemas.list(tenant.id)).length, 1);
  });

  test('extension attributes filter through the JSON document, and deleting the tenant removes its schemas', async (t) => {
    const store = await dialect.open(t);
    const tenant = await store.tenants.create({ slug: 'acme', name: 'Acme' });
    const { definition } = await store.schemas.add(tenant.id, PROWARE_INPUT);
    const registry = SchemaRegistry.standard().withExtension(definition, { resourceType: 'User' });
    for (const [userName, costCentre] of [
      ['ann', 'CC-1'],
      ['bob', 'CC-2'],
    ] as const) {
      await store.users.create(tenant.id, {
        schemas: [USER_SCHEMA, PROWARE],
        userName,
        [PROWARE]: { costCentre, badges: [{ value: `b-${userName}`, type: 'door' }] },
      });
    }
    const userType = registry.resourceType('User');
    const find = async (text: string) => {
      const filter = bindFilter(parseFilter(text), registry, userType);
      const page = await store.users.list(tenant.id, { filter, registry });
      return page.resources.map((r) => r.resource.userName);
    };
    assert.deepEqual(await find(`${PROWARE}:costCentre eq "cc-1"`), ['ann']);
    assert.deepEqual(await find(`${PROWARE}:badges[value eq "b-bob"]`), ['bob']);

    await store.tenants.delete(tenant.id);
    assert.deepEqual(await store.kysely.selectFrom('tenant_schemas').selectAll().execute(), []);
  });
});
