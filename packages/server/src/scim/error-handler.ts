/**
 * The one place errors become responses: every failure under a SCIM mount is an RFC 7644 §3.12 error body
 * (`status` as a string) in `application/scim+json`. ScimErrors render themselves; fastify's own client
 * errors (body too large, unsupported media type, unknown route) keep their status; anything else is a
 * 500 with a generic detail and a log line carrying the request id.
 */
import {
  ERROR_SCHEMA,
  InternalError,
  InvalidSyntax,
  NotFound,
  PayloadTooLarge,
  ScimError,
  type ScimErrorBody,
  isScimError,
} from '@provisio/scim-core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { SCIM_MEDIA_TYPE } from './media-type.js';

interface RenderedError {
  readonly status: number;
  readonly body: ScimErrorBody;
}

const isClientStatus = (status: unknown): status is number =>
  typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 500;

/** Fastify reports client faults with a `statusCode`; those with a SCIM class get it. */
function fromFastify(error: FastifyError & { statusCode: number }): ScimError | RenderedError {
  switch (error.statusCode) {
    case 400:
      return new InvalidSyntax(error.message);
    case 404:
      return new NotFound(error.message);
    case 413:
      return new PayloadTooLarge(error.message);
    default:
      // 415 and the like have no SCIM class; the body keeps the RFC 7644 §3.12 shape all the same.
      return {
        status: error.statusCode,
        body: { schemas: [ERROR_SCHEMA], status: String(error.statusCode), detail: error.message },
      };
  }
}

function render(error: ScimError | RenderedError): RenderedError {
  return error instanceof ScimError ? { status: error.status, body: error.toBody() } : error;
}

function classify(error: unknown): ScimError | RenderedError {
  if (isScimError(error)) return error;
  const fastifyError = error as FastifyError | undefined;
  if (isClientStatus(fastifyError?.statusCode))
    return fromFastify(fastifyError as FastifyError & { statusCode: number });
  return new InternalError('internal server error');
}

/**
 * Sends `error` as a SCIM error response; 5xx are logged with the request id (`reqId`). Headers set before
 * the throw (`WWW-Authenticate`, `Retry-After`) are kept.
 */
export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const rendered = render(classify(error));
  if (rendered.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ status: rendered.status, detail: rendered.body.detail }, 'request refused');
  return reply.code(rendered.status).type(SCIM_MEDIA_TYPE).send(rendered.body);
}
