/**
 * RFC 6749 §5.2 error responses of the token endpoint: `{ error, error_description }`, never cached. Only
 * the codes this server can answer are listed.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'server_error';

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: OAuthErrorCode,
    description: string,
  ) {
    super(description);
  }
}

/** RFC 6749 §5.2: a failed client authentication is a 401 with a challenge for the scheme the server takes. */
export function invalidClient(description: string): OAuthError {
  return new OAuthError(401, 'invalid_client', description);
}

/** RFC 6749 §5.1: neither answer of the token endpoint may be stored by a cache. */
export function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
}

function classify(error: unknown): OAuthError {
  if (error instanceof OAuthError) return error;
  const status = (error as FastifyError | undefined)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new OAuthError(status, 'invalid_request', (error as FastifyError).message);
  }
  return new OAuthError(500, 'server_error', 'internal server error');
}

export function sendOAuthError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const refusal = classify(error);
  if (refusal.status >= 500) request.log.error({ err: error }, 'token request failed');
  else request.log.info({ status: refusal.status, error: refusal.code }, 'token request refused');
  if (refusal.code === 'invalid_client') reply.header('www-authenticate', 'Basic realm="provisio"');
  return noStore(reply)
    .code(refusal.status)
    .type('application/json; charset=utf-8')
    .send({ error: refusal.code, error_description: refusal.message });
}
