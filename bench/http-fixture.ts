/**
 * The benchmark's data set, written straight through the store into the database the servers will open
 * (the SQLite file, or the PostgreSQL schema): seeding N users over HTTP would take longer than the
 * benchmark itself.
 */
import { join } from 'node:path';
import { GROUP_SCHEMA } from '@provisio/scim-core';
import { DATABASE_FILE, DEFAULT_TENANT_SLUG, issueToken } from '@provisio/server';
import { type Store, openPostgresStore, openSqliteStore, seedUsers } from '@provisio/store';

/** Where the data set goes. */
export type FixtureDatabase =
  | { readonly kind: 'sqlite'; readonly dataDir: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string };

export interface FixtureOptions {
  readonly users: number;
  /** Members of the big group, taken from the seeded users. */
  readonly group: number;
  /** Users seeded after the N, in no group: the member add/remove scenarios churn them. */
  readonly spareUsers: number;
}

export interface Fixture {
  /** The seeded users' ids; user `i` is `user<i>@example.com` (see the store's `seedUsers`). */
  readonly userIds: readonly string[];
  readonly spareUserIds: readonly string[];
  readonly bigGroupId: string;
  readonly bigGroupSize: number;
  readonly smallGroupId: string;
  readonly smallGroupSize: number;
  /** Bearer secret with the `scim` scope. */
  readonly token: string;
  /** Wall time of the whole seeding, in ms. */
  readonly seedMs: number;
}

const SMALL_GROUP_SIZE = 10;

async function createGroup(
  store: Store,
  tenantId: string,
  displayName: string,
  memberIds: readonly string[],
): Promise<string> {
  const group = await store.groups.create(tenantId, { schemas: [GROUP_SCHEMA], displayName });
  if (memberIds.length > 0) {
    const members = memberIds.map((value) => ({ value, type: 'User' as const }));
    await store.groups.applyMemberDeltas(tenantId, group.id, [{ kind: 'add', members }]);
  }
  return group.id;
}

/** The store on `database`. */
async function openFixtureStore(database: FixtureDatabase) {
  return database.kind === 'sqlite'
    ? openSqliteStore({ file: join(database.dataDir, DATABASE_FILE) })
    : await openPostgresStore({ connectionString: database.url, schema: database.schema });
}

/**
 * PostgreSQL plans from statistics, and an index-only scan skips the table only for pages the visibility
 * map marks all-visible: both come from (auto)vacuum, which a long-running database has had by the time
 * it serves traffic and a freshly seeded one has not.
 */
async function settle(store: Awaited<ReturnType<typeof openFixtureStore>>): Promise<void> {
  if ('pool' in store) await store.pool.query('vacuum analyze');
}

/** Creates the database (as the server names it) with the default tenant, users, groups and a token. */
export async function seedFixture(database: FixtureDatabase, options: FixtureOptions): Promise<Fixture> {
  const started = performance.now();
  const store = await openFixtureStore(database);
  try {
    await store.migrate();
    // The slug the server's first start looks for, so it adopts this tenant instead of minting another.
    const tenant = await store.tenants.create({ slug: DEFAULT_TENANT_SLUG, name: 'Benchmark tenant' });
    const { secret } = await issueToken(store, tenant.id, { description: 'benchmark', scope: 'scim' });
    const userIds = await seedUsers(store, tenant.id, options.users, 0);
    const spareUserIds = await seedUsers(store, tenant.id, options.spareUsers, options.users);
    const bigMembers = userIds.slice(0, options.group);
    const bigGroupId = await createGroup(store, tenant.id, 'Big group', bigMembers);
    const smallMembers = userIds.slice(0, SMALL_GROUP_SIZE);
    const smallGroupId = await createGroup(store, tenant.id, 'Small group', smallMembers);
    await settle(store);
    return {
      userIds,
      spareUserIds,
      bigGroupId,
      bigGroupSize: bigMembers.length,
      smallGroupId,
      smallGroupSize: smallMembers.length,
      token: secret,
      seedMs: performance.now() - started,
    };
  } finally {
    await store.close();
  }
}
