/** Shape checks and JSON round-trips for directory attributes: what the store itself insists on. */
import { InvalidValue } from '@provisio/scim-core';
import type { DirectoryAttributeValue, DirectoryAttributes } from './contract.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for a UUID in any letter case: what an objectId given from outside must look like. */
export function isObjectId(value: string): boolean {
  return UUID.test(value.toLowerCase());
}

function isValue(value: unknown): value is DirectoryAttributeValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function sameValue(a: DirectoryAttributeValue | undefined, b: DirectoryAttributeValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => item === b[i]);
  }
  return a === b;
}

/**
 * `current` with `changes` applied (`null` removes), or undefined when that changes nothing. Throws
 * `InvalidValue` for a value no directory attribute can hold, or for `objectId`, which is the key.
 */
export function mergeAttributes(
  current: DirectoryAttributes,
  changes: DirectoryAttributes,
): DirectoryAttributes | undefined {
  const merged: Record<string, DirectoryAttributeValue> = { ...current };
  let changed = false;
  for (const [name, value] of Object.entries(changes)) {
    if (name === '' || name === 'objectId') {
      throw new InvalidValue(`"${name}" cannot be set as an attribute`);
    }
    if (!isValue(value)) {
      throw new InvalidValue(
        `attribute "${name}" must be a string, number, boolean, null or list of strings`,
      );
    }
    const next = Array.isArray(value) && value.length === 0 ? null : value;
    if (sameValue(merged[name], next ?? undefined)) continue;
    changed = true;
    if (next === null) delete merged[name];
    else merged[name] = next;
  }
  return changed ? merged : undefined;
}

/** The name attribute's value; `InvalidValue` unless it is a non-empty string. */
export function requiredName(attributes: DirectoryAttributes, nameAttribute: string): string {
  const name = attributes[nameAttribute];
  if (typeof name !== 'string' || name.trim() === '') {
    throw new InvalidValue(`"${nameAttribute}" is required and must be a non-empty string`);
  }
  return name;
}

export function parseAttributes(json: string): DirectoryAttributes {
  return JSON.parse(json) as DirectoryAttributes;
}
