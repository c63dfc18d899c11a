/**
 * `/admin/api/tenants/:slug/tokens`: mint (secret shown once), list (never secrets), revoke, and rotate
 * with an overlap so an IdP can be switched to the new secret before the old one stops working.
 */
import type { FastifyPluginAsync } from 'fastify';
import { issueToken } from '../auth/tokens.js';
import { ADMIN_ERROR_SCHEMA, AdminError } from './admin-error.js';
import { withRequired } from './json-schema.js';
import { type AdminRouteOptions, SLUG_PARAMS, tenantBySlug } from './tenant-routes.js';
import { ISSUED_TOKEN_SCHEMA, TOKEN_SCHEMA, statusOf, viewToken } from './token-view.js';

/** `scim:read` is accepted and stored; its read-only enforcement on SCIM routes is still to come. */
const SCOPES = ['scim', 'scim:read'] as const;
/** Thirty days: long enough for any IdP change window, short enough that "rotate" still means rotate. */
const MAX_OVERLAP_SECONDS = 30 * 24 * 3600;

const TOKEN_PARAMS = {
  type: 'object',
  required: ['slug', 'id'],
  properties: { slug: { type: 'string' }, id: { type: 'string' } },
} as const;
export const EXPIRES_AT = { type: 'string', format: 'date-time' } as const;
const ERRORS = { 400: ADMIN_ERROR_SCHEMA, 401: ADMIN_ERROR_SCHEMA, 404: ADMIN_ERROR_SCHEMA } as const;

interface CreateTokenBody {
  readonly description: string;
  readonly scope: (typeof SCOPES)[number];
  readonly expiresAt?: string;
}

interface RotateTokenBody {
  readonly overlapSeconds: number;
  readonly expiresAt?: string;
}

type TokenParams = { readonly slug: string; readonly id: string };

/** An optional future expiry, normalised to `toISOString` text (which the store orders by). */
export function futureExpiry(expiresAt: string | undefined, now: number): { expires?: string } {
  if (expiresAt === undefined) return {};
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at) || at <= now)
    throw new AdminError(400, `expiresAt "${expiresAt}" is not in the future`);
  return { expires: new Date(at).toISOString() };
}

export const tokenRoutes: FastifyPluginAsync<AdminRouteOptions> = async (app, { store }) => {
  app.post<{ Params: { slug: string }; Body: CreateTokenBody }>(
    '/tenants/:slug/tokens',
    {
      schema: {
        params: SLUG_PARAMS,
        body: {
          type: 'object',
          required: ['description', 'scope'],
          additionalProperties: false,
          properties: {
            description: { type: 'string', minLength: 1, maxLength: 200 },
            scope: { type: 'string', enum: SCOPES },
            expiresAt: EXPIRES_AT,
          },
        },
        response: { 201: ISSUED_TOKEN_SCHEMA, ...ERRORS },
      },
    },
    async (request, reply) => {
      const now = Date.now();
      const tenant = await tenantBySlug(store, request.params.slug);
      const { description, scope, expiresAt } = request.body;
      const { token, secret } = await issueToken(store, tenant.id, {
        description,
        scope,
        ...futureExpiry(expiresAt, now),
      });
      return reply.code(201).send({ ...viewToken(token, now), secret });
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/tenants/:slug/tokens',
    {
      schema: {
        params: SLUG_PARAMS,
        response: {
          200: {
            type: 'object',
            required: ['tokens'],
            properties: { tokens: { type: 'array', items: TOKEN_SCHEMA } },
          },
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const now = Date.now();
      const tenant = await tenantBySlug(store, request.params.slug);
      return { tokens: (await store.tokens.list(tenant.id)).map((token) => viewToken(token, now)) };
    },
  );

  app.post<{ Params: TokenParams }>(
    '/tenants/:slug/tokens/:id/revoke',
    { schema: { params: TOKEN_PARAMS, response: { 200: TOKEN_SCHEMA, ...ERRORS } } },
    async (request) => {
      const tenant = await tenantBySlug(store, request.params.slug);
      return viewToken(await store.tokens.revoke(tenant.id, request.params.id), Date.now());
    },
  );

  app.post<{ Params: TokenParams; Body: RotateTokenBody }>(
    '/tenants/:slug/tokens/:id/rotate',
    {
      schema: {
        params: TOKEN_PARAMS,
        body: {
          type: 'object',
          required: ['overlapSeconds'],
          additionalProperties: false,
          properties: {
            overlapSeconds: { type: 'integer', minimum: 0, maximum: MAX_OVERLAP_SECONDS },
            expiresAt: EXPIRES_AT,
          },
        },
        response: {
          201: withRequired(ISSUED_TOKEN_SCHEMA, { replaced: TOKEN_SCHEMA }),
          409: ADMIN_ERROR_SCHEMA,
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      const now = Date.now();
      const tenant = await tenantBySlug(store, request.params.slug);
      const { overlapSeconds, expiresAt } = request.body;
      const expiry = futureExpiry(expiresAt, now);
      const rotated = await store.transaction(async (tx) => {
        const old = await tx.tokens.get(tenant.id, request.params.id);
        const status = statusOf(old, now);
        if (status !== 'active') {
          throw new AdminError(409, `token "${old.id}" is ${status}: only an active token can be rotated`);
        }
        const issued = await issueToken(tx, tenant.id, {
          description: old.description,
          scope: old.scope,
          ...expiry,
        });
        const overlapEnds = new Date(now + overlapSeconds * 1000).toISOString();
        return { ...issued, replaced: await tx.tokens.expireBy(tenant.id, old.id, overlapEnds) };
      });
      return reply.code(201).send({
        ...viewToken(rotated.token, now),
        secret: rotated.secret,
        replaced: viewToken(rotated.replaced, now),
      });
    },
  );
};
