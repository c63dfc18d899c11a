/** Builds LIKE patterns for `co`/`sw`/`ew` (RFC 7644 §3.4.2.2); `\` is the ESCAPE character. */
import type { MatchOperator } from './sql-dialect.js';

/** Makes `%`, `_` and `\` in client text match themselves. */
function escapeLike(literal: string): string {
  return literal.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function likePattern(op: MatchOperator, literal: string): string {
  const escaped = escapeLike(literal);
  if (op === 'sw') return `${escaped}%`;
  if (op === 'ew') return `%${escaped}`;
  return `%${escaped}%`;
}
