/** Builds the repositories over one context: the store's connection, or one transaction. */
import { SqlActivityLogRepository } from './activity/activity-log.js';
import { SqlAdminSessionRepository } from './admins/admin-sessions.js';
import { SqlAdminTokenRepository } from './admins/admin-tokens.js';
import { SqlAdminRepository } from './admins/admins.js';
import { SqlLoginAttemptRepository } from './admins/login-attempts.js';
import type { Repositories } from './contract.js';
import { createDirectoryRepositories } from './directory/directory.js';
import { SqlEventRepository } from './events/events.js';
import { SqlGroupRepository } from './groups/groups.js';
import { SqlOAuthClientRepository } from './oauth/oauth-clients.js';
import { SqlSigningKeyRepository } from './oauth/signing-keys.js';
import { SqlTenantSchemaRepository } from './schemas/tenant-schemas.js';
import type { StoreContext } from './store-context.js';
import { SqlTenantRepository } from './tenants/tenants.js';
import { SqlTokenRepository } from './tokens/tokens.js';
import { SqlUserRepository } from './users/users.js';
import { SqlWebhookRepository } from './webhooks/webhooks.js';

export function createRepositories(context: StoreContext): Repositories {
  return {
    tenants: new SqlTenantRepository(context),
    schemas: new SqlTenantSchemaRepository(context),
    tokens: new SqlTokenRepository(context),
    users: new SqlUserRepository(context),
    groups: new SqlGroupRepository(context),
    admins: new SqlAdminRepository(context),
    adminTokens: new SqlAdminTokenRepository(context),
    adminSessions: new SqlAdminSessionRepository(context),
    loginAttempts: new SqlLoginAttemptRepository(context),
    events: new SqlEventRepository(context),
    webhooks: new SqlWebhookRepository(context),
    activity: new SqlActivityLogRepository(context),
    oauthClients: new SqlOAuthClientRepository(context),
    signingKeys: new SqlSigningKeyRepository(context),
    directory: createDirectoryRepositories(context),
  };
}
