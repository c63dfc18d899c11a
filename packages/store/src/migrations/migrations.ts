/** The migration list, in order. Names never change once released: the Migrator records them. */
import { type Kysely, type Migration, type MigrationProvider, Migrator, NO_MIGRATIONS, sql } from 'kysely';
import type { Database } from '../database.js';
import { dialectOf } from '../dialect/dialect-of.js';
import { lockMigrations } from '../dialect/postgres.js';
import * as initial from './0001-initial.js';
import * as admin from './0002-admin.js';
import * as tenantSchemas from './0003-tenant-schemas.js';
import * as changeFeed from './0004-change-feed.js';
import * as activityLog from './0005-activity-log.js';
import * as oauthClients from './0006-oauth-clients.js';
import * as adminSessions from './0007-admin-sessions.js';
import * as directory from './0008-directory.js';
import * as tokenLastIp from './0009-token-last-ip.js';

const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-admin': admin,
  '0003-tenant-schemas': tenantSchemas,
  '0004-change-feed': changeFeed,
  '0005-activity-log': activityLog,
  '0006-oauth-clients': oauthClients,
  '0007-admin-sessions': adminSessions,
  '0008-directory': directory,
  '0009-token-last-ip': tokenLastIp,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Migrates to `to` (a migration name, `'none'` for an empty database) or to the latest. The Migrator's run
 * is one transaction holding the database's migration lock (SQLite: BEGIN IMMEDIATE; PostgreSQL:
 * pg_advisory_xact_lock), so concurrent processes queue and the later ones find nothing to do.
 */
export function migrate(db: Kysely<Database>, to?: string): Promise<readonly string[]> {
  if (dialectOf(db) !== 'postgres') return runMigrator(new Migrator({ db, provider }), to);
  // kysely creates its bookkeeping tables before taking its lock, and two processes creating one table
  // collide in PostgreSQL's catalog: the whole run, creation included, goes in one locked transaction.
  // The Migrator wants a connection, not a kysely transaction, so the transaction is begun by hand.
  return db.connection().execute(async (connection) => {
    await sql`begin`.execute(connection);
    try {
      await lockMigrations(connection);
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(connection);
      // kysely looks for its tables in every schema PostgreSQL lists: another store's must not count.
      const migrationTableSchema = rows[0]!.schema;
      const migrator = new Migrator({
        db: connection,
        provider,
        migrationTableSchema,
        disableTransactions: true,
      });
      const applied = await runMigrator(migrator, to);
      await sql`commit`.execute(connection);
      return applied;
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
  });
}

async function runMigrator(migrator: Migrator, to: string | undefined): Promise<readonly string[]> {
  const { error, results } =
    to === undefined
      ? await migrator.migrateToLatest()
      : await migrator.migrateTo(to === 'none' ? NO_MIGRATIONS : to);
  if (error) throw error;
  return (results ?? []).map((result) => result.migrationName);
}
