/**
 * Who is calling the admin API: `Authorization: Bearer pva_…` → SHA-256 → the admin token → its admin.
 * Missing, unknown, revoked and expired tokens are all 401 with a `WWW-Authenticate` challenge (RFC 6750
 * §3). SCIM tokens live in another table, so they never open the admin API (nor admin tokens SCIM).
 */
import { type AdminToken, type Store, hashTokenSecret } from '@provisio/store';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { bearerSecret, isUseWorthRecording, sameDigest } from '../auth/bearer.js';
import { AdminError } from './admin-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the admin API's authentication hook; null elsewhere. */
    adminToken: AdminToken | null;
  }
}

const REALM = 'Bearer realm="provisio-admin"';

function refuse(reply: FastifyReply, message: string, error?: 'invalid_token'): never {
  reply.header('www-authenticate', error ? `${REALM}, error="${error}"` : REALM);
  throw new AdminError(401, message);
}

async function verifyAdminToken(store: Store, request: FastifyRequest, reply: FastifyReply) {
  const secret = bearerSecret(request.headers.authorization);
  if (secret === undefined) refuse(reply, 'an "Authorization: Bearer <admin token>" header is required');
  const digest = hashTokenSecret(secret);
  const token = await store.adminTokens.findByHash(digest);
  if (!token || !sameDigest(token.hash, digest))
    refuse(reply, 'the admin token is not valid', 'invalid_token');
  if (token.revoked !== undefined) refuse(reply, 'the admin token has been revoked', 'invalid_token');
  if (token.expires !== undefined && Date.parse(token.expires) <= Date.now()) {
    refuse(reply, 'the admin token has expired', 'invalid_token');
  }
  return token;
}

/** The hook: authenticates and records the token's use (to the minute). */
export function authenticateAdmin(store: Store): onRequestAsyncHookHandler {
  return async (request, reply) => {
    const token = await verifyAdminToken(store, request, reply);
    if (isUseWorthRecording(token.lastUsed, Date.now())) await store.adminTokens.markUsed(token.id);
    request.adminToken = token;
  };
}
