/**
 * The one list of functions the language knows (B4's 43 plus `AssertiveAppRoleAssignmentsComplex`),
 * read by both `checkExpression` and `compileExpression`.
 */
import type { FunctionDefinition, RolesPatchOperation } from './function-definition.js';
import { APP_ROLE_FUNCTIONS } from './functions/app-roles.js';
import { DATE_FUNCTIONS } from './functions/dates.js';
import { ENCODING_FUNCTIONS } from './functions/encoding.js';
import { GENERATOR_FUNCTIONS } from './functions/generators.js';
import { LOGIC_FUNCTIONS } from './functions/logic.js';
import { MULTI_VALUE_FUNCTIONS } from './functions/multi-value.js';
import { STRING_FUNCTIONS } from './functions/strings.js';
import type { ExpressionNode } from './nodes.js';

export const FUNCTIONS: ReadonlyMap<string, FunctionDefinition> = new Map(
  [
    ...STRING_FUNCTIONS,
    ...ENCODING_FUNCTIONS,
    ...GENERATOR_FUNCTIONS,
    ...LOGIC_FUNCTIONS,
    ...MULTI_VALUE_FUNCTIONS,
    ...DATE_FUNCTIONS,
    ...APP_ROLE_FUNCTIONS,
  ].map((definition) => [definition.name, definition]),
);

/** The bare words the language knows: VBA's compare modes for `InStr`. */
export const NAMED_CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['vbBinaryCompare', 0],
  ['vbTextCompare', 1],
]);

/** Names of every function, sorted: for documentation and the console's function picker. */
export const FUNCTION_NAMES: readonly string[] = [...FUNCTIONS.keys()].sort();

/**
 * How the planner sends `roles` computed by this expression: PATCH `add` for AppRoleAssignmentsComplex,
 * `replace` for AssertiveAppRoleAssignmentsComplex (B1); undefined for every other expression.
 */
export function rolesPatchOperation(node: ExpressionNode): RolesPatchOperation | undefined {
  return node.kind === 'call' ? FUNCTIONS.get(node.name)?.rolesPatchOperation : undefined;
}
