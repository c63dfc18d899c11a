/**
 * Console sessions, failed-login records and tenant soft delete (issue 5). A session row is keyed by the
 * SHA-256 of its cookie secret, so a leaked database opens no console; the CSRF token is derived from the
 * secret rather than stored. Failed logins live in the database, not in memory, so their limit holds
 * across every server process sharing it.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // ISO 8601 time of the soft delete; NULL while the tenant is live.
  await db.schema.alterTable('tenants').addColumn('deleted', 'text').execute();

  await db.schema
    .createTable('admin_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('admin_id', 'text', (c) => c.notNull().references('admins.id').onDelete('cascade'))
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('expires', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('admin_sessions_admin').on('admin_sessions').column('admin_id').execute();
  await db.schema.createIndex('admin_sessions_expires').on('admin_sessions').column('expires').execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('attempted', 'text', (c) => c.notNull())
    .execute();
  // The throttle reads the newest failures of one subject; pruning drops the oldest of all.
  await db.schema
    .createIndex('login_attempts_subject')
    .on('login_attempts')
    .columns(['kind', 'subject', 'attempted'])
    .execute();
  await db.schema.createIndex('login_attempts_attempted').on('login_attempts').column('attempted').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['login_attempts', 'admin_sessions']) await db.schema.dropTable(table).execute();
  await db.schema.alterTable('tenants').dropColumn('deleted').execute();
}
