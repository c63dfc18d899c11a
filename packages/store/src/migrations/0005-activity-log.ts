/**
 * The activity log (issue 5): one row per SCIM request, never a body. Rows are written in batches by the
 * server on the SCIM hot path, so the table has one index only, its primary key `(tenant_id, time, id)`:
 * times only grow, so inserts append to each tenant's range; it serves the newest-first keyset listing
 * and the per-tenant pruning by age alike.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('activity_log')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('token_id', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text')
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('scim_type', 'text')
    .addColumn('duration_ms', 'real', (c) => c.notNull())
    .addColumn('client_ip', 'text')
    .addPrimaryKeyConstraint('activity_log_pk', ['tenant_id', 'time', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('activity_log').execute();
}
