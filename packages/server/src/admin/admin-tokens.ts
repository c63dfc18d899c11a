/** Minting admin API tokens: like SCIM tokens, the secret is returned once and only its SHA-256 is kept. */
import type { AdminToken, Repositories } from '@provisio/store';
import { mintSecret } from '../auth/tokens.js';

/**
 * Admin secrets start `pva_` where SCIM secrets start `prv_`, so a leaked one is recognisable for what
 * it unlocks (and secret scanners can tell them apart).
 */
export const ADMIN_TOKEN_PREFIX = 'pva_';

export interface IssuedAdminToken {
  readonly token: AdminToken;
  /** The bearer secret; show it once, it cannot be read back. */
  readonly secret: string;
}

/** A 256-bit random secret for `adminId`. */
export async function issueAdminToken(
  repositories: Pick<Repositories, 'adminTokens'>,
  adminId: string,
  description: string,
  expires?: string,
): Promise<IssuedAdminToken> {
  const { secret, prefix, hash } = mintSecret(ADMIN_TOKEN_PREFIX);
  const token = await repositories.adminTokens.create(adminId, {
    description,
    prefix,
    hash,
    ...(expires === undefined ? {} : { expires }),
  });
  return { token, secret };
}
