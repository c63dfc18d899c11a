/**
 * One SCIM 2.0 mount (RFC 7644 §3): the same encapsulated plugin serves `/scim/v2` (tenant from the
 * token) and `/tenants/:slug/scim/v2` (tenant from the URL, which the token must belong to). Inside:
 * SCIM media types, authentication and rate limiting, the one error handler, and the routes.
 */
import { NotFound, SchemaRegistry } from '@provisio/scim-core';
import type { FastifyPluginAsync } from 'fastify';
import { recordActivity } from '../activity/activity-hooks.js';
import type { ActivityRecorder } from '../activity/activity-recorder.js';
import { type AuthenticationOptions, authenticateTenant, scopeOf } from './authentication.js';
import { bulkRoutes } from './bulk.js';
import { discoveryRoutes } from './discovery.js';
import { sendError } from './error-handler.js';
import { GROUPS } from './groups.js';
import { SCIM_MEDIA_TYPE, acceptScimBodies } from './media-type.js';
import { resourceRoutes } from './resource-routes.js';
import { readSearch, searchEverything } from './search.js';
import { USERS } from './users.js';

export interface ScimPluginOptions extends AuthenticationOptions {
  /** Largest request body in bytes (`bulk.maxPayloadSize`). */
  readonly bodyLimit: number;
  /** Where each request's activity-log entry goes (issue 5). */
  readonly activity: ActivityRecorder;
}

/** The resource types served, in the order a root `/.search` lists them. */
const ENDPOINTS = [USERS, GROUPS] as const;

export const scimPlugin: FastifyPluginAsync<ScimPluginOptions> = async (app, options) => {
  acceptScimBodies(app, options.bodyLimit);
  app.decorateRequest('tenantScope', null);
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendError(
      request,
      reply,
      new NotFound(`there is no SCIM endpoint ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
  app.addHook('onRequest', async (_request, reply) => {
    reply.type(SCIM_MEDIA_TYPE);
  });
  recordActivity(app, options.activity);
  app.addHook('onRequest', authenticateTenant(options));
  app.addHook('onSend', async (_request, reply, payload) => {
    // 204 and 304 carry no body, so they carry no media type either.
    if (reply.statusCode === 204 || reply.statusCode === 304) reply.removeHeader('content-type');
    return payload;
  });

  await app.register(discoveryRoutes);
  for (const endpoint of ENDPOINTS) {
    // Routes are fixed at start-up, so they take their paths from the standard resource types.
    const path = SchemaRegistry.standard().resourceType(endpoint.resourceType).endpoint;
    await app.register(resourceRoutes(endpoint, path));
  }
  await app.register(bulkRoutes(ENDPOINTS));
  app.post('/.search', async (request) => {
    const scope = scopeOf(request);
    return searchEverything(scope, ENDPOINTS, readSearch(scope, { body: request.body }));
  });
};
