/**
 * RFC 7644 §3.5.2: every operation must respect the attribute's mutability (RFC 7643 §2.2) — readOnly
 * never changes, immutable only while unassigned — and §3.5.2.2: a required attribute may not become
 * unassigned. Only real changes count: writing the value already there is allowed, as for PUT (§3.5.1).
 */
import { Mutability } from '../errors.js';
import type { AttributeDefinition } from '../schema/definitions.js';
import { type JsonObject, deepEqual, isJsonObject, valueAt } from './json.js';

/** Throws Mutability when changing `definition` from `before` to `after` is not allowed. */
export function guardChange(
  definition: AttributeDefinition,
  before: unknown,
  after: unknown,
  where: string,
): void {
  if (deepEqual(before, after)) return;
  if (definition.mutability === 'readOnly') throw new Mutability(`${where} is readOnly`);
  if (definition.mutability === 'immutable' && before !== undefined) {
    throw new Mutability(`${where} is immutable and already has a value`);
  }
  if (definition.required && after === undefined) {
    throw new Mutability(`${where} is required and cannot be removed`);
  }
  if (!definition.multiValued && isJsonObject(before) && isJsonObject(after)) {
    guardRecord(definition, before, after, where);
  }
}

/** Checks each sub-attribute of a complex value that is edited in place rather than replaced as a whole. */
export function guardRecord(
  definition: AttributeDefinition,
  before: JsonObject,
  after: JsonObject,
  where: string,
): void {
  for (const sub of definition.subAttributes ?? []) {
    guardChange(sub, valueAt(before, sub.name), valueAt(after, sub.name), `${where}.${sub.name}`);
  }
}
