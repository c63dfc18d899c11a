/**
 * `/admin/api/admin-tokens`: the calling admin's API tokens (for scripts and the CLI): list, mint (secret
 * shown once) and revoke. A token can revoke itself; the next call with it is 401.
 */
import type { AdminToken } from '@provisio/store';
import type { FastifyPluginAsync } from 'fastify';
import { adminIdOf } from './admin-authentication.js';
import { ADMIN_ERROR_SCHEMA } from './admin-error.js';
import { issueAdminToken } from './admin-tokens.js';
import { STRING, withRequired } from './json-schema.js';
import type { AdminRouteOptions } from './tenant-routes.js';
import { EXPIRES_AT, futureExpiry } from './token-routes.js';
import { TOKEN_SCHEMA, viewLifecycle } from './token-view.js';

const { scope: _scope, ...VIEW_PROPERTIES } = TOKEN_SCHEMA.properties;
const ADMIN_TOKEN_SCHEMA = {
  type: 'object',
  required: TOKEN_SCHEMA.required.filter((key) => key !== 'scope'),
  properties: VIEW_PROPERTIES,
} as const;
const ISSUED_ADMIN_TOKEN_SCHEMA = withRequired(ADMIN_TOKEN_SCHEMA, { secret: STRING });
const ERRORS = { 400: ADMIN_ERROR_SCHEMA, 401: ADMIN_ERROR_SCHEMA, 403: ADMIN_ERROR_SCHEMA } as const;

interface CreateAdminTokenBody {
  readonly description: string;
  readonly expiresAt?: string;
}

function viewAdminToken(token: AdminToken, now: number) {
  return {
    id: token.id,
    description: token.description,
    prefix: token.prefix,
    ...viewLifecycle(token, now),
  };
}

export const adminTokenRoutes: FastifyPluginAsync<AdminRouteOptions> = async (app, { store }) => {
  app.get(
    '/admin-tokens',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            required: ['tokens'],
            properties: { tokens: { type: 'array', items: ADMIN_TOKEN_SCHEMA } },
          },
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const now = Date.now();
      const tokens = await store.adminTokens.list(adminIdOf(request));
      return { tokens: tokens.map((token) => viewAdminToken(token, now)) };
    },
  );

  app.post<{ Body: CreateAdminTokenBody }>(
    '/admin-tokens',
    {
      schema: {
        body: {
          type: 'object',
          required: ['description'],
          additionalProperties: false,
          properties: {
            description: { type: 'string', minLength: 1, maxLength: 200 },
            expiresAt: EXPIRES_AT,
          },
        },
        response: { 201: ISSUED_ADMIN_TOKEN_SCHEMA, ...ERRORS },
      },
    },
    async (request, reply) => {
      const now = Date.now();
      const { description, expiresAt } = request.body;
      const { expires } = futureExpiry(expiresAt, now);
      const { token, secret } = await issueAdminToken(store, adminIdOf(request), description, expires);
      return reply.code(201).send({ ...viewAdminToken(token, now), secret });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/admin-tokens/:id',
    {
      schema: {
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
        response: { 200: ADMIN_TOKEN_SCHEMA, 404: ADMIN_ERROR_SCHEMA, ...ERRORS },
      },
    },
    async (request) =>
      viewAdminToken(await store.adminTokens.revoke(adminIdOf(request), request.params.id), Date.now()),
  );
};
