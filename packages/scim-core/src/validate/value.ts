/**
 * Checks attribute values against their definitions (RFC 7643 §2): multi-valued arrays, complex objects,
 * required sub-attributes and the single `primary` value, with simple types left to {@link checkScalar}.
 */
import { InvalidSyntax, InvalidValue } from '../errors.js';
import type { AttributeDefinition } from '../schema/definitions.js';
import { type ValueOptions, checkScalar } from './scalar.js';

/** A JSON object as parsed from a request body. */
export type JsonObject = Readonly<Record<string, unknown>>;

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function findDefinition(
  definitions: readonly AttributeDefinition[],
  name: string,
): AttributeDefinition | undefined {
  const wanted = name.toLowerCase();
  return definitions.find((d) => d.name.toLowerCase() === wanted);
}

/** Reads `name` from an object whatever its spelling (RFC 7643 §2.1: names are case-insensitive). */
export function readByName(object: JsonObject | undefined, name: string): unknown {
  if (!object) return undefined;
  const wanted = name.toLowerCase();
  const key = Object.keys(object).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : object[key];
}

/** RFC 7643 §2.1 makes names case-insensitive, so `userName` and `username` in one object are a clash. */
export function checkDistinctKeys(object: JsonObject, where: string): void {
  const seen = new Set<string>();
  for (const key of Object.keys(object)) {
    const folded = key.toLowerCase();
    if (seen.has(folded))
      throw new InvalidSyntax(`${where}: "${key}" appears twice (names are case-insensitive)`);
    seen.add(folded);
  }
}

/** Throws naming the first required attribute that `values` lacks. */
export function checkRequired(
  definitions: readonly AttributeDefinition[],
  values: JsonObject,
  pathOf: (name: string) => string,
): void {
  const missing = definitions.find((d) => d.required && d.mutability !== 'readOnly' && !(d.name in values));
  if (missing) throw new InvalidValue(`${pathOf(missing.name)} is required`);
}

/**
 * Validates the entries of one JSON object against `definitions`, returning them under canonical names.
 * Unknown names are dropped (RFC 7644 §3.3: the server "is free to alter and/or ignore POSTed content"), and
 * so are `readOnly` ones (RFC 7644 §3.3, §3.5.1: "SHALL be ignored"). `null` and `[]` mean unassigned.
 */
export function validateAttributes(
  definitions: readonly AttributeDefinition[],
  entries: Iterable<readonly [string, unknown]>,
  pathOf: (name: string) => string,
  options: ValueOptions,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    const definition = findDefinition(definitions, key);
    if (!definition || definition.mutability === 'readOnly') continue;
    const checked = validateValue(definition, value, pathOf(definition.name), options);
    if (checked !== undefined) out[definition.name] = checked;
  }
  return out;
}

/** Validates one attribute's value; undefined when it is unassigned. */
export function validateValue(
  definition: AttributeDefinition,
  value: unknown,
  path: string,
  options: ValueOptions,
): unknown {
  if (value === null || value === undefined) return undefined;
  if (definition.multiValued) return validateMultiValued(definition, value, path, options);
  if (Array.isArray(value)) throw new InvalidValue(`${path}: expected a single value, got an array`);
  return validateSingle(definition, value, path, options);
}

function validateMultiValued(
  definition: AttributeDefinition,
  value: unknown,
  path: string,
  options: ValueOptions,
): unknown[] | undefined {
  if (!Array.isArray(value)) throw new InvalidValue(`${path}: expected an array of values`);
  const values = value.flatMap((item, index) => {
    const checked =
      item === null ? undefined : validateSingle(definition, item, `${path}[${index}]`, options);
    return checked === undefined ? [] : [checked];
  });
  checkSinglePrimary(values, path);
  return values.length > 0 ? values : undefined;
}

function validateSingle(
  definition: AttributeDefinition,
  value: unknown,
  path: string,
  options: ValueOptions,
): unknown {
  if (definition.type !== 'complex') return checkScalar(definition, value, path, options);
  if (!isJsonObject(value)) throw new InvalidValue(`${path}: expected an object`);
  checkDistinctKeys(value, path);
  const subAttributes = definition.subAttributes ?? [];
  const out = validateAttributes(subAttributes, Object.entries(value), (name) => `${path}.${name}`, options);
  // An object with nothing assigned is itself unassigned (RFC 7643 §2.5), so it cannot lack a value.
  if (Object.keys(out).length === 0) return undefined;
  checkRequired(subAttributes, out, (name) => `${path}.${name}`);
  return out;
}

/** RFC 7643 §2.4: "The primary attribute value 'true' MUST appear no more than once." */
function checkSinglePrimary(values: readonly unknown[], path: string): void {
  const primaries = values.filter((v) => isJsonObject(v) && v.primary === true).length;
  if (primaries > 1)
    throw new InvalidValue(`${path}: ${primaries} values have "primary": true, at most one may`);
}
