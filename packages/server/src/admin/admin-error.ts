/**
 * The admin API's one error shape, `{ error: { code, message } }`: plain JSON for scripts and the CLI,
 * not SCIM's. Store errors (scim-core classes) and fastify's client errors are translated by status.
 */
import { isScimError } from '@provisio/scim-core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** Stable, documented codes: clients switch on these, never on messages. */
export type AdminErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'internal';

const CODES: Readonly<Record<number, AdminErrorCode>> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/** An admin API refusal with its HTTP status; thrown by routes and hooks, rendered by {@link sendAdminError}. */
export class AdminError extends Error {
  readonly code: AdminErrorCode;
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.code = CODES[status] ?? 'internal';
  }
}

export interface AdminErrorBody {
  readonly error: { readonly code: AdminErrorCode; readonly message: string };
}

/** The JSON schema of {@link AdminErrorBody}, for route declarations (and a future OpenAPI document). */
export const ADMIN_ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    },
  },
} as const;

function isClientStatus(status: unknown): status is number {
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 500;
}

const VALIDATED_PART: Readonly<Record<string, string>> = {
  querystring: 'query parameter',
  body: 'body field',
  params: 'path parameter',
  headers: 'header',
};

/**
 * Fastify's schema message names its own internals (`querystring/since must match format "date-time"`);
 * this names what the caller sent instead: `query parameter "since" must match format "date-time"`.
 */
function describeValidation(error: FastifyError): string {
  const [first] = error.validation ?? [];
  if (first === undefined) return error.message;
  const part = VALIDATED_PART[error.validationContext ?? ''] ?? 'request';
  const params = first.params as { missingProperty?: string; additionalProperty?: string };
  const field = [first.instancePath.slice(1).replaceAll('/', '.'), params.missingProperty]
    .filter(Boolean)
    .join('.');
  if (params.additionalProperty !== undefined) return `unknown ${part} "${params.additionalProperty}"`;
  if (params.missingProperty !== undefined) return `${part} "${field}" is required`;
  return field === '' ? `${part} ${first.message}` : `${part} "${field}" ${first.message}`;
}

function classify(error: unknown): AdminError {
  if (error instanceof AdminError) return error;
  if (isScimError(error) && error.expose) return new AdminError(error.status, error.message);
  const status = (error as FastifyError | undefined)?.statusCode;
  if (isClientStatus(status)) return new AdminError(status, describeValidation(error as FastifyError));
  return new AdminError(500, 'internal server error');
}

/** Sends `error` as an admin error body; 5xx are logged with the request id. */
export function sendAdminError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const refusal = classify(error);
  if (refusal.status >= 500) request.log.error({ err: error }, 'admin request failed');
  else request.log.info({ status: refusal.status, code: refusal.code }, 'admin request refused');
  const body: AdminErrorBody = { error: { code: refusal.code, message: refusal.message } };
  return reply.code(refusal.status).type('application/json; charset=utf-8').send(body);
}
