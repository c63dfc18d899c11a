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

/**
 * A 256-bit random secret behind a short prefix (`prv_` SCIM, `pva_` admin) that makes a leaked secret
 * recognisable for what it unlocks, in configuration files and to secret scanners.
 */
export function mintSecret(prefix: string): { secret: string; prefix: string; hash: string } {
  const secret = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { secret, prefix: secret.slice(0, 8), hash: hashTokenSecret(secret) };
}

/** Mints a SCIM bearer token for `tenantId`. */
export async function issueToken(
  repositories: Pick<Repositories, 'tokens'>,
  tenantId: string,
  request: TokenRequest,
): Promise<IssuedToken> {
  const { secret, prefix, hash } = mintSecret('prv_');
  const token = await repositories.tokens.create(tenantId, { ...request, prefix, hash });
  return { token, secret };
}
