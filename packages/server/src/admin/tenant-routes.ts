/**
 * `/admin/api/tenants`: create, list, read, change and delete tenants. Deleting takes two steps, each
 * confirmed by repeating the slug: `DELETE ?confirm=<slug>` soft-deletes (SCIM answers as if the tenant
 * did not exist, nothing is lost, `POST …/restore` undoes it), and `DELETE ?purge=true&confirm=<slug>` on
 * a soft-deleted tenant removes it and all its rows for good. A soft-deleted tenant is 404 to every other
 * route, and listed only with `?deleted=true`.
 */
import type { Store, Tenant } from '@provisio/store';
import type { FastifyPluginAsync } from 'fastify';
import { ADMIN_ERROR_SCHEMA, AdminError } from './admin-error.js';
import { TENANT_SCHEMA, viewTenant } from './tenant-view.js';

export interface AdminRouteOptions {
  readonly store: Store;
  /** The server's public base URL, e.g. `http://127.0.0.1:8080`. */
  readonly publicUrl: () => string;
}

/** The tenant named by a URL's `:slug`, soft-deleted or not; 404 when there is none. */
async function anyTenantBySlug(store: Store, slug: string): Promise<Tenant> {
  const tenant = await store.tenants.findBySlug(slug);
  if (!tenant) throw new AdminError(404, `there is no tenant "${slug}"`);
  return tenant;
}

/** The live tenant named by a URL's `:slug`; 404 when there is none or it is soft-deleted. */
export async function tenantBySlug(store: Store, slug: string): Promise<Tenant> {
  const tenant = await anyTenantBySlug(store, slug);
  if (tenant.deleted !== undefined) {
    throw new AdminError(
      404,
      `tenant "${slug}" was deleted at ${tenant.deleted}; POST /admin/api/tenants/${slug}/restore brings it back`,
    );
  }
  return tenant;
}

export const SLUG_PARAMS = {
  type: 'object',
  required: ['slug'],
  properties: { slug: { type: 'string' } },
} as const;

const NAME = { type: 'string', minLength: 1, maxLength: 200 } as const;
const ERRORS = { 400: ADMIN_ERROR_SCHEMA, 401: ADMIN_ERROR_SCHEMA, 404: ADMIN_ERROR_SCHEMA } as const;
/** `?deleted=true` lets soft-deleted tenants be seen too. */
const DELETED_QUERY = {
  type: 'object',
  properties: { deleted: { type: 'boolean', default: false } },
} as const;
const DELETE_QUERY = {
  type: 'object',
  properties: { confirm: { type: 'string' }, purge: { type: 'boolean', default: false } },
} as const;

interface CreateTenantBody {
  readonly name: string;
  readonly slug: string;
}

interface DeleteTenantQuery {
  readonly confirm?: string;
  readonly purge: boolean;
}

interface ChangeTenantBody {
  readonly name?: string;
  readonly provisioningEnabled?: boolean;
}

export const tenantRoutes: FastifyPluginAsync<AdminRouteOptions> = async (app, { store, publicUrl }) => {
  app.post<{ Body: CreateTenantBody }>(
    '/tenants',
    {
      schema: {
        body: {
          type: 'object',
          required: ['name', 'slug'],
          additionalProperties: false,
          properties: { name: NAME, slug: { type: 'string' } },
        },
        response: { 201: TENANT_SCHEMA, 409: ADMIN_ERROR_SCHEMA, ...ERRORS },
      },
    },
    async (request, reply) => {
      const tenant = await store.tenants.create({ name: request.body.name, slug: request.body.slug });
      return reply.code(201).send(viewTenant(tenant, publicUrl()));
    },
  );

  app.get<{ Querystring: { deleted: boolean } }>(
    '/tenants',
    {
      schema: {
        querystring: DELETED_QUERY,
        response: {
          200: {
            type: 'object',
            required: ['tenants'],
            properties: { tenants: { type: 'array', items: TENANT_SCHEMA } },
          },
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const url = publicUrl();
      const tenants = await store.tenants.list({ includeDeleted: request.query.deleted });
      return { tenants: tenants.map((tenant) => viewTenant(tenant, url)) };
    },
  );

  app.get<{ Params: { slug: string }; Querystring: { deleted: boolean } }>(
    '/tenants/:slug',
    {
      schema: {
        params: SLUG_PARAMS,
        querystring: DELETED_QUERY,
        response: { 200: TENANT_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      const { slug } = request.params;
      const find = request.query.deleted ? anyTenantBySlug : tenantBySlug;
      return viewTenant(await find(store, slug), publicUrl());
    },
  );

  app.delete<{ Params: { slug: string }; Querystring: DeleteTenantQuery }>(
    '/tenants/:slug',
    {
      schema: {
        params: SLUG_PARAMS,
        querystring: DELETE_QUERY,
        response: { 200: TENANT_SCHEMA, 204: { type: 'null' }, 409: ADMIN_ERROR_SCHEMA, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { slug } = request.params;
      const { confirm, purge } = request.query;
      const tenant = await anyTenantBySlug(store, slug);
      if (confirm !== slug) {
        throw new AdminError(
          400,
          `deleting tenant "${slug}" must be confirmed by repeating its slug: ?confirm=${slug}`,
        );
      }
      if (!purge) return viewTenant(await store.tenants.softDelete(tenant.id), publicUrl());
      if (tenant.deleted === undefined) {
        throw new AdminError(
          409,
          `tenant "${slug}" is live: soft-delete it first (DELETE without purge), then purge it`,
        );
      }
      await store.tenants.purge(tenant.id);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { slug: string } }>(
    '/tenants/:slug/restore',
    { schema: { params: SLUG_PARAMS, response: { 200: TENANT_SCHEMA, 409: ADMIN_ERROR_SCHEMA, ...ERRORS } } },
    async (request) => {
      const tenant = await anyTenantBySlug(store, request.params.slug);
      if (tenant.deleted === undefined) throw new AdminError(409, `tenant "${tenant.slug}" is not deleted`);
      return viewTenant(await store.tenants.restore(tenant.id), publicUrl());
    },
  );

  app.patch<{ Params: { slug: string }; Body: ChangeTenantBody }>(
    '/tenants/:slug',
    {
      schema: {
        params: SLUG_PARAMS,
        body: {
          type: 'object',
          minProperties: 1,
          additionalProperties: false,
          properties: { name: NAME, provisioningEnabled: { type: 'boolean' } },
        },
        response: { 200: TENANT_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      const tenant = await tenantBySlug(store, request.params.slug);
      const { name, provisioningEnabled } = request.body;
      const changed = await store.tenants.update(tenant.id, {
        ...(name === undefined ? {} : { name }),
        ...(provisioningEnabled === undefined ? {} : { provisioningEnabled }),
      });
      return viewTenant(changed, publicUrl());
    },
  );
};
