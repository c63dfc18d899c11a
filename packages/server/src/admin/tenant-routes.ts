/** `/admin/api/tenants`: create, list, read and change tenants. Deleting one is not offered yet. */
import type { Store, Tenant } from '@provisio/store';
import type { FastifyPluginAsync } from 'fastify';
import { ADMIN_ERROR_SCHEMA, AdminError } from './admin-error.js';
import { TENANT_SCHEMA, viewTenant } from './tenant-view.js';

export interface AdminRouteOptions {
  readonly store: Store;
  /** The server's public base URL, e.g. `http://127.0.0.1:8080`. */
  readonly publicUrl: () => string;
}

/** The tenant named by a URL's `:slug`; 404 when there is none. */
export async function tenantBySlug(store: Store, slug: string): Promise<Tenant> {
  const tenant = await store.tenants.findBySlug(slug);
  if (!tenant) throw new AdminError(404, `there is no tenant "${slug}"`);
  return tenant;
}

export const SLUG_PARAMS = {
  type: 'object',
  required: ['slug'],
  properties: { slug: { type: 'string' } },
} as const;

const NAME = { type: 'string', minLength: 1, maxLength: 200 } as const;
const ERRORS = { 400: ADMIN_ERROR_SCHEMA, 401: ADMIN_ERROR_SCHEMA, 404: ADMIN_ERROR_SCHEMA } as const;

interface CreateTenantBody {
  readonly name: string;
  readonly slug: string;
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

  app.get(
    '/tenants',
    {
      schema: {
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
    async () => {
      const url = publicUrl();
      return { tenants: (await store.tenants.list()).map((tenant) => viewTenant(tenant, url)) };
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/tenants/:slug',
    { schema: { params: SLUG_PARAMS, response: { 200: TENANT_SCHEMA, ...ERRORS } } },
    async (request) => viewTenant(await tenantBySlug(store, request.params.slug), publicUrl()),
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
