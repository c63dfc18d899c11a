/**
 * Canonical filter text: lowercase operators and keywords, single spaces, JSON literals, and parentheses
 * only where precedence or left-associativity needs them, so `parseFilter(printFilter(ast))` rebuilds `ast`.
 */
import { formatAttributePath } from '../path/attribute-path.js';
import type { FilterNode, FilterValue } from './nodes.js';

/** Binding strength: `or` < `and` < everything that prints as one unit. */
const PRECEDENCE = { or: 1, and: 2, compare: 3, present: 3, not: 3, valuePath: 3 } as const;

function printValue(value: FilterValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  // String(-0) is "0", which would parse back as +0.
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  return String(value);
}

/** Parenthesises `node` when it binds more loosely than `minimum` requires. */
function printOperand(node: FilterNode, minimum: number): string {
  const text = printFilter(node);
  return PRECEDENCE[node.kind] < minimum ? `(${text})` : text;
}

/** Prints a filter tree as canonical RFC 7644 §3.4.2.2 text. */
export function printFilter(node: FilterNode): string {
  switch (node.kind) {
    case 'compare':
      return `${formatAttributePath(node.path)} ${node.op} ${printValue(node.value)}`;
    case 'present':
      return `${formatAttributePath(node.path)} pr`;
    case 'not':
      return `not (${printFilter(node.filter)})`;
    case 'valuePath':
      return `${formatAttributePath(node.path)}[${printFilter(node.filter)}]`;
    case 'and':
    case 'or': {
      // Both are parsed left-associatively, so a right operand of the same strength needs parentheses.
      const strength = PRECEDENCE[node.kind];
      return `${printOperand(node.left, strength)} ${node.kind} ${printOperand(node.right, strength + 1)}`;
    }
  }
}
