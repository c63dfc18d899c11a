/** How the admin API shows a SCIM token: never its hash, and its secret only in the answer that mints it. */
import type { Token, TokenLifecycle } from '@provisio/store';

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
): Pick<TokenView, 'status' | 'createdAt' | 'lastUsedAt' | 'expiresAt' | 'revokedAt'> {
  return {
    status: statusOf(token, now),
    createdAt: token.created,
    ...(token.lastUsed === undefined ? {} : { lastUsedAt: token.lastUsed }),
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

const STRING = { type: 'string' } as const;
const DATE_TIME = { type: 'string', format: 'date-time' } as const;

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
    expiresAt: DATE_TIME,
    revokedAt: DATE_TIME,
  },
} as const;

/** A token as minted: the view plus its `secret`, shown this once. */
export const ISSUED_TOKEN_SCHEMA = {
  ...TOKEN_SCHEMA,
  required: [...TOKEN_SCHEMA.required, 'secret'],
  properties: { ...TOKEN_SCHEMA.properties, secret: STRING },
} as const;
