/**
 * Per-tenant schema extensions (issue 5) end to end: added through the admin API, they appear in
 * `/Schemas` and `/ResourceTypes` (RFC 7643 §6–7), are validated, stored and filterable like built-in
 * attributes (RFC 7644 §3.4.2.2), and a change made by another process is seen on the next request.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type TestServer,
  type TestTenant,
  USER_SCHEMA,
  forEachServerDialect,
  startTestServer,
} from './support/test-server.js';

const PROWARE = 'urn:ietf:params:scim:schemas:extension:proware:2.0:User';
const PROWARE_BODY = {
  id: PROWARE,
  name: 'ProwareUser',
  description: 'Proware attributes',
  resourceType: 'User',
  attributes: [
    { name: 'costCentre', type: 'string' },
    {
      name: 'badges',
      type: 'complex',
      multiValued: true,
      subAttributes: [{ name: 'value' }, { name: 'type' }],
    },
  ],
};

forEachServerDialect((dialect) => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({}, { dialect });
  });
  after(() => server.close());

  async function addProware(slug: string): Promise<void> {
    const added = await server.admin('POST', `/tenants/${slug}/schemas`, PROWARE_BODY);
    assert.equal(added.status, 201, added.text);
  }

  async function schemaIds(tenant: TestTenant): Promise<string[]> {
    const response = await tenant.scim('GET', '/Schemas');
    assert.equal(response.status, 200, response.text);
    return response.body.Resources.map((schema: { id: string }) => schema.id);
  }

  const costCentreIs = (value: string) =>
    `/Users?filter=${encodeURIComponent(`${PROWARE}:costCentre eq "${value}"`)}`;

  describe('tenant schema extensions over SCIM', () => {
    test('an added extension is discoverable, validated, stored and filterable; removal hides it', async () => {
      const tenant = await server.tenant();
      const bystander = await server.tenant();
      await addProware(tenant.tenant.slug);

      assert.ok((await schemaIds(tenant)).includes(PROWARE));
      assert.ok(!(await schemaIds(bystander)).includes(PROWARE), 'other tenants do not see it');
      server.queries.length = 0;
      await schemaIds(tenant);
      assert.ok(
        !server.queries.some((query) => query.includes('tenant_schemas')),
        'an unchanged tenant reuses its cached registry',
      );
      const schema = await tenant.scim('GET', `/Schemas/${PROWARE}`);
      assert.equal(schema.status, 200, schema.text);
      assert.deepEqual(
        schema.body.attributes.map((a: { name: string }) => a.name),
        ['costCentre', 'badges'],
      );
      const userType = await tenant.scim('GET', '/ResourceTypes/User');
      assert.deepEqual(userType.body.schemaExtensions.at(-1), { schema: PROWARE, required: false });

      const extension = { costCentre: 'CC-1', badges: [{ value: 'B7', type: 'door' }] };
      const created = await tenant.scim('POST', '/Users', {
        body: { schemas: [USER_SCHEMA, PROWARE], userName: 'ann', [PROWARE]: extension },
      });
      assert.equal(created.status, 201, created.text);
      const read = await tenant.scim('GET', `/Users/${created.body.id}`);
      assert.deepEqual(read.body[PROWARE], extension);
      assert.ok(read.body.schemas.includes(PROWARE));
      await tenant.scim('POST', '/Users', {
        body: { schemas: [USER_SCHEMA, PROWARE], userName: 'bob', [PROWARE]: { costCentre: 'CC-2' } },
      });

      const found = await tenant.scim('GET', costCentreIs('CC-1'));
      assert.equal(found.status, 200, found.text);
      assert.deepEqual(
        found.body.Resources.map((u: { userName: string }) => u.userName),
        ['ann'],
      );
      const unknown = await tenant.scim(
        'GET',
        `/Users?filter=${encodeURIComponent(`${PROWARE}:floor eq "3"`)}`,
      );
      assert.equal(unknown.status, 400, unknown.text);
      assert.equal(unknown.body.scimType, 'invalidFilter');
      const wrongType = await tenant.scim('POST', '/Users', {
        body: { schemas: [USER_SCHEMA, PROWARE], userName: 'cy', [PROWARE]: { costCentre: 7 } },
      });
      assert.equal(wrongType.status, 400, wrongType.text);

      const removed = await server.admin(
        'DELETE',
        `/tenants/${tenant.tenant.slug}/schemas/${encodeURIComponent(PROWARE)}`,
      );
      assert.equal(removed.status, 204, removed.text);
      assert.ok(!(await schemaIds(tenant)).includes(PROWARE));
      assert.equal((await tenant.scim('GET', costCentreIs('CC-1'))).status, 400);
      const afterRemoval = await tenant.scim('GET', `/Users/${created.body.id}`);
      assert.equal(afterRemoval.status, 200, afterRemoval.text);
      assert.equal(afterRemoval.body[PROWARE], undefined, 'a removed extension is no longer served');
      assert.deepEqual(afterRemoval.body.schemas, [USER_SCHEMA]);
      // The stored values are kept, so adding the extension back serves them again.
      await addProware(tenant.tenant.slug);
      assert.deepEqual((await tenant.scim('GET', `/Users/${created.body.id}`)).body[PROWARE], extension);
    });

    test('a change made by another process is seen on the next request', async () => {
      const tenant = await server.tenant();
      assert.ok(!(await schemaIds(tenant)).includes(PROWARE));
      const other = await server.openPeerStore();
      try {
        await other.schemas.add(tenant.tenant.id, {
          definition: { id: PROWARE, attributes: [{ name: 'costCentre' }] },
          resourceType: 'User',
          required: true,
        });
        assert.ok((await schemaIds(tenant)).includes(PROWARE));
        const userType = await tenant.scim('GET', '/ResourceTypes/User');
        assert.deepEqual(userType.body.schemaExtensions.at(-1), { schema: PROWARE, required: true });
        await other.schemas.remove(tenant.tenant.id, PROWARE);
        assert.ok(!(await schemaIds(tenant)).includes(PROWARE));
      } finally {
        await other.close();
      }
    });
  });

  describe('admin API for tenant schemas', () => {
    test('list shows the extension with its characteristics filled in', async () => {
      const { tenant } = await server.tenant();
      await addProware(tenant.slug);
      const listed = await server.admin('GET', `/tenants/${tenant.slug}/schemas`);
      assert.equal(listed.status, 200, listed.text);
      assert.equal(listed.body.schemas.length, 1);
      const [view] = listed.body.schemas;
      assert.equal(view.id, PROWARE);
      assert.equal(view.name, 'ProwareUser');
      assert.equal(view.resourceType, 'User');
      assert.equal(view.required, false);
      assert.deepEqual(view.attributes[0], {
        name: 'costCentre',
        type: 'string',
        multiValued: false,
        description: '',
        required: false,
        caseExact: false,
        mutability: 'readWrite',
        returned: 'default',
        uniqueness: 'none',
      });
    });

    const REFUSALS = [
      { title: 'a bad URN', body: { ...PROWARE_BODY, id: 'proware user' }, status: 400 },
      { title: 'a standard schema URN', body: { ...PROWARE_BODY, id: USER_SCHEMA }, status: 400 },
      { title: 'an unknown resource type', body: { ...PROWARE_BODY, resourceType: 'Device' }, status: 400 },
      {
        title: 'an unknown attribute characteristic',
        body: { ...PROWARE_BODY, attributes: [{ name: 'floor', multivalued: true }] },
        status: 400,
      },
      {
        title: 'an invalid attribute type',
        body: { ...PROWARE_BODY, attributes: [{ name: 'floor', type: 'text' }] },
        status: 400,
      },
    ];
    for (const refusal of REFUSALS) {
      test(`POST refuses ${refusal.title} with ${refusal.status}`, async () => {
        const { tenant } = await server.tenant();
        const response = await server.admin('POST', `/tenants/${tenant.slug}/schemas`, refusal.body);
        assert.equal(response.status, refusal.status, response.text);
        assert.equal(response.body.error.code, 'invalid_request');
        assert.equal((await server.admin('GET', `/tenants/${tenant.slug}/schemas`)).body.schemas.length, 0);
      });
    }

    test('a duplicate URN is 409 conflict, even in another case', async () => {
      const { tenant } = await server.tenant();
      await addProware(tenant.slug);
      const again = await server.admin('POST', `/tenants/${tenant.slug}/schemas`, {
        ...PROWARE_BODY,
        id: PROWARE.toUpperCase(),
      });
      assert.equal(again.status, 409, again.text);
      assert.equal(again.body.error.code, 'conflict');
    });

    test('an unknown tenant or extension is 404', async () => {
      for (const response of [
        await server.admin('POST', '/tenants/no-such-tenant/schemas', PROWARE_BODY),
        await server.admin('GET', '/tenants/no-such-tenant/schemas'),
        await server.admin('DELETE', `/tenants/no-such-tenant/schemas/${encodeURIComponent(PROWARE)}`),
        await server.admin(
          'DELETE',
          `/tenants/${(await server.tenant()).tenant.slug}/schemas/${encodeURIComponent(PROWARE)}`,
        ),
      ]) {
        assert.equal(response.status, 404, response.text);
        assert.equal(response.body.error.code, 'not_found');
      }
    });
  });
});
