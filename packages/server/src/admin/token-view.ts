/** How the admin API shows a SCIM token: never its hash, and its secret only in the answer that mints it. */
import type { Token, TokenLifecycle } from '@provisio/store';
import { DATE_TIME, STRING, withRequired } from './json-schema.js';

export type TokenStatus = 'active' | 'expired' | 'revoked';

export interface TokenView {
  readonly id: string;
  readonly description: string;
  readonly scope: string;
  /** The secret's first characters, so admins can tell tokens apart. */
  readonly prefix: string;
  readonly status: TokenStatus;
  readonly createdAt: string;
  readonly lastUsedAt?: string;
  /** The client IP of the use recorded in `lastUsedAt`. */
  readonly lastClientIp?: string;
  readonly expiresAt?: string;
  readonly revokedAt?: string;
}

export function statusOf(token: TokenLifecycle, now: number): TokenStatus {
  if (token.revoked !== undefined) return 'revoked';
  if (token.expires !== undefined && Date.parse(token.expires) <= now) return 'expired';
  return 'active';
}

/** The status and times every credential view shows (SCIM and admin tokens alike). */
export function viewLifecycle(
  token: TokenLifecycle,
  now: number,
): Pick<TokenView, 'status' | 'createdAt' | 'lastUsedAt' | 'lastClientIp' | 'expiresAt' | 'revokedAt'> {
  return {
    status: statusOf(token, now),
    createdAt: token.created,
    ...(token.lastUsed === undefined ? {} : { lastUsedAt: token.lastUsed }),
    ...(token.lastClientIp === undefined ? {} : { lastClientIp: token.lastClientIp }),
    ...(token.expires === undefined ? {} : { expiresAt: token.expires }),
    ...(token.revoked === undefined ? {} : { revokedAt: token.revoked }),
  };
}

export function viewToken(token: Token, now: number): TokenView {
  return {
    id: token.id,
    description: token.description,
    scope: token.scope,
    prefix: token.prefix,
    ...viewLifecycle(token, now),
  };
}

/** The JSON schema of {@link TokenView}. */
export const TOKEN_SCHEMA = {
  type: 'object',
  required: ['id', 'description', 'scope', 'prefix', 'status', 'createdAt'],
  properties: {
    id: STRING,
    description: STRING,
    scope: STRING,
    prefix: STRING,
    status: { type: 'string', enum: ['active', 'expired', 'revoked'] },
    createdAt: DATE_TIME,
    lastUsedAt: DATE_TIME,
    lastClientIp: STRING,
    expiresAt: DATE_TIME,
    revokedAt: DATE_TIME,
  },
} as const;

/** A token as minted: the view plus its `secret`, shown this once. */
export const ISSUED_TOKEN_SCHEMA = withRequired(TOKEN_SCHEMA, { secret: STRING });
