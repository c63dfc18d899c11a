/**
 * The first start of an empty database gets a default tenant with one `scim` token, and an admin account
 * with a one-time password and an admin API token: every secret is shown once, only hashes are stored.
 */
import { randomBytes } from 'node:crypto';
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

/** Returns the default tenant, creating it and its token when the database has no tenant at all. */
export async function ensureDefaultTenant(store: Store): Promise<DefaultTenant> {
  const tenants = await store.tenants.list();
  const existing = tenants.find((t) => t.slug === DEFAULT_TENANT_SLUG) ?? tenants[0];
  if (existing) return { tenant: existing };
  return store.transaction(async (tx) => {
    const tenant = await tx.tenants.create({ slug: DEFAULT_TENANT_SLUG, name: 'Default tenant' });
    const { secret } = await issueToken(tx, tenant.id, {
      description: 'created at first start',
      scope: 'scim',
    });
    return { tenant, secret };
  });
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
  return store.transaction(async (tx) => {
    const admin = await tx.admins.create({
      username: DEFAULT_ADMIN_USERNAME,
      passwordHash,
      mustChangePassword: true,
    });
    const { secret } = await issueAdminToken(tx, admin.id, 'created at first start');
    return { admin, password, apiToken: secret };
  });
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
