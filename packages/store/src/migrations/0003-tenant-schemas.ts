/**
 * Per-tenant schema extensions (issue 5), stored as data: one row per extension with its definition as
 * JSON. `tenants.schema_version` is bumped with every change, and every SCIM request already reads the
 * tenant row with its token, so each server process notices a change on the next request without polling.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenant_schemas')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('schema_id', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tenant_schemas_pk', ['tenant_id', 'schema_id'])
    .execute();
  await db.schema
    .alterTable('tenants')
    .addColumn('schema_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').dropColumn('schema_version').execute();
  await db.schema.dropTable('tenant_schemas').execute();
}
