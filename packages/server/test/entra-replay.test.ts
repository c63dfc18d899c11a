/**
 * Replays the request sequences Microsoft Entra ID sends (docs/entra-scim-behaviour.md A2–A6, C1) against a
 * real server, with the bodies as Entra writes them: the Test Connection probe, user create / match /
 * update in both `aadOptscim062020` modes, disable, manager add and remove in every observed shape,
 * delete; group create with the bogus ADSCIM schema, `excludedAttributes=members` lookups, member add and
 * remove both ways, delete.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ENTERPRISE,
  GROUP_SCHEMA,
  PATCH_SCHEMA,
  type TestServer,
  type TestTenant,
  USER_SCHEMA,
  forEachServerDialect,
  startTestServer,
} from './support/test-server.js';

const ADSCIM_GROUP = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

forEachServerDialect((dialect) => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({}, { dialect });
  });
  after(() => server.close());

  /** Entra's create-user body (A3), verbatim but for the names. */
  function entraUser(name: string, externalId: string) {
    return {
      schemas: [USER_SCHEMA, ENTERPRISE],
      externalId,
      userName: `${name}@contoso.com`,
      active: true,
      displayName: `${name} A`,
      emails: [{ primary: true, type: 'work', value: `${name}@contoso.com` }],
      name: { givenName: name, familyName: 'A', formatted: `${name} A` },
      meta: { resourceType: 'User' },
      roles: [],
      [ENTERPRISE]: { employeeNumber: '42', department: 'Ops' },
    };
  }

  const patchOp = (...Operations: unknown[]) => ({ schemas: [PATCH_SCHEMA], Operations });

  /** PATCH must succeed with `status`; returns the resource as a GET then shows it. */
  async function patchAndRead(tenant: TestTenant, path: string, body: unknown, status = 200) {
    const response = await tenant.scim('PATCH', path, { body });
    assert.equal(response.status, status, response.text);
    const read = await tenant.scim('GET', path);
    assert.equal(read.status, 200, read.text);
    return read.body;
  }

  async function createUser(tenant: TestTenant, name: string): Promise<string> {
    const response = await tenant.scim('POST', '/Users', { body: entraUser(name, name) });
    assert.equal(response.status, 201, response.text);
    return response.body.id;
  }

  describe('Entra user provisioning (A2–A4)', () => {
    let tenant: TestTenant;
    let id: string;
    let managerId: string;
    before(async () => {
      tenant = await server.tenant();
    });

    test('A2 Test Connection: a filter for a random GUID is 200 with an empty ListResponse', async () => {
      const response = await tenant.scim('GET', `/Users?filter=userName+eq+%22${crypto.randomUUID()}%22`);
      assert.equal(response.status, 200);
      assert.deepEqual(response.body, {
        schemas: [LIST],
        totalResults: 0,
        itemsPerPage: 0,
        startIndex: 1,
        Resources: [],
      });
    });

    test("A3 create user with Entra's exact body: 201 with the values stored as sent", async () => {
      const response = await tenant.scim('POST', '/Users', { body: entraUser('alice', 'alice') });
      assert.equal(response.status, 201, response.text);
      id = response.body.id;
      assert.equal(response.body.userName, 'alice@contoso.com');
      assert.deepEqual(response.body.emails, [{ primary: true, type: 'work', value: 'alice@contoso.com' }]);
      assert.deepEqual(response.body[ENTERPRISE], { employeeNumber: '42', department: 'Ops' });
      assert.deepEqual(response.body.schemas, [USER_SCHEMA, ENTERPRISE]);
      managerId = await createUser(tenant, 'manager');
    });

    test('A3 match by userName (and by externalId, different case in userName): one hit with the id', async () => {
      for (const filter of [
        'userName+eq+%22alice%40contoso.com%22',
        'userName+eq+%22Alice%40Contoso.com%22',
        'externalId+eq+%22alice%22',
      ]) {
        const response = await tenant.scim('GET', `/Users?filter=${filter}`);
        assert.equal(response.status, 200);
        assert.equal(response.body.totalResults, 1, filter);
        assert.equal(response.body.Resources[0].id, id);
      }
    });

    test('A3 create again after a lost 201: 409 uniqueness', async () => {
      const response = await tenant.scim('POST', '/Users', { body: entraUser('alice', 'alice') });
      assert.equal(response.status, 409);
      assert.equal(response.body.scimType, 'uniqueness');
    });

    test('A4 update without the flag: capitalised ops, value-path filters, URN paths, "False"', async () => {
      const user = await patchAndRead(
        tenant,
        `/Users/${id}`,
        patchOp(
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@contoso.com' },
          { op: 'Replace', path: 'name.familyName', value: 'Smith' },
          { op: 'Add', path: 'nickName', value: 'Al' },
          { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: '43' },
          { op: 'Replace', path: 'active', value: 'False' },
        ),
      );
      assert.deepEqual(user.emails, [{ primary: true, type: 'work', value: 'new@contoso.com' }]);
      assert.equal(user.name.familyName, 'Smith');
      assert.equal(user.nickName, 'Al');
      assert.equal(user[ENTERPRISE].employeeNumber, '43');
      assert.equal(user.active, false);
    });

    test('A6 a disabled user is still returned by GET and by filter', async () => {
      const response = await tenant.scim('GET', '/Users?filter=userName+eq+%22alice%40contoso.com%22');
      assert.equal(response.body.totalResults, 1);
      assert.equal(response.body.Resources[0].active, false);
    });

    test('A4 update with aadOptscim062020: lowercase ops and a path-less replace of dotted keys', async () => {
      const user = await patchAndRead(
        tenant,
        `/Users/${id}`,
        patchOp(
          { op: 'replace', path: 'emails[type eq "work"].value', value: 'alice@contoso.com' },
          {
            op: 'replace',
            value: {
              displayName: 'Alice Smith',
              'name.givenName': 'Alicia',
              [`${ENTERPRISE}:employeeNumber`]: '44',
            },
          },
          { op: 'replace', path: 'active', value: true },
        ),
      );
      assert.equal(user.displayName, 'Alice Smith');
      assert.equal(user.name.givenName, 'Alicia');
      assert.equal(user[ENTERPRISE].employeeNumber, '44');
      assert.equal(user.emails[0].value, 'alice@contoso.com');
      assert.equal(user.active, true);
    });

    test('A4 disable with the flag: boolean false', async () => {
      const user = await patchAndRead(
        tenant,
        `/Users/${id}`,
        patchOp({ op: 'replace', path: 'active', value: false }),
      );
      assert.equal(user.active, false);
    });

    test('C1 a PATCH that changes nothing ("null update") is 200 and keeps the ETag', async () => {
      const before = await tenant.scim('GET', `/Users/${id}`);
      const response = await tenant.scim('PATCH', `/Users/${id}`, {
        body: patchOp({ op: 'replace', path: 'active', value: false }),
      });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('etag'), before.headers.get('etag'));
      assert.equal(response.body.meta.lastModified, before.body.meta.lastModified);
    });

    test('A3 manager, documented form: path "manager" with [{"$ref", "value"}]', async () => {
      const user = await patchAndRead(
        tenant,
        `/Users/${id}`,
        patchOp({ op: 'Add', path: 'manager', value: [{ $ref: `../Users/${managerId}`, value: managerId }] }),
      );
      assert.equal(user[ENTERPRISE].manager.value, managerId);
    });

    test('A3 Entra checks a reference: id eq … and manager eq … with attributes=id', async () => {
      const response = await tenant.scim(
        'GET',
        `/Users?filter=id+eq+%22${id}%22+and+manager+eq+%22${managerId}%22&attributes=id`,
      );
      assert.equal(response.status, 200);
      assert.deepEqual(response.body.Resources, [{ schemas: [USER_SCHEMA], id }]);
    });

    test('A3 manager removal as remove manager[value eq …]', async () => {
      const user = await patchAndRead(
        tenant,
        `/Users/${id}`,
        patchOp({ op: 'remove', path: `manager[value eq "${managerId}"]` }),
      );
      assert.equal(user[ENTERPRISE]?.manager, undefined);
    });

    test('A3 manager, observed form: URN path with a bare id string', async () => {
      const user = await patchAndRead(
        tenant,
        `/Users/${id}`,
        patchOp({ op: 'Add', path: `${ENTERPRISE}:manager`, value: managerId }),
      );
      assert.equal(user[ENTERPRISE].manager.value, managerId);
    });

    test('C1 validator manager removal: replace with {"value": ""}', async () => {
      const user = await patchAndRead(
        tenant,
        `/Users/${id}`,
        patchOp({ op: 'replace', path: 'manager', value: { value: '' } }),
      );
      assert.equal(user[ENTERPRISE]?.manager, undefined);
      assert.equal(user[ENTERPRISE].employeeNumber, '44', 'the rest of the extension stays');
    });

    test('A5 delete: 204, then GET is 404, then a second DELETE is 404', async () => {
      assert.equal((await tenant.scim('DELETE', `/Users/${id}`)).status, 204);
      assert.equal((await tenant.scim('GET', `/Users/${id}`)).status, 404);
      assert.equal((await tenant.scim('DELETE', `/Users/${id}`)).status, 404);
      const probe = await tenant.scim('GET', '/Users?filter=userName+eq+%22alice%40contoso.com%22');
      assert.equal(probe.body.totalResults, 0);
    });
  });

  describe('Entra group provisioning (A3–A4)', () => {
    let tenant: TestTenant;
    let groupId: string;
    let u1: string;
    let u2: string;
    before(async () => {
      tenant = await server.tenant();
      u1 = await createUser(tenant, 'u1');
      u2 = await createUser(tenant, 'u2');
    });

    const members = async () => {
      const response = await tenant.scim('GET', `/Groups/${groupId}`);
      return ((response.body.members ?? []) as { value: string }[]).map((m) => m.value).sort();
    };

    test('A3 create group with the ADSCIM schema URI, externalId and meta: 201', async () => {
      const response = await tenant.scim('POST', '/Groups', {
        body: {
          schemas: [GROUP_SCHEMA, ADSCIM_GROUP],
          externalId: 'obj-1',
          displayName: 'Sales',
          meta: { resourceType: 'Group' },
        },
      });
      assert.equal(response.status, 201, response.text);
      groupId = response.body.id;
      assert.deepEqual(response.body.schemas, [GROUP_SCHEMA]);
      assert.equal(response.body.externalId, 'obj-1');
    });

    test('A3 query by displayName with excludedAttributes=members: one hit, no members, no membership read', async () => {
      await tenant.scim('PATCH', `/Groups/${groupId}`, {
        body: patchOp({ op: 'Add', path: 'members', value: [{ value: u1 }] }),
      });
      for (const displayName of ['Sales', 'sales']) {
        server.queries.length = 0;
        const response = await tenant.scim(
          'GET',
          `/Groups?excludedAttributes=members&filter=displayName+eq+%22${displayName}%22`,
        );
        assert.equal(response.status, 200);
        assert.equal(response.body.totalResults, 1);
        assert.equal(response.body.Resources[0].id, groupId);
        assert.equal(response.body.Resources[0].members, undefined);
        assert.deepEqual(
          server.queries.filter((sql) => sql.includes('group_members')),
          [],
        );
      }
    });

    test('A3 get group by id with excludedAttributes=members: no members, no membership read', async () => {
      server.queries.length = 0;
      await tenant.scim('GET', `/Groups/${groupId}`);
      assert.ok(
        server.queries.some((sql) => /^select/i.test(sql) && sql.includes('group_members')),
        'control',
      );
      server.queries.length = 0;
      const response = await tenant.scim('GET', `/Groups/${groupId}?excludedAttributes=members`);
      assert.equal(response.status, 200);
      assert.equal(response.body.displayName, 'Sales');
      assert.equal(response.body.members, undefined);
      assert.deepEqual(
        server.queries.filter((sql) => sql.includes('group_members')),
        [],
      );
    });

    test('A3 add members: Add with [{"$ref": null, "value"}, {"value"}] is 204', async () => {
      const response = await tenant.scim('PATCH', `/Groups/${groupId}`, {
        body: patchOp({ op: 'Add', path: 'members', value: [{ $ref: null, value: u1 }, { value: u2 }] }),
      });
      assert.equal(response.status, 204, response.text);
      assert.equal(response.text, '');
      assert.deepEqual(await members(), [u1, u2].sort());
    });

    test('A3 group PATCH never reads the member list back', async () => {
      server.queries.length = 0;
      const response = await tenant.scim('PATCH', `/Groups/${groupId}`, {
        body: patchOp({ op: 'Add', path: 'members', value: [{ value: u2 }] }),
      });
      assert.equal(response.status, 204);
      const reads = server.queries.filter((sql) => /^select/i.test(sql) && sql.includes('group_members'));
      assert.deepEqual(reads, []);
    });

    test('A4 remove without the flag: Remove members with a value list removes only those', async () => {
      const response = await tenant.scim('PATCH', `/Groups/${groupId}`, {
        body: patchOp({ op: 'Remove', path: 'members', value: [{ value: u1 }] }),
      });
      assert.equal(response.status, 204, response.text);
      assert.deepEqual(await members(), [u2]);
    });

    test('A4 remove with the flag: remove members[value eq …]', async () => {
      const response = await tenant.scim('PATCH', `/Groups/${groupId}`, {
        body: patchOp({ op: 'remove', path: `members[value eq "${u2}"]` }),
      });
      assert.equal(response.status, 204, response.text);
      assert.deepEqual(await members(), []);
    });

    test('A3 removing a member that is already gone succeeds (Entra re-sends lost requests)', async () => {
      const response = await tenant.scim('PATCH', `/Groups/${groupId}`, {
        body: patchOp({ op: 'remove', path: `members[value eq "${u2}"]` }),
      });
      assert.equal(response.status, 204, response.text);
    });

    test('C1 validator "Add Member" as replace on members, and a path-less displayName replace', async () => {
      const response = await tenant.scim('PATCH', `/Groups/${groupId}`, {
        body: patchOp(
          { op: 'replace', path: 'members', value: [{ value: u1 }] },
          { op: 'replace', value: { displayName: 'Sales EU' } },
        ),
      });
      assert.equal(response.status, 204, response.text);
      assert.deepEqual(await members(), [u1]);
      const group = await tenant.scim('GET', `/Groups/${groupId}?attributes=displayName`);
      assert.equal(group.body.displayName, 'Sales EU');
    });

    test('A3 Entra checks a membership: id eq … and members eq … with attributes=id', async () => {
      const response = await tenant.scim(
        'GET',
        `/Groups?filter=id+eq+%22${groupId}%22+and+members+eq+%22${u1}%22&attributes=id`,
      );
      assert.equal(response.status, 200);
      assert.deepEqual(response.body.Resources, [{ schemas: [GROUP_SCHEMA], id: groupId }]);
    });

    test('A5 delete group: 204, then 404', async () => {
      assert.equal((await tenant.scim('DELETE', `/Groups/${groupId}`)).status, 204);
      assert.equal((await tenant.scim('GET', `/Groups/${groupId}`)).status, 404);
      const user = await tenant.scim('GET', `/Users/${u1}`);
      assert.equal(user.body.groups, undefined, 'the deleted group is gone from the user');
    });
  });

  describe('Entra compatibility is a tenant setting', () => {
    test('a strict tenant refuses Entra\'s capitalised op and "False" string with 400', async () => {
      const tenant = await server.tenant({ scimCompat: 'strict' });
      const id = await createUser(tenant, 'strict');
      for (const operation of [
        { op: 'Replace', path: 'active', value: false },
        { op: 'replace', path: 'active', value: 'False' },
      ]) {
        const response = await tenant.scim('PATCH', `/Users/${id}`, { body: patchOp(operation) });
        assert.equal(response.status, 400, JSON.stringify(operation));
      }
      const group = await tenant.scim('POST', '/Groups', {
        body: { schemas: [GROUP_SCHEMA, ADSCIM_GROUP], displayName: 'G' },
      });
      assert.equal(group.status, 400);
      assert.equal(group.body.scimType, 'invalidSyntax');
    });
  });
});
