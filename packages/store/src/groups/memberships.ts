/**
 * group_members, read and written from both sides: a group's `members` and a user's derived `groups`
 * (RFC 7643 §4.1.2, §4.2). Display names are joined at read time, so renames never rewrite memberships.
 */
import { InvalidValue } from '@provisio/scim-core';
import { type Kysely, sql } from 'kysely';
import type { Database, GroupMembersTable } from '../database.js';
import { dialectOf } from '../dialect/dialect-of.js';
import { preparedQuery } from '../prepared-query.js';
import { chunk } from '../store-context.js';

export interface MemberValue {
  readonly value: string;
  readonly display?: string;
  readonly type: 'User' | 'Group';
}

export interface GroupValue {
  readonly value: string;
  readonly display: string;
  readonly type: 'direct';
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/**
 * The tenant's memberships with their groups' names, in the order a user's `groups` lists them. CROSS JOIN
 * makes SQLite start from the member's memberships (an index range) and sort those few; left to itself it
 * walks every group of the tenant in name order to skip the sort, which grows with the tenant's groups.
 */
function selectGroupsOfMembers(db: Kysely<Database>, tenantId: string) {
  return db
    .selectFrom('group_members as gm')
    .crossJoin('groups as g')
    .whereRef('g.tenant_id', '=', 'gm.tenant_id')
    .whereRef('g.id', '=', 'gm.group_id')
    .select(['gm.member_id', 'g.id', 'g.display_name'])
    .where('gm.tenant_id', '=', tenantId)
    .orderBy('g.display_name_key');
}

/** One member's groups: what every single-user read runs, so it is compiled once. */
const selectGroupsOfMember = preparedQuery(
  ['tenantId', 'memberId'],
  (db, { tenantId, memberId }: { tenantId: string; memberId: string }) =>
    selectGroupsOfMembers(db, tenantId).where('gm.member_id', '=', memberId),
);

/** Each member's groups, for the users in one page: one indexed query per 500 users. */
export async function groupsOfMembers(
  db: Kysely<Database>,
  tenantId: string,
  memberIds: readonly string[],
): Promise<Map<string, GroupValue[]>> {
  const rows = [];
  if (memberIds.length === 1) {
    rows.push(...(await selectGroupsOfMember(db, { tenantId, memberId: memberIds[0]! })).rows);
  } else {
    for (const ids of chunk(memberIds)) {
      rows.push(...(await selectGroupsOfMembers(db, tenantId).where('gm.member_id', 'in', ids).execute()));
    }
  }
  const byMember = groupBy(rows, (row) => row.member_id);
  return new Map(
    [...byMember].map(([member, list]) => [
      member,
      list.map((row): GroupValue => ({ value: row.id, display: row.display_name, type: 'direct' })),
    ]),
  );
}

/** Each group's members, with display names (a user's displayName, else userName; a group's name). */
export async function membersOfGroups(
  db: Kysely<Database>,
  tenantId: string,
  groupIds: readonly string[],
): Promise<Map<string, MemberValue[]>> {
  const rows = [];
  for (const ids of chunk(groupIds)) {
    rows.push(
      ...(await db
        .selectFrom('group_members as gm')
        .leftJoin('users as u', (join) =>
          join.onRef('u.tenant_id', '=', 'gm.tenant_id').onRef('u.id', '=', 'gm.member_id'),
        )
        .leftJoin('groups as g', (join) =>
          join.onRef('g.tenant_id', '=', 'gm.tenant_id').onRef('g.id', '=', 'gm.member_id'),
        )
        .select(['gm.group_id', 'gm.member_id', 'gm.member_type'])
        .select(sql<string | null>`coalesce(u.display_name, u.user_name, g.display_name)`.as('display'))
        .where('gm.tenant_id', '=', tenantId)
        .where('gm.group_id', 'in', ids)
        .orderBy('gm.member_id')
        .execute()),
    );
  }
  const byGroup = groupBy(rows, (row) => row.group_id);
  return new Map(
    [...byGroup].map(([group, list]) => [
      group,
      list.map((row) => ({
        value: row.member_id,
        ...(row.display === null ? {} : { display: row.display }),
        type: row.member_type,
      })),
    ]),
  );
}

/**
 * The type of each would-be member of `groupId`, looked up in the tenant. Throws InvalidValue naming ids
 * that are neither a user nor a group there, and a group listed as its own member.
 */
export async function memberTypes(
  db: Kysely<Database>,
  tenantId: string,
  groupId: string | undefined,
  values: readonly string[],
): Promise<Map<string, GroupMembersTable['member_type']>> {
  if (groupId !== undefined && values.includes(groupId)) {
    throw new InvalidValue(`members: group "${groupId}" cannot be a member of itself`);
  }
  // On PostgreSQL the members found stay share-locked until the membership commits: a concurrent delete
  // of one waits, then removes the new membership with the rest (SQLite's writers are serial anyway).
  const lock = dialectOf(db) === 'postgres';
  const lookup = (table: 'users' | 'groups', type: GroupMembersTable['member_type'], ids: string[]) =>
    db
      .selectFrom(table)
      .select(['id', sql<GroupMembersTable['member_type']>`${sql.lit(type)}`.as('type')])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids)
      .$if(lock, (q) => q.forShare());
  const types = new Map<string, GroupMembersTable['member_type']>();
  for (const ids of chunk(values)) {
    const users = lookup('users', 'User', ids);
    const groups = lookup('groups', 'Group', ids);
    // Locking clauses are not allowed in a UNION's branches.
    const found = lock
      ? [...(await users.execute()), ...(await groups.execute())]
      : await users.unionAll(groups).execute();
    for (const row of found) types.set(row.id, row.type);
  }
  const missing = values.filter((value) => !types.has(value));
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).map((id) => `"${id}"`);
    const more = missing.length > 10 ? ` and ${missing.length - 10} more` : '';
    throw new InvalidValue(`members: no user or group with id ${shown.join(', ')}${more} in this tenant`);
  }
  return types;
}

/**
 * Adds memberships; already present ones are left alone (PATCH add is idempotent, RFC 7644 §3.5.2.1).
 * Returns the ids that were not members yet: what the change feed reports.
 */
export async function insertMembers(
  db: Kysely<Database>,
  tenantId: string,
  groupId: string,
  types: ReadonlyMap<string, GroupMembersTable['member_type']>,
): Promise<string[]> {
  const rows = [...types].map(([member_id, member_type]) => ({
    tenant_id: tenantId,
    group_id: groupId,
    member_id,
    member_type,
  }));
  const inserted: string[] = [];
  for (const batch of chunk(rows, 200)) {
    const added = await db
      .insertInto('group_members')
      .values(batch)
      .onConflict((conflict) => conflict.doNothing())
      .returning('member_id')
      .execute();
    for (const row of added) inserted.push(row.member_id);
  }
  return inserted;
}

/**
 * Removes `memberId` from every group of the tenant, bumping those groups' version and lastModified (their
 * `members` changed). Cost follows the member's own memberships, never the groups' sizes.
 */
export async function removeFromAllGroups(
  db: Kysely<Database>,
  tenantId: string,
  memberId: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('groups')
    .set({ version: sql`version + 1`, last_modified: now })
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('group_members')
        .select('group_id')
        .where('tenant_id', '=', tenantId)
        .where('member_id', '=', memberId),
    )
    .execute();
  await db
    .deleteFrom('group_members')
    .where('tenant_id', '=', tenantId)
    .where('member_id', '=', memberId)
    .execute();
}
