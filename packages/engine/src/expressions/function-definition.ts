/**
 * The shape of one entry in the function registry: its signature (read by `checkExpression` at save
 * time) and its evaluation (used by `compileExpression`), kept together so there is one list of functions.
 */
import type { ArgumentNode } from './nodes.js';
import type { ExpressionEnvironment, ExpressionSource, ExpressionValue } from './values.js';

/** What the checker can know about a value before any object is read. */
export type StaticType = 'string' | 'number' | 'boolean' | 'date' | 'list' | 'roles' | 'unknown';

/**
 * What a parameter accepts. `text` takes any single value (numbers, booleans and dates convert);
 * `number` and `date` need a value of that kind or a string that reads as one; `roles` needs
 * `[appRoleAssignments]`; `any` takes everything, multi-valued included.
 */
/** How a role-list function's result is PATCHed onto `roles` (B1): added to, or replacing, what is there. */
export type RolesPatchOperation = 'add' | 'replace';

export type ParameterType = 'text' | 'number' | 'date' | 'roles' | 'any';

export interface ParameterDefinition {
  readonly name: string;
  readonly type: ParameterType;
  readonly optional?: boolean;
}

/** One evaluation of a call: lazy access to its arguments, so untaken IIF/Switch branches never run. */
export interface Invocation {
  readonly name: string;
  readonly env: ExpressionEnvironment;
  readonly source: ExpressionSource;
  /** How many arguments were written, empty ones included. */
  readonly count: number;
  /** Whether argument `index` was written and not left empty. */
  has(index: number): boolean;
  /** Evaluates argument `index`; an empty or omitted argument is null. */
  arg(index: number): ExpressionValue;
  /** Throws the {@link ExpressionEvaluationError} for this call. */
  fail(detail: string): never;
}

/** Reports a save-time problem at an argument (or at the call when `node` is undefined). */
export type ReportProblem = (node: ArgumentNode | undefined, message: string) => void;

export interface FunctionDefinition {
  readonly name: string;
  readonly parameters: readonly ParameterDefinition[];
  /** The last parameter (with `Switch`, the last two) may be repeated without limit. */
  readonly repeat?: 1 | 2;
  /** Fewest arguments, when more are needed than the required parameters say. */
  readonly minArguments?: number;
  readonly result: StaticType;
  /** Only valid as the whole expression (Entra: `SelectUniqueValue` "must be at the top-level"). */
  readonly topLevelOnly?: boolean;
  /** `Redact`: the value is shown as "[Redact]" in provisioning logs. */
  readonly redacts?: boolean;
  /** `IgnoreFlowIfNullOrEmpty`: a null or empty result means "do not send the attribute". */
  readonly ignoresEmptyFlow?: boolean;
  /** The app-role functions: whether the planner sends `roles` as PATCH add or replace (B1). */
  readonly rolesPatchOperation?: RolesPatchOperation;
  /** Rules beyond arity and types, on the written arguments (literal values, argument pairs…). */
  readonly validate?: (args: readonly ArgumentNode[], report: ReportProblem) => void;
  readonly evaluate: (call: Invocation) => ExpressionValue;
}

/** The value of a string or number literal argument; undefined for anything computed. */
export function literalValue(node: ArgumentNode | undefined): string | number | undefined {
  return node?.kind === 'string' || node?.kind === 'number' ? node.value : undefined;
}
