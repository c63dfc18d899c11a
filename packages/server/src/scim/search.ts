/**
 * Queries (RFC 7644 §3.4.2, §3.4.3): `GET /Users?filter=…`, `POST /Users/.search` and the root
 * `POST /.search` across resource types, with index paging (§3.4.2.4) or RFC 9865 cursors. Filters are
 * bound to the tenant's schemas here and answered by the store in SQL.
 */
import {
  InvalidValue,
  type ListResponse,
  type ScimError,
  type SearchInput,
  type SearchRequest,
  bindFilter,
  isScimError,
  listResponse,
  parseSearchRequest,
} from '@provisio/scim-core';
import { projectionOfRequest } from './query-parameters.js';
import { renderResource } from './render.js';
import { type ResourceEndpoint, readOptionsFor, resourceTypeOf } from './resource-endpoint.js';
import type { TenantScope } from './tenant-scope.js';

type Json = Record<string, unknown>;

/** Reads a query from URL parameters or a `/.search` body, within the server's page size. */
export function readSearch(scope: TenantScope, input: SearchInput): SearchRequest {
  return parseSearchRequest(input, { maxCount: scope.limits.maxPageSize });
}

/** Index paging (RFC 7644 §3.4.2.4) or cursor paging (RFC 9865), as the store takes them. */
type Paging =
  | { readonly startIndex: number; readonly count: number }
  | { readonly cursor: string; readonly count: number };

/** One resource type's page: bound filter, projection, store query, rendering. */
async function searchPage(
  scope: TenantScope,
  endpoint: ResourceEndpoint,
  request: SearchRequest,
  paging: Paging,
) {
  const resourceType = resourceTypeOf(scope, endpoint);
  const filter = request.filter && bindFilter(request.filter, scope.registry, resourceType);
  const projection = projectionOfRequest(scope, resourceType, request);
  const page = await endpoint.repository(scope.store).list(
    scope.tenant.id,
    {
      ...(filter ? { filter } : {}),
      ...(request.sortBy ? { sortBy: request.sortBy } : {}),
      sortOrder: request.sortOrder,
      ...paging,
      registry: scope.registry,
    },
    readOptionsFor(projection),
  );
  const resources = page.resources.map((stored) => renderResource(scope, resourceType, stored, projection));
  return { ...page, resources };
}

/** A query on one resource type's endpoint. */
export async function searchResources(
  scope: TenantScope,
  endpoint: ResourceEndpoint,
  request: SearchRequest,
): Promise<ListResponse<Json>> {
  if (request.cursor !== undefined) {
    const page = await searchPage(scope, endpoint, request, { cursor: request.cursor, count: request.count });
    return listResponse({
      resources: page.resources,
      totalResults: page.totalResults,
      ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}),
      ...(page.previousCursor !== undefined ? { previousCursor: page.previousCursor } : {}),
    });
  }
  const startIndex = request.startIndex ?? 1;
  const page = await searchPage(scope, endpoint, request, { startIndex, count: request.count });
  return listResponse({ resources: page.resources, totalResults: page.totalResults, startIndex });
}

/**
 * A root query (RFC 7644 §3.4.3) over every resource type, in registry order, paged as one list. A filter
 * naming an attribute that only some types have matches nothing in the others; one that no type knows is
 * 400 invalidFilter. Sorting and cursors across types are not offered (400 invalidValue): their order is
 * not defined across schemas.
 */
export async function searchEverything(
  scope: TenantScope,
  endpoints: readonly ResourceEndpoint[],
  request: SearchRequest,
): Promise<ListResponse<Json>> {
  if (request.sortBy !== undefined)
    throw new InvalidValue('sortBy is not supported in a search across resource types');
  if (request.cursor !== undefined) {
    throw new InvalidValue(
      'cursor paging is not supported in a search across resource types; use startIndex',
    );
  }
  const searchable = applicable(scope, endpoints, request);
  const startIndex = request.startIndex ?? 1;
  let skip = startIndex - 1;
  let wanted = request.count;
  let totalResults = 0;
  const resources: Json[] = [];
  for (const endpoint of searchable) {
    const page = await searchPage(scope, endpoint, request, { startIndex: skip + 1, count: wanted });
    totalResults += page.totalResults;
    resources.push(...page.resources);
    wanted -= page.resources.length;
    skip = Math.max(0, skip - page.totalResults);
  }
  return listResponse({ resources, totalResults, startIndex });
}

/** The endpoints whose schemas can bind the filter; throws the first binding error when none can. */
function applicable(
  scope: TenantScope,
  endpoints: readonly ResourceEndpoint[],
  request: SearchRequest,
): ResourceEndpoint[] {
  const { filter } = request;
  if (filter === undefined) return [...endpoints];
  const errors: ScimError[] = [];
  const bound = endpoints.filter((endpoint) => {
    try {
      bindFilter(filter, scope.registry, resourceTypeOf(scope, endpoint));
      return true;
    } catch (error) {
      if (!isScimError(error)) throw error;
      errors.push(error);
      return false;
    }
  });
  if (bound.length === 0 && errors[0]) throw errors[0];
  return bound;
}
