/** OAuth 2.0 client credentials (RFC 6749 §4.4, issue 5): clients per tenant, and the keys tokens are signed with. */
import type { Tenant } from '../contract.js';

/** A client's record. The secret itself is never stored: only its SHA-256 (`hashTokenSecret`). */
export interface OAuthClient {
  /** The `client_id`. */
  readonly id: string;
  readonly tenantId: string;
  readonly description: string;
  /** Space-separated scopes its access tokens may carry (`scim` or `scim:read`). */
  readonly scope: string;
  /** Hex SHA-256 of the client secret. */
  readonly secretHash: string;
  readonly created: string;
  readonly lastUsed?: string;
  /** The client IP of the token request recorded in {@link lastUsed}. */
  readonly lastClientIp?: string;
  readonly revoked?: string;
}

export interface NewOAuthClient {
  readonly description: string;
  readonly scope: string;
  /** Hex SHA-256 of the secret: see `hashTokenSecret`. */
  readonly secretHash: string;
}

/** A client with its tenant: what the token endpoint and the SCIM authentication need. */
export interface OAuthClientCredential {
  readonly client: OAuthClient;
  readonly tenant: Tenant;
}

export interface OAuthClientRepository {
  create(tenantId: string, input: NewOAuthClient): Promise<OAuthClient>;
  /** The client and its tenant in one query; revoked clients too. A soft-deleted tenant's clients are not found. */
  findCredential(clientId: string): Promise<OAuthClientCredential | undefined>;
  /** In creation order. */
  list(tenantId: string): Promise<readonly OAuthClient[]>;
  /** Throws `NotFound` when the tenant has no such client. Revoking twice keeps the first time. */
  revoke(tenantId: string, id: string): Promise<OAuthClient>;
  /** Records a token request from `clientIp` now. */
  markUsed(id: string, clientIp: string): Promise<void>;
}

/** A key access tokens are signed with (JWS, RFC 7515). */
export interface SigningKey {
  /** The JWS `kid`. */
  readonly kid: string;
  readonly algorithm: 'HS256';
  /** The key material, base64url. */
  readonly secret: string;
  readonly created: string;
  /** From this time on the key signs nothing and verifies only tokens issued before it. */
  readonly retired?: string;
}

export interface SigningKeyRepository {
  /**
   * The key to sign with now: the newest one not retired. When there is none, or it was created before
   * `rotateBefore`, a new key is made and every older one retired, in one transaction, so processes
   * racing to rotate leave one current key.
   */
  current(rotateBefore: string): Promise<SigningKey>;
  get(kid: string): Promise<SigningKey | undefined>;
}
