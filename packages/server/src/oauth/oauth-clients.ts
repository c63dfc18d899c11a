/** Minting OAuth clients: like bearer tokens, the secret is returned once and only its SHA-256 is stored. */
import type { OAuthClient, Repositories } from '@provisio/store';
import { mintSecret } from '../auth/tokens.js';

/** `scim` reads and writes; `scim:read` only queries (as for bearer tokens). */
export const SCIM_SCOPES = ['scim', 'scim:read'] as const;
export type ScimScope = (typeof SCIM_SCOPES)[number];

export interface IssuedOAuthClient {
  readonly client: OAuthClient;
  /** The client secret; show it once, it cannot be read back. */
  readonly secret: string;
}

export async function issueOAuthClient(
  repositories: Pick<Repositories, 'oauthClients'>,
  tenantId: string,
  request: { readonly description: string; readonly scope: ScimScope },
): Promise<IssuedOAuthClient> {
  const { secret, hash } = mintSecret('pvs_');
  const client = await repositories.oauthClients.create(tenantId, { ...request, secretHash: hash });
  return { client, secret };
}

/** The scopes a client holding `clientScope` may be granted: `scim` implies `scim:read`. */
export function grantableScopes(clientScope: string): readonly ScimScope[] {
  return clientScope.split(' ').includes('scim') ? SCIM_SCOPES : ['scim:read'];
}
