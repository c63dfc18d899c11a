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

/**
 * The tenant's schemas. Every tenant has the standard ones today; this is the one place a per-tenant
 * registry (custom extensions) will be looked up.
 */
export function registryOf(_tenant: Tenant): SchemaRegistry {
  return SchemaRegistry.standard();
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
