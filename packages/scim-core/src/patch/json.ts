/**
 * The few JSON helpers PATCH needs. scim-core compiles without DOM or Node types, so there is no
 * `structuredClone`; resources are plain JSON, which keeps these small.
 */

export type JsonObject = Record<string, unknown>;

/** A plain JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of a JSON value, so PATCH can work on a draft and leave its input untouched. */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  if (isJsonObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cloneJson(v)])) as T;
  }
  return value;
}

/** Structural equality of JSON values; object key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]))
    );
  }
  return false;
}

/** The key of `object` naming `name`, compared case-insensitively as RFC 7643 §2.1 requires. */
export function findKey(object: JsonObject, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.keys(object).find((k) => k.toLowerCase() === wanted);
}

/** The value `object` holds under `name` (case-insensitive); null counts as unassigned (RFC 7643 §2.5). */
export function valueAt(object: JsonObject, name: string): unknown {
  const key = findKey(object, name);
  return key === undefined || object[key] === null ? undefined : object[key];
}

/** Stores `value` under the canonical `name`, dropping other spellings; undefined unassigns it. */
export function assignAt(object: JsonObject, name: string, value: unknown): void {
  for (let key = findKey(object, name); key !== undefined; key = findKey(object, name)) delete object[key];
  if (value !== undefined) object[name] = value;
}
