/**
 * Who is calling: `Authorization: Bearer <secret>` (RFC 6750) → SHA-256 → the token record → its tenant.
 * Runs as an `onRequest` hook, before any body is read, and leaves a {@link TenantScope} on the request.
 *
 * Missing, unknown, revoked and expired tokens are all 401 with `WWW-Authenticate` (RFC 6750 §3); a
 * token used under another tenant's `/tenants/:slug` URL is 401 too, so the answer does not reveal which
 * slugs exist. A tenant with provisioning switched off, or a token without the `scim` scope, is 403.
 */
import { timingSafeEqual } from 'node:crypto';
import { Forbidden, TooManyRequests, Unauthorized } from '@provisio/scim-core';
import { type Store, type Tenant, type Token, type TokenCredential, hashTokenSecret } from '@provisio/store';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { RateLimiter } from './rate-limit.js';
import { type ScimLimits, type TenantScope, profileOf, registryOf } from './tenant-scope.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook of a SCIM mount; null elsewhere. */
    tenantScope: TenantScope | null;
  }
}

/** How a SCIM mount finds its tenant: from the token alone, or from the URL's `:slug` checked against it. */
export type TenantSource = 'token' | 'slug';

export interface AuthenticationOptions {
  readonly store: Store;
  readonly limits: ScimLimits;
  readonly rateLimiter: RateLimiter | undefined;
  /** The server's public base URL, e.g. `http://127.0.0.1:8080`. */
  readonly publicUrl: () => string;
  readonly tenantSource: TenantSource;
}

const REALM = 'Bearer realm="provisio"';
/**
 * "Last used" is recorded to the minute: writing it on every request would turn each read into a write
 * transaction. Deciding from the stored value keeps this correct across several server processes.
 */
const LAST_USED_RESOLUTION_MS = 60_000;

function isUseWorthRecording(token: Token, now: number): boolean {
  return token.lastUsed === undefined || now - Date.parse(token.lastUsed) >= LAST_USED_RESOLUTION_MS;
}
const SCIM_SCOPE = 'scim';

function refuse(reply: FastifyReply, detail: string, error?: 'invalid_token'): never {
  reply.header('www-authenticate', error ? `${REALM}, error="${error}"` : REALM);
  throw new Unauthorized(detail);
}

/** The secret of an RFC 6750 §2.1 `Bearer` credential; the scheme is case-insensitive. */
function bearerSecret(header: string | undefined): string | undefined {
  const match = header && /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
  return match ? match[1] : undefined;
}

/** Constant-time comparison of hex digests, so response timing says nothing about how much matched. */
function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The presented token and its tenant, found together by the secret's hash in one query. Nothing is cached
 * across requests: a token revoked (or a tenant disabled) by any server process is refused on its next use.
 */
async function verifyToken(
  store: Store,
  header: string | undefined,
  reply: FastifyReply,
): Promise<TokenCredential> {
  const secret = bearerSecret(header);
  if (secret === undefined) refuse(reply, 'an "Authorization: Bearer <token>" header is required');
  const digest = hashTokenSecret(secret);
  const credential = await store.tokens.findCredential(digest);
  if (!credential || !sameDigest(credential.token.hash, digest))
    refuse(reply, 'the bearer token is not valid', 'invalid_token');
  const { token } = credential;
  if (token.revoked !== undefined) refuse(reply, 'the bearer token has been revoked', 'invalid_token');
  if (token.expires !== undefined && Date.parse(token.expires) <= Date.now()) {
    refuse(reply, 'the bearer token has expired', 'invalid_token');
  }
  if (!token.scope.split(' ').includes(SCIM_SCOPE)) {
    reply.header('www-authenticate', `${REALM}, error="insufficient_scope", scope="${SCIM_SCOPE}"`);
    throw new Forbidden(`the bearer token lacks the "${SCIM_SCOPE}" scope`);
  }
  return credential;
}

/** The token's tenant, which under `/tenants/:slug` must be the one the URL names. */
function checkTenant(
  options: AuthenticationOptions,
  { tenant }: TokenCredential,
  slug: string | undefined,
  reply: FastifyReply,
): Tenant {
  if (options.tenantSource === 'slug' && slug !== undefined && tenant.slug !== slug)
    refuse(reply, 'the bearer token is not valid for this tenant', 'invalid_token');
  if (!tenant.provisioningEnabled)
    throw new Forbidden(`provisioning is disabled for tenant "${tenant.slug}"`);
  return tenant;
}

function baseUrlOf(options: AuthenticationOptions, tenant: Tenant): string {
  const mount =
    options.tenantSource === 'slug' ? `/tenants/${encodeURIComponent(tenant.slug)}/scim/v2` : '/scim/v2';
  return `${options.publicUrl()}${mount}`;
}

/** The hook: authenticates, resolves the tenant, applies its rate limit and records the token's use. */
export function authenticateTenant(options: AuthenticationOptions): onRequestAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const credential = await verifyToken(options.store, request.headers.authorization, reply);
    const { slug } = request.params as { slug?: string };
    const tenant = checkTenant(options, credential, slug, reply);
    const { token } = credential;
    const wait = options.rateLimiter?.take(tenant.id) ?? 0;
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new TooManyRequests(`tenant "${tenant.slug}" sent too many requests; retry after ${wait} s`);
    }
    if (isUseWorthRecording(token, Date.now())) await options.store.tokens.markUsed(token.id);
    request.tenantScope = {
      store: options.store,
      tenant,
      registry: registryOf(tenant),
      profile: profileOf(tenant),
      baseUrl: baseUrlOf(options, tenant),
      limits: options.limits,
    };
  };
}

/** The request's tenant scope; only SCIM routes, which run after the hook, call this. */
export function scopeOf(request: FastifyRequest): TenantScope {
  if (!request.tenantScope) throw new Error('a SCIM route ran without the authentication hook');
  return request.tenantScope;
}
