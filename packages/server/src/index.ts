export { type AppOptions, buildApp } from './app.js';
export {
  CONFIG_KEYS,
  ConfigError,
  configTable,
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
export { DATABASE_FILE, main, type RunningServer, type StartOptions, startServer } from './main.js';
export { type IssuedToken, issueToken, type TokenRequest } from './auth/tokens.js';
