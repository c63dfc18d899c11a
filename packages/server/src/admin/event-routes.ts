/**
 * `GET /admin/api/tenants/:slug/events`: the tenant's change feed after a sequence number. Plain requests
 * long-poll: they answer at once when events are waiting, else when one arrives or `wait` seconds pass.
 * `Accept: text/event-stream` streams Server-Sent Events instead, each with `id: <seq>`, so a reconnecting
 * `EventSource` resumes from `Last-Event-ID`. Both end when the server closes.
 */
import type { ChangeEvent } from '@provisio/store';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { readFeed } from '../events/feed.js';
import { ADMIN_ERROR_SCHEMA, AdminError } from './admin-error.js';
import { EVENT_SCHEMA, viewEvent } from './event-view.js';
import { type AdminRouteOptions, SLUG_PARAMS, tenantBySlug } from './tenant-routes.js';

const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 100;
/** Below the CLI's and most proxies' request timeouts. */
const MAX_WAIT_SECONDS = 60;
/** A comment line this often keeps proxies from cutting an idle stream. */
const HEARTBEAT_MS = 15_000;

interface EventsQuery {
  readonly after?: number;
  readonly limit?: number;
  readonly wait?: number;
}

type EventsRequest = FastifyRequest<{ Params: { slug: string }; Querystring: EventsQuery }>;

function wantsStream(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/event-stream');
}

/** `Last-Event-ID` (an SSE reconnect) wins over `after`. */
function cursorOf(request: EventsRequest): number {
  const lastEventId = request.headers['last-event-id'];
  if (lastEventId === undefined) return request.query.after ?? 0;
  const seq = Number(lastEventId);
  if (typeof lastEventId !== 'string' || !/^\d+$/.test(lastEventId) || !Number.isSafeInteger(seq)) {
    throw new AdminError(400, `Last-Event-ID "${String(lastEventId)}" is not an event sequence number`);
  }
  return seq;
}

/** Aborts when the server closes or the client goes away before the answer is complete. */
function answerSignal(shutdown: AbortSignal, reply: FastifyReply): AbortSignal {
  const gone = new AbortController();
  reply.raw.once('close', () => gone.abort());
  return AbortSignal.any([shutdown, gone.signal]);
}

/** The feed's first batch; none when it ends first (the wait is over). */
async function firstBatch(feed: ReturnType<typeof readFeed>): Promise<readonly ChangeEvent[]> {
  for await (const batch of feed) return batch;
  return [];
}

async function stream(reply: FastifyReply, events: ReturnType<typeof readFeed>): Promise<void> {
  reply.hijack();
  const { raw } = reply;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-request-id': reply.request.id,
  });
  raw.write(': connected\n\n');
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
  try {
    for await (const batch of events) {
      for (const event of batch) {
        raw.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(viewEvent(event))}\n\n`);
      }
    }
  } finally {
    clearInterval(heartbeat);
    raw.end();
  }
}

export const eventRoutes: FastifyPluginAsync<AdminRouteOptions> = async (app, { store }) => {
  const shutdown = new AbortController();
  app.addHook('preClose', async () => shutdown.abort());

  app.get<{ Params: { slug: string }; Querystring: EventsQuery }>(
    '/tenants/:slug/events',
    {
      schema: {
        params: SLUG_PARAMS,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            after: { type: 'integer', minimum: 0 },
            limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT },
            wait: { type: 'integer', minimum: 0, maximum: MAX_WAIT_SECONDS },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['events', 'next'],
            properties: {
              events: { type: 'array', items: EVENT_SCHEMA },
              /** The `after` of the next request. */
              next: { type: 'integer' },
            },
          },
          400: ADMIN_ERROR_SCHEMA,
          401: ADMIN_ERROR_SCHEMA,
          404: ADMIN_ERROR_SCHEMA,
        },
      },
    },
    async (request, reply) => {
      const tenant = await tenantBySlug(store, request.params.slug);
      const after = cursorOf(request);
      const batchSize = request.query.limit ?? DEFAULT_LIMIT;
      const signal = answerSignal(shutdown.signal, reply);
      if (wantsStream(request)) {
        return stream(reply, readFeed(store, tenant.id, { after, batchSize, signal }));
      }
      const wait = request.query.wait ?? 0;
      const events =
        wait === 0
          ? await store.events.list(tenant.id, after, batchSize)
          : await firstBatch(
              readFeed(store, tenant.id, {
                after,
                batchSize,
                signal: AbortSignal.any([signal, AbortSignal.timeout(wait * 1000)]),
              }),
            );
      const last = events[events.length - 1];
      return { events: events.map(viewEvent), next: last === undefined ? after : last.seq };
    },
  );
};
