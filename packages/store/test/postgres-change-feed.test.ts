// The change feed across processes on PostgreSQL: two stores with pools of their own over one schema. A
// watcher on one is woken by the other's commits through LISTEN/NOTIFY (these stores never poll: a lost
// wake would hang the test), finds the events already visible, hears nothing of a rollback, and listens
// again after its connection is killed.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { Uniqueness } from '@provisio/scim-core';
import { type PostgresStore, openPostgresStore } from '@provisio/store';
import { DIALECTS, POSTGRES_URL, freshSchemaName, openTempPostgresStore } from './support/dialects.js';
import { listening, nextWake, settled } from './support/feed.js';
import { user } from './support/resources.js';
import type { Lifetime } from './support/temp-store.js';

const postgres = DIALECTS.find((dialect) => dialect.name === 'postgres')!;

/** A writer and a reader over one fresh schema; the reader's connections carry `applicationName`. */
async function writerAndReader(t: Lifetime, applicationName = 'provisio') {
  const schema = freshSchemaName();
  const writer = await openTempPostgresStore(t, {}, schema);
  const reader = await openPostgresStore({ connectionString: POSTGRES_URL, schema, applicationName });
  t.after(() => reader.close());
  const { id: tenantId } = await writer.tenants.create({ slug: 'feed', name: 'Feed' });
  await writer.users.create(tenantId, user('first'));
  await listening(writer, reader);
  return { writer, reader, tenantId };
}

/** The pids of the sessions of `applicationName` that are listening for appends. */
async function listeners(store: PostgresStore, applicationName: string): Promise<number[]> {
  const { rows } = await store.pool.query<{ pid: number }>(
    `select pid from pg_stat_activity where application_name = $1 and query = 'listen provisio_events'`,
    [applicationName],
  );
  return rows.map((row) => row.pid);
}

/** Polls until `check` holds: the reconnection and backend exits it waits for take an unknown time. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await delay(50);
}

describe(`${postgres.label} change feed across processes`, { skip: postgres.skip }, () => {
  test("another store's commit wakes the watcher with its events visible; a rollback wakes no one", async (t) => {
    const { writer, reader, tenantId } = await writerAndReader(t);
    const visibleOnWake: Promise<number[]>[] = [];
    const stop = reader.events.watch(tenantId, () => {
      visibleOnWake.push(reader.events.list(tenantId, 1, 10).then((events) => events.map((e) => e.seq)));
    });
    t.after(stop);
    await assert.rejects(writer.users.create(tenantId, user('FIRST')), Uniqueness);
    await writer.users.create(tenantId, user('second'));
    await settled(writer, reader);
    assert.equal(visibleOnWake.length, 1, 'one wake, for the commit');
    assert.deepEqual(await visibleOnWake[0], [2]);
  });

  test("stores on other schemas of the database do not wake each other's watchers", async (t) => {
    const one = await writerAndReader(t);
    const other = await writerAndReader(t);
    let wakes = 0;
    const stop = one.reader.events.watchAll(() => wakes++);
    t.after(stop);
    await other.writer.users.create(other.tenantId, user('elsewhere'));
    await one.writer.users.create(one.tenantId, user('here'));
    await settled(one.writer, one.reader);
    assert.equal(wakes, 2, "one for this schema's write, one for settling");
  });

  test('a killed listening connection is reopened, and its watchers hear commits again', async (t) => {
    const applicationName = `provisio-feed-${randomUUID()}`;
    const { writer, reader, tenantId } = await writerAndReader(t, applicationName);
    const [killed] = await listeners(writer, applicationName);
    assert.ok(killed !== undefined, 'the reader has a listening session');
    await writer.pool.query('select pg_terminate_backend($1)', [killed]);
    await eventually(async () => {
      const pids = await listeners(writer, applicationName);
      return pids.length === 1 && pids[0] !== killed;
    });
    await nextWake(reader, tenantId, () => writer.users.create(tenantId, user('after-reconnect')));
  });

  test('the listening connection opens with the first watcher and closes with the store', async (t) => {
    const applicationName = `provisio-feed-${randomUUID()}`;
    const schema = freshSchemaName();
    const writer = await openTempPostgresStore(t, {}, schema);
    const store = await openPostgresStore({ connectionString: POSTGRES_URL, schema, applicationName });
    let closed = false;
    t.after(() => (closed ? undefined : store.close()));
    const { id: tenantId } = await store.tenants.create({ slug: 'quiet', name: 'Quiet' });
    await store.users.create(tenantId, user('unwatched'));
    assert.deepEqual(await listeners(writer, applicationName), []);
    await nextWake(store, tenantId, () => writer.users.create(tenantId, user('watched')));
    assert.equal((await listeners(writer, applicationName)).length, 1);
    closed = true;
    await store.close();
    await eventually(async () => (await listeners(writer, applicationName)).length === 0);
  });
});
