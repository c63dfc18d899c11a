/** OAuth clients and signing keys (migration 0006), declared beside their repositories. */
export interface OAuthClientsTable {
  /** The `client_id`. */
  id: string;
  tenant_id: string;
  description: string;
  /** Hex SHA-256 of the client secret; unique. */
  secret_hash: string;
  /** Space-separated: `scim` or `scim:read`. */
  scope: string;
  created: string;
  last_used: string | null;
  /** The client IP of the use recorded in `last_used` (migration 0009). */
  last_client_ip: string | null;
  revoked: string | null;
}

export interface OAuthSigningKeysTable {
  kid: string;
  /** The JWS `alg`; `HS256` today. */
  algorithm: string;
  /** The key material, base64url. */
  secret: string;
  created: string;
  /** From this time on the key signs nothing and verifies only tokens issued before it. */
  retired: string | null;
}

export interface OAuthTables {
  oauth_clients: OAuthClientsTable;
  oauth_signing_keys: OAuthSigningKeysTable;
}
