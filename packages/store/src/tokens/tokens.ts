/** The bearer-token repository. Secrets never reach it: only their SHA-256 (`hashTokenSecret`). */
import { NotFound } from '@provisio/scim-core';
import type { Selectable } from 'kysely';
import type { NewToken, Token, TokenCredential, TokenRepository } from '../contract.js';
import type { TokensTable } from '../database.js';
import { preparedQuery } from '../prepared-query.js';
import { guardUniqueness } from '../resources/uniqueness.js';
import type { StoreContext } from '../store-context.js';
import { toTenant } from '../tenants/tenants.js';
import { lifecycleOf } from './token-lifecycle.js';

function toToken(row: Selectable<TokensTable>): Token {
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

/**
 * The token and its tenant by the token's (unique, indexed) hash: every SCIM request runs it first. A
 * soft-deleted tenant is filtered out here, in the same statement, so its tokens answer as unknown.
 */
const selectCredential = preparedQuery(['hash'], (db, { hash }: { hash: string }) =>
  db
    .selectFrom('tokens')
    .innerJoin('tenants', 'tenants.id', 'tokens.tenant_id')
    .selectAll('tokens')
    .select([
      'tenants.slug',
      'tenants.name',
      'tenants.provisioning_enabled',
      'tenants.scim_compat',
      'tenants.created as tenant_created',
      'tenants.schema_version',
      'tenants.deleted',
    ])
    .where('tokens.hash', '=', hash)
    .where('tenants.deleted', 'is', null),
);

export class SqlTokenRepository implements TokenRepository {
  constructor(private readonly context: StoreContext) {}

  async create(tenantId: string, input: NewToken): Promise<Token> {
    const row: TokensTable = {
      id: this.context.newId(),
      tenant_id: tenantId,
      description: input.description,
      scope: input.scope,
      prefix: input.prefix,
      hash: input.hash.toLowerCase(),
      created: this.context.now(),
      last_used: null,
      expires: input.expires ?? null,
      revoked: null,
    };
    await guardUniqueness(this.context.dialect, 'hash', 'a token with this secret already exists', () =>
      this.context.db.insertInto('tokens').values(row).execute(),
    );
    return toToken(row);
  }

  async findByHash(hash: string): Promise<Token | undefined> {
    const row = await this.context.db
      .selectFrom('tokens')
      .selectAll()
      .where('hash', '=', hash.toLowerCase())
      .executeTakeFirst();
    return row && toToken(row);
  }

  async findCredential(hash: string): Promise<TokenCredential | undefined> {
    const [row] = (await selectCredential(this.context.db, { hash: hash.toLowerCase() })).rows;
    if (!row) return undefined;
    const { slug, name, provisioning_enabled, scim_compat, tenant_created, schema_version, deleted } = row;
    return {
      token: toToken(row),
      tenant: toTenant({
        id: row.tenant_id,
        slug,
        name,
        provisioning_enabled,
        scim_compat,
        created: tenant_created,
        schema_version,
        deleted,
      }),
    };
  }

  async list(tenantId: string): Promise<readonly Token[]> {
    const rows = await this.context.db
      .selectFrom('tokens')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('created')
      .orderBy('id')
      .execute();
    return rows.map(toToken);
  }

  async markUsed(id: string): Promise<void> {
    await this.context.db
      .updateTable('tokens')
      .set({ last_used: this.context.now() })
      .where('id', '=', id)
      .execute();
  }

  async revoke(tenantId: string, id: string): Promise<Token> {
    const row = await this.context.db
      .updateTable('tokens')
      .set((eb) => ({ revoked: eb.fn.coalesce('revoked', eb.val(this.context.now())) }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new NotFound(`token "${id}" not found`);
    return toToken(row);
  }

  async get(tenantId: string, id: string): Promise<Token> {
    const row = await this.context.db
      .selectFrom('tokens')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFound(`token "${id}" not found`);
    return toToken(row);
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
