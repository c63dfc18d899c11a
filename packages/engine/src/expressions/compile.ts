/**
 * Compiles a checked expression tree once (per cycle) into a closure evaluated per object, and redacts
 * `Redact(…)` results for provisioning logs.
 */
import { checkExpression } from './check.js';
import { dateOf, numberOf, single, textOf } from './coerce.js';
import { formatEntraDate } from './datetime.js';
import { ExpressionError, ExpressionEvaluationError } from './errors.js';
import type { FunctionDefinition, Invocation } from './function-definition.js';
import type { CallNode, CompareNode, ExpressionNode } from './nodes.js';
import { parseExpression } from './parse.js';
import { FUNCTIONS, NAMED_CONSTANTS } from './registry.js';
import {
  type ExpressionEnvironment,
  type ExpressionResult,
  type ExpressionSource,
  type ExpressionValue,
  IGNORE_FLOW,
  isList,
  isNullOrEmpty,
  systemEnvironment,
} from './values.js';

export type CompiledExpression = (source: ExpressionSource) => ExpressionResult;

type Evaluator = (source: ExpressionSource) => ExpressionValue;

class CallEvaluation implements Invocation {
  constructor(
    readonly name: string,
    private readonly position: number,
    readonly env: ExpressionEnvironment,
    readonly source: ExpressionSource,
    private readonly args: readonly (Evaluator | undefined)[],
  ) {}

  get count(): number {
    return this.args.length;
  }

  has(index: number): boolean {
    return this.args[index] !== undefined;
  }

  arg(index: number): ExpressionValue {
    const evaluate = this.args[index];
    return evaluate === undefined ? null : evaluate(this.source);
  }

  fail(detail: string): never {
    throw new ExpressionEvaluationError(this.name, this.position, detail);
  }
}

/**
 * Orders two single values: numerically when one is a number and the other reads as one, by instant
 * when one is a DateTime, else by ordinal (case-sensitive) text, where booleans are "True"/"False".
 */
function order(call: Invocation, left: ExpressionValue, right: ExpressionValue): number | null {
  const a = single(call, left);
  const b = single(call, right);
  if (a === null || b === null) return null;
  if (typeof a === 'number' || typeof b === 'number') {
    const x = numberOf(a);
    const y = numberOf(b);
    if (x !== undefined && y !== undefined) return Math.sign(x - y);
  }
  if (a instanceof Date || b instanceof Date)
    return Math.sign(dateOf(call, a)!.getTime() - dateOf(call, b)!.getTime());
  const x = textOf(a) ?? '';
  const y = textOf(b) ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

const OUTCOMES: Readonly<Record<CompareNode['op'], (order: number) => boolean>> = {
  '=': (o) => o === 0,
  '<>': (o) => o !== 0,
  '>': (o) => o > 0,
  '>=': (o) => o >= 0,
  '<': (o) => o < 0,
  '<=': (o) => o <= 0,
};

class ExpressionCompiler {
  constructor(private readonly env: ExpressionEnvironment) {}

  compile(node: ExpressionNode): Evaluator {
    switch (node.kind) {
      case 'string':
      case 'number': {
        const { value } = node;
        return () => value;
      }
      case 'name': {
        const value = NAMED_CONSTANTS.get(node.name) ?? null;
        return () => value;
      }
      case 'attribute': {
        const { name } = node;
        return (source) => source.get(name) ?? null;
      }
      case 'compare':
        return this.#compare(node);
      case 'call':
        return this.#call(node, FUNCTIONS.get(node.name)!);
    }
  }

  /**
   * A comparison with an absent side is null, not False: Microsoft warns that IIF "fails" on null
   * attributes, and null keeps the attribute out of the flow rather than sending the wrong branch.
   */
  #compare(node: CompareNode): Evaluator {
    const left = this.compile(node.left);
    const right = this.compile(node.right);
    const outcome = OUTCOMES[node.op];
    const { env } = this;
    return (source) => {
      const call = new CallEvaluation(`comparison ${node.op}`, node.position, env, source, []);
      const result = order(call, left(source), right(source));
      return result === null ? null : outcome(result);
    };
  }

  #call(node: CallNode, definition: FunctionDefinition): Evaluator {
    const args = node.args.map((arg) => (arg.kind === 'missing' ? undefined : this.compile(arg)));
    const { env } = this;
    return (source) => {
      const call = new CallEvaluation(definition.name, node.position, env, source, args);
      try {
        return definition.evaluate(call);
      } catch (error) {
        if (error instanceof ExpressionEvaluationError) throw error;
        // Platform errors (an invalid culture, a date out of range…) still fail only this object.
        throw new ExpressionEvaluationError(definition.name, node.position, (error as Error).message);
      }
    };
  }
}

/** What a mapping sends: DateTimes as Entra renders them (`M/d/yyyy h:mm:ss tt`, UTC). */
function presentable(value: ExpressionValue): ExpressionValue {
  if (value instanceof Date) return formatEntraDate(value);
  return isList(value) && value.some((element) => element instanceof Date) ? value.map(presentable) : value;
}

/**
 * Compiles an expression (text or a parsed tree) into a function of one source object. Throws
 * {@link ExpressionError} for a syntax error or the first problem `checkExpression` finds. The result
 * throws {@link ExpressionEvaluationError} when one object's data cannot be evaluated, and returns
 * {@link IGNORE_FLOW} when `IgnoreFlowIfNullOrEmpty` drops the attribute.
 */
export function compileExpression(
  input: string | ExpressionNode,
  env: ExpressionEnvironment = systemEnvironment,
): CompiledExpression {
  const node = typeof input === 'string' ? parseExpression(input) : input;
  const [problem] = checkExpression(node);
  if (problem !== undefined) {
    throw new ExpressionError(
      problem.position,
      problem.message,
      typeof input === 'string' ? input : undefined,
    );
  }
  const evaluate = new ExpressionCompiler(env).compile(node);
  const ignoresEmptyFlow = node.kind === 'call' && FUNCTIONS.get(node.name)?.ignoresEmptyFlow === true;
  return (source) => {
    const value = evaluate(source);
    return ignoresEmptyFlow && isNullOrEmpty(value) ? IGNORE_FLOW : presentable(value);
  };
}

function redacts(node: ExpressionNode): boolean {
  switch (node.kind) {
    case 'call':
      return (
        FUNCTIONS.get(node.name)?.redacts === true ||
        node.args.some((arg) => arg.kind !== 'missing' && redacts(arg))
      );
    case 'compare':
      return redacts(node.left) || redacts(node.right);
    default:
      return false;
  }
}

/**
 * The value to write in provisioning logs: "[Redact]" when `Redact(…)` appears anywhere in the
 * expression (a value built from a redacted part would leak it), otherwise `value` unchanged.
 */
export function redactedForLog(node: ExpressionNode, value: unknown): unknown {
  if (value === null || value === undefined || value === IGNORE_FLOW) return value;
  return redacts(node) ? '[Redact]' : value;
}
