// The lookups Entra makes on every sync (A2/A3: userName, externalId, id, emails, group members) and
// keyset pages must be index searches, never table scans: proven with SQLite's own EXPLAIN QUERY PLAN.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { bindFilter, parseFilter } from '@provisio/scim-core';
import { GROUP_STORAGE, type SqliteStore, USER_STORAGE, filterToSql, sqliteDialect } from '@provisio/store';
import { REGISTRY, TENANT, openFixtureStore } from './support/filter-fixtures.js';
import { queryPlan } from './support/query-plan.js';
import { FILE, openTempStore, queryLog } from './support/temp-store.js';

let store: SqliteStore;
before(async () => {
  store = await openFixtureStore(FILE, openTempStore);
});

function planOfFilter(resourceType: 'User' | 'Group', text: string): string[] {
  const filter = bindFilter(parseFilter(text), REGISTRY, REGISTRY.resourceType(resourceType));
  const storage = resourceType === 'User' ? USER_STORAGE : GROUP_STORAGE;
  const where = filterToSql(filter, {
    dialect: sqliteDialect,
    registry: REGISTRY,
    storage,
    tenantId: TENANT,
  });
  const query = store.kysely
    .selectFrom(storage.table)
    .select('id')
    .where('tenant_id', '=', TENANT)
    .where(where)
    .compile();
  return queryPlan(store, query);
}

const INDEXED: readonly [string, 'User' | 'Group', string, RegExp][] = [
  [
    'userName eq',
    'User',
    'userName eq "alice@example.com"',
    /INDEX users_user_name_key \(tenant_id=\? AND user_name_key=\?\)/,
  ],
  [
    'externalId eq',
    'User',
    'externalId eq "ext-bob"',
    /INDEX users_external_id \(tenant_id=\? AND external_id=\?\)/,
  ],
  ['id eq', 'User', 'id eq "bob"', /INDEX sqlite_autoindex_users_1 \(tenant_id=\? AND id=\?\)/],
  [
    'emails.value eq',
    'User',
    'emails.value eq "bob@example.com"',
    /INDEX user_emails_value_key \(tenant_id=\? AND value_key=\?\)/,
  ],
  [
    'members.value eq',
    'Group',
    'members.value eq "alice"',
    /INDEX group_members_member \(tenant_id=\? AND member_id=\?\)/,
  ],
  [
    'displayName eq on Groups',
    'Group',
    'displayName eq "admins"',
    /INDEX groups_display_name_key \(tenant_id=\? AND display_name_key=\?\)/,
  ],
];

for (const [name, resourceType, filter, index] of INDEXED) {
  test(`${name} is an index search (EXPLAIN QUERY PLAN)`, () => {
    const plan = planOfFilter(resourceType, filter);
    assert.ok(
      plan.some((step) => index.test(step)),
      plan.join('\n'),
    );
    assert.ok(!plan.some((step) => step.startsWith('SCAN')), `no step scans:\n${plan.join('\n')}`);
  });
}

test('a sw on userName is an index range', () => {
  const plan = planOfFilter('User', 'userName sw "ali"');
  assert.ok(
    plan.some((step) =>
      /users_user_name_key \(tenant_id=\? AND user_name_key>\? AND user_name_key<\?\)/.test(step),
    ),
    plan.join('\n'),
  );
});

test('RFC 9865 keyset pages are index ranges with no sort step, ascending and descending', async (t) => {
  const { statements, log } = queryLog();
  const logged = await openTempStore(t, { log });
  const tenant = await logged.tenants.create({ slug: 'plans', name: 'Plans' });
  for (const name of ['a', 'b', 'c'])
    await logged.users.create(tenant.id, { userName: name, displayName: name });
  // Without displayName: ascending pages start among NULL keys, descending pages end there.
  await logged.users.create(tenant.id, { userName: 'd' });
  for (const sortOrder of ['ascending', 'descending'] as const) {
    for (const sortBy of [{ attribute: 'userName' }, { attribute: 'displayName' }, undefined]) {
      const query = { count: 1, sortBy, sortOrder };
      let page = await logged.users.list(tenant.id, { ...query, cursor: '' }, { groups: false });
      statements.length = 0;
      while (page.nextCursor) {
        page = await logged.users.list(tenant.id, { ...query, cursor: page.nextCursor }, { groups: false });
      }
      const pageQueries = statements.filter((s) => s.includes(' as "sort_key" from "users"'));
      assert.ok(pageQueries.length >= 3);
      for (const pageQuery of pageQueries) {
        const parameters = pageQuery.match(/\?/g)!.map(() => 'x');
        const plan = queryPlan(logged, { sql: pageQuery, parameters });
        const shown = `${JSON.stringify(sortBy)} ${sortOrder}:\n${pageQuery}\n${plan.join('\n')}`;
        assert.ok(
          plan.some((step) => /^SEARCH users USING INDEX \S+ \(tenant_id=\? AND /.test(step)),
          shown,
        );
        assert.ok(!plan.some((step) => step.includes('TEMP B-TREE')), shown);
      }
    }
  }
});

test('a value filter that no index can start from reads only each candidate’s own values', () => {
  const plan = planOfFilter(
    'User',
    'userName sw "user1" and (emails[type eq "work" and value co "@"] or active eq false)',
  );
  const shown = plan.join('\n');
  assert.ok(
    plan.some((step) => /users_user_name_key \(tenant_id=\? AND user_name_key>\?/.test(step)),
    shown,
  );
  assert.ok(
    plan.some((step) => /SEARCH el USING INDEX \S+ \(tenant_id=\? AND user_id=\?\)/.test(step)),
    shown,
  );
  assert.ok(
    !plan.some((step) => /SEARCH el .*\(tenant_id=\?\)$/.test(step)),
    `no read of every email:\n${shown}`,
  );
});

test('a user’s groups start from the member’s memberships, however many groups the tenant has', async (t) => {
  const { statements, log } = queryLog();
  const logged = await openTempStore(t, { log });
  const tenant = await logged.tenants.create({ slug: 'plans', name: 'Plans' });
  const alice = await logged.users.create(tenant.id, { userName: 'alice' });
  await logged.users.create(tenant.id, { userName: 'bob' });
  const planOfGroupsQuery = async (read: () => Promise<unknown>) => {
    statements.length = 0;
    await read();
    const groupsQuery = statements.find((s) => s.includes('"group_members"'))!;
    return queryPlan(logged, { sql: groupsQuery, parameters: groupsQuery.match(/\?/g)!.map(() => 'x') });
  };
  // One user (the prepared query of a single read), then a page of two (one IN list).
  for (const read of [() => logged.users.get(tenant.id, alice.id), () => logged.users.list(tenant.id, {})]) {
    const plan = await planOfGroupsQuery(read);
    assert.match(
      plan[0]!,
      /^SEARCH gm USING COVERING INDEX group_members_member \(tenant_id=\? AND member_id=\?/,
    );
  }
});
