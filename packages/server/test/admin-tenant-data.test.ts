/**
 * Tenant soft delete, restore and purge as the SCIM API feels them, and the console's reads of a
 * tenant's users and groups, against a real server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  GROUP_SCHEMA,
  type TestServer,
  type TestTenant,
  USER_SCHEMA,
  forEachServerDialect,
  send,
  startTestServer,
} from './support/test-server.js';

forEachServerDialect((dialect) => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({}, { dialect });
  });
  after(() => server.close());

  const scimStatus = async (url: string, secret: string) =>
    (await send('GET', `${url}/Users`, { token: secret })).status;

  async function slugsListed(query = ''): Promise<string[]> {
    return (await server.admin('GET', `/tenants${query}`)).body.tenants.map((t: { slug: string }) => t.slug);
  }

  describe('tenant deletion', () => {
    test('a soft delete makes SCIM answer 401 on both Tenant URLs; restore brings service back', async () => {
      const { tenant, secret, scimUrl, slugUrl } = await server.tenant();
      const { slug } = tenant;
      const deleted = await server.admin('DELETE', `/tenants/${slug}?confirm=${slug}`);
      assert.equal(deleted.status, 200, deleted.text);
      assert.equal(await scimStatus(scimUrl, secret), 401);
      assert.equal(await scimStatus(slugUrl, secret), 401);
      assert.ok(!(await slugsListed()).includes(slug), 'hidden from the list');
      assert.ok((await slugsListed('?deleted=true')).includes(slug), 'listed with ?deleted=true');
      for (const path of [`/tenants/${slug}`, `/tenants/${slug}/tokens`, `/tenants/${slug}/users`]) {
        const refused = await server.admin('GET', path);
        assert.equal(refused.status, 404, path);
        assert.match(refused.body.error.message, /restore/, path);
      }
      const shown = await server.admin('GET', `/tenants/${slug}?deleted=true`);
      assert.equal(shown.body.deletedAt, deleted.body.deletedAt);
      const again = await server.admin('DELETE', `/tenants/${slug}?confirm=${slug}`);
      assert.equal(again.body.deletedAt, deleted.body.deletedAt, 'deleting again keeps the first time');

      const restored = await server.admin('POST', `/tenants/${slug}/restore`);
      assert.equal(restored.status, 200, restored.text);
      assert.equal(restored.body.deletedAt, undefined);
      assert.equal(await scimStatus(scimUrl, secret), 200);
      assert.equal(await scimStatus(slugUrl, secret), 200);
    });

    test('purge removes a soft-deleted tenant and its rows for good', async () => {
      const { tenant, secret, scimUrl, scim } = await server.tenant();
      const { slug } = tenant;
      assert.equal(
        (await scim('POST', '/Users', { body: { schemas: [USER_SCHEMA], userName: 'gone' } })).status,
        201,
      );
      assert.equal((await server.admin('DELETE', `/tenants/${slug}?confirm=${slug}`)).status, 200);
      const purged = await server.admin('DELETE', `/tenants/${slug}?purge=true&confirm=${slug}`);
      assert.equal(purged.status, 204, purged.text);
      assert.equal((await server.admin('GET', `/tenants/${slug}?deleted=true`)).status, 404);
      assert.equal((await server.admin('POST', `/tenants/${slug}/restore`)).status, 404);
      assert.equal(await scimStatus(scimUrl, secret), 401);
      assert.deepEqual(await server.store.tokens.list(tenant.id), []);
      const users = await server.store.users.list(tenant.id, {});
      assert.equal(users.totalResults, 0);
    });
  });

  describe('tenant reads for the console', () => {
    let tenant: TestTenant;
    const ids: Record<string, string> = {};
    before(async () => {
      tenant = await server.tenant();
      for (const userName of ['alice', 'bob', 'carol']) {
        const created = await tenant.scim('POST', '/Users', { body: { schemas: [USER_SCHEMA], userName } });
        ids[userName] = created.body.id;
      }
      const group = await tenant.scim('POST', '/Groups', {
        body: { schemas: [GROUP_SCHEMA], displayName: 'Sales', members: [{ value: ids.alice }] },
      });
      ids.Sales = group.body.id;
    });

    test('users: filtered with the SCIM filter language and paged', async () => {
      const { slug } = tenant.tenant;
      const filtered = await server.admin(
        'GET',
        `/tenants/${slug}/users?filter=${encodeURIComponent('userName sw "a"')}`,
      );
      assert.equal(filtered.status, 200, filtered.text);
      assert.equal(filtered.body.totalResults, 1);
      assert.deepEqual(
        filtered.body.resources.map((u: { userName: string }) => u.userName),
        ['alice'],
      );
      const page = await server.admin('GET', `/tenants/${slug}/users?startIndex=2&count=1`);
      assert.deepEqual(
        [page.body.totalResults, page.body.startIndex, page.body.itemsPerPage, page.body.resources.length],
        [3, 2, 1, 1],
      );
    });

    test('a user and a group read by id, as the SCIM API shows them under the tenant’s slug URL', async () => {
      const { slug } = tenant.tenant;
      const user = await server.admin('GET', `/tenants/${slug}/users/${ids.alice}`);
      assert.equal(user.status, 200, user.text);
      assert.deepEqual(
        user.body,
        (await send('GET', `${tenant.slugUrl}/Users/${ids.alice}`, { token: tenant.secret })).body,
      );
      assert.equal(user.body.meta.location, `${tenant.slugUrl}/Users/${ids.alice}`);
      assert.deepEqual(
        user.body.groups.map((g: { value: string }) => g.value),
        [ids.Sales],
      );
      const group = await server.admin('GET', `/tenants/${slug}/groups/${ids.Sales}`);
      assert.equal(group.status, 200, group.text);
      assert.equal(group.body.displayName, 'Sales');
      assert.deepEqual(
        group.body.members.map((m: { value: string }) => m.value),
        [ids.alice],
      );
      const listed = await server.admin('GET', `/tenants/${slug}/groups`);
      assert.equal(listed.body.totalResults, 1);
    });

    test("one tenant's ids are not found under another tenant", async () => {
      const other = await server.tenant();
      const response = await server.admin('GET', `/tenants/${other.tenant.slug}/users/${ids.alice}`);
      assert.equal(response.status, 404);
      assert.equal(response.body.error.code, 'not_found');
    });
  });
});
