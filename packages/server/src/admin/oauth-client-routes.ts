/**
 * `/admin/api/tenants/:slug/oauth-clients`: OAuth 2.0 clients for the client credentials grant (issue 5).
 * Create answers the secret this once; list never shows secrets; revoke refuses the client's access
 * tokens from their next use, on every server process.
 */
import type { OAuthClient } from '@provisio/store';
import type { FastifyPluginAsync } from 'fastify';
import { SCIM_SCOPES, type ScimScope, issueOAuthClient } from '../oauth/oauth-clients.js';
import { ADMIN_ERROR_SCHEMA } from './admin-error.js';
import { DATE_TIME, STRING, withRequired } from './json-schema.js';
import { type AdminRouteOptions, SLUG_PARAMS, tenantBySlug } from './tenant-routes.js';

export interface OAuthClientView {
  /** The `client_id`. */
  readonly clientId: string;
  readonly description: string;
  readonly scope: string;
  readonly status: 'active' | 'revoked';
  readonly createdAt: string;
  readonly lastUsedAt?: string;
  /** The client IP of the token request recorded in `lastUsedAt`. */
  readonly lastClientIp?: string;
  readonly revokedAt?: string;
}

function viewClient(client: OAuthClient): OAuthClientView {
  return {
    clientId: client.id,
    description: client.description,
    scope: client.scope,
    status: client.revoked === undefined ? 'active' : 'revoked',
    createdAt: client.created,
    ...(client.lastUsed === undefined ? {} : { lastUsedAt: client.lastUsed }),
    ...(client.lastClientIp === undefined ? {} : { lastClientIp: client.lastClientIp }),
    ...(client.revoked === undefined ? {} : { revokedAt: client.revoked }),
  };
}

const CLIENT_SCHEMA = {
  type: 'object',
  required: ['clientId', 'description', 'scope', 'status', 'createdAt'],
  properties: {
    clientId: STRING,
    description: STRING,
    scope: STRING,
    status: { type: 'string', enum: ['active', 'revoked'] },
    createdAt: DATE_TIME,
    lastUsedAt: DATE_TIME,
    lastClientIp: STRING,
    revokedAt: DATE_TIME,
  },
} as const;

const ISSUED_CLIENT_SCHEMA = withRequired(CLIENT_SCHEMA, { clientSecret: STRING, tokenEndpoint: STRING });

const CLIENT_PARAMS = {
  type: 'object',
  required: ['slug', 'clientId'],
  properties: { slug: STRING, clientId: STRING },
} as const;
const ERRORS = { 400: ADMIN_ERROR_SCHEMA, 401: ADMIN_ERROR_SCHEMA, 404: ADMIN_ERROR_SCHEMA } as const;

interface CreateClientBody {
  readonly description: string;
  readonly scope?: ScimScope;
}

export const oauthClientRoutes: FastifyPluginAsync<AdminRouteOptions> = async (app, { store, publicUrl }) => {
  app.post<{ Params: { slug: string }; Body: CreateClientBody }>(
    '/tenants/:slug/oauth-clients',
    {
      schema: {
        params: SLUG_PARAMS,
        body: {
          type: 'object',
          required: ['description'],
          additionalProperties: false,
          properties: {
            description: { type: 'string', minLength: 1, maxLength: 200 },
            scope: { type: 'string', enum: SCIM_SCOPES },
          },
        },
        response: { 201: ISSUED_CLIENT_SCHEMA, ...ERRORS },
      },
    },
    async (request, reply) => {
      const tenant = await tenantBySlug(store, request.params.slug);
      const { description, scope = 'scim' } = request.body;
      const { client, secret } = await issueOAuthClient(store, tenant.id, { description, scope });
      return reply.code(201).send({
        ...viewClient(client),
        clientSecret: secret,
        tokenEndpoint: `${publicUrl()}/oauth/token`,
      });
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/tenants/:slug/oauth-clients',
    {
      schema: {
        params: SLUG_PARAMS,
        response: {
          200: {
            type: 'object',
            required: ['clients'],
            properties: { clients: { type: 'array', items: CLIENT_SCHEMA } },
          },
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const tenant = await tenantBySlug(store, request.params.slug);
      return { clients: (await store.oauthClients.list(tenant.id)).map(viewClient) };
    },
  );

  app.post<{ Params: { slug: string; clientId: string } }>(
    '/tenants/:slug/oauth-clients/:clientId/revoke',
    { schema: { params: CLIENT_PARAMS, response: { 200: CLIENT_SCHEMA, ...ERRORS } } },
    async (request) => {
      const tenant = await tenantBySlug(store, request.params.slug);
      return viewClient(await store.oauthClients.revoke(tenant.id, request.params.clientId));
    },
  );
};
