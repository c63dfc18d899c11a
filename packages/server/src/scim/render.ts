/**
 * A stored resource as a response shows it: `meta.location` and the `$ref`s that depend on the server's
 * base URL filled in (RFC 7643 §3.1, §4.1.2, §4.2, §4.3), then `attributes`/`excludedAttributes` applied.
 */
import { ENTERPRISE_USER_SCHEMA, type Projection, type ResourceTypeDefinition } from '@provisio/scim-core';
import type { StoredResource } from '@provisio/store';
import { type TenantScope, locationOf } from './tenant-scope.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `$ref` of a reference value: the endpoint its `type` names, else `fallback`. */
function withRef(scope: TenantScope, value: unknown, fallback: 'Users' | 'Groups'): unknown {
  if (!isObject(value) || typeof value.value !== 'string' || value.$ref !== undefined) return value;
  const endpoint = value.type === 'Group' ? 'Groups' : value.type === 'User' ? 'Users' : fallback;
  return { ...value, $ref: `${scope.baseUrl}/${endpoint}/${encodeURIComponent(value.value)}` };
}

function withRefs(scope: TenantScope, values: unknown, fallback: 'Users' | 'Groups'): unknown {
  return Array.isArray(values) ? values.map((v) => withRef(scope, v, fallback)) : values;
}

/** The resource with its URL-dependent parts; the stored copy is not changed. */
export function linkResource(
  scope: TenantScope,
  resourceType: ResourceTypeDefinition,
  stored: StoredResource,
): Json {
  const resource: Json = { ...stored.resource };
  resource.meta = {
    ...(isObject(resource.meta) ? resource.meta : {}),
    location: locationOf(scope, resourceType, stored.id),
  };
  if (resource.members !== undefined) resource.members = withRefs(scope, resource.members, 'Users');
  if (resource.groups !== undefined) resource.groups = withRefs(scope, resource.groups, 'Groups');
  const enterprise = resource[ENTERPRISE_USER_SCHEMA];
  if (isObject(enterprise) && enterprise.manager !== undefined) {
    resource[ENTERPRISE_USER_SCHEMA] = {
      ...enterprise,
      manager: withRef(scope, enterprise.manager, 'Users'),
    };
  }
  return resource;
}

/** {@link linkResource}, then the projection. */
export function renderResource(
  scope: TenantScope,
  resourceType: ResourceTypeDefinition,
  stored: StoredResource,
  projection: Projection,
): Json {
  return projection.apply(linkResource(scope, resourceType, stored));
}
