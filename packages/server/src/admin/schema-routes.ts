/**
 * `/admin/api/tenants/:slug/schemas`: add, list and remove a tenant's custom schema extensions (issue 5).
 * The SCIM side picks a change up on the tenant's next request (`registryOf`).
 */
import type { AttributeInput } from '@provisio/scim-core';
import type { ExtensibleResourceType } from '@provisio/store';
import type { FastifyPluginAsync } from 'fastify';
import { ADMIN_ERROR_SCHEMA } from './admin-error.js';
import { ATTRIBUTE_INPUT_SCHEMA, SCHEMA_VIEW_SCHEMA, viewSchema } from './schema-view.js';
import { type AdminRouteOptions, SLUG_PARAMS, tenantBySlug } from './tenant-routes.js';

const SCHEMA_PARAMS = {
  type: 'object',
  required: ['slug', 'id'],
  properties: { slug: { type: 'string' }, id: { type: 'string' } },
} as const;
const ERRORS = { 400: ADMIN_ERROR_SCHEMA, 401: ADMIN_ERROR_SCHEMA, 404: ADMIN_ERROR_SCHEMA } as const;

interface AddSchemaBody {
  readonly id: string;
  readonly name?: string;
  readonly description?: string;
  readonly resourceType: ExtensibleResourceType;
  readonly required?: boolean;
  readonly attributes: readonly AttributeInput[];
}

export const schemaRoutes: FastifyPluginAsync<AdminRouteOptions> = async (app, { store }) => {
  app.post<{ Params: { slug: string }; Body: AddSchemaBody }>(
    '/tenants/:slug/schemas',
    {
      schema: {
        params: SLUG_PARAMS,
        body: {
          type: 'object',
          required: ['id', 'resourceType', 'attributes'],
          additionalProperties: false,
          properties: {
            id: { type: 'string', minLength: 1, maxLength: 300 },
            name: { type: 'string', minLength: 1, maxLength: 200 },
            description: { type: 'string', maxLength: 2000 },
            resourceType: { type: 'string', enum: ['User', 'Group'] },
            required: { type: 'boolean' },
            attributes: { type: 'array', minItems: 1, items: ATTRIBUTE_INPUT_SCHEMA },
          },
        },
        response: { 201: SCHEMA_VIEW_SCHEMA, 409: ADMIN_ERROR_SCHEMA, ...ERRORS },
      },
    },
    async (request, reply) => {
      const tenant = await tenantBySlug(store, request.params.slug);
      const { resourceType, required, ...definition } = request.body;
      const added = await store.schemas.add(tenant.id, {
        definition,
        resourceType,
        ...(required === undefined ? {} : { required }),
      });
      return reply.code(201).send(viewSchema(added));
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/tenants/:slug/schemas',
    {
      schema: {
        params: SLUG_PARAMS,
        response: {
          200: {
            type: 'object',
            required: ['schemas'],
            properties: { schemas: { type: 'array', items: SCHEMA_VIEW_SCHEMA } },
          },
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const tenant = await tenantBySlug(store, request.params.slug);
      return { schemas: (await store.schemas.list(tenant.id)).map(viewSchema) };
    },
  );

  app.delete<{ Params: { slug: string; id: string } }>(
    '/tenants/:slug/schemas/:id',
    { schema: { params: SCHEMA_PARAMS, response: { 204: { type: 'null' }, ...ERRORS } } },
    async (request, reply) => {
      const tenant = await tenantBySlug(store, request.params.slug);
      await store.schemas.remove(tenant.id, request.params.id);
      return reply.code(204).send();
    },
  );
};
