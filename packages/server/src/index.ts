export { type AppOptions, buildApp } from './app.js';
export {
  CONFIG_KEYS,
  ConfigError,
  configTable,
  flagOf,
  type LogLevel,
  loadConfig,
  parseConfig,
  type ServerConfig,
} from './config.js';
export {
  DEFAULT_ADMIN_USERNAME,
  DEFAULT_TENANT_SLUG,
  type DefaultTenant,
  describeAdmin,
  ensureAdmin,
  ensureDefaultTenant,
  type NewAdminCredentials,
} from './first-start.js';
export { ADMIN_TOKEN_PREFIX, type IssuedAdminToken, issueAdminToken } from './admin/admin-tokens.js';
export { createLogger } from './logger.js';
export {
  type EventsOptions,
  events,
  openProvisio,
  type ProvisioOptions,
  type RunningProvisio,
  type ScimRoutesOptions,
  scimRoutes,
} from './library.js';
export { type DispatcherOptions, WebhookDispatcher } from './webhooks/dispatcher.js';
export type { WebhookBody } from './webhooks/delivery.js';
export {
  SIGNATURE_HEADER,
  signWebhookBody,
  type VerifyOptions,
  verifyWebhookSignature,
} from './webhooks/signature.js';
export { main, type RunningServer, type StartOptions, startServer } from './main.js';
export {
  DATABASE_FILE,
  type DatabaseConfig,
  describeDatabase,
  openConfiguredStore,
} from './open-store.js';
export { type IssuedToken, issueToken, type TokenRequest } from './auth/tokens.js';
