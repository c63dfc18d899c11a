/** Minting bearer tokens: the secret is returned once and only its SHA-256 is stored. */
import { randomBytes } from 'node:crypto';
import { type Repositories, type Token, hashTokenSecret } from '@provisio/store';

export interface IssuedToken {
  readonly token: Token;
  /** The bearer secret; show it once, it cannot be read back. */
  readonly secret: string;
}

export interface TokenRequest {
  readonly description: string;
  /** Space-separated scopes; SCIM endpoints require `scim`. */
  readonly scope: string;
  /** ISO 8601 expiry; none when absent. */
  readonly expires?: string;
}

/** A 256-bit random secret, prefixed so it is recognisable in configuration files and secret scanners. */
export async function issueToken(
  repositories: Pick<Repositories, 'tokens'>,
  tenantId: string,
  request: TokenRequest,
): Promise<IssuedToken> {
  const secret = `prv_${randomBytes(32).toString('base64url')}`;
  const token = await repositories.tokens.create(tenantId, {
    ...request,
    prefix: secret.slice(0, 8),
    hash: hashTokenSecret(secret),
  });
  return { token, secret };
}
