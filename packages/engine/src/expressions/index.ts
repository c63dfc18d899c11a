/** The expression language of attribute mappings (behaviour doc B4): parse, check, compile, print. */
export { checkExpression } from './check.js';
export { type CompiledExpression, compileExpression, redactedForLog } from './compile.js';
export { ENTRA_DATE_FORMAT, formatDate, formatEntraDate } from './datetime.js';
export {
  ExpressionError,
  ExpressionEvaluationError,
  type ExpressionProblem,
  type ExpressionProblemCode,
} from './errors.js';
export type {
  ArgumentNode,
  AttributeNode,
  CallNode,
  CompareNode,
  CompareOperator,
  ExpressionNode,
  MissingNode,
  NameNode,
  NumberNode,
  StringNode,
} from './nodes.js';
export { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, parseExpression } from './parse.js';
export { printExpression } from './print.js';
export { FUNCTION_NAMES, rolesPatchOperation } from './registry.js';
export {
  type AppRoleValue,
  type ExpressionEnvironment,
  type ExpressionResult,
  type ExpressionSource,
  type ExpressionValue,
  IGNORE_FLOW,
  type RoleValue,
  systemEnvironment,
} from './values.js';
