/**
 * What the SCIM mounts of one fastify instance share (limits, rate limiter, access tokens, activity log),
 * built once: by `buildApp` for the server, and by library mode's `scimRoutes` inside a host's app.
 */
import type { Store } from '@provisio/store';
import type { FastifyInstance } from 'fastify';
import { ActivityRecorder } from '../activity/activity-recorder.js';
import type { ServerConfig } from '../config.js';
import { AccessTokens } from '../oauth/access-tokens.js';
import { RateLimiter } from './rate-limit.js';
import type { ScimPluginOptions } from './scim-plugin.js';

export type ScimMountOptions = Omit<ScimPluginOptions, 'tenantSource' | 'prefix'>;

export function scimMountOptions(
  app: FastifyInstance,
  store: Store,
  config: ServerConfig,
  publicUrl: () => string,
): ScimMountOptions {
  const activity = new ActivityRecorder(store, app.log);
  // Before the caller closes the store: the entries still waiting are written.
  app.addHook('onClose', () => activity.close());
  return {
    store,
    limits: {
      maxPageSize: config.maxPageSize,
      bulkMaxOperations: config.bulkMaxOperations,
      bulkMaxPayloadBytes: config.bulkMaxPayloadBytes,
    },
    bodyLimit: config.bulkMaxPayloadBytes,
    rateLimiter: config.rateLimit > 0 ? new RateLimiter(config.rateLimit) : undefined,
    publicUrl,
    accessTokens: new AccessTokens(store, publicUrl, config.oauthTokenLifetimeSeconds),
    activity,
  };
}
