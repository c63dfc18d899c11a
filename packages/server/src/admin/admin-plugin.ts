/**
 * The admin API under `/admin/api`: JSON in and out, its own bearer-token hook and its own error shape
 * (`{ error: { code, message } }`). Every route declares its body, params and responses as JSON schema,
 * so an OpenAPI document can be generated from the routes later.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { authenticateAdmin } from './admin-authentication.js';
import { AdminError, sendAdminError } from './admin-error.js';
import { schemaRoutes } from './schema-routes.js';
import { type AdminRouteOptions, tenantRoutes } from './tenant-routes.js';
import { tokenRoutes } from './token-routes.js';

export type AdminPluginOptions = AdminRouteOptions;

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
  app.decorateRequest('adminToken', null);
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
  await app.register(schemaRoutes, routeOptions);
};
