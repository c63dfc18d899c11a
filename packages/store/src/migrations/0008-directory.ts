/**
 * The directory (issue 7): the identity provider's side that the engine provisions from. Not tenant rows:
 * an installation has one directory, `'default'`, created here with its change sequence at 0. Change
 * sequences are `bigint` so a long-lived directory never runs out of them. Names' lower-cased `name_key`
 * columns are key text ("C" collation on PostgreSQL): applications list in code point order, as on SQLite.
 * Pages run on `object_id`, never NULL, so no index needs NULLs placed first.
 */
import type { Kysely } from 'kysely';
import type { DirectoryTables } from '../directory/tables.js';
import { keyText } from './key-text.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('directory_sequences')
    .addColumn('directory_id', 'text', (c) => c.primaryKey())
    .addColumn('last_sequence', 'bigint', (c) => c.notNull())
    .execute();
  await (db as Kysely<DirectoryTables>)
    .insertInto('directory_sequences')
    .values({ directory_id: 'default', last_sequence: 0 })
    .execute();

  await db.schema
    .createTable('directory_objects')
    .addColumn('directory_id', 'text', (c) => c.notNull().defaultTo('default'))
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', keyText(db))
    .addColumn('attributes', 'text', (c) => c.notNull())
    .addColumn('lifecycle', 'text', (c) => c.notNull())
    .addColumn('change_sequence', 'bigint', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_modified', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('directory_objects_pk', ['directory_id', 'object_id'])
    .execute();
  // NULL keys (tombstones) never collide, in SQLite and PostgreSQL alike.
  await db.schema
    .createIndex('directory_objects_name_key')
    .on('directory_objects')
    .columns(['directory_id', 'object_type', 'name_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('directory_objects_type')
    .on('directory_objects')
    .columns(['directory_id', 'object_type', 'object_id'])
    .execute();
  await db.schema
    .createIndex('directory_objects_change')
    .on('directory_objects')
    .columns(['directory_id', 'object_type', 'change_sequence'])
    .execute();

  await db.schema
    .createTable('directory_members')
    .addColumn('directory_id', 'text', (c) => c.notNull().defaultTo('default'))
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('directory_members_pk', ['directory_id', 'group_id', 'member_id'])
    .addForeignKeyConstraint(
      'directory_members_group',
      ['directory_id', 'group_id'],
      'directory_objects',
      ['directory_id', 'object_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'directory_members_member',
      ['directory_id', 'member_id'],
      'directory_objects',
      ['directory_id', 'object_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('directory_members_member')
    .on('directory_members')
    .columns(['directory_id', 'member_id', 'group_id'])
    .execute();

  await db.schema
    .createTable('directory_applications')
    .addColumn('directory_id', 'text', (c) => c.notNull().defaultTo('default'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', keyText(db), (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('directory_applications_pk', ['directory_id', 'id'])
    .execute();
  await db.schema
    .createIndex('directory_applications_name_key')
    .on('directory_applications')
    .columns(['directory_id', 'name_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('directory_app_roles')
    .addColumn('directory_id', 'text', (c) => c.notNull().defaultTo('default'))
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('is_default_access', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('directory_app_roles_pk', ['directory_id', 'application_id', 'id'])
    .addForeignKeyConstraint(
      'directory_app_roles_application',
      ['directory_id', 'application_id'],
      'directory_applications',
      ['directory_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('directory_app_roles_value')
    .on('directory_app_roles')
    .columns(['directory_id', 'application_id', 'value'])
    .unique()
    .execute();

  await db.schema
    .createTable('directory_assignments')
    .addColumn('directory_id', 'text', (c) => c.notNull().defaultTo('default'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('app_role_id', 'text', (c) => c.notNull())
    .addColumn('principal_id', 'text', (c) => c.notNull())
    .addColumn('principal_type', 'text', (c) => c.notNull())
    .addColumn('removed', 'integer', (c) => c.notNull())
    .addColumn('change_sequence', 'bigint', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('directory_assignments_pk', ['directory_id', 'id'])
    // No foreign key to the role: a removed assignment outlives its role, so deltas still see it go.
    .addForeignKeyConstraint(
      'directory_assignments_application',
      ['directory_id', 'application_id'],
      'directory_applications',
      ['directory_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'directory_assignments_principal',
      ['directory_id', 'principal_id'],
      'directory_objects',
      ['directory_id', 'object_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  // One row per (role, principal): assigning again revives a removed row instead of adding one.
  await db.schema
    .createIndex('directory_assignments_role_principal')
    .on('directory_assignments')
    .columns(['directory_id', 'application_id', 'app_role_id', 'principal_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('directory_assignments_change')
    .on('directory_assignments')
    .columns(['directory_id', 'application_id', 'change_sequence'])
    .execute();
  await db.schema
    .createIndex('directory_assignments_principal')
    .on('directory_assignments')
    .columns(['directory_id', 'principal_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'directory_assignments',
    'directory_app_roles',
    'directory_applications',
    'directory_members',
    'directory_objects',
    'directory_sequences',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
