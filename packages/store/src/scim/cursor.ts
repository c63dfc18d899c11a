/**
 * RFC 9865 cursors: opaque base64url of a boundary row's sort key and id, which way the page lies from it,
 * the walk's totalResults, and a fingerprint of the query, so a cursor replayed against another filter or
 * order fails with invalidCursor instead of misleading.
 */
import { InvalidCursor } from '@provisio/scim-core';

export interface CursorPosition {
  readonly key: string | number | null;
  readonly id: string;
  /** totalResults as counted on the walk's first page. */
  readonly total: number;
  /** `after`: the page follows the row (a `nextCursor`); `before`: it precedes it (a `previousCursor`). */
  readonly direction: CursorDirection;
}

export type CursorDirection = 'after' | 'before';

const DIRECTION_CODES: Readonly<Record<CursorDirection, string>> = { after: 'a', before: 'b' };

export function encodeCursor(position: CursorPosition, fingerprint: string): string {
  const { key, id, total, direction } = position;
  return Buffer.from(JSON.stringify([fingerprint, key, id, total, DIRECTION_CODES[direction]])).toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string, fingerprint: string): CursorPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== 5) throw new InvalidCursor('the cursor is malformed');
  const [issuedFor, key, id, total, code] = decoded as unknown[];
  if (issuedFor !== fingerprint) {
    throw new InvalidCursor('the cursor was issued for a different filter or sort order');
  }
  const validKey = key === null || typeof key === 'string' || typeof key === 'number';
  const direction = code === 'a' ? 'after' : code === 'b' ? 'before' : undefined;
  if (
    typeof id !== 'string' ||
    !validKey ||
    !Number.isSafeInteger(total) ||
    (total as number) < 0 ||
    direction === undefined
  ) {
    throw new InvalidCursor('the cursor is malformed');
  }
  return { key, id, total: total as number, direction };
}

/** A short FNV-1a hash of whatever identifies the query (filter, sort, resource type). */
export function fingerprintOf(query: unknown): string {
  let hash = 0x811c9dc5;
  for (const char of JSON.stringify(query)) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
