/**
 * `buildApp`: the fastify instance with health probes and the SCIM mounts, ready to `listen` (or to be
 * mounted by a library user, or driven by tests). It owns no resources: the caller opens and closes the
 * store.
 */
import { randomUUID } from 'node:crypto';
import { NotFound } from '@provisio/scim-core';
import type { Store } from '@provisio/store';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pruneActivityPeriodically } from './activity/activity-retention.js';
import { adminPlugin } from './admin/admin-plugin.js';
import type { ServerConfig } from './config.js';
import { healthRoutes } from './health.js';
import { tokenEndpoint } from './oauth/token-endpoint.js';
import { publicUrlOf } from './public-url.js';
import { sendError } from './scim/error-handler.js';
import { scimMountOptions } from './scim/scim-mount.js';
import { scimPlugin } from './scim/scim-plugin.js';
import { type DispatcherOptions, WebhookDispatcher } from './webhooks/dispatcher.js';

export interface AppOptions {
  readonly store: Store;
  readonly config: ServerConfig;
  /** A pino logger (see `createLogger`); omit for no logging. */
  readonly logger?: FastifyBaseLogger;
  /** Webhook retry and timeout settings (tests shorten them); `false` delivers no webhooks from this app. */
  readonly webhooks?: DispatcherOptions | false;
}

export function buildApp({ store, config, logger, webhooks = {} }: AppOptions): FastifyInstance {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : {}),
    genReqId: () => randomUUID(),
    bodyLimit: config.bulkMaxPayloadBytes,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
  });
  // The bound address never changes once listening, so it is read once rather than on every request.
  let listeningUrl: string | undefined;
  const publicUrl = (): string => {
    if (listeningUrl !== undefined) return listeningUrl;
    const url = publicUrlOf(config, app.server.address());
    if (app.server.listening) listeningUrl = url;
    return url;
  };
  const scim = scimMountOptions(app, store, config, publicUrl);

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendError(
      request,
      reply,
      new NotFound(`there is no endpoint ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
  app.register(healthRoutes, { store });
  app.register(scimPlugin, { ...scim, prefix: '/scim/v2', tenantSource: 'token' });
  app.register(scimPlugin, { ...scim, prefix: '/tenants/:slug/scim/v2', tenantSource: 'slug' });
  app.register(adminPlugin, { store, publicUrl, limits: scim.limits, prefix: '/admin/api' });
  app.register(tokenEndpoint, { store, accessTokens: scim.accessTokens, prefix: '/oauth' });
  pruneActivityPeriodically(app, store, config.activityRetentionDays);
  if (webhooks !== false) {
    const dispatcher = new WebhookDispatcher(store, app.log, webhooks);
    app.addHook('onReady', async () => dispatcher.start());
    app.addHook('onClose', () => dispatcher.stop());
  }
  return app;
}
