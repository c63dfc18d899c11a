/**
 * URL query parameters as scim-core reads them. Fastify has already decoded them (`+` as a space, as
 * Entra's `filter=userName+eq+%22…%22` needs); here names are matched case-insensitively, repeated
 * attribute lists are joined, and anything SCIM does not define (Entra's `aadOptscim062020` flag) is left
 * out.
 */
import {
  InvalidValue,
  type Projection,
  type ProjectionRequest,
  type ResourceTypeDefinition,
  SEARCH_PARAMETERS,
  type SchemaRegistry,
  compileProjection,
  parseAttributeList,
} from '@provisio/scim-core';
import type { TenantScope } from './tenant-scope.js';

export type RawQuery = Readonly<Record<string, string | string[] | undefined>>;

type Parameter = (typeof SEARCH_PARAMETERS)[number];

/** Lists may be split over repeated parameters (`attributes=a&attributes=b`); nothing else may repeat. */
const LISTS: ReadonlySet<Parameter> = new Set(['attributes', 'excludedAttributes']);

/** The SCIM parameters of a query string, one string each. */
export function scimParameters(query: RawQuery): Partial<Record<Parameter, string>> {
  const out: Partial<Record<Parameter, string>> = {};
  for (const [key, value] of Object.entries(query)) {
    const name = SEARCH_PARAMETERS.find((p) => p.toLowerCase() === key.toLowerCase());
    if (name === undefined || value === undefined) continue;
    const values = [
      ...(out[name] === undefined ? [] : [out[name]]),
      ...(Array.isArray(value) ? value : [value]),
    ];
    if (values.length > 1 && !LISTS.has(name)) {
      throw new InvalidValue(`the query parameter "${name}" is given more than once`);
    }
    out[name] = values.join(',');
  }
  return out;
}

/** Distinct attribute selections kept compiled per tenant registry; clients reuse a handful. */
const PROJECTION_CACHE_SIZE = 256;
const projections = new WeakMap<SchemaRegistry, Map<string, Projection>>();

/** The projection cached under `key` in the registry's cache, compiled on a miss. */
function cachedProjection(scope: TenantScope, key: string, compile: () => Projection): Projection {
  let cache = projections.get(scope.registry);
  if (!cache) {
    cache = new Map();
    projections.set(scope.registry, cache);
  }
  const cached = cache.get(key);
  if (cached) return cached;
  const projection = compile();
  if (cache.size >= PROJECTION_CACHE_SIZE) cache.clear();
  cache.set(key, projection);
  return projection;
}

/**
 * The `attributes`/`excludedAttributes` of a single-resource request (RFC 7644 §3.9), compiled. Compiling
 * walks the schemas, so a projection is compiled once per registry, resource type and parameter text.
 */
export function projectionOf(
  scope: TenantScope,
  resourceType: ResourceTypeDefinition,
  query: RawQuery,
): Projection {
  const { attributes, excludedAttributes } = scimParameters(query);
  const key = JSON.stringify(['text', resourceType.id, attributes, excludedAttributes]);
  return cachedProjection(scope, key, () =>
    compileProjection(
      {
        attributes: parseAttributeList(attributes),
        excludedAttributes: parseAttributeList(excludedAttributes),
      },
      scope.registry,
      resourceType,
    ),
  );
}

/** The projection of a parsed query or `.search` body, cached like {@link projectionOf}. */
export function projectionOfRequest(
  scope: TenantScope,
  resourceType: ResourceTypeDefinition,
  request: ProjectionRequest,
): Projection {
  const key = JSON.stringify(['parsed', resourceType.id, request.attributes, request.excludedAttributes]);
  return cachedProjection(scope, key, () => compileProjection(request, scope.registry, resourceType));
}

/** Whether the client asked for particular attributes, which turns a group PATCH's 204 into a 200. */
export function asksForAttributes(query: RawQuery): boolean {
  const parameters = scimParameters(query);
  return parameters.attributes !== undefined || parameters.excludedAttributes !== undefined;
}
