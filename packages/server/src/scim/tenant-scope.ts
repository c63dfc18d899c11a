/**
 * What one authenticated SCIM request works with: its tenant, that tenant's schemas and PATCH dialect, the
 * base URL resources are addressed by, and the store. Built once per request by the auth hook.
 */
import {
  ENTRA_COMPAT,
  type PatchProfile,
  type ResourceTypeDefinition,
  STRICT,
  SchemaRegistry,
} from '@provisio/scim-core';
import type { Store, Tenant } from '@provisio/store';

/** The server limits that shape SCIM answers; the same numbers `/ServiceProviderConfig` advertises. */
export interface ScimLimits {
  readonly maxPageSize: number;
  readonly bulkMaxOperations: number;
  readonly bulkMaxPayloadBytes: number;
}

export interface TenantScope {
  readonly store: Store;
  readonly tenant: Tenant;
  readonly registry: SchemaRegistry;
  /** How PATCH bodies are read; Entra's dialect unless the tenant asked for strict RFC 7644. */
  readonly profile: PatchProfile;
  /** e.g. `https://scim.example.com/scim/v2`, without a trailing slash. */
  readonly baseUrl: string;
  readonly limits: ScimLimits;
}

interface CachedRegistry {
  readonly schemaVersion: number;
  readonly registry: Promise<SchemaRegistry>;
}

/** Per store (one per server), per tenant id: the registry built for the tenant's last seen version. */
const registries = new WeakMap<Store, Map<string, CachedRegistry>>();

/** The standard registry with each of the tenant's stored extensions attached (issue 5). */
async function loadRegistry(store: Store, tenant: Tenant): Promise<SchemaRegistry> {
  let registry = SchemaRegistry.standard();
  for (const extension of await store.schemas.list(tenant.id)) {
    registry = registry.withExtension(extension.definition, {
      resourceType: extension.resourceType,
      required: extension.required,
    });
  }
  return registry;
}

/**
 * The tenant's schemas: the standard ones plus its custom extensions. Cached by (tenant id,
 * schemaVersion); the version comes from the database with the token on every request, so a change made
 * through any server process is seen on the next request, and definitions are read only on a cache miss.
 * A tenant that never had an extension (version 0) needs no lookup at all.
 */
export function registryOf(store: Store, tenant: Tenant): Promise<SchemaRegistry> {
  if (tenant.schemaVersion === 0) return Promise.resolve(SchemaRegistry.standard());
  let byTenant = registries.get(store);
  if (!byTenant) {
    byTenant = new Map();
    registries.set(store, byTenant);
  }
  const cached = byTenant.get(tenant.id);
  if (cached?.schemaVersion === tenant.schemaVersion) return cached.registry;
  // The promise is cached, so concurrent requests after a change share one load; a failed load is dropped.
  const registry = loadRegistry(store, tenant);
  const entry = { schemaVersion: tenant.schemaVersion, registry };
  byTenant.set(tenant.id, entry);
  registry.catch(() => {
    if (byTenant.get(tenant.id) === entry) byTenant.delete(tenant.id);
  });
  return registry;
}

/** Entra compatibility is on unless the tenant switched it off (A3–A4 of the Entra notes). */
export function profileOf(tenant: Tenant): PatchProfile {
  return tenant.scimCompat === 'strict' ? STRICT : ENTRA_COMPAT;
}

/** True when the tenant reads requests the way Entra writes them. */
export function isLenient(scope: TenantScope): boolean {
  return scope.profile !== STRICT;
}

/** `https://…/scim/v2/Users/2819c223`: the address of one resource. */
export function locationOf(scope: TenantScope, resourceType: ResourceTypeDefinition, id: string): string {
  return `${scope.baseUrl}${resourceType.endpoint}/${encodeURIComponent(id)}`;
}
