/**
 * Where each SCIM attribute lives in SQL: an indexed column, a side table with one row per value, or
 * (by default) the `data` JSON document. The filter compiler and the sort compiler read this map; the
 * repositories write the same columns (see `users/user-row.ts`).
 */
import { ENTERPRISE_USER_SCHEMA } from '@provisio/scim-core';
import { sql } from 'kysely';
import type { SqlExpression } from '../dialect/sql-dialect.js';

/** A scalar SQL value standing for one SCIM attribute value. */
export interface Operand {
  readonly sql: SqlExpression;
  /** Values are already JavaScript-lower-cased (a `*_key` column, or ids, which are minted lower-case). */
  readonly folded: boolean;
  /** An index leads with this operand (after tenant_id): `sw` becomes a range. */
  readonly indexed: boolean;
  /** Values are `Date.toISOString()` text, so dateTime comparison needs no normalising. */
  readonly isoTimestamps: boolean;
  /** Never NULL (lets keyset paging skip the NULL branch). */
  readonly notNull: boolean;
  /** Stored as a column: absent values are NULL, never `''`. */
  readonly column: boolean;
}

type OperandTraits = Partial<Omit<Operand, 'sql'>>;

function operand(expression: SqlExpression, traits: OperandTraits = {}): Operand {
  return {
    sql: expression,
    folded: traits.folded ?? false,
    indexed: traits.indexed ?? false,
    isoTimestamps: traits.isoTimestamps ?? false,
    notNull: traits.notNull ?? false,
    column: traits.column ?? true,
  };
}

/** A column of `table`; indexed unless said otherwise. */
function column(table: string, name: string, traits: OperandTraits = {}): Operand {
  return operand(sql.ref(`${table}.${name}`), { indexed: true, ...traits });
}

/** A multi-valued attribute stored one row per value. */
export interface SideTable {
  readonly table: string;
  /** The column holding the owning resource's id. */
  readonly owner: string;
  /** False when the values are not also in `data` (derived attributes), so JSON cannot stand in. */
  readonly alsoInJson: boolean;
  /** The operand for a sub-attribute (lower-case name) of the element row aliased `alias`. */
  subAttribute(name: string, alias: string): Operand | undefined;
}

export interface ResourceStorage {
  readonly table: 'users' | 'groups';
  readonly resourceType: 'User' | 'Group';
  /** By {@link storageKey}. */
  readonly columns: ReadonlyMap<string, Operand>;
  /** By the attribute's {@link storageKey}. */
  readonly sideTables: ReadonlyMap<string, SideTable>;
}

/** Lower-case `[schema:]attribute[.sub]`, the schema only for extension attributes. */
export function storageKey(schema: string | undefined, attribute: string, subAttribute?: string): string {
  const local = subAttribute === undefined ? attribute : `${attribute}.${subAttribute}`;
  return (schema === undefined ? local : `${schema}:${local}`).toLowerCase();
}

/** Columns every resource table has (RFC 7643 §3.1 common attributes). */
function commonColumns(table: string, resourceType: string): [string, Operand][] {
  const created = column(table, 'created', { isoTimestamps: true, notNull: true });
  return [
    ['id', column(table, 'id', { folded: true, notNull: true })],
    ['externalid', column(table, 'external_id')],
    ['meta', created],
    ['meta.created', created],
    ['meta.lastmodified', column(table, 'last_modified', { isoTimestamps: true, notNull: true })],
    ['meta.resourcetype', operand(sql.val(resourceType), { notNull: true })],
    ['meta.version', operand(sql`'W/"' || ${sql.ref(`${table}.version`)} || '"'`, { notNull: true })],
  ];
}

/** The lower-cased display name of the group whose id `idColumn` of row `alias` holds. */
function groupDisplayKey(alias: string, idColumn: string): SqlExpression {
  return sql`(select g.display_name_key from groups as g where g.tenant_id = ${sql.ref(`${alias}.tenant_id`)} and g.id = ${sql.ref(`${alias}.${idColumn}`)})`;
}

/** A member's lower-cased display name: a user's displayName, else userName; a group's displayName. */
function memberDisplayKey(alias: string): SqlExpression {
  const tenant = sql.ref(`${alias}.tenant_id`);
  const id = sql.ref(`${alias}.member_id`);
  const user = sql`select coalesce(u.display_name_key, u.user_name_key) from users as u where u.tenant_id = ${tenant} and u.id = ${id}`;
  return sql`(case ${sql.ref(`${alias}.member_type`)} when 'User' then (${user}) else ${groupDisplayKey(alias, 'member_id')} end)`;
}

const EMAILS: SideTable = {
  table: 'user_emails',
  owner: 'user_id',
  alsoInJson: true,
  subAttribute(name, alias) {
    if (name === 'value') return column(alias, 'value_key', { folded: true });
    if (name === 'type') return column(alias, 'type_key', { folded: true, indexed: false });
    if (name === 'primary') return column(alias, 'is_primary', { indexed: false, notNull: true });
    return undefined;
  },
};

/** User `groups` (RFC 7643 §4.1.2) is derived from group_members, read from the member's side. */
const USER_GROUPS: SideTable = {
  table: 'group_members',
  owner: 'member_id',
  alsoInJson: false,
  subAttribute(name, alias) {
    if (name === 'value') return column(alias, 'group_id', { folded: true, notNull: true });
    if (name === 'display') return operand(groupDisplayKey(alias, 'group_id'), { folded: true });
    // Only direct memberships are stored.
    if (name === 'type') return operand(sql.val('direct'), { folded: true, notNull: true });
    return undefined;
  },
};

const GROUP_MEMBERS: SideTable = {
  table: 'group_members',
  owner: 'group_id',
  alsoInJson: false,
  subAttribute(name, alias) {
    if (name === 'value') return column(alias, 'member_id', { folded: true, notNull: true });
    if (name === 'type') return column(alias, 'member_type', { indexed: false, notNull: true });
    if (name === 'display') return operand(memberDisplayKey(alias), { folded: true });
    return undefined;
  },
};

const enterprise = (local: string) => storageKey(ENTERPRISE_USER_SCHEMA, local);

export const USER_STORAGE: ResourceStorage = {
  table: 'users',
  resourceType: 'User',
  columns: new Map([
    ...commonColumns('users', 'User'),
    ['username', column('users', 'user_name_key', { folded: true, notNull: true })],
    ['displayname', column('users', 'display_name_key', { folded: true })],
    ['active', column('users', 'active')],
    [enterprise('employeeNumber'), column('users', 'employee_number_key', { folded: true })],
    [enterprise('department'), column('users', 'department_key', { folded: true })],
    [enterprise('manager.value'), column('users', 'manager_key', { folded: true })],
  ]),
  sideTables: new Map([
    ['emails', EMAILS],
    ['groups', USER_GROUPS],
  ]),
};

export const GROUP_STORAGE: ResourceStorage = {
  table: 'groups',
  resourceType: 'Group',
  columns: new Map([
    ...commonColumns('groups', 'Group'),
    ['displayname', column('groups', 'display_name_key', { folded: true, notNull: true })],
  ]),
  sideTables: new Map([['members', GROUP_MEMBERS]]),
};

/** A JSON operand of the resource document: not folded, not indexed, `''` possible. */
export function jsonOperand(expression: SqlExpression): Operand {
  return operand(expression, { column: false });
}
