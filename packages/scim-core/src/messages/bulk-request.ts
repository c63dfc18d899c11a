/** The bulk request message (RFC 7644 §3.7). */
import { InvalidSyntax, PayloadTooLarge } from '../errors.js';

export const BULK_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

export type BulkMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One operation, checked for shape; `data` is validated later by the operation's own handler. */
export interface BulkOperation {
  readonly method: BulkMethod;
  /** REQUIRED for POST: the transient id other operations reference as `"bulkId:<id>"`. */
  readonly bulkId?: string;
  /** The ETag the resource must have (RFC 7644 §3.14). */
  readonly version?: string;
  /** `/Users` for POST, `/Users/{id}` (or `/Users/bulkId:<id>`) otherwise. */
  readonly path: string;
  /** The body for POST, PUT and PATCH; absent for DELETE. */
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface BulkRequest {
  /** Stop after this many failed operations; absent means carry on through all of them. */
  readonly failOnErrors?: number;
  readonly operations: readonly BulkOperation[];
}

/** The server's bulk limits; the same numbers go into `/ServiceProviderConfig` `bulk`. */
export interface BulkLimits {
  readonly maxOperations: number;
}

const METHODS: readonly BulkMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Looks a member up case-insensitively (RFC 7643 §2.1); JSON null counts as absent. */
function member(object: Json, name: string): unknown {
  const wanted = name.toLowerCase();
  const key = Object.keys(object).find((k) => k.toLowerCase() === wanted);
  const value = key === undefined ? undefined : object[key];
  return value === null ? undefined : value;
}

function optionalString(object: Json, name: string, where: string): string | undefined {
  const value = member(object, name);
  if (value === undefined || typeof value === 'string') return value;
  throw new InvalidSyntax(`${where}.${name} must be a string`);
}

/**
 * Checks a bulk request's shape. Too many operations is RFC 7644 §3.7.4's 413 answer. Everything else that
 * does not fit the message is 400 `invalidSyntax`: a missing schema or `Operations`, an unknown `method`
 * (matched case-insensitively), a POST without `bulkId`, a `bulkId` used twice, a `path` that is not a
 * resource path, or POST/PUT/PATCH without a `data` object.
 *
 * @throws PayloadTooLarge when `Operations` exceeds `limits.maxOperations`.
 */
export function parseBulkRequest(body: unknown, limits: BulkLimits): BulkRequest {
  if (!isObject(body)) throw new InvalidSyntax('a bulk request body must be a JSON object');
  const schemas = member(body, 'schemas');
  const wanted = BULK_REQUEST_SCHEMA.toLowerCase();
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === wanted)) {
    throw new InvalidSyntax(`"schemas" must contain "${BULK_REQUEST_SCHEMA}"`);
  }
  const operations = member(body, 'Operations');
  if (!Array.isArray(operations)) throw new InvalidSyntax('"Operations" must be an array');
  if (operations.length > limits.maxOperations) {
    throw new PayloadTooLarge(
      `The bulk request has ${operations.length} operations; maxOperations is ${limits.maxOperations}.`,
    );
  }
  const failOnErrors = member(body, 'failOnErrors');
  if (failOnErrors !== undefined && !(Number.isInteger(failOnErrors) && (failOnErrors as number) >= 1)) {
    throw new InvalidSyntax('"failOnErrors" must be a positive integer');
  }
  const seen = new Set<string>();
  const parsed = operations.map((operation, index) =>
    parseOperation(operation, `Operations[${index}]`, seen),
  );
  return {
    ...(failOnErrors !== undefined ? { failOnErrors: failOnErrors as number } : {}),
    operations: parsed,
  };
}

function parseOperation(operation: unknown, where: string, bulkIds: Set<string>): BulkOperation {
  if (!isObject(operation)) throw new InvalidSyntax(`${where} must be an object`);
  const methodText = optionalString(operation, 'method', where)?.toUpperCase();
  const method = METHODS.find((m) => m === methodText);
  if (!method) throw new InvalidSyntax(`${where}.method must be one of ${METHODS.join(', ')}`);
  const bulkId = optionalString(operation, 'bulkId', where);
  if (method === 'POST' && !bulkId) throw new InvalidSyntax(`${where}.bulkId is required for POST`);
  if (bulkId !== undefined) {
    if (bulkIds.has(bulkId)) throw new InvalidSyntax(`${where}.bulkId "${bulkId}" is used twice`);
    bulkIds.add(bulkId);
  }
  const path = optionalString(operation, 'path', where);
  if (!path?.startsWith('/')) throw new InvalidSyntax(`${where}.path must be a resource path such as /Users`);
  const version = optionalString(operation, 'version', where);
  const data = member(operation, 'data');
  if (method !== 'DELETE' && !isObject(data))
    throw new InvalidSyntax(`${where}.data is required for ${method}`);
  return {
    method,
    ...(bulkId !== undefined ? { bulkId } : {}),
    ...(version !== undefined ? { version } : {}),
    path,
    ...(method !== 'DELETE' ? { data: data as Json } : {}),
  };
}
