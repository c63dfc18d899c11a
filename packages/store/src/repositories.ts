/** Builds the repositories over one context: the store's connection, or one transaction. */
import { SqlAdminTokenRepository } from './admins/admin-tokens.js';
import { SqlAdminRepository } from './admins/admins.js';
import type { Repositories } from './contract.js';
import { SqlGroupRepository } from './groups/groups.js';
import { SqlTenantSchemaRepository } from './schemas/tenant-schemas.js';
import type { StoreContext } from './store-context.js';
import { SqlTenantRepository } from './tenants/tenants.js';
import { SqlTokenRepository } from './tokens/tokens.js';
import { SqlUserRepository } from './users/users.js';

export function createRepositories(context: StoreContext): Repositories {
  return {
    tenants: new SqlTenantRepository(context),
    schemas: new SqlTenantSchemaRepository(context),
    tokens: new SqlTokenRepository(context),
    users: new SqlUserRepository(context),
    groups: new SqlGroupRepository(context),
    admins: new SqlAdminRepository(context),
    adminTokens: new SqlAdminTokenRepository(context),
  };
}
