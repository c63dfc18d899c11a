/** How the admin API shows a tenant: its record plus the two SCIM base URLs an IdP can be given. */
import type { Tenant } from '@provisio/store';
import { STRING } from './json-schema.js';

export interface TenantView {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly provisioningEnabled: boolean;
  readonly scimCompat: string;
  readonly createdAt: string;
  /** Set while the tenant is soft-deleted: SCIM answers as if it did not exist. */
  readonly deletedAt?: string;
  readonly tenantUrls: {
    /** `<public>/scim/v2`: the tenant is the token's. */
    readonly byToken: string;
    /** `<public>/tenants/<slug>/scim/v2`: the URL names the tenant and the token must belong to it. */
    readonly bySlug: string;
  };
}

export function viewTenant(tenant: Tenant, publicUrl: string): TenantView {
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    provisioningEnabled: tenant.provisioningEnabled,
    scimCompat: tenant.scimCompat,
    createdAt: tenant.created,
    ...(tenant.deleted === undefined ? {} : { deletedAt: tenant.deleted }),
    tenantUrls: {
      byToken: `${publicUrl}/scim/v2`,
      bySlug: `${publicUrl}/tenants/${encodeURIComponent(tenant.slug)}/scim/v2`,
    },
  };
}

/** The JSON schema of {@link TenantView}. */
export const TENANT_SCHEMA = {
  type: 'object',
  required: ['id', 'slug', 'name', 'provisioningEnabled', 'scimCompat', 'createdAt', 'tenantUrls'],
  properties: {
    id: STRING,
    slug: STRING,
    name: STRING,
    provisioningEnabled: { type: 'boolean' },
    scimCompat: { type: 'string', enum: ['entra', 'strict'] },
    createdAt: { type: 'string', format: 'date-time' },
    deletedAt: { type: 'string', format: 'date-time' },
    tenantUrls: {
      type: 'object',
      required: ['byToken', 'bySlug'],
      properties: { byToken: STRING, bySlug: STRING },
    },
  },
} as const;
