/**
 * Who is calling: `Authorization: Bearer <secret>` (RFC 6750) → SHA-256 → the token record → its tenant;
 * or, for a bearer that is a JWT, an OAuth access token → its client → the client's tenant.
 * Runs as an `onRequest` hook, before any body is read, and leaves a {@link TenantScope} on the request.
 *
 * Missing, unknown, revoked and expired tokens are all 401 with `WWW-Authenticate` (RFC 6750 §3); a
 * token used under another tenant's `/tenants/:slug` URL is 401 too, so the answer does not reveal which
 * slugs exist. A tenant with provisioning switched off, or a token whose scope does not cover the request
 * (`scim` reads and writes, `scim:read` only reads), is 403.
 */
import { Forbidden, TooManyRequests, Unauthorized } from '@provisio/scim-core';
import { type Store, type Tenant, type Token, hashTokenSecret } from '@provisio/store';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { bearerSecret, isUseWorthRecording, sameDigest } from '../auth/bearer.js';
import { type AccessTokens, looksLikeJwt } from '../oauth/access-tokens.js';
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
  readonly accessTokens: AccessTokens;
}

/** A verified credential: a bearer token, or an OAuth access token standing for its client. */
interface Caller {
  /** The token's id, or the OAuth client's. */
  readonly id: string;
  readonly scope: string;
  readonly tenant: Tenant;
  /** Set for a bearer token, whose use is recorded per request; a client's is recorded when it gets a token. */
  readonly token?: Token;
}

const REALM = 'Bearer realm="provisio"';
const SCIM_SCOPE = 'scim';
const SCIM_READ_SCOPE = 'scim:read';

function refuse(reply: FastifyReply, detail: string, error?: 'invalid_token'): never {
  reply.header('www-authenticate', error ? `${REALM}, error="${error}"` : REALM);
  throw new Unauthorized(detail);
}

/** A query: GET, or POST `/.search`, which RFC 7644 §3.4.3 defines as a query sent in a body. */
function isRead(request: FastifyRequest): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  return request.method === 'POST' && (request.routeOptions.url ?? '').endsWith('/.search');
}

/** `scim` may read and write; `scim:read` may only read (RFC 6750 §3.1 insufficient_scope otherwise). */
function checkScope(scope: string, request: FastifyRequest, reply: FastifyReply): void {
  const scopes = scope.split(' ');
  if (scopes.includes(SCIM_SCOPE) || (scopes.includes(SCIM_READ_SCOPE) && isRead(request))) return;
  reply.header('www-authenticate', `${REALM}, error="insufficient_scope", scope="${SCIM_SCOPE}"`);
  throw new Forbidden(
    scopes.includes(SCIM_READ_SCOPE)
      ? 'the bearer token is read-only ("scim:read"); writing needs the "scim" scope'
      : `the bearer token lacks the "${SCIM_SCOPE}" scope`,
  );
}

/**
 * The presented token and its tenant, found together by the secret's hash in one query. Nothing is cached
 * across requests: a token revoked (or a tenant disabled) by any server process is refused on its next use.
 */
async function verifyToken(store: Store, secret: string, reply: FastifyReply): Promise<Caller> {
  const digest = hashTokenSecret(secret);
  const credential = await store.tokens.findCredential(digest);
  if (!credential || !sameDigest(credential.token.hash, digest))
    refuse(reply, 'the bearer token is not valid', 'invalid_token');
  const { token } = credential;
  if (token.revoked !== undefined) refuse(reply, 'the bearer token has been revoked', 'invalid_token');
  if (token.expires !== undefined && Date.parse(token.expires) <= Date.now()) {
    refuse(reply, 'the bearer token has expired', 'invalid_token');
  }
  return { id: token.id, scope: token.scope, tenant: credential.tenant, token };
}

/**
 * An OAuth access token (issue 5): signature, issuer and expiry checked by {@link AccessTokens}, then its
 * client read with the client's tenant in one query, so a revoked client (or a disabled tenant) is refused
 * on the next request, as for bearer tokens. The tenant is the token's `aud`, and must be the client's.
 */
async function verifyAccessToken(
  options: AuthenticationOptions,
  jwt: string,
  reply: FastifyReply,
): Promise<Caller> {
  const check = await options.accessTokens.verify(jwt);
  if (!check.ok) refuse(reply, check.reason, 'invalid_token');
  const { grant } = check;
  const credential = await options.store.oauthClients.findCredential(grant.clientId);
  if (!credential || credential.tenant.id !== grant.tenantId)
    refuse(reply, 'the access token is not valid', 'invalid_token');
  if (credential.client.revoked !== undefined)
    refuse(reply, 'the OAuth client of the access token has been revoked', 'invalid_token');
  return { id: credential.client.id, scope: grant.scope, tenant: credential.tenant };
}

/** The token's tenant, which under `/tenants/:slug` must be the one the URL names. */
function checkTenant(
  options: AuthenticationOptions,
  { tenant }: Caller,
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
    const secret = bearerSecret(request.headers.authorization);
    if (secret === undefined) refuse(reply, 'an "Authorization: Bearer <token>" header is required');
    const caller = looksLikeJwt(secret)
      ? await verifyAccessToken(options, secret, reply)
      : await verifyToken(options.store, secret, reply);
    request.activityCaller = { tenantId: caller.tenant.id, tokenId: caller.id };
    checkScope(caller.scope, request, reply);
    const { slug } = request.params as { slug?: string };
    const tenant = checkTenant(options, caller, slug, reply);
    const { token } = caller;
    const wait = options.rateLimiter?.take(tenant.id) ?? 0;
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new TooManyRequests(`tenant "${tenant.slug}" sent too many requests; retry after ${wait} s`);
    }
    if (token && isUseWorthRecording(token.lastUsed, Date.now()))
      await options.store.tokens.markUsed(token.id, request.ip);
    request.tenantScope = {
      store: options.store,
      tenant,
      registry: await registryOf(options.store, tenant),
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
