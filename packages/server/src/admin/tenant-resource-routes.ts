/**
 * `/admin/api/tenants/:slug/users` and `/groups`, lists and single reads, for the console: the tenant's
 * SCIM resources through the same store queries, filter language and rendering as the SCIM API, answered
 * in the admin API's JSON and error shapes. Read-only: resources are written by the tenant's IdP.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { GROUPS } from '../scim/groups.js';
import { projectionOf } from '../scim/query-parameters.js';
import { renderResource } from '../scim/render.js';
import {
  type ResourceEndpoint,
  readOptionsFor,
  readResource,
  resourceTypeOf,
} from '../scim/resource-endpoint.js';
import { readSearch, searchResources } from '../scim/search.js';
import { type ScimLimits, type TenantScope, profileOf, registryOf } from '../scim/tenant-scope.js';
import { USERS } from '../scim/users.js';
import { ADMIN_ERROR_SCHEMA } from './admin-error.js';
import { type AdminRouteOptions, tenantBySlug } from './tenant-routes.js';

export interface TenantResourceRouteOptions extends AdminRouteOptions {
  /** The SCIM API's limits: the console pages no further than an IdP may. */
  readonly limits: ScimLimits;
}

interface ListQuerystring {
  readonly filter?: string;
  readonly startIndex?: number;
  readonly count?: number;
}

const RESOURCE_SCHEMA = {
  type: 'object',
  description: 'The SCIM resource as the SCIM API shows it (RFC 7643), meta.location included',
  additionalProperties: true,
} as const;
const LIST_SCHEMA = {
  type: 'object',
  required: ['totalResults', 'startIndex', 'itemsPerPage', 'resources'],
  properties: {
    totalResults: { type: 'integer' },
    startIndex: { type: 'integer' },
    itemsPerPage: { type: 'integer' },
    resources: { type: 'array', items: RESOURCE_SCHEMA },
  },
} as const;
const LIST_QUERY = {
  type: 'object',
  properties: {
    filter: { type: 'string', description: 'RFC 7644 §3.4.2.2 filter, e.g. userName sw "a"' },
    startIndex: { type: 'integer', minimum: 1 },
    count: { type: 'integer', minimum: 0 },
  },
} as const;
const SLUG_AND_ID = {
  type: 'object',
  required: ['slug', 'id'],
  properties: { slug: { type: 'string' }, id: { type: 'string' } },
} as const;
const ERRORS = { 400: ADMIN_ERROR_SCHEMA, 401: ADMIN_ERROR_SCHEMA, 404: ADMIN_ERROR_SCHEMA } as const;

/** The tenant's SCIM view, as its IdP's requests get it under the `/tenants/<slug>` Tenant URL. */
async function scopeOfTenant(
  options: TenantResourceRouteOptions,
  request: FastifyRequest<{ Params: { slug: string } }>,
): Promise<TenantScope> {
  const { store } = options;
  const tenant = await tenantBySlug(store, request.params.slug);
  return {
    store,
    tenant,
    registry: await registryOf(store, tenant),
    profile: profileOf(tenant),
    baseUrl: `${options.publicUrl()}/tenants/${encodeURIComponent(tenant.slug)}/scim/v2`,
    limits: options.limits,
  };
}

function routesFor(endpoint: ResourceEndpoint, path: string): FastifyPluginAsync<TenantResourceRouteOptions> {
  return async (app, options) => {
    app.get<{ Params: { slug: string }; Querystring: ListQuerystring }>(
      `/tenants/:slug/${path}`,
      {
        schema: {
          params: { type: 'object', required: ['slug'], properties: { slug: { type: 'string' } } },
          querystring: LIST_QUERY,
          response: { 200: LIST_SCHEMA, ...ERRORS },
        },
      },
      async (request) => {
        const scope = await scopeOfTenant(options, request);
        const { filter, startIndex, count } = request.query;
        const search = readSearch(scope, {
          query: {
            filter,
            startIndex: startIndex === undefined ? undefined : String(startIndex),
            count: count === undefined ? undefined : String(count),
          },
        });
        const page = await searchResources(scope, endpoint, search);
        return {
          totalResults: page.totalResults,
          startIndex: page.startIndex ?? 1,
          itemsPerPage: page.itemsPerPage,
          resources: page.Resources,
        };
      },
    );

    app.get<{ Params: { slug: string; id: string } }>(
      `/tenants/:slug/${path}/:id`,
      { schema: { params: SLUG_AND_ID, response: { 200: RESOURCE_SCHEMA, ...ERRORS } } },
      async (request) => {
        const scope = await scopeOfTenant(options, request);
        const resourceType = resourceTypeOf(scope, endpoint);
        const projection = projectionOf(scope, resourceType, {});
        const stored = await readResource(scope, endpoint, request.params.id, readOptionsFor(projection));
        return renderResource(scope, resourceType, stored, projection);
      },
    );
  };
}

export const tenantResourceRoutes: FastifyPluginAsync<TenantResourceRouteOptions> = async (app, options) => {
  await app.register(routesFor(USERS, 'users'), options);
  await app.register(routesFor(GROUPS, 'groups'), options);
};
