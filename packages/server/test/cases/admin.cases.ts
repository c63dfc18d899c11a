/**
 * Admin API request/response cases. Each runs against a fresh tenant `{slug}` that has one `scim` token
 * `{tokenId}`; `{otherSlug}` is another tenant, `{origin}` the server, `{unique}` a fresh suffix. `auth`
 * picks the bearer credential.
 * Every admin refusal is `{ error: { code, message } }`; bearer challenges follow RFC 6750 §3.
 */

export type AdminAuth = 'admin' | 'none' | 'garbage' | 'scim' | 'revokedAdmin' | 'expiredAdmin';

export interface AdminCase {
  readonly title: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** From the origin, so SCIM paths can be probed with admin credentials too. */
  readonly path: string;
  /** Defaults to `admin`. */
  readonly auth?: AdminAuth;
  readonly body?: unknown;
  readonly status: number;
  /** A subset of the response body. */
  readonly expect?: unknown;
  /** Dotted paths that must not appear in the body. */
  readonly absent?: readonly string[];
  /** Dotted paths whose string value must match. */
  readonly matches?: Readonly<Record<string, RegExp>>;
  readonly wwwAuthenticate?: string;
}

const refused = (code: string) => ({ error: { code } });
const CHALLENGE = 'Bearer realm="provisio-admin"';
const INVALID_TOKEN = `${CHALLENGE}, error="invalid_token"`;
const TENANT_URLS = { byToken: '{origin}/scim/v2', bySlug: '{origin}/tenants/{slug}/scim/v2' };

export const AUTH_CASES: readonly AdminCase[] = [
  {
    title: 'RFC 6750 §3 no Authorization header on the admin API is 401 JSON with a challenge',
    method: 'GET',
    path: '/admin/api/tenants',
    auth: 'none',
    status: 401,
    expect: refused('unauthorized'),
    wwwAuthenticate: CHALLENGE,
  },
  {
    title: 'RFC 6750 §3.1 an unknown admin token is 401 invalid_token',
    method: 'GET',
    path: '/admin/api/tenants',
    auth: 'garbage',
    status: 401,
    expect: refused('unauthorized'),
    wwwAuthenticate: INVALID_TOKEN,
  },
  {
    title: 'a SCIM token does not open the admin API',
    method: 'GET',
    path: '/admin/api/tenants',
    auth: 'scim',
    status: 401,
    expect: refused('unauthorized'),
    wwwAuthenticate: INVALID_TOKEN,
  },
  {
    title: 'RFC 6750 §3.1 a revoked admin token is 401',
    method: 'GET',
    path: '/admin/api/tenants',
    auth: 'revokedAdmin',
    status: 401,
    expect: refused('unauthorized'),
    wwwAuthenticate: INVALID_TOKEN,
  },
  {
    title: 'RFC 6750 §3.1 an expired admin token is 401',
    method: 'GET',
    path: '/admin/api/tenants',
    auth: 'expiredAdmin',
    status: 401,
    expect: refused('unauthorized'),
  },
  {
    title: 'an unknown admin route without a token is 401, not 404',
    method: 'GET',
    path: '/admin/api/nothing',
    auth: 'none',
    status: 401,
    expect: refused('unauthorized'),
  },
  {
    title: 'an unknown admin route with a token is 404 JSON',
    method: 'GET',
    path: '/admin/api/nothing',
    status: 404,
    expect: refused('not_found'),
  },
  {
    title: 'RFC 7644 §2 an admin token does not open the SCIM API (SCIM 401 there)',
    method: 'GET',
    path: '/scim/v2/Users',
    status: 401,
    expect: { status: '401' },
  },
];

export const TENANT_CASES: readonly AdminCase[] = [
  {
    title: 'POST /tenants creates a tenant and answers 201 with both Tenant URLs',
    method: 'POST',
    path: '/admin/api/tenants',
    body: { name: 'Contoso', slug: 'contoso-{unique}' },
    status: 201,
    expect: {
      name: 'Contoso',
      slug: 'contoso-{unique}',
      provisioningEnabled: true,
      scimCompat: 'entra',
      tenantUrls: { byToken: '{origin}/scim/v2', bySlug: '{origin}/tenants/contoso-{unique}/scim/v2' },
    },
    matches: { id: /^[0-9a-f-]{36}$/, createdAt: /^\d{4}-\d\d-\d\dT/ },
  },
  {
    title: 'POST /tenants with a slug in use is 409 conflict',
    method: 'POST',
    path: '/admin/api/tenants',
    body: { name: 'Again', slug: '{slug}' },
    status: 409,
    expect: refused('conflict'),
  },
  {
    title: 'POST /tenants with a slug that is not URL-safe is 400',
    method: 'POST',
    path: '/admin/api/tenants',
    body: { name: 'Bad', slug: 'Not OK' },
    status: 400,
    expect: refused('invalid_request'),
  },
  {
    title: 'POST /tenants without a name is 400',
    method: 'POST',
    path: '/admin/api/tenants',
    body: { slug: 'nameless-{unique}' },
    status: 400,
    expect: refused('invalid_request'),
  },
  {
    title: 'POST /tenants with an unknown field is 400, not silently ignored',
    method: 'POST',
    path: '/admin/api/tenants',
    body: { name: 'X', slug: 'x-{unique}', provisioning: false },
    status: 400,
    expect: refused('invalid_request'),
    matches: { 'error.message': /unknown field "provisioning"/ },
  },
  {
    title: 'POST /tenants with a body that is not JSON is 400',
    method: 'POST',
    path: '/admin/api/tenants',
    body: '{broken',
    status: 400,
    expect: refused('invalid_request'),
  },
  {
    title: 'GET /tenants/:slug shows the tenant and its Tenant URLs',
    method: 'GET',
    path: '/admin/api/tenants/{slug}',
    status: 200,
    expect: { slug: '{slug}', provisioningEnabled: true, tenantUrls: TENANT_URLS },
  },
  {
    title: 'GET /tenants/:slug of an unknown slug is 404',
    method: 'GET',
    path: '/admin/api/tenants/nobody-{unique}',
    status: 404,
    expect: refused('not_found'),
  },
  {
    title: 'PATCH /tenants/:slug renames',
    method: 'PATCH',
    path: '/admin/api/tenants/{slug}',
    body: { name: 'Renamed' },
    status: 200,
    expect: { slug: '{slug}', name: 'Renamed', provisioningEnabled: true, tenantUrls: TENANT_URLS },
  },
  {
    title: 'PATCH /tenants/:slug switches provisioning off',
    method: 'PATCH',
    path: '/admin/api/tenants/{slug}',
    body: { provisioningEnabled: false },
    status: 200,
    expect: { slug: '{slug}', provisioningEnabled: false },
  },
  {
    title: 'PATCH /tenants/:slug with nothing to change is 400',
    method: 'PATCH',
    path: '/admin/api/tenants/{slug}',
    body: {},
    status: 400,
    expect: refused('invalid_request'),
  },
  {
    title: 'PATCH /tenants/:slug with a misspelt field is 400',
    method: 'PATCH',
    path: '/admin/api/tenants/{slug}',
    body: { provisioningEnable: false },
    status: 400,
    expect: refused('invalid_request'),
  },
  {
    title: 'PATCH /tenants/:slug of an unknown slug is 404',
    method: 'PATCH',
    path: '/admin/api/tenants/nobody-{unique}',
    body: { name: 'x' },
    status: 404,
    expect: refused('not_found'),
  },
];

export const TOKEN_CASES: readonly AdminCase[] = [
  {
    title: 'POST /tokens answers 201 with the secret, its prefix and id',
    method: 'POST',
    path: '/admin/api/tenants/{slug}/tokens',
    body: { description: 'Entra ID', scope: 'scim' },
    status: 201,
    expect: { description: 'Entra ID', scope: 'scim', status: 'active' },
    matches: { secret: /^prv_[A-Za-z0-9_-]{43}$/, prefix: /^prv_/, id: /^[0-9a-f-]{36}$/ },
    absent: ['hash', 'expiresAt', 'lastUsedAt', 'revokedAt'],
  },
  {
    title: 'POST /tokens takes the scim:read scope and an expiry',
    method: 'POST',
    path: '/admin/api/tenants/{slug}/tokens',
    body: { description: 'audit', scope: 'scim:read', expiresAt: '2999-01-01T00:00:00Z' },
    status: 201,
    expect: { scope: 'scim:read', expiresAt: '2999-01-01T00:00:00.000Z' },
  },
  {
    title: 'POST /tokens with an unknown scope is 400',
    method: 'POST',
    path: '/admin/api/tenants/{slug}/tokens',
    body: { description: 'x', scope: 'admin' },
    status: 400,
    expect: refused('invalid_request'),
  },
  {
    title: 'POST /tokens with an expiry in the past is 400',
    method: 'POST',
    path: '/admin/api/tenants/{slug}/tokens',
    body: { description: 'x', scope: 'scim', expiresAt: '2001-01-01T00:00:00Z' },
    status: 400,
    expect: refused('invalid_request'),
  },
  {
    title: 'POST /tokens with an expiry that is not a date-time is 400',
    method: 'POST',
    path: '/admin/api/tenants/{slug}/tokens',
    body: { description: 'x', scope: 'scim', expiresAt: 'next tuesday' },
    status: 400,
    expect: refused('invalid_request'),
  },
  {
    title: 'POST /tokens for an unknown tenant is 404',
    method: 'POST',
    path: '/admin/api/tenants/nobody-{unique}/tokens',
    body: { description: 'x', scope: 'scim' },
    status: 404,
    expect: refused('not_found'),
  },
  {
    title: 'GET /tokens lists prefixes and dates, never secrets or hashes',
    method: 'GET',
    path: '/admin/api/tenants/{slug}/tokens',
    status: 200,
    expect: { tokens: [{ id: '{tokenId}', description: 'test', scope: 'scim', status: 'active' }] },
    matches: { 'tokens.0.prefix': /^prv_/ },
    absent: ['tokens.0.secret', 'tokens.0.hash'],
  },
  {
    title: 'POST /tokens/:id/revoke answers the revoked token',
    method: 'POST',
    path: '/admin/api/tenants/{slug}/tokens/{tokenId}/revoke',
    status: 200,
    expect: { id: '{tokenId}', status: 'revoked' },
    matches: { revokedAt: /^\d{4}-/ },
    absent: ['secret'],
  },
  {
    title: 'POST /tokens/:id/revoke of an unknown id is 404',
    method: 'POST',
    path: '/admin/api/tenants/{slug}/tokens/nothing/revoke',
    status: 404,
    expect: refused('not_found'),
  },
  {
    title: 'POST /tokens/:id/rotate without overlapSeconds is 400',
    method: 'POST',
    path: '/admin/api/tenants/{slug}/tokens/{tokenId}/rotate',
    body: {},
    status: 400,
    expect: refused('invalid_request'),
  },
  {
    title: 'POST /tokens/:id/rotate with a negative overlap is 400',
    method: 'POST',
    path: '/admin/api/tenants/{slug}/tokens/{tokenId}/rotate',
    body: { overlapSeconds: -1 },
    status: 400,
    expect: refused('invalid_request'),
  },
  {
    title: 'POST /tokens/:id/rotate with an overlap over thirty days is 400',
    method: 'POST',
    path: '/admin/api/tenants/{slug}/tokens/{tokenId}/rotate',
    body: { overlapSeconds: 30 * 24 * 3600 + 1 },
    status: 400,
    expect: refused('invalid_request'),
  },
  {
    title: 'POST /tokens/:id/rotate of an unknown id is 404',
    method: 'POST',
    path: '/admin/api/tenants/{slug}/tokens/nothing/rotate',
    body: { overlapSeconds: 60 },
    status: 404,
    expect: refused('not_found'),
  },
  {
    title: "POST /tokens/:id/revoke under another tenant's slug is 404",
    method: 'POST',
    path: '/admin/api/tenants/{otherSlug}/tokens/{tokenId}/revoke',
    status: 404,
    expect: refused('not_found'),
  },
];
