/** Checks one simple value against its RFC 7643 §2.3 data type. */
import { InvalidValue } from '../errors.js';
import { parseDateTime } from '../filter/bind.js';
import type { AttributeDefinition } from '../schema/definitions.js';

/** How lenient value checks are; see {@link ValidationContext}. */
export interface ValueOptions {
  /** Accept the strings "True"/"False" (any case) as booleans, as Entra sends them. */
  readonly booleanStrings?: boolean;
}

// RFC 7643 §2.3.6: base64 as in RFC 4648 §4, padded, no line breaks.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// A URI (or IRI) reference has no spaces or control characters (RFC 3986 §2, RFC 3987 §2.2).
const URI_REFERENCE = /^[!-~\u00a0-\uffff]*$/;

function describe(value: unknown): string {
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
}

function reject(path: string, expected: string, value: unknown): never {
  throw new InvalidValue(`${path}: expected ${expected}, got ${describe(value)}`);
}

function checkBoolean(value: unknown, path: string, options: ValueOptions): boolean {
  if (typeof value === 'boolean') return value;
  if (options.booleanStrings && typeof value === 'string') {
    const word = value.toLowerCase();
    if (word === 'true' || word === 'false') return word === 'true';
  }
  return reject(path, 'a boolean', value);
}

function checkString(definition: AttributeDefinition, value: unknown, path: string): string {
  if (typeof value !== 'string') return reject(path, 'a string', value);
  const allowed = definition.canonicalValues;
  // Compared as the attribute compares (RFC 7643 §2.2 caseExact); "Work" is a "work" email.
  const same = definition.caseExact
    ? (c: string) => c === value
    : (c: string) => c.toLowerCase() === value.toLowerCase();
  if (allowed && !allowed.some(same)) {
    throw new InvalidValue(`${path}: ${describe(value)} is not one of ${allowed.join(', ')}`);
  }
  return value;
}

/**
 * Checks and normalises a simple (non-complex) value. Values are kept as sent — Entra asks that strings
 * are stored unchanged — except booleans given as strings, which become booleans.
 */
export function checkScalar(
  definition: AttributeDefinition,
  value: unknown,
  path: string,
  options: ValueOptions,
): unknown {
  switch (definition.type) {
    case 'string':
      return checkString(definition, value, path);
    case 'boolean':
      return checkBoolean(value, path, options);
    case 'integer':
      return Number.isInteger(value) ? value : reject(path, 'an integer', value);
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value) ? value : reject(path, 'a decimal', value);
    case 'dateTime':
      return typeof value === 'string' && parseDateTime(value) !== undefined
        ? value
        : reject(path, 'an xsd:dateTime such as 2008-01-23T04:56:22Z', value);
    case 'binary':
      return typeof value === 'string' && BASE64.test(value) ? value : reject(path, 'base64 binary', value);
    case 'reference':
      return typeof value === 'string' && URI_REFERENCE.test(value)
        ? value
        : reject(path, 'a URI reference', value);
    case 'complex':
      return reject(path, 'a complex value', value);
  }
}
