/** Assertions for JSON responses: subset matching, absent paths, placeholder substitution. */
import assert from 'node:assert/strict';

/** Replaces `{key}` in every string of `value` by `values[key]` (ids, `base`). */
export function substitute<T>(value: T, values: Readonly<Record<string, string>>): T {
  if (typeof value === 'string') {
    return value.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole) as T;
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, values)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, values)])) as T;
  }
  return value;
}

/** `actual` contains `expected`: objects key by key, arrays element by element with equal length. */
export function assertSubset(actual: unknown, expected: unknown, where = 'body'): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: expected an array, got ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length, `${where}: length of ${JSON.stringify(actual)}`);
    for (const [i, item] of expected.entries()) assertSubset(actual[i], item, `${where}[${i}]`);
  } else if (typeof expected === 'object' && expected !== null) {
    assert.ok(
      typeof actual === 'object' && actual !== null,
      `${where}: expected an object, got ${JSON.stringify(actual)}`,
    );
    for (const [key, value] of Object.entries(expected)) {
      assertSubset((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
    }
  } else {
    assert.equal(actual, expected, where);
  }
}

/** The dotted path (`Resources.0.members`) does not exist in `body`. */
export function assertAbsent(body: unknown, path: string): void {
  let node: unknown = body;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return;
    node = (node as Record<string, unknown>)[part];
  }
  assert.fail(`${path} should be absent, found ${JSON.stringify(node)}`);
}
