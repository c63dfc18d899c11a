// The directory admin API (`/admin/api/directory/…`) against a real server on 127.0.0.1: users, groups,
// members, applications, app roles, assignments and imports, plus a table of client mistakes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type TestResponse,
  type TestServer,
  forEachServerDialect,
  startTestServer,
} from './support/test-server.js';

forEachServerDialect((dialect) => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({}, { dialect });
  });
  after(() => server.close());

  function admin(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<TestResponse> {
    return server.admin(method, `/directory${path}`, body, headers);
  }

  let unique = 0;
  /** A fresh name, so tests sharing the server's one directory never collide. */
  function fresh(prefix: string): string {
    return `${prefix}${++unique}-${process.pid}`;
  }

  async function createUser(extra: Record<string, unknown> = {}) {
    const response = await admin('POST', '/users', {
      userPrincipalName: `${fresh('u')}@contoso.com`,
      ...extra,
    });
    assert.equal(response.status, 201, response.text);
    return response.body;
  }

  describe('users', () => {
    test('create, read, update (null removes), soft delete, restore, purge to a tombstone', async () => {
      const manager = await createUser();
      const user = await createUser({ displayName: 'Alice', jobTitle: 'Clerk', accountEnabled: true });
      assert.equal(user.lifecycle, 'active');
      assert.equal(typeof user.changeSequence, 'number');
      assert.deepEqual((await admin('GET', `/users/${user.objectId}`)).body, user);
      const changed = await admin('PATCH', `/users/${user.objectId}`, {
        jobTitle: null,
        manager: manager.objectId,
      });
      assert.equal(changed.status, 200, changed.text);
      assert.equal(changed.body.attributes.jobTitle, undefined);
      assert.equal(changed.body.attributes.manager, manager.objectId);
      assert.ok(changed.body.changeSequence > user.changeSequence);
      const soft = await admin('DELETE', `/users/${user.objectId}`);
      assert.equal(soft.body.lifecycle, 'softDeleted');
      assert.equal((await admin('POST', `/users/${user.objectId}/restore`)).body.lifecycle, 'active');
      const purged = await admin('DELETE', `/users/${user.objectId}?permanent=true`);
      assert.equal(purged.body.lifecycle, 'hardDeleted');
      assert.equal((await admin('GET', `/users/${user.objectId}`)).body.lifecycle, 'hardDeleted');
      const write = await admin('PATCH', `/users/${user.objectId}`, { jobTitle: 'x' });
      assert.equal(write.status, 404);
      assert.equal(write.body.error.code, 'not_found');
    });

    test('lists page by keyset, leave tombstones out by default, and read deltas with changedAfter', async () => {
      const first = await createUser();
      const watermark = first.changeSequence;
      const made = [await createUser(), await createUser(), await createUser()];
      await admin('DELETE', `/users/${made[2].objectId}?permanent=true`);
      const seen: string[] = [];
      let next: string | undefined;
      do {
        const page = await admin(
          'GET',
          `/users?changedAfter=${watermark}&limit=1${next ? `&after=${next}` : ''}`,
        );
        assert.equal(page.status, 200, page.text);
        seen.push(...page.body.users.map((u: { objectId: string }) => u.objectId));
        next = page.body.next;
      } while (next);
      assert.deepEqual(seen, [made[0].objectId, made[1].objectId].sort());
      const withTombstones = await admin(
        'GET',
        `/users?changedAfter=${watermark}&lifecycle=active,hardDeleted`,
      );
      assert.equal(withTombstones.body.users.length, 3);
    });
  });

  describe('groups and members', () => {
    test('add members, list them, remove one; unknown ids and non-members are refused', async () => {
      const user = await createUser();
      const inner = await admin('POST', '/groups', { displayName: fresh('Inner') });
      const group = await admin('POST', '/groups', { displayName: fresh('Team'), description: 'team' });
      assert.equal(group.status, 201, group.text);
      const id = group.body.objectId;
      const added = await admin('POST', `/groups/${id}/members`, {
        memberIds: [user.objectId, inner.body.objectId],
      });
      assert.equal(added.status, 200, added.text);
      assert.ok(added.body.changeSequence > group.body.changeSequence);
      const members = await admin('GET', `/groups/${id}/members`);
      assert.deepEqual(
        members.body.members,
        [
          { objectId: user.objectId, objectType: 'User' },
          { objectId: inner.body.objectId, objectType: 'Group' },
        ].sort((a, b) => (a.objectId < b.objectId ? -1 : 1)),
      );
      const unknown = await admin('POST', `/groups/${id}/members`, {
        memberIds: ['00000000-0000-4000-8000-000000000000'],
      });
      assert.equal(unknown.status, 400);
      assert.equal((await admin('DELETE', `/groups/${id}/members/${user.objectId}`)).status, 200);
      assert.equal((await admin('DELETE', `/groups/${id}/members/${user.objectId}`)).status, 404);
      assert.equal((await admin('GET', `/groups/${id}/members`)).body.members.length, 1);
    });
  });

  describe('applications, app roles and assignments', () => {
    test('an application comes with Default Access; roles and assignments have the full lifecycle', async () => {
      const created = await admin('POST', '/applications', {
        name: fresh('Proware'),
        appRoles: [{ value: 'Admin' }],
      });
      assert.equal(created.status, 201, created.text);
      const app = created.body;
      assert.deepEqual(
        app.appRoles.map((role: { value: string; isDefaultAccess: boolean }) => [
          role.value,
          role.isDefaultAccess,
        ]),
        [
          ['', true],
          ['Admin', false],
        ],
      );
      const defaultAccess = app.appRoles[0].id;
      assert.equal((await admin('POST', '/applications', { name: app.name.toUpperCase() })).status, 409);
      const reader = await admin('POST', `/applications/${app.id}/roles`, { value: 'Reader' });
      assert.equal(reader.status, 201, reader.text);
      const renamed = await admin('PATCH', `/applications/${app.id}/roles/${reader.body.id}`, {
        displayName: 'Read',
      });
      assert.equal(renamed.body.displayName, 'Read');
      assert.equal((await admin('DELETE', `/applications/${app.id}/roles/${defaultAccess}`)).status, 400);
      assert.equal((await admin('DELETE', `/applications/${app.id}/roles/${reader.body.id}`)).status, 204);
      assert.equal((await admin('GET', `/applications/${app.id}`)).body.appRoles.length, 2);

      const user = await createUser();
      const assigned = await admin('POST', '/assignments', {
        applicationId: app.id,
        principalId: user.objectId,
      });
      assert.equal(assigned.status, 201, assigned.text);
      assert.equal(assigned.body.appRoleId, defaultAccess);
      assert.equal(
        (await admin('POST', '/assignments', { applicationId: app.id, principalId: user.objectId })).status,
        409,
      );
      const listed = await admin('GET', `/assignments?applicationId=${app.id}`);
      assert.deepEqual(
        listed.body.assignments.map((a: { id: string }) => a.id),
        [assigned.body.id],
      );
      const removed = await admin('DELETE', `/assignments/${assigned.body.id}`);
      assert.equal(removed.body.removed, true);
      assert.deepEqual((await admin('GET', `/assignments?applicationId=${app.id}`)).body.assignments, []);
      const delta = await admin(
        'GET',
        `/assignments?applicationId=${app.id}&changedAfter=${assigned.body.changeSequence}`,
      );
      assert.deepEqual(
        delta.body.assignments.map((a: { removed: boolean }) => a.removed),
        [true],
      );
      assert.equal((await admin('DELETE', `/applications/${app.id}`)).status, 204);
      assert.equal((await admin('GET', `/applications/${app.id}`)).status, 404);
    });
  });

  interface MistakeCase {
    readonly title: string;
    readonly method: string;
    readonly path: string;
    readonly body?: unknown;
    readonly status: number;
    readonly code: string;
    readonly message?: RegExp;
  }

  const MISTAKES: readonly MistakeCase[] = [
    {
      title: 'an unknown user attribute',
      method: 'POST',
      path: '/users',
      body: { userPrincipalName: 'x@c.com', jobTitel: 'x' },
      status: 400,
      code: 'invalid_request',
      message: /"jobTitel" is not a user attribute/,
    },
    {
      title: 'accountEnabled as text',
      method: 'POST',
      path: '/users',
      body: { userPrincipalName: 'x@c.com', accountEnabled: 'yes' },
      status: 400,
      code: 'invalid_request',
      message: /true or false/,
    },
    {
      title: 'no userPrincipalName',
      method: 'POST',
      path: '/users',
      body: { displayName: 'x' },
      status: 400,
      code: 'invalid_request',
      message: /userPrincipalName/,
    },
    {
      title: 'an objectId that is no UUID',
      method: 'POST',
      path: '/users',
      body: { userPrincipalName: 'x@c.com', objectId: 'x' },
      status: 400,
      code: 'invalid_request',
    },
    {
      title: 'a manager who does not exist',
      method: 'POST',
      path: '/users',
      body: { userPrincipalName: 'x@c.com', manager: '00000000-0000-4000-8000-000000000000' },
      status: 400,
      code: 'invalid_request',
    },
    {
      title: 'a user attribute on a group',
      method: 'POST',
      path: '/groups',
      body: { displayName: 'g', jobTitle: 'x' },
      status: 400,
      code: 'invalid_request',
    },
    {
      title: 'an unknown lifecycle',
      method: 'GET',
      path: '/users?lifecycle=gone',
      status: 400,
      code: 'invalid_request',
    },
    {
      title: 'a page size above 1000',
      method: 'GET',
      path: '/users?limit=1001',
      status: 400,
      code: 'invalid_request',
    },
    {
      title: 'an unknown user',
      method: 'GET',
      path: '/users/00000000-0000-4000-8000-000000000000',
      status: 404,
      code: 'not_found',
    },
    {
      title: 'a group read as a user id that is no UUID',
      method: 'GET',
      path: '/groups/nope',
      status: 404,
      code: 'not_found',
    },
    {
      title: 'an empty PATCH',
      method: 'PATCH',
      path: '/users/00000000-0000-4000-8000-000000000000',
      body: {},
      status: 400,
      code: 'invalid_request',
    },
    {
      title: 'an application without a name',
      method: 'POST',
      path: '/applications',
      body: {},
      status: 400,
      code: 'invalid_request',
    },
    {
      title: 'an unknown field on an application',
      method: 'POST',
      path: '/applications',
      body: { name: 'a', owner: 'b' },
      status: 400,
      code: 'invalid_request',
    },
    {
      title: 'an assignment to an unknown application',
      method: 'POST',
      path: '/assignments',
      body: { applicationId: 'x', principalId: 'y' },
      status: 404,
      code: 'not_found',
    },
    {
      title: 'an import without a type',
      method: 'POST',
      path: '/import',
      body: [],
      status: 400,
      code: 'invalid_request',
    },
  ];

  describe('client mistakes', () => {
    for (const mistake of MISTAKES) {
      test(`${mistake.title} → ${mistake.status}`, async () => {
        const response = await admin(mistake.method, mistake.path, mistake.body);
        assert.equal(response.status, mistake.status, response.text);
        assert.equal(response.body.error.code, mistake.code);
        if (mistake.message) assert.match(response.body.error.message, mistake.message);
      });
    }

    test('without an admin token → 401', async () => {
      const response = await server.request('GET', '/admin/api/directory/users', { token: null });
      assert.equal(response.status, 401);
    });
  });

  describe('import', () => {
    test('CSV body: users upserted, a row error reported, the good rows land', async () => {
      const a = fresh('imp');
      const csv = `userPrincipalName,department,accountEnabled\n${a}-1@contoso.com,Sales,true\n${a}-2@contoso.com,Sales,maybe\n${a}-3@contoso.com,,false\n`;
      const response = await admin('POST', '/import?type=users', csv, { 'content-type': 'text/csv' });
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(response.body, {
        type: 'users',
        rows: 3,
        created: 2,
        updated: 0,
        unchanged: 0,
        failed: 1,
        errors: [{ row: 2, field: 'accountEnabled', message: '"accountEnabled" must be true or false' }],
      });
      const again = await admin('POST', '/import?type=users', csv, { 'content-type': 'text/csv' });
      assert.deepEqual([again.body.created, again.body.unchanged], [0, 2]);
    });

    test('JSON lines with Accept: application/x-ndjson streams progress, then the report', async () => {
      const group = fresh('G');
      const user = await createUser();
      const body = `${JSON.stringify({ displayName: group, members: [user.attributes.userPrincipalName] })}\n`;
      // fetch, not the test helper: the helper parses any JSON-like body as one document.
      const response = await fetch(`${server.origin}/admin/api/directory/import?type=groups`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await server.adminToken()}`,
          'content-type': 'application/x-ndjson',
          accept: 'application/x-ndjson',
        },
        body,
      });
      const text = await response.text();
      assert.equal(response.status, 200, text);
      assert.match(response.headers.get('content-type') ?? '', /^application\/x-ndjson/);
      const lines = text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      assert.deepEqual(lines, [
        { progress: { processed: 1, total: 1 } },
        { report: { type: 'groups', rows: 1, created: 1, updated: 0, unchanged: 0, failed: 0, errors: [] } },
      ]);
      const list = await admin('GET', '/groups?limit=1000');
      const made = list.body.groups.find(
        (g: { attributes: { displayName: string } }) => g.attributes.displayName === group,
      );
      const members = await admin('GET', `/groups/${made.objectId}/members`);
      assert.deepEqual(members.body.members, [{ objectId: user.objectId, objectType: 'User' }]);
    });

    const refusals: {
      title: string;
      type: string;
      body: string;
      contentType: string;
      status: number;
      message?: RegExp;
    }[] = [
      {
        title: 'an unknown CSV column',
        type: 'users',
        body: 'userPrincipalName,shoeSize\na@b.c,44\n',
        contentType: 'text/csv',
        status: 400,
        message: /shoeSize/,
      },
      { title: 'an empty CSV', type: 'users', body: '', contentType: 'text/csv', status: 400 },
      {
        title: 'a JSON array that does not parse',
        type: 'users',
        body: '[{',
        contentType: 'application/json',
        status: 400,
      },
      {
        title: 'an unknown type',
        type: 'printers',
        body: '[]',
        contentType: 'application/json',
        status: 400,
      },
      { title: 'plain text', type: 'users', body: 'x', contentType: 'text/plain', status: 415 },
    ];
    for (const refusal of refusals) {
      test(`${refusal.title} is refused with ${refusal.status}, nothing written`, async () => {
        const response = await admin('POST', `/import?type=${refusal.type}`, refusal.body, {
          'content-type': refusal.contentType,
        });
        assert.equal(response.status, refusal.status, response.text);
        if (refusal.message) assert.match(response.body.error.message, refusal.message);
      });
    }
  });
});
