/**
 * PATCH values checked against their attribute definitions (RFC 7643 §2.3 data types), returned with
 * canonical sub-attribute names, plus the value comparisons PATCH needs (RFC 7644 §3.5.2: "already
 * contains the value", removal by value).
 */
import { InvalidValue } from '../errors.js';
import type { AttributeDefinition, AttributeType } from '../schema/definitions.js';
import { type JsonObject, deepEqual, findKey, isJsonObject } from './json.js';

/** The sub-attribute `name` of a complex attribute, compared case-insensitively. */
export function findSubAttribute(
  definition: AttributeDefinition,
  name: string,
): AttributeDefinition | undefined {
  const wanted = name.toLowerCase();
  return definition.subAttributes?.find((s) => s.name.toLowerCase() === wanted);
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const isString = (value: unknown): value is string => typeof value === 'string';

/** RFC 7643 §2.3: the JSON shape each simple type takes. */
const ACCEPTS: Record<Exclude<AttributeType, 'complex'>, (value: unknown) => boolean> = {
  string: isString,
  reference: isString,
  boolean: (value) => typeof value === 'boolean',
  decimal: (value) => typeof value === 'number' && Number.isFinite(value),
  integer: (value) => Number.isInteger(value),
  dateTime: (value) => isString(value) && DATE_TIME.test(value),
  binary: (value) => isString(value) && BASE64.test(value),
};

/**
 * Checks `value` for `definition`. Multi-valued attributes take one value or an array and yield an array.
 * `undefined` means unassigned: RFC 7643 §2.5 makes null and `[]` equivalent to an absent attribute.
 */
export function normalizeValue(definition: AttributeDefinition, value: unknown, where: string): unknown {
  if (!definition.multiValued) return normalizeElement(definition, value, where);
  const items = (Array.isArray(value) ? value : [value])
    .map((item) => normalizeElement(definition, item, where))
    .filter((item) => item !== undefined);
  return items.length > 0 ? items : undefined;
}

/** Checks one value of `definition` (one element, for a multi-valued attribute). */
export function normalizeElement(definition: AttributeDefinition, value: unknown, where: string): unknown {
  if (value === null) return undefined;
  if (definition.type === 'complex') return normalizeComplex(definition, value, where);
  if (!ACCEPTS[definition.type](value)) {
    throw new InvalidValue(`${where} must be a ${definition.type}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function normalizeComplex(definition: AttributeDefinition, value: unknown, where: string): unknown {
  if (!isJsonObject(value)) throw new InvalidValue(`${where} must be an object of sub-attributes`);
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const sub = findSubAttribute(definition, key);
    if (!sub) throw new InvalidValue(`${where} has no sub-attribute "${key}"`);
    // RFC 7644 §3.5.1: readOnly values a client sends inside a writable value are ignored, not an error:
    // clients echo server-computed fields such as `display`. Writing a readOnly attribute is an error.
    if (sub.mutability === 'readOnly' && definition.mutability !== 'readOnly') continue;
    const normalized = normalizeValue(sub, item, `${where}.${sub.name}`);
    if (normalized !== undefined) result[sub.name] = normalized;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/** Equality as the attribute defines it: strings compare case-insensitively unless `caseExact`. */
export function sameValue(definition: AttributeDefinition, a: unknown, b: unknown): boolean {
  if (definition.type === 'complex') {
    return containsValue(definition, a, b) && containsValue(definition, b, a);
  }
  if (isString(a) && isString(b) && !definition.caseExact) return a.toLowerCase() === b.toLowerCase();
  return deepEqual(a, b);
}

/**
 * True when `element` has every sub-attribute value `pattern` names (for simple attributes: equality).
 * This is how a value in a PATCH request designates a stored value: `{"value":"u1"}` designates the member
 * `{"value":"u1","type":"User"}`.
 */
export function containsValue(definition: AttributeDefinition, element: unknown, pattern: unknown): boolean {
  if (definition.type !== 'complex') return sameValue(definition, element, pattern);
  if (!isJsonObject(element) || !isJsonObject(pattern)) return false;
  return Object.entries(pattern).every(([name, wanted]) => {
    const sub = findSubAttribute(definition, name);
    const key = findKey(element, name);
    return sub !== undefined && key !== undefined && sameValue(sub, element[key], wanted);
  });
}
