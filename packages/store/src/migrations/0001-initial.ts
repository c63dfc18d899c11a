/**
 * Tenants, tokens, users (+ emails), groups (+ members). Every SCIM table leads with tenant_id, so each
 * index is per tenant and a tenant's rows cascade away with it. Secondary indexes end in `id`: the
 * tie-breaker of keyset paging, so sorted pages are index ranges.
 */
import { type CreateIndexBuilder, type CreateTableBuilder, type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect/dialect-of.js';
import { keyText } from './key-text.js';

type Columns<T extends string> = CreateTableBuilder<T, string>;

/**
 * id, external_id, created, last_modified, version, data: the columns every resource table has. `data` is
 * jsonb on PostgreSQL, so filters on JSON-only attributes read it without parsing text per row.
 */
function addResourceColumns<T extends string>(db: Kysely<unknown>, table: Columns<T>): Columns<T> {
  return table
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('external_id', keyText(db))
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_modified', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', dialectOf(db) === 'postgres' ? 'jsonb' : 'text', (c) => c.notNull());
}

/**
 * An index on (tenant_id, `key`, ...`trailing`). Pages sort NULL keys first (`asc nulls first`, and its
 * reverse `desc nulls last`), as SQLite does by default; a PostgreSQL b-tree puts NULLs last unless told,
 * and could then serve a page in neither direction.
 */
function onKey(
  db: Kysely<unknown>,
  index: CreateIndexBuilder,
  key: string,
  trailing: readonly string[] = [],
) {
  if (dialectOf(db) !== 'postgres') return index.columns(['tenant_id', key, ...trailing]);
  const keyFirst = sql`${sql.ref(key)} nulls first`;
  return index.expression(sql.join([sql.ref('tenant_id'), keyFirst, ...trailing.map((c) => sql.ref(c))]));
}

async function addSortableIndexes(db: Kysely<unknown>, table: string, columns: readonly string[]) {
  for (const column of columns) {
    await onKey(db, db.schema.createIndex(`${table}_${column}`).on(table), column, ['id']).execute();
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('provisioning_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('scim_compat', 'text', (c) => c.notNull().defaultTo('entra'))
    .addColumn('created', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_used', 'text')
    .addColumn('expires', 'text')
    .addColumn('revoked', 'text')
    .execute();
  await db.schema.createIndex('tokens_tenant').on('tokens').column('tenant_id').execute();

  await addResourceColumns(db, db.schema.createTable('users'))
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('user_name_key', keyText(db), (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('display_name_key', keyText(db))
    .addColumn('active', 'integer')
    .addColumn('employee_number_key', keyText(db))
    .addColumn('department_key', keyText(db))
    .addColumn('manager_key', keyText(db))
    .addPrimaryKeyConstraint('users_pk', ['tenant_id', 'id'])
    .execute();
  await onKey(
    db,
    db.schema.createIndex('users_user_name_key').on('users').unique(),
    'user_name_key',
  ).execute();
  await addSortableIndexes(db, 'users', [
    'external_id',
    'display_name_key',
    'active',
    'employee_number_key',
    'department_key',
    'manager_key',
    'created',
    'last_modified',
  ]);

  await db.schema
    .createTable('user_emails')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('value_key', keyText(db))
    .addColumn('type_key', keyText(db))
    .addColumn('is_primary', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_emails_pk', ['tenant_id', 'user_id', 'ordinal'])
    .addForeignKeyConstraint(
      'user_emails_user',
      ['tenant_id', 'user_id'],
      'users',
      ['tenant_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('user_emails_value_key')
    .on('user_emails')
    .columns(['tenant_id', 'value_key'])
    .execute();

  await addResourceColumns(db, db.schema.createTable('groups'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('display_name_key', keyText(db), (c) => c.notNull())
    .addPrimaryKeyConstraint('groups_pk', ['tenant_id', 'id'])
    .execute();
  await onKey(
    db,
    db.schema.createIndex('groups_display_name_key').on('groups').unique(),
    'display_name_key',
  ).execute();
  await addSortableIndexes(db, 'groups', ['external_id', 'created', 'last_modified']);

  // Members may be users or groups, so member_id has no foreign key: deletes clean it up explicitly.
  await db.schema
    .createTable('group_members')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('member_type', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_members_pk', ['tenant_id', 'group_id', 'member_id'])
    .addForeignKeyConstraint(
      'group_members_group',
      ['tenant_id', 'group_id'],
      'groups',
      ['tenant_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('group_members_member')
    .on('group_members')
    .columns(['tenant_id', 'member_id', 'group_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['group_members', 'groups', 'user_emails', 'users', 'tokens', 'tenants']) {
    await db.schema.dropTable(table).execute();
  }
}
