// RFC 7643 §4.1.1: password is writeOnly and returned never. Clients send it in clear; Provisio stores only
// an scrypt hash, never returns it, and refuses to filter on it — on every write path.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { verifyPassword } from '@provisio/store';
import {
  PATCH_SCHEMA,
  type TestServer,
  USER_SCHEMA,
  forEachServerDialect,
  startTestServer,
} from './support/test-server.js';

forEachServerDialect((dialect) => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({}, { dialect });
  });
  after(() => server.close());

  test('POST, PUT and PATCH store only a hash of the password and never return it', async () => {
    const { tenant, scim } = await server.tenant();
    const created = await scim('POST', '/Users', {
      body: { schemas: [USER_SCHEMA], userName: 'pw@example.com', password: 'first-Secret1' },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.password, undefined);
    const id = created.body.id as string;
    const stored = async () => (await server.store.users.get(tenant.id, id)).resource.password as string;
    assert.equal(await verifyPassword('first-Secret1', await stored()), true);

    const replaced = await scim('PUT', `/Users/${id}`, {
      body: { schemas: [USER_SCHEMA], userName: 'pw@example.com', password: 'second-Secret2' },
    });
    assert.equal(replaced.status, 200);
    assert.equal(replaced.body.password, undefined);
    assert.equal(await verifyPassword('second-Secret2', await stored()), true);

    const patched = await scim('PATCH', `/Users/${id}`, {
      body: {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: 'replace', path: 'password', value: 'third-Secret3' }],
      },
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.password, undefined);
    assert.equal(await verifyPassword('third-Secret3', await stored()), true);

    const pathless = await scim('PATCH', `/Users/${id}`, {
      body: {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: 'replace', value: { password: 'fourth-Secret4' } }],
      },
    });
    assert.equal(pathless.status, 200);
    assert.equal(await verifyPassword('fourth-Secret4', await stored()), true);
    assert.ok(!server.queries.join('\n').includes('Secret'), 'no SQL text carries a password');
  });

  test('a filter on password is 400 invalidFilter', async () => {
    const { scim } = await server.tenant();
    const response = await scim('GET', `/Users?filter=${encodeURIComponent('password eq "x"')}`);
    assert.equal(response.status, 400);
    assert.equal(response.body.scimType, 'invalidFilter');
  });

  test('a URN-qualified password, by path or inside the core schema object, is hashed as well', async () => {
    const { tenant, scim } = await server.tenant();
    const created = await scim('POST', '/Users', {
      body: { schemas: [USER_SCHEMA], userName: 'urn-pw@example.com' },
    });
    const id = created.body.id as string;
    const stored = async () => (await server.store.users.get(tenant.id, id)).resource.password as string;
    const byPath = await scim('PATCH', `/Users/${id}`, {
      body: {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: 'replace', path: `${USER_SCHEMA}:password`, value: 'urn-Secret5' }],
      },
    });
    assert.equal(byPath.status, 200);
    assert.equal(await verifyPassword('urn-Secret5', await stored()), true);
    const nested = await scim('PATCH', `/Users/${id}`, {
      body: {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: 'replace', value: { [USER_SCHEMA]: { password: 'urn-Secret6' } } }],
      },
    });
    assert.equal(nested.status, 200, nested.text);
    assert.equal(await verifyPassword('urn-Secret6', await stored()), true);
  });
});
