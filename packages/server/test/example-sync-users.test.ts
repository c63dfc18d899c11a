// Acceptance (issue 5): the example app under examples/sync-users keeps its own users table equal to the
// SCIM store through a burst of 1,000 SCIM changes, following the change feed in library mode.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { PATCH_SCHEMA, USER_SCHEMA, forEachServerDialect, startTestServer } from './support/test-server.js';

// The example is plain JavaScript outside the workspaces; test/ and dist-test/ are both three levels deep.
const example = new URL('../../../examples/sync-users/', import.meta.url);
const { AppUsers } = await import(new URL('app-users.mjs', example).href);
const { syncUsers } = await import(new URL('sync.mjs', example).href);

const CHANGES = 1000;

forEachServerDialect((dialect) => {
  test('examples/sync-users: the app table matches the SCIM store after 1,000 changes', async (t) => {
    const server = await startTestServer({}, { dialect, webhooks: false });
    t.after(() => server.close());
    const directory = mkdtempSync(join(tmpdir(), 'provisio-example-'));
    t.after(() => rmSync(directory, { recursive: true, force: true }));
    const tenant = await server.tenant();
    const other = await server.tenant();
    const appUsers = new AppUsers(join(directory, 'app.db'));
    t.after(() => appUsers.close());
    const stop = new AbortController();
    const syncing = syncUsers(server.store, tenant.tenant.id, appUsers, { signal: stop.signal });

    // Four clients, each cycling create → rename → deactivate/reactivate → (every third) delete, plus a
    // group and another tenant's user now and then, which the table must ignore.
    let changes = 0;
    const client = async (name: string) => {
      for (let i = 0; changes < CHANGES; i++) {
        const created = await tenant.scim('POST', '/Users', {
          body: {
            schemas: [USER_SCHEMA],
            userName: `${name}-${i}`,
            emails: [{ value: `${name}${i}@example.com` }],
          },
        });
        const id = created.body.id as string;
        const patch = (value: unknown, path: string) =>
          tenant.scim('PATCH', `/Users/${id}`, {
            body: { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', path, value }] },
          });
        await patch(`${name.toUpperCase()} ${i}`, 'displayName');
        await patch(i % 2 === 0, 'active');
        changes += 3;
        if (i % 3 === 0) {
          await tenant.scim('DELETE', `/Users/${id}`);
          changes++;
        }
        if (i % 10 === 0) {
          await tenant.scim('POST', '/Groups', {
            body: {
              schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
              displayName: `${name}-g${i}`,
              members: [{ value: id }],
            },
          });
          await other.scim('POST', '/Users', { body: { schemas: [USER_SCHEMA], userName: `${name}-${i}` } });
          changes += 2;
        }
      }
    };
    await Promise.all(['a', 'b', 'c', 'd'].map(client));

    const latest = await server.store.events.latest(tenant.tenant.id);
    assert.ok(latest >= CHANGES * 0.9, `the burst wrote ${latest} events`);
    while (appUsers.cursor(tenant.tenant.id) < latest) await delay(20);
    stop.abort();
    await syncing;

    const scimUsers = await server.store.users.list(tenant.tenant.id, { count: 100_000 }, { groups: false });
    const expected = scimUsers.resources
      .map(({ id, resource }) => ({
        scim_id: id,
        user_name: resource.userName,
        display_name: resource.displayName ?? null,
        email: (resource.emails as { value: string }[] | undefined)?.[0]?.value ?? null,
        active: resource.active === false ? 0 : 1,
      }))
      .sort((x, y) => (x.scim_id < y.scim_id ? -1 : 1));
    assert.ok(expected.length > 100);
    assert.deepEqual(appUsers.all(), expected);
  });
});
