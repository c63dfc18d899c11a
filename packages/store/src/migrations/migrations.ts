/** The migration list, in order. Names never change once released: the Migrator records them. */
import { type Kysely, type Migration, type MigrationProvider, Migrator, NO_MIGRATIONS } from 'kysely';
import type { Database } from '../database.js';
import * as initial from './0001-initial.js';
import * as admin from './0002-admin.js';
import * as tenantSchemas from './0003-tenant-schemas.js';

const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-admin': admin,
  '0003-tenant-schemas': tenantSchemas,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Migrates to `to` (a migration name, `'none'` for an empty database) or to the latest. The Migrator's run
 * is one IMMEDIATE transaction, so concurrent processes queue and the later ones find nothing to do.
 */
export async function migrate(db: Kysely<Database>, to?: string): Promise<readonly string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } =
    to === undefined
      ? await migrator.migrateToLatest()
      : await migrator.migrateTo(to === 'none' ? NO_MIGRATIONS : to);
  if (error) throw error;
  return (results ?? []).map((result) => result.migrationName);
}
