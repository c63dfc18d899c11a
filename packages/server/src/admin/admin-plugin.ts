/**
 * The admin API under `/admin/api`: JSON in and out, its own authentication hook (bearer admin token or
 * console session cookie) and its own error shape (`{ error: { code, message } }`). Every route declares
 * its body, params and responses as JSON schema, from which `GET /admin/api/openapi.json` is generated.
 */
import cookie from '@fastify/cookie';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { activityRoutes } from './activity-routes.js';
import { authenticateAdmin } from './admin-authentication.js';
import { AdminError, sendAdminError } from './admin-error.js';
import { adminTokenRoutes } from './admin-token-routes.js';
import { directoryRoutes } from './directory-routes.js';
import { eventRoutes } from './event-routes.js';
import { oauthClientRoutes } from './oauth-client-routes.js';
import { openApiRoute, registerOpenApi } from './openapi.js';
import { schemaRoutes } from './schema-routes.js';
import { sessionRoutes } from './session-routes.js';
import { type TenantResourceRouteOptions, tenantResourceRoutes } from './tenant-resource-routes.js';
import { type AdminRouteOptions, tenantRoutes } from './tenant-routes.js';
import { tokenRoutes } from './token-routes.js';
import { webhookRoutes } from './webhook-routes.js';

export type AdminPluginOptions = TenantResourceRouteOptions;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Fastify's validator silently drops fields its schema does not declare; a typo such as
 * `provisioningEnable` would then succeed as a no-op. Refusing unknown fields makes it a 400 instead.
 */
async function rejectUnknownFields(request: FastifyRequest): Promise<void> {
  const schema = request.routeOptions.schema?.body as { properties?: Record<string, unknown> } | undefined;
  const known = schema?.properties;
  if (!known || !isObject(request.body)) return;
  const unknown = Object.keys(request.body).filter((key) => !Object.hasOwn(known, key));
  if (unknown.length > 0) {
    throw new AdminError(
      400,
      `unknown field ${unknown.map((k) => `"${k}"`).join(', ')}; expected ${Object.keys(known).join(', ')}`,
    );
  }
}

export const adminPlugin: FastifyPluginAsync<AdminPluginOptions> = async (app, options) => {
  // First: the OpenAPI document learns every route added after it.
  await registerOpenApi(app);
  await app.register(cookie);
  app.decorateRequest('adminToken', null);
  app.decorateRequest('adminSession', null);
  app.setErrorHandler((error, request, reply) => sendAdminError(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendAdminError(
      request,
      reply,
      new AdminError(404, `there is no admin endpoint ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
  app.addHook('onRequest', authenticateAdmin(options.store));
  app.addHook('preValidation', rejectUnknownFields);
  // Only these: `options` also holds this plugin's own `prefix`, which must not apply twice.
  const routeOptions: AdminRouteOptions = { store: options.store, publicUrl: options.publicUrl };
  await app.register(tenantRoutes, routeOptions);
  await app.register(tokenRoutes, routeOptions);
  await app.register(oauthClientRoutes, routeOptions);
  await app.register(activityRoutes, routeOptions);
  await app.register(schemaRoutes, routeOptions);
  await app.register(sessionRoutes, routeOptions);
  await app.register(adminTokenRoutes, routeOptions);
  await app.register(eventRoutes, routeOptions);
  await app.register(webhookRoutes, routeOptions);
  await app.register(tenantResourceRoutes, { ...routeOptions, limits: options.limits });
  await app.register(directoryRoutes, routeOptions);
  await app.register(openApiRoute);
};
