/**
 * `/admin/api/tenants/:slug/webhooks`: add (the signing secret is shown in this answer only), list, read,
 * remove, enable/disable, send a test ping, read the delivery log and redeliver one delivery's event.
 *
 * The secret is generated here and stored as is, not hashed: the server signs every delivery with it
 * (HMAC-SHA256), which a hash cannot do. It is never listed or logged; a lost secret means a new webhook.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { deliver, eventBody, pingBody } from '../webhooks/delivery.js';
import { ADMIN_ERROR_SCHEMA, AdminError } from './admin-error.js';
import { type AdminRouteOptions, SLUG_PARAMS, tenantBySlug } from './tenant-routes.js';
import {
  CREATED_WEBHOOK_SCHEMA,
  DELIVERY_SCHEMA,
  WEBHOOK_SCHEMA,
  viewDelivery,
  viewWebhook,
} from './webhook-view.js';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

const WEBHOOK_PARAMS = {
  type: 'object',
  required: ['slug', 'id'],
  properties: { slug: { type: 'string' }, id: { type: 'string' } },
} as const;
const DELIVERY_PARAMS = {
  type: 'object',
  required: ['slug', 'id', 'deliveryId'],
  properties: { slug: { type: 'string' }, id: { type: 'string' }, deliveryId: { type: 'string' } },
} as const;
const ERRORS = { 400: ADMIN_ERROR_SCHEMA, 401: ADMIN_ERROR_SCHEMA, 404: ADMIN_ERROR_SCHEMA } as const;
const MAX_DELIVERIES = 1000;

interface CreateWebhookBody {
  readonly url: string;
  readonly description?: string;
  readonly after?: number;
}

type WebhookParams = { readonly slug: string; readonly id: string };

/** Only absolute http(s) URLs: anything else could never be delivered to. */
function checkUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw new AdminError(400, `url "${value}" is not an absolute http(s) URL`);
  }
  return url.href;
}

export const webhookRoutes: FastifyPluginAsync<AdminRouteOptions> = async (app, { store }) => {
  app.post<{ Params: { slug: string }; Body: CreateWebhookBody }>(
    '/tenants/:slug/webhooks',
    {
      schema: {
        params: SLUG_PARAMS,
        body: {
          type: 'object',
          required: ['url'],
          additionalProperties: false,
          properties: {
            url: { type: 'string', minLength: 1, maxLength: 2000 },
            description: { type: 'string', maxLength: 200 },
            after: { type: 'integer', minimum: 0 },
          },
        },
        response: { 201: CREATED_WEBHOOK_SCHEMA, ...ERRORS },
      },
    },
    async (request, reply) => {
      const tenant = await tenantBySlug(store, request.params.slug);
      const { url, description = '', after } = request.body;
      const secret = `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
      const webhook = await store.webhooks.create(tenant.id, {
        url: checkUrl(url),
        description,
        secret,
        ...(after === undefined ? {} : { after }),
      });
      return reply.code(201).send({ ...viewWebhook(webhook), secret });
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/tenants/:slug/webhooks',
    {
      schema: {
        params: SLUG_PARAMS,
        response: {
          200: {
            type: 'object',
            required: ['webhooks'],
            properties: { webhooks: { type: 'array', items: WEBHOOK_SCHEMA } },
          },
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const tenant = await tenantBySlug(store, request.params.slug);
      return { webhooks: (await store.webhooks.list(tenant.id)).map(viewWebhook) };
    },
  );

  app.get<{ Params: WebhookParams }>(
    '/tenants/:slug/webhooks/:id',
    { schema: { params: WEBHOOK_PARAMS, response: { 200: WEBHOOK_SCHEMA, ...ERRORS } } },
    async (request) => {
      const tenant = await tenantBySlug(store, request.params.slug);
      return viewWebhook(await store.webhooks.get(tenant.id, request.params.id));
    },
  );

  app.delete<{ Params: WebhookParams }>(
    '/tenants/:slug/webhooks/:id',
    { schema: { params: WEBHOOK_PARAMS, response: { 204: { type: 'null' }, ...ERRORS } } },
    async (request, reply) => {
      const tenant = await tenantBySlug(store, request.params.slug);
      await store.webhooks.remove(tenant.id, request.params.id);
      return reply.code(204).send();
    },
  );

  for (const [action, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    app.post<{ Params: WebhookParams }>(
      `/tenants/:slug/webhooks/:id/${action}`,
      { schema: { params: WEBHOOK_PARAMS, response: { 200: WEBHOOK_SCHEMA, ...ERRORS } } },
      async (request) => {
        const tenant = await tenantBySlug(store, request.params.slug);
        return viewWebhook(await store.webhooks.setEnabled(tenant.id, request.params.id, enabled));
      },
    );
  }

  app.post<{ Params: WebhookParams }>(
    '/tenants/:slug/webhooks/:id/test',
    { schema: { params: WEBHOOK_PARAMS, response: { 200: DELIVERY_SCHEMA, ...ERRORS } } },
    async (request) => {
      const tenant = await tenantBySlug(store, request.params.slug);
      const webhook = await store.webhooks.get(tenant.id, request.params.id);
      const attempt = await deliver(webhook, pingBody(webhook, new Date()), 1);
      return viewDelivery(await store.webhooks.logDelivery(webhook.id, attempt));
    },
  );

  app.get<{ Params: WebhookParams; Querystring: { limit?: number } }>(
    '/tenants/:slug/webhooks/:id/deliveries',
    {
      schema: {
        params: WEBHOOK_PARAMS,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: MAX_DELIVERIES } },
        },
        response: {
          200: {
            type: 'object',
            required: ['deliveries'],
            properties: { deliveries: { type: 'array', items: DELIVERY_SCHEMA } },
          },
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const tenant = await tenantBySlug(store, request.params.slug);
      const deliveries = await store.webhooks.deliveries(
        tenant.id,
        request.params.id,
        request.query.limit ?? 100,
      );
      return { deliveries: deliveries.map(viewDelivery) };
    },
  );

  app.post<{ Params: WebhookParams & { readonly deliveryId: string } }>(
    '/tenants/:slug/webhooks/:id/deliveries/:deliveryId/redeliver',
    { schema: { params: DELIVERY_PARAMS, response: { 201: DELIVERY_SCHEMA, ...ERRORS } } },
    async (request, reply) => {
      const tenant = await tenantBySlug(store, request.params.slug);
      const { id, deliveryId } = request.params;
      const webhook = await store.webhooks.get(tenant.id, id);
      const original = await store.webhooks.delivery(tenant.id, id, deliveryId);
      let body = pingBody(webhook, new Date());
      if (original.seq !== undefined) {
        const [event] = await store.events.list(tenant.id, original.seq - 1, 1);
        if (event?.seq !== original.seq) throw new AdminError(404, `event ${original.seq} no longer exists`);
        body = eventBody(event);
      }
      // Logged only: the cursor and the retry state belong to the dispatcher's own deliveries.
      const attempt = await deliver(webhook, body, 1);
      return reply.code(201).send(viewDelivery(await store.webhooks.logDelivery(webhook.id, attempt)));
    },
  );
};
