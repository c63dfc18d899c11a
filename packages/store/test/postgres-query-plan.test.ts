// The lookups Entra makes on every sync (A2/A3: userName, externalId, emails, group members, a user's
// groups) and keyset pages must be index searches on PostgreSQL too: 5,000 users with their emails and
// memberships, ANALYZEd, then PostgreSQL's own EXPLAIN of the very statements the store runs, with their
// parameters and the planner's default settings.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { SchemaRegistry, bindFilter, parseFilter } from '@provisio/scim-core';
import { type ListQuery, type PostgresStore, seedUsers } from '@provisio/store';
import { POSTGRES } from '@provisio/store/testing';
import { type CompiledQuery, sql } from 'kysely';
import { openTempPostgresStore } from './support/dialects.js';
import { group } from './support/resources.js';
import { FILE } from './support/temp-store.js';

const REGISTRY = SchemaRegistry.standard();
const USERS = 5000;
const GROUPS = 1000;
const MEMBERS_PER_GROUP = 5;

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Name'?: string;
  readonly Plans?: readonly PlanNode[];
}

/** Every node of a plan tree, depth first. */
function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

function show(nodes: readonly PlanNode[]): string {
  return nodes
    .map((node) => [node['Node Type'], node['Relation Name'], node['Index Name']].filter(Boolean).join(' '))
    .join('\n');
}

describe(`${POSTGRES.label} query plans`, { skip: POSTGRES.skip }, () => {
  let store: PostgresStore;
  let tenantId: string;
  let userIds: string[];
  const statements: CompiledQuery[] = [];

  before(async () => {
    store = await openTempPostgresStore(FILE, {
      log: (event) => {
        statements.push(event.query);
      },
    });
    tenantId = (await store.tenants.create({ slug: 'plans', name: 'Plans' })).id;
    // Another tenant's rows, so tenant_id alone is never selective enough.
    const other = await store.tenants.create({ slug: 'other', name: 'Other' });
    await seedUsers(store, other.id, USERS / 5);
    userIds = await seedUsers(store, tenantId, USERS);
    const createGroup = (index: number) => {
      const members = userIds.slice(index * MEMBERS_PER_GROUP, (index + 1) * MEMBERS_PER_GROUP);
      return store.groups.create(tenantId, { ...group(`group ${index}`, members), externalId: `g-${index}` });
    };
    for (let index = 0; index < GROUPS; index += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, offset) => createGroup(index + offset)));
    }
    await sql`analyze`.execute(store.kysely);
  });

  /** The plans of the statements `run` makes that read `table`. */
  async function plansOf(table: string, run: () => Promise<unknown>): Promise<PlanNode[][]> {
    statements.length = 0;
    await run();
    const reads = statements.filter(
      (query) => /^select/i.test(query.sql) && query.sql.includes(`"${table}"`),
    );
    assert.ok(reads.length > 0, `no statement read ${table}`);
    const plans: PlanNode[][] = [];
    for (const query of reads) {
      const { rows } = await store.pool.query(`explain (format json) ${query.sql}`, [...query.parameters]);
      plans.push(nodesOf(rows[0]['QUERY PLAN'][0].Plan));
    }
    return plans;
  }

  function assertIndexSearch(plans: readonly PlanNode[][], index: string): void {
    const shown = plans.map(show).join('\n---\n');
    assert.ok(
      plans.some((nodes) => nodes.some((node) => node['Index Name'] === index)),
      `${index} is used:\n${shown}`,
    );
    for (const nodes of plans) {
      assert.ok(!nodes.some((node) => node['Node Type'] === 'Seq Scan'), `no step scans:\n${shown}`);
    }
  }

  const list = (resourceType: 'User' | 'Group', filter: string, query: ListQuery = {}) => {
    const bound = bindFilter(parseFilter(filter), REGISTRY, REGISTRY.resourceType(resourceType));
    return resourceType === 'User'
      ? store.users.list(tenantId, { ...query, filter: bound }, { groups: false })
      : store.groups.list(tenantId, { ...query, filter: bound }, { members: false });
  };

  const LOOKUPS: readonly [string, 'User' | 'Group', string, string, string][] = [
    ['userName eq', 'User', 'userName eq "user42@example.com"', 'users', 'users_user_name_key'],
    ['externalId eq', 'User', 'externalId eq "ext-42"', 'users', 'users_external_id'],
    ['emails.value eq', 'User', 'emails.value eq "user42@example.com"', 'users', 'user_emails_value_key'],
    ['members.value eq', 'Group', 'members.value eq "{member}"', 'groups', 'group_members_member'],
    ['displayName eq on Groups', 'Group', 'displayName eq "group 42"', 'groups', 'groups_display_name_key'],
  ];

  for (const [name, resourceType, filter, table, index] of LOOKUPS) {
    test(`${name} is an index search (EXPLAIN)`, async () => {
      const text = filter.replace('{member}', userIds[42]!);
      const plans = await plansOf(table, async () => {
        const page = await list(resourceType, text);
        assert.equal(page.totalResults, 1, 'the filter matches one resource');
      });
      assertIndexSearch(plans, index);
    });
  }

  test('a user’s groups start from the member’s memberships (EXPLAIN)', async () => {
    const plans = await plansOf('group_members', () => store.users.get(tenantId, userIds[42]!));
    assertIndexSearch(plans, 'group_members_member');
  });

  test('RFC 9865 keyset pages are index ranges in key order, ascending and descending (EXPLAIN)', async () => {
    for (const [sortBy, index] of [
      [{ attribute: 'userName' }, 'users_user_name_key'],
      [{ attribute: 'displayName' }, 'users_display_name_key'],
      [{ attribute: 'externalId' }, 'users_external_id'],
    ] as const) {
      for (const sortOrder of ['ascending', 'descending'] as const) {
        const query = { count: 20, sortBy, sortOrder };
        const first = await store.users.list(tenantId, { ...query, cursor: '' }, { groups: false });
        const plans = await plansOf('users', () =>
          store.users.list(tenantId, { ...query, cursor: first.nextCursor! }, { groups: false }),
        );
        const shown = `${sortBy.attribute} ${sortOrder}:\n${plans.map(show).join('\n---\n')}`;
        assertIndexSearch(plans, index);
        const page = plans.find((nodes) => nodes.some((node) => node['Node Type'] === 'Limit'));
        assert.ok(page, `a limited page query:\n${shown}`);
        assert.ok(!page.some((node) => node['Node Type'] === 'Sort'), `no sort step:\n${shown}`);
      }
    }
  });
});
