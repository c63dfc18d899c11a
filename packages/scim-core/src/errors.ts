/**
 * The only error vocabulary of SCIM in Provisio (RFC 7644 §3.12, RFC 9865 §6).
 *
 * Each class fixes its HTTP status, so only legal status/scimType pairs can be built. Throw them anywhere;
 * the server renders them in one place with {@link ScimError.toBody}.
 */

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The `scimType` keywords: RFC 7644 Table 9, plus RFC 9865's cursor errors. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'
  | 'invalidCursor'
  | 'expiredCursor';

/** Statuses with an error body (RFC 7644 §3.12, plus 429 which SCIM servers answer in the same shape). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 429 | 500 | 501;

/** A stable code per error class, so callers can `switch (error.code)` and TypeScript narrows. */
export type ScimErrorCode =
  | ScimType
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'preconditionFailed'
  | 'payloadTooLarge'
  | 'tooManyRequests'
  | 'internal'
  | 'notImplemented';

export interface ScimErrorBody {
  readonly schemas: readonly [typeof ERROR_SCHEMA];
  readonly status: string;
  readonly scimType?: ScimType;
  readonly detail: string;
}

export abstract class ScimError extends Error {
  abstract readonly code: ScimErrorCode;
  abstract readonly status: ErrorStatus;
  readonly scimType: ScimType | undefined = undefined;
  /** Server faults hide their detail from clients; everything else is the client's to read. */
  get expose(): boolean {
    return this.status < 500 || this.status === 501;
  }

  toBody(): ScimErrorBody {
    const detail = this.expose ? this.message : 'internal server error';
    return this.scimType === undefined
      ? { schemas: [ERROR_SCHEMA], status: String(this.status), detail }
      : { schemas: [ERROR_SCHEMA], status: String(this.status), scimType: this.scimType, detail };
  }
}

abstract class BadRequest extends ScimError {
  readonly status = 400 as const;
}

/** The filter syntax was invalid, or the attribute and comparison combination is not supported. */
export class InvalidFilter extends BadRequest {
  readonly code = 'invalidFilter' as const;
  override readonly scimType = 'invalidFilter' as const;
}
/** The filter yields more results than the server is willing to compute or return. */
export class TooMany extends BadRequest {
  readonly code = 'tooMany' as const;
  override readonly scimType = 'tooMany' as const;
}
/** An attempt to modify a `readOnly` or already set `immutable` attribute. */
export class Mutability extends BadRequest {
  readonly code = 'mutability' as const;
  override readonly scimType = 'mutability' as const;
}
/** The request body structure was invalid or did not conform to the schema. */
export class InvalidSyntax extends BadRequest {
  readonly code = 'invalidSyntax' as const;
  override readonly scimType = 'invalidSyntax' as const;
}
/** The `path` attribute was invalid or malformed. */
export class InvalidPath extends BadRequest {
  readonly code = 'invalidPath' as const;
  override readonly scimType = 'invalidPath' as const;
}
/** The PATCH `path` did not yield an attribute or value that could be operated on. */
export class NoTarget extends BadRequest {
  readonly code = 'noTarget' as const;
  override readonly scimType = 'noTarget' as const;
}
/** A required value was missing, or a value was not compatible with the attribute's type. */
export class InvalidValue extends BadRequest {
  readonly code = 'invalidValue' as const;
  override readonly scimType = 'invalidValue' as const;
}
/** The SCIM protocol version in the request is not supported. */
export class InvalidVers extends BadRequest {
  readonly code = 'invalidVers' as const;
  override readonly scimType = 'invalidVers' as const;
}
/** The request cannot be completed because it would expose sensitive information (e.g. a filter in a URL). */
export class Sensitive extends BadRequest {
  readonly code = 'sensitive' as const;
  override readonly scimType = 'sensitive' as const;
}
/** RFC 9865: the cursor is malformed or was not issued for this query. */
export class InvalidCursor extends BadRequest {
  readonly code = 'invalidCursor' as const;
  override readonly scimType = 'invalidCursor' as const;
}
/** RFC 9865: the cursor was valid but has expired. */
export class ExpiredCursor extends BadRequest {
  readonly code = 'expiredCursor' as const;
  override readonly scimType = 'expiredCursor' as const;
}

/** One or more unique attribute values are already in use (RFC 7644 §3.3: 409). */
export class Uniqueness extends ScimError {
  readonly code = 'uniqueness' as const;
  readonly status = 409 as const;
  override readonly scimType = 'uniqueness' as const;
}

export class Unauthorized extends ScimError {
  readonly code = 'unauthorized' as const;
  readonly status = 401 as const;
}
export class Forbidden extends ScimError {
  readonly code = 'forbidden' as const;
  readonly status = 403 as const;
}
/** The resource or endpoint does not exist. RFC 7644 §3.12 gives 404 no `scimType`. */
export class NotFound extends ScimError {
  readonly code = 'notFound' as const;
  readonly status = 404 as const;
}
/** A conflict other than uniqueness, e.g. the resource changed between read and write. */
export class Conflict extends ScimError {
  readonly code = 'conflict' as const;
  readonly status = 409 as const;
}
export class PreconditionFailed extends ScimError {
  readonly code = 'preconditionFailed' as const;
  readonly status = 412 as const;
}
export class PayloadTooLarge extends ScimError {
  readonly code = 'payloadTooLarge' as const;
  readonly status = 413 as const;
}
export class TooManyRequests extends ScimError {
  readonly code = 'tooManyRequests' as const;
  readonly status = 429 as const;
}
export class InternalError extends ScimError {
  readonly code = 'internal' as const;
  readonly status = 500 as const;
}
export class NotImplemented extends ScimError {
  readonly code = 'notImplemented' as const;
  readonly status = 501 as const;
}

/** Every error class, keyed by its code: the table the docs and the docs-sync test are checked against. */
export const ERROR_CLASSES = {
  invalidFilter: InvalidFilter,
  tooMany: TooMany,
  uniqueness: Uniqueness,
  mutability: Mutability,
  invalidSyntax: InvalidSyntax,
  invalidPath: InvalidPath,
  noTarget: NoTarget,
  invalidValue: InvalidValue,
  invalidVers: InvalidVers,
  sensitive: Sensitive,
  invalidCursor: InvalidCursor,
  expiredCursor: ExpiredCursor,
  unauthorized: Unauthorized,
  forbidden: Forbidden,
  notFound: NotFound,
  conflict: Conflict,
  preconditionFailed: PreconditionFailed,
  payloadTooLarge: PayloadTooLarge,
  tooManyRequests: TooManyRequests,
  internal: InternalError,
  notImplemented: NotImplemented,
} as const satisfies Record<ScimErrorCode, new (detail: string) => ScimError>;

export type AnyScimError = InstanceType<(typeof ERROR_CLASSES)[ScimErrorCode]>;

export function isScimError(value: unknown): value is AnyScimError {
  return value instanceof ScimError;
}
