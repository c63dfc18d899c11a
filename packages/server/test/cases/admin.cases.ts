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
    absent: ['hash', 'expiresAt', 'lastUsedAt', 'lastClientIp', 'revokedAt'],
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

const CONFIRM = /\?confirm=/;

export const TENANT_DELETION_CASES: readonly AdminCase[] = [
  {
    title: 'DELETE /tenants/:slug without ?confirm is 400 saying how to confirm',
    method: 'DELETE',
    path: '/admin/api/tenants/{slug}',
    status: 400,
    expect: refused('invalid_request'),
    matches: { 'error.message': CONFIRM },
  },
  {
    title: 'DELETE /tenants/:slug confirmed with another slug is 400',
    method: 'DELETE',
    path: '/admin/api/tenants/{slug}?confirm={otherSlug}',
    status: 400,
    expect: refused('invalid_request'),
    matches: { 'error.message': CONFIRM },
  },
  {
    title: 'DELETE /tenants/:slug?confirm=<slug> soft-deletes and answers the tenant with deletedAt',
    method: 'DELETE',
    path: '/admin/api/tenants/{slug}?confirm={slug}',
    status: 200,
    expect: { slug: '{slug}', tenantUrls: TENANT_URLS },
    matches: { deletedAt: /^\d{4}-\d\d-\d\dT/ },
  },
  {
    title: 'DELETE ?purge=true of a live tenant is 409: soft-delete first',
    method: 'DELETE',
    path: '/admin/api/tenants/{slug}?purge=true&confirm={slug}',
    status: 409,
    expect: refused('conflict'),
    matches: { 'error.message': /soft-delete it first/ },
  },
  {
    title: 'DELETE ?purge=true without ?confirm is 400',
    method: 'DELETE',
    path: '/admin/api/tenants/{slug}?purge=true',
    status: 400,
    expect: refused('invalid_request'),
  },
  {
    title: 'DELETE /tenants/:slug of an unknown slug is 404',
    method: 'DELETE',
    path: '/admin/api/tenants/nobody-{unique}?confirm=nobody-{unique}',
    status: 404,
    expect: refused('not_found'),
  },
  {
    title: 'POST /tenants/:slug/restore of a live tenant is 409',
    method: 'POST',
    path: '/admin/api/tenants/{slug}/restore',
    status: 409,
    expect: refused('conflict'),
  },
  {
    title: 'GET /tenants/:slug?deleted=true shows a live tenant too, without deletedAt',
    method: 'GET',
    path: '/admin/api/tenants/{slug}?deleted=true',
    status: 200,
    expect: { slug: '{slug}' },
    absent: ['deletedAt'],
  },
];

export const ADMIN_TOKEN_CASES: readonly AdminCase[] = [
  {
    title: 'POST /admin-tokens answers 201 with a pva_ secret shown this once',
    method: 'POST',
    path: '/admin/api/admin-tokens',
    body: { description: 'backup script', expiresAt: '2999-01-01T00:00:00Z' },
    status: 201,
    expect: { description: 'backup script', status: 'active', expiresAt: '2999-01-01T00:00:00.000Z' },
    matches: { secret: /^pva_[A-Za-z0-9_-]{43}$/, prefix: /^pva_/, id: /^[0-9a-f-]{36}$/ },
    absent: ['hash', 'scope', 'adminId'],
  },
  {
    title: 'POST /admin-tokens without a description is 400',
    method: 'POST',
    path: '/admin/api/admin-tokens',
    body: {},
    status: 400,
    expect: refused('invalid_request'),
  },
  {
    title: 'POST /admin-tokens with an expiry in the past is 400',
    method: 'POST',
    path: '/admin/api/admin-tokens',
    body: { description: 'x', expiresAt: '2001-01-01T00:00:00Z' },
    status: 400,
    expect: refused('invalid_request'),
  },
  {
    title: 'GET /admin-tokens lists prefixes and states, never secrets or hashes',
    method: 'GET',
    path: '/admin/api/admin-tokens',
    status: 200,
    matches: { 'tokens.0.prefix': /^pva_/, 'tokens.0.status': /^(active|revoked|expired)$/ },
    absent: ['tokens.0.secret', 'tokens.0.hash'],
  },
  {
    title: 'DELETE /admin-tokens/:id of an unknown id is 404',
    method: 'DELETE',
    path: '/admin/api/admin-tokens/nothing',
    status: 404,
    expect: refused('not_found'),
  },
  {
    title: 'the admin tokens API needs an admin credential',
    method: 'GET',
    path: '/admin/api/admin-tokens',
    auth: 'none',
    status: 401,
    expect: refused('unauthorized'),
    wwwAuthenticate: CHALLENGE,
  },
];

export const SESSION_CASES: readonly AdminCase[] = [
  {
    title: 'POST /session needs no credential, and a wrong password is 401',
    method: 'POST',
    path: '/admin/api/session',
    auth: 'none',
    body: { username: 'admin', password: 'not the password' },
    status: 401,
    expect: { error: { code: 'unauthorized', message: 'wrong username or password' } },
  },
  {
    title: 'POST /session for an unknown username gives the very same answer',
    method: 'POST',
    path: '/admin/api/session',
    auth: 'none',
    body: { username: 'nobody-{unique}', password: 'not the password' },
    status: 401,
    expect: { error: { code: 'unauthorized', message: 'wrong username or password' } },
  },
  {
    title: 'POST /session without a password is 400',
    method: 'POST',
    path: '/admin/api/session',
    auth: 'none',
    body: { username: 'admin' },
    status: 400,
    expect: refused('invalid_request'),
  },
  {
    title: 'GET /session with a bearer token says who is calling, without a CSRF token',
    method: 'GET',
    path: '/admin/api/session',
    status: 200,
    expect: { authenticatedBy: 'token', admin: { username: 'admin' } },
    absent: ['csrfToken', 'admin.passwordHash'],
  },
  {
    title: 'DELETE /session with a bearer token is 400: there is no session to end',
    method: 'DELETE',
    path: '/admin/api/session',
    status: 400,
    expect: refused('invalid_request'),
  },
  {
    title: 'POST /account/password with a wrong current password is 403',
    method: 'POST',
    path: '/admin/api/account/password',
    body: { currentPassword: 'not the password', newPassword: 'a new long passphrase' },
    status: 403,
    expect: { error: { code: 'forbidden', message: 'the current password is wrong' } },
  },
  {
    title: 'POST /account/password with a new password under 12 characters is 400',
    method: 'POST',
    path: '/admin/api/account/password',
    body: { currentPassword: 'whatever', newPassword: 'short' },
    status: 400,
    expect: refused('invalid_request'),
  },
  {
    title: 'GET /openapi.json needs no credential',
    method: 'GET',
    path: '/admin/api/openapi.json',
    auth: 'none',
    status: 200,
    expect: { openapi: '3.0.3', info: { title: 'Provisio admin API' } },
  },
];

export const READ_CASES: readonly AdminCase[] = [
  {
    title: 'GET /tenants/:slug/users of an empty tenant lists nothing',
    method: 'GET',
    path: '/admin/api/tenants/{slug}/users',
    status: 200,
    expect: { totalResults: 0, startIndex: 1, itemsPerPage: 0, resources: [] },
  },
  {
    title: 'GET /tenants/:slug/groups with a filter lists nothing in an empty tenant',
    method: 'GET',
    path: '/admin/api/tenants/{slug}/groups?filter=displayName%20eq%20%22x%22',
    status: 200,
    expect: { totalResults: 0, resources: [] },
  },
  {
    title: 'RFC 7644 §3.4.2.2 a filter that does not parse is a 400 admin error, not SCIM invalidFilter',
    method: 'GET',
    path: '/admin/api/tenants/{slug}/users?filter=userName%20eq',
    status: 400,
    expect: refused('invalid_request'),
    absent: ['scimType', 'schemas'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 a filter on an unknown attribute is 400',
    method: 'GET',
    path: '/admin/api/tenants/{slug}/users?filter=shoeSize%20eq%2042',
    status: 400,
    expect: refused('invalid_request'),
  },
  {
    title: 'RFC 7644 §3.4.2.4 startIndex 0 is 400',
    method: 'GET',
    path: '/admin/api/tenants/{slug}/users?startIndex=0',
    status: 400,
    expect: refused('invalid_request'),
  },
  {
    title: 'a count that is not a number is 400',
    method: 'GET',
    path: '/admin/api/tenants/{slug}/groups?count=many',
    status: 400,
    expect: refused('invalid_request'),
  },
  {
    title: 'GET /tenants/:slug/users/:id of an unknown id is 404',
    method: 'GET',
    path: '/admin/api/tenants/{slug}/users/nothing',
    status: 404,
    expect: refused('not_found'),
  },
  {
    title: 'GET /tenants/:slug/groups/:id of an unknown id is 404',
    method: 'GET',
    path: '/admin/api/tenants/{slug}/groups/nothing',
    status: 404,
    expect: refused('not_found'),
  },
  {
    title: 'GET /tenants/:slug/users of an unknown tenant is 404',
    method: 'GET',
    path: '/admin/api/tenants/nobody-{unique}/users',
    status: 404,
    expect: refused('not_found'),
  },
];
