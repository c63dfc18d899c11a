/** Admin API tokens: like SCIM tokens (`tokens/tokens.ts`) but owned by an admin, and without scopes. */
import type { AdminToken, AdminTokenRepository, NewAdminToken } from '../contract.js';
import type { AdminTokensTable } from '../database.js';
import type { StoreContext } from '../store-context.js';
import { type CredentialTable, SqlCredentialRepository } from '../tokens/credential-repository.js';
import { lifecycleOf } from '../tokens/token-lifecycle.js';

function toAdminToken(row: AdminTokensTable): AdminToken {
  return {
    id: row.id,
    adminId: row.admin_id,
    description: row.description,
    prefix: row.prefix,
    hash: row.hash,
    ...lifecycleOf(row),
  };
}

const ADMIN_TOKENS: CredentialTable<'admin_tokens', AdminToken> = {
  name: 'admin_tokens',
  owner: 'admin_id',
  secretHash: 'hash',
  noun: 'admin token',
  duplicateSecret: 'an admin token with this secret already exists',
  toRecord: toAdminToken,
};

export class SqlAdminTokenRepository
  extends SqlCredentialRepository<'admin_tokens', AdminToken>
  implements AdminTokenRepository
{
  constructor(context: StoreContext) {
    super(context, ADMIN_TOKENS);
  }

  create(adminId: string, input: NewAdminToken): Promise<AdminToken> {
    return this.insert({
      ...this.freshColumns(),
      admin_id: adminId,
      description: input.description,
      prefix: input.prefix,
      hash: input.hash.toLowerCase(),
      expires: input.expires ?? null,
    });
  }
}
