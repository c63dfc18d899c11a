/** The bulk response message (RFC 7644 §3.7.3). */
import type { ScimError, ScimErrorBody } from '../errors.js';
import type { BulkMethod } from './bulk-request.js';

export const BULK_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

interface BulkOutcomeBase {
  readonly method: BulkMethod;
  readonly bulkId?: string;
}

/** An operation that succeeded: its HTTP status, the resource URL and ETag, and an optional body. */
export interface BulkSuccess extends BulkOutcomeBase {
  readonly status: number;
  readonly location: string;
  readonly version?: string;
  readonly response?: unknown;
}

/** An operation that failed; `location` is known unless a POST failed. */
export interface BulkFailure extends BulkOutcomeBase {
  readonly error: ScimError;
  readonly location?: string;
}

export type BulkOutcome = BulkSuccess | BulkFailure;

/** One entry of the response's `Operations`. */
export interface BulkOperationResponse {
  readonly method: BulkMethod;
  readonly bulkId?: string;
  readonly version?: string;
  readonly location?: string;
  /** The HTTP status code, as a string like the RFC's examples. */
  readonly status: string;
  readonly response?: unknown;
}

export interface BulkResponse {
  readonly schemas: readonly [typeof BULK_RESPONSE_SCHEMA];
  readonly Operations: readonly BulkOperationResponse[];
}

function describeOutcome(outcome: BulkOutcome): BulkOperationResponse {
  const common = {
    method: outcome.method,
    ...(outcome.bulkId !== undefined ? { bulkId: outcome.bulkId } : {}),
  };
  if ('error' in outcome) {
    // A failed operation carries the same error body a single request would get (RFC 7644 §3.12).
    const response: ScimErrorBody = outcome.error.toBody();
    return {
      ...common,
      ...(outcome.location !== undefined ? { location: outcome.location } : {}),
      status: response.status,
      response,
    };
  }
  return {
    ...common,
    ...(outcome.version !== undefined ? { version: outcome.version } : {}),
    location: outcome.location,
    status: String(outcome.status),
    ...(outcome.response !== undefined ? { response: outcome.response } : {}),
  };
}

/**
 * Builds the BulkResponse from the outcomes of the operations that ran, in order.
 *
 * @example bulkResponse([{ method: 'POST', bulkId: 'q1', status: 201, location: 'https://…/Users/92b7' }])
 */
export function bulkResponse(outcomes: readonly BulkOutcome[]): BulkResponse {
  return { schemas: [BULK_RESPONSE_SCHEMA], Operations: outcomes.map(describeOutcome) };
}
