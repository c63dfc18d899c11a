/** `bulkId` references between operations of one bulk request (RFC 7644 §3.7.2). */
import { Conflict } from '../errors.js';

// A whole value `bulkId:qwerty`, or a path or URL ending in `/bulkId:qwerty` (RFC 7644 §3.7.2 examples).
const REFERENCE = /^(.*\/)?bulkId:([^/]+)$/;

/**
 * Replaces every `"bulkId:<id>"` reference in `data` — member values, `$ref` URLs, the operation `path` —
 * with the id of the resource that operation created. Returns a new value; `data` is left untouched.
 *
 * @param created bulkId → id of the resource created by the POST that carried it.
 * @throws Conflict for a reference that is not (yet) in `created`: RFC 7644 §3.7.1 lets the service
 *   provider answer 409 when it cannot resolve a reference, so the server reports it on that operation.
 * @example resolveBulkIds({ members: [{ value: 'bulkId:q1' }] }, new Map([['q1', '92b7']]))
 */
export function resolveBulkIds<T>(data: T, created: ReadonlyMap<string, string>): T {
  return resolve(data, created) as T;
}

function resolve(value: unknown, created: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return resolveString(value, created);
  if (Array.isArray(value)) return value.map((v) => resolve(v, created));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, created)]));
  }
  return value;
}

function resolveString(text: string, created: ReadonlyMap<string, string>): string {
  const match = REFERENCE.exec(text);
  if (!match) return text;
  const [, prefix = '', bulkId = ''] = match;
  const id = created.get(bulkId);
  if (id === undefined) {
    throw new Conflict(`bulkId "${bulkId}" does not name a resource created earlier in this bulk request`);
  }
  return prefix + id;
}
