/**
 * Canonical expression text: `", "` between arguments, single spaces around comparison operators, strings
 * with only `\` and `"` escaped. `parseExpression(printExpression(tree))` rebuilds `tree` (positions
 * aside), which the property tests hold it to.
 */
import type { ArgumentNode, ExpressionNode } from './nodes.js';

function printNumber(value: number, hex: boolean): string {
  if (hex) return `&H${value.toString(16).toUpperCase()}`;
  // String(-0) is "0", which would parse back as +0.
  if (Object.is(value, -0)) return '-0';
  // BigInt keeps large integers in plain digits where String() would switch to "1e+21".
  return Number.isInteger(value) ? BigInt(value).toString() : String(value);
}

function printArgument(node: ArgumentNode): string {
  return node.kind === 'missing' ? '' : printExpression(node);
}

export function printExpression(node: ExpressionNode): string {
  switch (node.kind) {
    case 'call':
      return `${node.name}(${node.args.map(printArgument).join(', ')})`;
    case 'attribute':
      return `[${node.name}]`;
    case 'string':
      return `"${node.value.replace(/[\\"]/g, '\\$&')}"`;
    case 'number':
      return printNumber(node.value, node.hex);
    case 'name':
      return node.name;
    case 'compare':
      return `${printExpression(node.left)} ${node.op} ${printExpression(node.right)}`;
  }
}
