/** The OAuth client repository. Secrets never reach it: only their SHA-256 (`hashTokenSecret`). */
import { NotFound } from '@provisio/scim-core';
import type { Selectable } from 'kysely';
import { preparedQuery } from '../prepared-query.js';
import { guardUniqueness } from '../resources/uniqueness.js';
import type { StoreContext } from '../store-context.js';
import { toTenant } from '../tenants/tenants.js';
import type {
  NewOAuthClient,
  OAuthClient,
  OAuthClientCredential,
  OAuthClientRepository,
} from './oauth-contract.js';
import type { OAuthClientsTable } from './tables.js';

function toClient(row: Selectable<OAuthClientsTable>): OAuthClient {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    description: row.description,
    scope: row.scope,
    secretHash: row.secret_hash,
    created: row.created,
    ...(row.last_used === null ? {} : { lastUsed: row.last_used }),
    ...(row.revoked === null ? {} : { revoked: row.revoked }),
  };
}

/** Every SCIM request with an access token runs this, so it is compiled once, like the token lookup. */
const selectCredential = preparedQuery(['id'], (db, { id }: { id: string }) =>
  db
    .selectFrom('oauth_clients')
    .innerJoin('tenants', 'tenants.id', 'oauth_clients.tenant_id')
    .selectAll('oauth_clients')
    .select([
      'tenants.slug',
      'tenants.name',
      'tenants.provisioning_enabled',
      'tenants.scim_compat',
      'tenants.created as tenant_created',
      'tenants.schema_version',
      'tenants.deleted',
    ])
    .where('oauth_clients.id', '=', id)
    .where('tenants.deleted', 'is', null),
);

export class SqlOAuthClientRepository implements OAuthClientRepository {
  constructor(private readonly context: StoreContext) {}

  async create(tenantId: string, input: NewOAuthClient): Promise<OAuthClient> {
    const row: OAuthClientsTable = {
      id: this.context.newId(),
      tenant_id: tenantId,
      description: input.description,
      secret_hash: input.secretHash.toLowerCase(),
      scope: input.scope,
      created: this.context.now(),
      last_used: null,
      revoked: null,
    };
    await guardUniqueness(
      this.context.dialect,
      'secret_hash',
      'a client with this secret already exists',
      () => this.context.db.insertInto('oauth_clients').values(row).execute(),
    );
    return toClient(row);
  }

  async findCredential(clientId: string): Promise<OAuthClientCredential | undefined> {
    const [row] = (await selectCredential(this.context.db, { id: clientId })).rows;
    if (!row) return undefined;
    const { slug, name, provisioning_enabled, scim_compat, tenant_created, schema_version, deleted } = row;
    return {
      client: toClient(row),
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

  async list(tenantId: string): Promise<readonly OAuthClient[]> {
    const rows = await this.context.db
      .selectFrom('oauth_clients')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('created')
      .orderBy('id')
      .execute();
    return rows.map(toClient);
  }

  async revoke(tenantId: string, id: string): Promise<OAuthClient> {
    const row = await this.context.db
      .updateTable('oauth_clients')
      .set((eb) => ({ revoked: eb.fn.coalesce('revoked', eb.val(this.context.now())) }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new NotFound(`OAuth client "${id}" not found`);
    return toClient(row);
  }

  async markUsed(id: string): Promise<void> {
    await this.context.db
      .updateTable('oauth_clients')
      .set({ last_used: this.context.now() })
      .where('id', '=', id)
      .execute();
  }
}
