/** The first start of an empty database gets a default tenant and one `scim` token, shown once. */
import type { Store, Tenant } from '@provisio/store';
import { issueToken } from './tokens.js';

export const DEFAULT_TENANT_SLUG = 'default';

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
