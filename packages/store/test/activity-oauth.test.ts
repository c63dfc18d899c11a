/**
 * The activity log, OAuth client and signing-key repositories on every dialect: batched writes, keyset
 * pages newest first under ties, filters, pruning; clients with their tenant; key rotation.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidCursor, NotFound } from '@provisio/scim-core';
import type { NewActivityEntry } from '@provisio/store';
import fc from 'fast-check';
import { forEachDialect } from './support/dialects.js';
import { steppingClock } from './support/temp-store.js';

function entry(tenantId: string, time: string, overrides: Partial<NewActivityEntry> = {}): NewActivityEntry {
  return {
    tenantId,
    time,
    method: 'GET',
    path: '/scim/v2/Users',
    status: 200,
    durationMs: 1.5,
    ...overrides,
  };
}

forEachDialect((dialect) => {
  describe('activity log', () => {
    test("record writes a batch; list returns the tenant's entries newest first, unset fields absent", async (t) => {
      const store = await dialect.open(t);
      const a = await store.tenants.create({ slug: 'a', name: 'A' });
      const b = await store.tenants.create({ slug: 'b', name: 'B' });
      await store.activity.record([
        entry(a.id, '2025-01-01T00:00:01.000Z', { tokenId: 't1', resourceId: 'u1', clientIp: '10.0.0.1' }),
        entry(a.id, '2025-01-01T00:00:03.000Z', { method: 'POST', status: 409, scimType: 'uniqueness' }),
        entry(b.id, '2025-01-01T00:00:02.000Z'),
      ]);
      const page = await store.activity.list(a.id, { limit: 10 });
      assert.deepEqual(
        page.entries.map(({ id: _id, ...rest }) => rest),
        [
          {
            tenantId: a.id,
            time: '2025-01-01T00:00:03.000Z',
            method: 'POST',
            path: '/scim/v2/Users',
            status: 409,
            scimType: 'uniqueness',
            durationMs: 1.5,
          },
          {
            tenantId: a.id,
            time: '2025-01-01T00:00:01.000Z',
            tokenId: 't1',
            method: 'GET',
            path: '/scim/v2/Users',
            resourceId: 'u1',
            status: 200,
            durationMs: 1.5,
            clientIp: '10.0.0.1',
          },
        ],
      );
      assert.equal(page.nextCursor, undefined);
    });

    test('a batch with one bad row writes nothing (one transaction)', async (t) => {
      const store = await dialect.open(t);
      const a = await store.tenants.create({ slug: 'a', name: 'A' });
      await assert.rejects(
        store.activity.record([
          entry(a.id, '2025-01-01T00:00:01.000Z'),
          entry('no-such-tenant', '2025-01-01T00:00:02.000Z'),
        ]),
      );
      assert.deepEqual((await store.activity.list(a.id, { limit: 10 })).entries, []);
    });

    test('property: keyset pages of any size walk every entry once, newest first, even with equal times', async (t) => {
      const store = await dialect.open(t);
      const tenant = await store.tenants.create({ slug: 'p', name: 'P' });
      // Few distinct times for many rows, so the id tie-breaker carries the paging.
      const times = Array.from({ length: 60 }, (_, i) => `2025-01-01T00:00:0${i % 4}.000Z`);
      await store.activity.record(times.map((time) => entry(tenant.id, time)));
      const all = (await store.activity.list(tenant.id, { limit: 1000 })).entries;
      assert.equal(all.length, 60);
      const keys = all.map((e) => `${e.time}|${e.id}`);
      assert.deepEqual(keys, [...keys].sort().reverse());
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 25 }), async (limit) => {
          const seen: string[] = [];
          let cursor: string | undefined;
          do {
            const page = await store.activity.list(tenant.id, { limit, ...(cursor ? { cursor } : {}) });
            assert.ok(page.entries.length <= limit);
            seen.push(...page.entries.map((e) => e.id));
            cursor = page.nextCursor;
          } while (cursor !== undefined);
          assert.deepEqual(
            seen,
            all.map((e) => e.id),
          );
        }),
        { numRuns: 15 },
      );
    });

    test('filters combine; method is compared upper-cased; since is inclusive, until exclusive', async (t) => {
      const store = await dialect.open(t);
      const tenant = await store.tenants.create({ slug: 'f', name: 'F' });
      await store.activity.record([
        entry(tenant.id, '2025-01-01T00:00:01.000Z', { method: 'GET', tokenId: 'x', resourceId: 'r1' }),
        entry(tenant.id, '2025-01-01T00:00:02.000Z', {
          method: 'PATCH',
          tokenId: 'x',
          resourceId: 'r1',
          status: 204,
        }),
        entry(tenant.id, '2025-01-01T00:00:03.000Z', {
          method: 'PATCH',
          tokenId: 'y',
          resourceId: 'r2',
          status: 412,
        }),
      ]);
      const cases: readonly [Parameters<typeof store.activity.list>[1], string[]][] = [
        [{ limit: 9, method: 'patch' }, ['00:03', '00:02']],
        [{ limit: 9, tokenId: 'x', status: 204 }, ['00:02']],
        [{ limit: 9, resourceId: 'r1' }, ['00:02', '00:01']],
        [{ limit: 9, since: '2025-01-01T00:00:02.000Z' }, ['00:03', '00:02']],
        [{ limit: 9, until: '2025-01-01T00:00:02.000Z' }, ['00:01']],
      ];
      for (const [query, times] of cases) {
        const page = await store.activity.list(tenant.id, query);
        assert.deepEqual(
          page.entries.map((e) => e.time.slice(14, 19)),
          times,
          JSON.stringify(query),
        );
      }
    });

    test('a cursor that is not one is InvalidCursor', async (t) => {
      const store = await dialect.open(t);
      const tenant = await store.tenants.create({ slug: 'c', name: 'C' });
      for (const cursor of [
        'garbage',
        Buffer.from('[1,2]').toString('base64url'),
        Buffer.from('{}').toString('base64url'),
      ]) {
        await assert.rejects(store.activity.list(tenant.id, { limit: 5, cursor }), InvalidCursor);
      }
    });

    test("prune deletes every tenant's entries older than the cut-off and counts them", async (t) => {
      const store = await dialect.open(t);
      const a = await store.tenants.create({ slug: 'a', name: 'A' });
      const b = await store.tenants.create({ slug: 'b', name: 'B' });
      await store.activity.record([
        entry(a.id, '2025-01-01T00:00:00.000Z'),
        entry(b.id, '2025-01-02T00:00:00.000Z'),
        entry(a.id, '2025-01-03T00:00:00.000Z'),
      ]);
      assert.equal(await store.activity.prune('2025-01-03T00:00:00.000Z'), 2);
      assert.equal((await store.activity.list(a.id, { limit: 9 })).entries.length, 1);
      assert.equal((await store.activity.list(b.id, { limit: 9 })).entries.length, 0);
    });
  });

  describe('OAuth clients', () => {
    test('create, find with the tenant, list, revoke (first time kept), tenant-scoped', async (t) => {
      const store = await dialect.open(t, { clock: steppingClock() });
      const a = await store.tenants.create({ slug: 'a', name: 'A' });
      const b = await store.tenants.create({ slug: 'b', name: 'B' });
      const client = await store.oauthClients.create(a.id, {
        description: 'Entra',
        scope: 'scim',
        secretHash: 'AB'.repeat(32),
      });
      assert.equal(client.secretHash, 'ab'.repeat(32));
      const found = await store.oauthClients.findCredential(client.id);
      assert.deepEqual([found?.client, found?.tenant.slug], [client, 'a']);
      assert.equal(await store.oauthClients.findCredential('nobody'), undefined);
      assert.deepEqual(await store.oauthClients.list(a.id), [client]);
      assert.deepEqual(await store.oauthClients.list(b.id), []);
      await assert.rejects(store.oauthClients.revoke(b.id, client.id), NotFound);
      const revoked = await store.oauthClients.revoke(a.id, client.id);
      const again = await store.oauthClients.revoke(a.id, client.id);
      assert.ok(revoked.revoked);
      assert.equal(again.revoked, revoked.revoked);
      await store.oauthClients.markUsed(client.id, '192.0.2.1');
      assert.ok((await store.oauthClients.findCredential(client.id))?.client.lastUsed);
    });
  });

  describe('signing keys', () => {
    test('current makes a key once, keeps it while fresh, and rotates it when older than the cut-off', async (t) => {
      const store = await dialect.open(t, { clock: steppingClock() });
      const past = '2000-01-01T00:00:00.000Z';
      const first = await store.signingKeys.current(past);
      assert.equal(Buffer.from(first.secret, 'base64url').length, 32);
      assert.deepEqual(await store.signingKeys.current(past), first);
      const rotated = await store.signingKeys.current('2100-01-01T00:00:00.000Z');
      assert.notEqual(rotated.kid, first.kid);
      const old = await store.signingKeys.get(first.kid);
      assert.equal(old?.retired, rotated.created);
      assert.deepEqual(await store.signingKeys.current(past), rotated);
      assert.equal(await store.signingKeys.get('nope'), undefined);
    });
  });
});
