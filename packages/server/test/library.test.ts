// Library mode: the SCIM routes mounted in a host's own fastify app, the standalone server, and the
// change feed as a resumable async iterator that wakes on commits.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { events, issueToken, openProvisio, scimRoutes } from '@provisio/server';
import type { ChangeEvent } from '@provisio/store';
import Fastify from 'fastify';
import { USER_SCHEMA, forEachServerDialect, send } from './support/test-server.js';

function tempDirectory(t: { after: (fn: () => void) => void }): string {
  const directory = mkdtempSync(join(tmpdir(), 'provisio-library-'));
  t.after(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

forEachServerDialect((dialect) => {
  /** A migrated store of `dialect`, removed when `t` ends. */
  async function openScratchStore(t: { after: (fn: () => Promise<void>) => void }) {
    const { store, dispose } = await dialect.openScratch();
    t.after(dispose);
    return store;
  }

  test("scimRoutes serves SCIM under a host app prefix, beside the host's own routes", async (t) => {
    const store = await openScratchStore(t);
    const tenant = await store.tenants.create({ slug: 'acme', name: 'Acme' });
    const { secret } = await issueToken(store, tenant.id, { description: 'host', scope: 'scim' });
    const host = Fastify();
    host.get('/hello', async () => ({ hello: 'host' }));
    host.register(scimRoutes(store, { publicUrl: 'https://app.example.com/provisioning/' }), {
      prefix: '/provisioning',
    });
    await host.listen({ host: '127.0.0.1', port: 0 });
    t.after(() => host.close());
    const origin = `http://127.0.0.1:${(host.server.address() as { port: number }).port}`;

    const created = await send('POST', `${origin}/provisioning/scim/v2/Users`, {
      token: secret,
      body: { schemas: [USER_SCHEMA], userName: 'alice' },
    });
    assert.equal(created.status, 201);
    assert.equal(
      created.body.meta.location,
      `https://app.example.com/provisioning/scim/v2/Users/${created.body.id}`,
    );
    const bySlug = await send('GET', `${origin}/provisioning/tenants/acme/scim/v2/Users/${created.body.id}`, {
      token: secret,
    });
    assert.equal(bySlug.status, 200);
    const refused = await send('GET', `${origin}/provisioning/scim/v2/Users`, { token: 'wrong' });
    assert.deepEqual(
      [refused.status, refused.body.schemas],
      [401, ['urn:ietf:params:scim:api:messages:2.0:Error']],
    );
    assert.deepEqual((await send('GET', `${origin}/hello`)).body, { hello: 'host' });
  });

  test('events() yields past events, then new ones as they commit, and resumes after a saved seq', async (t) => {
    const store = await openScratchStore(t);
    const tenant = await store.tenants.create({ slug: 'acme', name: 'Acme' });
    const first = await store.users.create(tenant.id, { schemas: [USER_SCHEMA], userName: 'first' });
    const stop = new AbortController();
    const seen: ChangeEvent[] = [];
    // No fallback poll within the test's lifetime: only the store's wake-up can deliver the second event.
    const reading = (async () => {
      for await (const event of events(store, tenant.id, { signal: stop.signal, pollMs: 3_600_000 })) {
        seen.push(event);
        if (seen.length === 2) stop.abort();
      }
    })();
    while (seen.length === 0) await delay(10);
    await delay(50);
    await store.users.create(tenant.id, { schemas: [USER_SCHEMA], userName: 'second' });
    await reading;
    assert.deepEqual(
      seen.map((e) => [e.seq, e.type]),
      [
        [1, 'user.created'],
        [2, 'user.created'],
      ],
    );
    assert.equal(seen[0]!.resourceId, first.id);

    const resumed: number[] = [];
    const again = new AbortController();
    await store.users.create(tenant.id, { schemas: [USER_SCHEMA], userName: 'third' });
    for await (const event of events(store, tenant.id, { after: 2, signal: again.signal })) {
      resumed.push(event.seq);
      again.abort();
    }
    assert.deepEqual(resumed, [3]);
  });
});

test('openProvisio runs the whole server standalone on a free port and closes cleanly', async (t) => {
  const provisio = await openProvisio({ database: join(tempDirectory(t), 'provisio.db'), webhooks: false });
  t.after(() => provisio.close());
  assert.match(provisio.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal((await send('GET', `${provisio.origin}/healthz`)).status, 200);
  const tenant = await provisio.store.tenants.create({ slug: 'solo', name: 'Solo' });
  const { secret } = await issueToken(provisio.store, tenant.id, { description: 'x', scope: 'scim' });
  const created = await send('POST', `${provisio.origin}/scim/v2/Users`, {
    token: secret,
    body: { schemas: [USER_SCHEMA], userName: 'solo' },
  });
  assert.equal(created.status, 201);
  assert.equal(await provisio.store.events.latest(tenant.id), 1);
});
