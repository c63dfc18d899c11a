/**
 * An exact count of each tenant's users and groups, kept by triggers, so an unfiltered list answers
 * `totalResults` (RFC 7644 §3.4.2, REQUIRED) without counting every row on every page: at 1,000,000 users
 * that COUNT cost ~95 ms per page. Triggers fire for every insert and delete, whatever path made it
 * (repositories, seeding, tenant cascades), so the count cannot drift from the rows.
 */
import { type Kysely, sql } from 'kysely';

const COUNTED = [
  { table: 'users', resourceType: 'User' },
  { table: 'groups', resourceType: 'Group' },
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('resource_counts')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_counts_pk', ['tenant_id', 'resource_type'])
    .execute();
  for (const { table, resourceType } of COUNTED) {
    await sql`insert into resource_counts (tenant_id, resource_type, total)
      select tenant_id, ${resourceType}, count(*) from ${sql.table(table)} group by tenant_id`.execute(db);
    await sql`create trigger ${sql.id(`${table}_counted_insert`)} after insert on ${sql.table(table)} begin
      insert into resource_counts (tenant_id, resource_type, total) values (new.tenant_id, ${sql.lit(resourceType)}, 1)
      on conflict (tenant_id, resource_type) do update set total = total + 1;
    end`.execute(db);
    await sql`create trigger ${sql.id(`${table}_counted_delete`)} after delete on ${sql.table(table)} begin
      update resource_counts set total = total - 1
      where tenant_id = old.tenant_id and resource_type = ${sql.lit(resourceType)};
    end`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { table } of COUNTED) {
    await sql`drop trigger ${sql.id(`${table}_counted_insert`)}`.execute(db);
    await sql`drop trigger ${sql.id(`${table}_counted_delete`)}`.execute(db);
  }
  await db.schema.dropTable('resource_counts').execute();
}
