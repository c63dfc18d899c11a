/** The bearer-token repository. Secrets never reach it: only their SHA-256 (`hashTokenSecret`). */
import { NotFound } from '@provisio/scim-core';
import type { NewToken, Token, TokenCredential, TokenRepository } from '../contract.js';
import type { TokensTable } from '../database.js';
import { preparedQuery } from '../prepared-query.js';
import type { StoreContext } from '../store-context.js';
import {
  type CredentialTable,
  JOINED_TENANT_COLUMNS,
  SqlCredentialRepository,
  joinedTenant,
} from './credential-repository.js';
import { lifecycleOf } from './token-lifecycle.js';

function toToken(row: TokensTable): Token {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    description: row.description,
    scope: row.scope,
    prefix: row.prefix,
    hash: row.hash,
    ...lifecycleOf(row),
  };
}

const TOKENS: CredentialTable<'tokens', Token> = {
  name: 'tokens',
  owner: 'tenant_id',
  secretHash: 'hash',
  noun: 'token',
  duplicateSecret: 'a token with this secret already exists',
  toRecord: toToken,
};

/**
 * The token and its tenant by the token's (unique, indexed) hash: every SCIM request runs it first. A
 * soft-deleted tenant is filtered out here, in the same statement, so its tokens answer as unknown.
 */
const selectCredential = preparedQuery(['hash'], (db, { hash }: { hash: string }) =>
  db
    .selectFrom('tokens')
    .innerJoin('tenants', 'tenants.id', 'tokens.tenant_id')
    .selectAll('tokens')
    .select(JOINED_TENANT_COLUMNS)
    .where('tokens.hash', '=', hash)
    .where('tenants.deleted', 'is', null),
);

export class SqlTokenRepository extends SqlCredentialRepository<'tokens', Token> implements TokenRepository {
  constructor(context: StoreContext) {
    super(context, TOKENS);
  }

  create(tenantId: string, input: NewToken): Promise<Token> {
    return this.insert({
      ...this.freshColumns(),
      tenant_id: tenantId,
      description: input.description,
      scope: input.scope,
      prefix: input.prefix,
      hash: input.hash.toLowerCase(),
      expires: input.expires ?? null,
    });
  }

  async findCredential(hash: string): Promise<TokenCredential | undefined> {
    const [row] = (await selectCredential(this.context.db, { hash: hash.toLowerCase() })).rows;
    return row && { token: toToken(row), tenant: joinedTenant(row) };
  }

  async expireBy(tenantId: string, id: string, at: string): Promise<Token> {
    // ISO 8601 UTC text (`toISOString`) orders as the instants do, so text comparison finds the earlier.
    const row = await this.context.db
      .updateTable('tokens')
      .set((eb) => ({
        expires: eb
          .case()
          .when(eb.or([eb('expires', 'is', null), eb('expires', '>', at)]))
          .then(at)
          .else(eb.ref('expires'))
          .end(),
      }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new NotFound(`token "${id}" not found`);
    return toToken(row);
  }
}
