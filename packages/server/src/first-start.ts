/**
 * The first start of an empty database gets a default tenant with one `scim` token, and an admin account
 * with a one-time password and an admin API token: every secret is shown once, only hashes are stored.
 */
import { randomBytes } from 'node:crypto';
import { Uniqueness } from '@provisio/scim-core';
import { type Admin, type Store, type Tenant, hashPassword } from '@provisio/store';
import { issueAdminToken } from './admin/admin-tokens.js';
import { issueToken } from './auth/tokens.js';

export const DEFAULT_TENANT_SLUG = 'default';
export const DEFAULT_ADMIN_USERNAME = 'admin';

export interface DefaultTenant {
  readonly tenant: Tenant;
  /** The new token's secret on the first start only. */
  readonly secret?: string;
}

async function findDefaultTenant(store: Store): Promise<Tenant | undefined> {
  // Soft-deleted ones too: a deleted `default` still holds its slug, and is no reason to make another.
  const tenants = await store.tenants.list({ includeDeleted: true });
  return tenants.find((t) => t.slug === DEFAULT_TENANT_SLUG) ?? tenants[0];
}

/**
 * Returns the default tenant, creating it and its token when the database has no tenant at all. Several
 * server processes may first-start on one PostgreSQL together: the one whose create loses the race on
 * the slug adopts the winner's tenant (and prints no token: the winner did).
 */
export async function ensureDefaultTenant(store: Store): Promise<DefaultTenant> {
  const existing = await findDefaultTenant(store);
  if (existing) return { tenant: existing };
  try {
    return await store.transaction(async (tx) => {
      const tenant = await tx.tenants.create({ slug: DEFAULT_TENANT_SLUG, name: 'Default tenant' });
      const { secret } = await issueToken(tx, tenant.id, {
        description: 'created at first start',
        scope: 'scim',
      });
      return { tenant, secret };
    });
  } catch (error) {
    const winner = error instanceof Uniqueness ? await findDefaultTenant(store) : undefined;
    if (winner === undefined) throw error;
    return { tenant: winner };
  }
}

/** The credentials of a newly created admin; shown once. */
export interface NewAdminCredentials {
  readonly admin: Admin;
  /** One-time password: it must be changed at the first console login (the console is still to come). */
  readonly password: string;
  /** Secret of an admin API token, for scripts and the CLI. */
  readonly apiToken: string;
}

/**
 * Creates the admin account when the database has none (a new one, or one upgraded from before admins
 * existed) and returns its credentials; returns undefined when an admin exists.
 */
export async function ensureAdmin(store: Store): Promise<NewAdminCredentials | undefined> {
  if ((await store.admins.list()).length > 0) return undefined;
  const password = randomBytes(18).toString('base64url');
  const passwordHash = await hashPassword(password);
  try {
    return await store.transaction(async (tx) => {
      const admin = await tx.admins.create({
        username: DEFAULT_ADMIN_USERNAME,
        passwordHash,
        mustChangePassword: true,
      });
      const { secret } = await issueAdminToken(tx, admin.id, 'created at first start');
      return { admin, password, apiToken: secret };
    });
  } catch (error) {
    // Another process starting on the same database created it first (see ensureDefaultTenant).
    if (error instanceof Uniqueness) return undefined;
    throw error;
  }
}

/** The banner lines for new admin credentials. */
export function describeAdmin(credentials: NewAdminCredentials): readonly string[] {
  return [
    `Admin user: ${credentials.admin.username}`,
    `Admin one-time password: ${credentials.password}`,
    `Admin API token: ${credentials.apiToken}`,
    'Copy them now: they are shown only this once, and only their hashes are stored.',
  ];
}
