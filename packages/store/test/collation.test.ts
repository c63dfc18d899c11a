// Sort order and `sw` ranges do not depend on how the PostgreSQL database was created: in a database whose
// default collation is a language one (ICU en-US, where `ä` sorts between `a` and `b`), non-ASCII keys
// sort and match exactly as on SQLite, by code point.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import type { AttributePath, FilterNode } from '@provisio/scim-core';
import { type ListPage, type ListQuery, type Store, openPostgresStore } from '@provisio/store';
import { POSTGRES, TEST_POSTGRES_URL } from '@provisio/store/testing';
import pg from 'pg';
import { group, user } from './support/resources.js';
import { type Lifetime, openTempStore } from './support/temp-store.js';

const NAMES = [
  'zoë',
  'Zebra',
  'äpfel',
  'apple',
  'Åsa',
  'banana',
  'émile',
  'eve',
  'ørjan',
  'oscar',
  'a-b',
  'ab',
];

async function admin(statement: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return (await client.query(statement)).rows;
  } finally {
    await client.end();
  }
}

/** A store in a new database whose default collation is ICU en-US, dropped when `t` ends. */
async function openLanguageCollatedStore(t: Lifetime): Promise<Store> {
  const database = `provisio_collation_${randomUUID().replaceAll('-', '')}`;
  await admin(
    `create database ${database} template template0 locale_provider icu icu_locale 'en-US' locale 'C.UTF-8'`,
  );
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${database}`;
  const store = await openPostgresStore({ connectionString: url.href, pool: { max: 2 } });
  t.after(async () => {
    await store.close();
    await admin(`drop database ${database}`);
  });
  const [probe] = (await store.pool.query(`select 'ä' < 'b' as language_order`)).rows;
  assert.equal(probe.language_order, true, 'the database sorts by a language collation');
  await store.migrate();
  return store;
}

/** Users named {@link NAMES} (displayName and email from the name too) and groups, in one tenant. */
async function seed(store: Store): Promise<string> {
  const { id } = await store.tenants.create({ slug: 'acme', name: 'Acme' });
  for (const name of NAMES) {
    await store.users.create(id, user(name, { displayName: name, emails: [{ value: `${name}@x.org` }] }));
    await store.groups.create(id, group(name));
  }
  return id;
}

const sw = (attribute: string, value: string): FilterNode => ({
  kind: 'compare',
  path: { attribute },
  op: 'sw',
  value,
});

const ORDERS: readonly [string, 'users' | 'groups', AttributePath, FilterNode?][] = [
  ['users by userName', 'users', { attribute: 'userName' }],
  ['users by displayName', 'users', { attribute: 'displayName' }],
  ['users by emails.value', 'users', { attribute: 'emails', subAttribute: 'value' }],
  ['groups by displayName', 'groups', { attribute: 'displayName' }],
  ['users with userName sw "a"', 'users', { attribute: 'userName' }, sw('userName', 'a')],
  ['users with userName sw "ä"', 'users', { attribute: 'userName' }, sw('userName', 'ä')],
  ['groups with displayName sw "z"', 'groups', { attribute: 'displayName' }, sw('displayName', 'z')],
];

/** Each order's names, ascending and descending, walked in keyset pages of 5. */
async function orders(store: Store, tenantId: string): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const [title, kind, sortBy, filter] of ORDERS) {
    for (const sortOrder of ['ascending', 'descending'] as const) {
      const names: string[] = [];
      let cursor: string | undefined = '';
      while (cursor !== undefined) {
        const query: ListQuery = { sortBy, sortOrder, cursor, count: 5, ...(filter ? { filter } : {}) };
        const page: ListPage = await store[kind].list(tenantId, query);
        names.push(...page.resources.map((r) => String(r.resource.userName ?? r.resource.displayName)));
        cursor = page.nextCursor;
      }
      result[`${title}, ${sortOrder}`] = names;
    }
  }
  return result;
}

/** The directory's applications, named {@link NAMES}, as it lists them (by name). */
async function applicationNames(store: Store): Promise<string[]> {
  for (const name of NAMES) await store.directory.applications.create({ name });
  return (await store.directory.applications.list()).map((application) => application.name);
}

describe(`${POSTGRES.label} collation`, { skip: POSTGRES.skip }, () => {
  test('in a language-collated database, keys (SCIM and directory) sort and match by code point, as on SQLite', async (t) => {
    const sqlite = await openTempStore(t);
    const postgres = await openLanguageCollatedStore(t);
    const expected = await orders(sqlite, await seed(sqlite));
    assert.deepEqual(expected['users with userName sw "a", ascending'], ['a-b', 'ab', 'apple']);
    assert.deepEqual(expected['users by userName, ascending']?.slice(-5), [
      'zoë',
      'äpfel',
      'Åsa',
      'émile',
      'ørjan',
    ]);
    assert.deepEqual(await orders(postgres, await seed(postgres)), expected);
    assert.deepEqual(await applicationNames(postgres), await applicationNames(sqlite));
  });
});
