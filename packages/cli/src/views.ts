/**
 * The parts of the admin API's answers the CLI prints (the server's `TenantView`, `TokenView` and
 * `SchemaView`).
 */

export interface Tenant {
  readonly slug: string;
  readonly name: string;
  readonly provisioningEnabled: boolean;
  readonly createdAt: string;
  /** Set while the tenant is soft-deleted. */
  readonly deletedAt?: string;
  readonly tenantUrls: { readonly byToken: string; readonly bySlug: string };
}

export interface Token {
  readonly id: string;
  readonly description: string;
  readonly scope: string;
  readonly prefix: string;
  readonly status: string;
  readonly createdAt: string;
  readonly lastUsedAt?: string;
  readonly lastClientIp?: string;
  readonly expiresAt?: string;
}

/** A token as minted: the only answer that carries the secret. */
export interface IssuedToken extends Token {
  readonly secret: string;
}

export interface RotatedToken extends IssuedToken {
  readonly replaced: Token;
}

/** A tenant's custom schema extension. */
export interface Schema {
  readonly id: string;
  readonly name: string;
  readonly resourceType: string;
  readonly required: boolean;
  readonly attributes: readonly { readonly name: string }[];
  readonly createdAt: string;
}
