/**
 * `GET /admin/api/tenants/:slug/activity`: a tenant's SCIM requests, newest first, filtered and paged by
 * keyset (`nextCursor`), so paging stays correct while new requests arrive.
 */
import type { ActivityEntry } from '@provisio/store';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { ADMIN_ERROR_SCHEMA, AdminError } from './admin-error.js';
import { DATE_TIME, STRING } from './json-schema.js';
import { type AdminRouteOptions, SLUG_PARAMS, tenantBySlug } from './tenant-routes.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

interface ActivityQueryString {
  readonly method?: string;
  readonly status?: number;
  readonly since?: string;
  readonly until?: string;
  readonly tokenId?: string;
  readonly resourceId?: string;
  readonly cursor?: string;
  readonly limit?: number;
}

const ENTRY_SCHEMA = {
  type: 'object',
  required: ['id', 'time', 'method', 'path', 'status', 'durationMs'],
  properties: {
    id: STRING,
    time: DATE_TIME,
    tokenId: STRING,
    method: STRING,
    path: STRING,
    resourceId: STRING,
    status: { type: 'integer' },
    scimType: STRING,
    durationMs: { type: 'number' },
    clientIp: STRING,
  },
} as const;

/** ISO 8601 as the log stores it (`toISOString`), so text comparison orders as time does. */
function instant(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new AdminError(400, `${name} "${value}" is not an ISO 8601 date-time`);
  return new Date(at).toISOString();
}

const QUERY_PROPERTIES = {
  method: { type: 'string', pattern: '^[A-Za-z]{1,10}$' },
  status: { type: 'integer', minimum: 100, maximum: 599 },
  since: DATE_TIME,
  until: DATE_TIME,
  tokenId: { type: 'string', minLength: 1 },
  resourceId: { type: 'string', minLength: 1 },
  cursor: { type: 'string', minLength: 1 },
  limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT },
} as const;

/** Fastify's validator drops unknown parameters; a misspelt filter must not silently list everything. */
async function rejectUnknownParameters(request: FastifyRequest): Promise<void> {
  const unknown = Object.keys(request.query as object).filter((key) => !Object.hasOwn(QUERY_PROPERTIES, key));
  if (unknown.length > 0) {
    throw new AdminError(
      400,
      `unknown query parameter ${unknown.map((k) => `"${k}"`).join(', ')}; expected ${Object.keys(QUERY_PROPERTIES).join(', ')}`,
    );
  }
}

function viewEntry({ tenantId: _tenantId, ...entry }: ActivityEntry): Omit<ActivityEntry, 'tenantId'> {
  return entry;
}

export const activityRoutes: FastifyPluginAsync<AdminRouteOptions> = async (app, { store }) => {
  app.get<{ Params: { slug: string }; Querystring: ActivityQueryString }>(
    '/tenants/:slug/activity',
    {
      schema: {
        params: SLUG_PARAMS,
        querystring: { type: 'object', properties: QUERY_PROPERTIES },
        response: {
          200: {
            type: 'object',
            required: ['entries'],
            properties: { entries: { type: 'array', items: ENTRY_SCHEMA }, nextCursor: STRING },
          },
          ...{ 400: ADMIN_ERROR_SCHEMA, 401: ADMIN_ERROR_SCHEMA, 404: ADMIN_ERROR_SCHEMA },
        },
      },
      preValidation: rejectUnknownParameters,
    },
    async (request) => {
      const tenant = await tenantBySlug(store, request.params.slug);
      const { method, status, since, until, tokenId, resourceId, cursor, limit } = request.query;
      const sinceAt = instant('since', since);
      const untilAt = instant('until', until);
      const page = await store.activity.list(tenant.id, {
        limit: limit ?? DEFAULT_LIMIT,
        ...(method === undefined ? {} : { method }),
        ...(status === undefined ? {} : { status }),
        ...(sinceAt === undefined ? {} : { since: sinceAt }),
        ...(untilAt === undefined ? {} : { until: untilAt }),
        ...(tokenId === undefined ? {} : { tokenId }),
        ...(resourceId === undefined ? {} : { resourceId }),
        ...(cursor === undefined ? {} : { cursor }),
      });
      return {
        entries: page.entries.map(viewEntry),
        ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
      };
    },
  );
};
