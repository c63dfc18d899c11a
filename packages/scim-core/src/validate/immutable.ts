/**
 * RFC 7644 §3.5.1 for `immutable` attributes on PUT: "If one or more values are already set for the
 * attribute, the input value(s) MUST match, or HTTP status code 400 SHOULD be returned with a 'scimType'
 * error code of 'mutability'. If the service provider has no existing values, the new value(s) SHALL be
 * applied."
 */
import { Mutability } from '../errors.js';
import type { AttributeDefinition } from '../schema/definitions.js';
import { type JsonObject, isJsonObject, readByName } from './value.js';

const isUnassigned = (value: unknown) =>
  value === undefined || value === null || (Array.isArray(value) && value.length === 0);

function sameSingle(definition: AttributeDefinition, a: unknown, b: unknown): boolean {
  if (definition.type === 'complex') {
    if (!isJsonObject(a) || !isJsonObject(b)) return false;
    return (definition.subAttributes ?? []).every((sub) =>
      sameValue(sub, readByName(a, sub.name), readByName(b, sub.name)),
    );
  }
  if (typeof a === 'string' && typeof b === 'string' && !definition.caseExact) {
    return a.toLowerCase() === b.toLowerCase();
  }
  return a === b;
}

/** Equality as the attribute defines it: caseExact strings, unordered multi-valued attributes. */
function sameValue(definition: AttributeDefinition, a: unknown, b: unknown): boolean {
  if (isUnassigned(a) || isUnassigned(b)) return isUnassigned(a) && isUnassigned(b);
  if (!definition.multiValued) return sameSingle(definition, a, b);
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((x) => b.some((y) => sameSingle(definition, x, y)));
}

/**
 * Enforces immutability of `next` (validated input, canonical names) against `existing` (the stored
 * resource's object at the same level), in place. An immutable attribute the input leaves out keeps its
 * stored value, since it cannot be cleared either. Sub-attributes are checked inside single-valued complex
 * attributes only: values of a multi-valued attribute (a group's members) have no identity across a
 * replace, so their immutable sub-attributes cannot be matched up.
 */
export function enforceImmutability(
  definitions: readonly AttributeDefinition[],
  next: Record<string, unknown>,
  existing: JsonObject | undefined,
  pathOf: (name: string) => string,
): void {
  for (const definition of definitions) {
    const stored = readByName(existing, definition.name);
    if (isUnassigned(stored)) continue;
    if (definition.mutability === 'immutable') {
      if (!(definition.name in next)) next[definition.name] = stored;
      else if (!sameValue(definition, next[definition.name], stored)) {
        throw new Mutability(`${pathOf(definition.name)} is immutable and already set; it cannot change`);
      }
    } else if (definition.type === 'complex' && !definition.multiValued && isJsonObject(stored)) {
      const child = { ...(next[definition.name] as JsonObject | undefined) };
      const path = pathOf(definition.name);
      enforceImmutability(definition.subAttributes ?? [], child, stored, (name) => `${path}.${name}`);
      if (Object.keys(child).length > 0) next[definition.name] = child;
    }
  }
}
