/**
 * Who is calling the admin API, by one of two credentials:
 * - `Authorization: Bearer pva_…` (scripts, the CLI) → SHA-256 → the admin token → its admin. Missing,
 *   unknown, revoked and expired tokens are all 401 with a `WWW-Authenticate` challenge (RFC 6750 §3).
 *   SCIM tokens live in another table, so they never open the admin API (nor admin tokens SCIM).
 * - the console's `provisio_session` cookie → SHA-256 → the session → its admin. A browser sends a cookie
 *   on its own, so every unsafe method must also carry the session's `X-CSRF-Token`; a bearer token is
 *   never sent on its own, so bearer calls need none. While the admin still has the generated first-start
 *   password, a session may only change it.
 * A bearer header wins over a cookie. Routes marked `adminAccess: 'public'` (login, the OpenAPI document)
 * need neither.
 */
import { type Admin, type AdminSession, type AdminToken, type Store, hashTokenSecret } from '@provisio/store';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { bearerSecret, isUseWorthRecording, sameDigest } from '../auth/bearer.js';
import { AdminError } from './admin-error.js';
import { CSRF_HEADER, SESSION_COOKIE, isCsrfTokenOf, isSessionLive } from './console-session.js';

/**
 * What a route lets through: `public` needs no credential; `beforePasswordChange` is open to a session
 * whose admin must still change the first-start password (the default is not).
 */
export type AdminAccess = 'public' | 'beforePasswordChange';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the admin API's authentication hook for bearer calls; null elsewhere. */
    adminToken: AdminToken | null;
    /** Set by the admin API's authentication hook for console (cookie) calls; null elsewhere. */
    adminSession: AdminSession | null;
  }
  interface FastifyContextConfig {
    adminAccess?: AdminAccess;
  }
}

const REALM = 'Bearer realm="provisio-admin"';
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

function refuse(reply: FastifyReply, message: string, error?: 'invalid_token'): never {
  reply.header('www-authenticate', error ? `${REALM}, error="${error}"` : REALM);
  throw new AdminError(401, message);
}

async function verifyAdminToken(
  store: Store,
  secret: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<AdminToken> {
  const digest = hashTokenSecret(secret);
  const token = await store.adminTokens.findByHash(digest);
  if (!token || !sameDigest(token.hash, digest))
    refuse(reply, 'the admin token is not valid', 'invalid_token');
  if (token.revoked !== undefined) refuse(reply, 'the admin token has been revoked', 'invalid_token');
  if (token.expires !== undefined && Date.parse(token.expires) <= Date.now()) {
    refuse(reply, 'the admin token has expired', 'invalid_token');
  }
  if (isUseWorthRecording(token.lastUsed, Date.now())) await store.adminTokens.markUsed(token.id, request.ip);
  return token;
}

async function verifySession(
  store: Store,
  secret: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<{ session: AdminSession; admin: Admin }> {
  const digest = hashTokenSecret(secret);
  const found = await store.adminSessions.findWithAdmin(digest);
  const now = Date.now();
  if (!found || !sameDigest(found.session.id, digest)) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    refuse(reply, 'the console session is not valid; log in again');
  }
  if (!isSessionLive(found.session, now)) {
    await store.adminSessions.delete(found.session.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    refuse(reply, 'the console session has expired; log in again');
  }
  if (!SAFE_METHODS.has(request.method) && !isCsrfTokenOf(headerOf(request, CSRF_HEADER), secret)) {
    throw new AdminError(
      403,
      `a ${request.method} with the console session needs the session's ${CSRF_HEADER} header`,
    );
  }
  if (found.admin.mustChangePassword && request.routeOptions.config.adminAccess !== 'beforePasswordChange') {
    throw new AdminError(
      403,
      'the first-start password must be changed before anything else: POST /admin/api/account/password',
    );
  }
  if (isUseWorthRecording(found.session.lastSeen, now)) await store.adminSessions.markSeen(found.session.id);
  return found;
}

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The hook: authenticates by bearer token or session cookie, and records the use (to the minute). */
export function authenticateAdmin(store: Store): onRequestAsyncHookHandler {
  return async (request, reply) => {
    if (request.routeOptions.config.adminAccess === 'public') return;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const secret = bearerSecret(authorization);
      if (secret === undefined) refuse(reply, 'an "Authorization: Bearer <admin token>" header is required');
      request.adminToken = await verifyAdminToken(store, secret, request, reply);
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie === undefined || cookie === '')
      refuse(reply, 'an "Authorization: Bearer <admin token>" header or a console session is required');
    request.adminSession = (await verifySession(store, cookie, request, reply)).session;
  };
}

/** The id of the admin a request acts for; only routes behind the hook call this. */
export function adminIdOf(request: FastifyRequest): string {
  const adminId = request.adminToken?.adminId ?? request.adminSession?.adminId;
  if (adminId === undefined) throw new Error('an admin route ran without the authentication hook');
  return adminId;
}
