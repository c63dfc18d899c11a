/** The OAuth client repository. Secrets never reach it: only their SHA-256 (`hashTokenSecret`). */
import { preparedQuery } from '../prepared-query.js';
import type { StoreContext } from '../store-context.js';
import {
  type CredentialTable,
  JOINED_TENANT_COLUMNS,
  SqlCredentialRepository,
  joinedTenant,
} from '../tokens/credential-repository.js';
import type {
  NewOAuthClient,
  OAuthClient,
  OAuthClientCredential,
  OAuthClientRepository,
} from './oauth-contract.js';
import type { OAuthClientsTable } from './tables.js';

function toClient(row: OAuthClientsTable): OAuthClient {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    description: row.description,
    scope: row.scope,
    secretHash: row.secret_hash,
    created: row.created,
    ...(row.last_used === null ? {} : { lastUsed: row.last_used }),
    ...(row.last_client_ip === null ? {} : { lastClientIp: row.last_client_ip }),
    ...(row.revoked === null ? {} : { revoked: row.revoked }),
  };
}

const OAUTH_CLIENTS: CredentialTable<'oauth_clients', OAuthClient> = {
  name: 'oauth_clients',
  owner: 'tenant_id',
  secretHash: 'secret_hash',
  noun: 'OAuth client',
  duplicateSecret: 'a client with this secret already exists',
  toRecord: toClient,
};

/** Every SCIM request with an access token runs this, so it is compiled once, like the token lookup. */
const selectCredential = preparedQuery(['id'], (db, { id }: { id: string }) =>
  db
    .selectFrom('oauth_clients')
    .innerJoin('tenants', 'tenants.id', 'oauth_clients.tenant_id')
    .selectAll('oauth_clients')
    .select(JOINED_TENANT_COLUMNS)
    .where('oauth_clients.id', '=', id)
    .where('tenants.deleted', 'is', null),
);

export class SqlOAuthClientRepository
  extends SqlCredentialRepository<'oauth_clients', OAuthClient>
  implements OAuthClientRepository
{
  constructor(context: StoreContext) {
    super(context, OAUTH_CLIENTS);
  }

  create(tenantId: string, input: NewOAuthClient): Promise<OAuthClient> {
    return this.insert({
      ...this.freshColumns(),
      tenant_id: tenantId,
      description: input.description,
      secret_hash: input.secretHash.toLowerCase(),
      scope: input.scope,
    });
  }

  async findCredential(clientId: string): Promise<OAuthClientCredential | undefined> {
    const [row] = (await selectCredential(this.context.db, { id: clientId })).rows;
    return row && { client: toClient(row), tenant: joinedTenant(row) };
  }
}
