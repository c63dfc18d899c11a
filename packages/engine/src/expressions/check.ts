/**
 * Save-time checks of an expression tree (B4): unknown functions and names, arity and empty required
 * arguments, unknown attributes, type clashes visible without data, and each function's own rules, all
 * from the function registry. Every problem names the position it applies to.
 */
import { numberOf } from './coerce.js';
import type { ExpressionProblem, ExpressionProblemCode } from './errors.js';
import type {
  FunctionDefinition,
  ParameterDefinition,
  ParameterType,
  StaticType,
} from './function-definition.js';
import type { ArgumentNode, CallNode, ExpressionNode } from './nodes.js';
import { FUNCTIONS, NAMED_CONSTANTS } from './registry.js';

const FUNCTIONS_BY_LOWER_NAME = new Map([...FUNCTIONS.keys()].map((name) => [name.toLowerCase(), name]));

const TYPE_NAMES: Readonly<Record<StaticType, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'True/False',
  date: 'a DateTime',
  list: 'a multi-valued list',
  roles: 'a list of roles',
  unknown: 'a value',
};

function staticTypeOf(node: ExpressionNode): StaticType {
  switch (node.kind) {
    case 'string':
      return 'string';
    case 'number':
    case 'name':
      return 'number';
    case 'compare':
      return 'boolean';
    case 'attribute':
      return 'unknown';
    case 'call':
      return FUNCTIONS.get(node.name)?.result ?? 'unknown';
  }
}

/** The parameter argument `index` binds to, repeating the last one (or two, for Switch's pairs). */
function parameterAt(definition: FunctionDefinition, index: number): ParameterDefinition | undefined {
  const { parameters, repeat } = definition;
  if (index < parameters.length) return parameters[index];
  if (repeat === undefined) return undefined;
  return parameters[parameters.length - repeat + ((index - parameters.length) % repeat)];
}

function minimumArguments(definition: FunctionDefinition): number {
  if (definition.minArguments !== undefined) return definition.minArguments;
  let minimum = 0;
  definition.parameters.forEach((parameter, index) => {
    if (parameter.optional !== true) minimum = index + 1;
  });
  return minimum;
}

/** Why `node` cannot be passed where `expected` is wanted, or undefined when it can (or may) be. */
function typeClash(expected: ParameterType, node: ExpressionNode): string | undefined {
  const actual = staticTypeOf(node);
  if (expected === 'any' || actual === 'unknown') return undefined;
  switch (expected) {
    case 'text':
      return actual === 'roles' ? 'app roles are not text; pass them to SingleAppRoleAssignment' : undefined;
    case 'number':
      if (node.kind === 'string') {
        return numberOf(node.value) === undefined
          ? `${JSON.stringify(node.value)} is not a number`
          : undefined;
      }
      return actual === 'number' || actual === 'string' ? undefined : `it is ${TYPE_NAMES[actual]}`;
    case 'date':
      if (node.kind === 'string') return 'a date text must be read with CDate(…) first';
      return actual === 'date' || actual === 'string' ? undefined : `it is ${TYPE_NAMES[actual]}`;
    case 'roles':
      return actual === 'roles' ? undefined : `it is ${TYPE_NAMES[actual]}; pass [appRoleAssignments]`;
  }
}

const EXPECTED_NAMES: Readonly<Record<Exclude<ParameterType, 'any'>, string>> = {
  text: 'a single value',
  number: 'a number',
  date: 'a DateTime',
  roles: '[appRoleAssignments]',
};

class Checker {
  readonly problems: ExpressionProblem[] = [];

  constructor(private readonly attributes: ReadonlySet<string> | undefined) {}

  report(code: ExpressionProblemCode, position: number, message: string): void {
    this.problems.push({ code, position, message });
  }

  visit(node: ExpressionNode, topLevel: boolean): void {
    switch (node.kind) {
      case 'attribute':
        if (this.attributes !== undefined && !this.attributes.has(node.name)) {
          const match = [...this.attributes].find((name) => name.toLowerCase() === node.name.toLowerCase());
          const hint = match === undefined ? '' : ` (names are case-sensitive: did you mean [${match}]?)`;
          this.report('unknownAttribute', node.position, `unknown attribute [${node.name}]${hint}`);
        }
        return;
      case 'name':
        if (!NAMED_CONSTANTS.has(node.name)) {
          const hint = FUNCTIONS.has(node.name)
            ? `call it: ${node.name}(…)`
            : `attributes are written in brackets, like [${node.name}], and strings in quotes`;
          this.report('unknownName', node.position, `unknown name ${JSON.stringify(node.name)}: ${hint}`);
        }
        return;
      case 'compare':
        for (const operand of [node.left, node.right]) {
          this.visit(operand, false);
          const type = staticTypeOf(operand);
          if (type === 'list' || type === 'roles') {
            this.report('type', operand.position, `cannot compare ${TYPE_NAMES[type]} with "${node.op}"`);
          }
        }
        return;
      case 'call':
        this.#call(node, topLevel);
        return;
      default:
        return;
    }
  }

  #call(node: CallNode, topLevel: boolean): void {
    const definition = FUNCTIONS.get(node.name);
    for (const arg of node.args) if (arg.kind !== 'missing') this.visit(arg, false);
    if (definition === undefined) {
      const match = FUNCTIONS_BY_LOWER_NAME.get(node.name.toLowerCase());
      const hint = match === undefined ? '' : ` (names are case-sensitive: did you mean ${match}?)`;
      this.report('unknownFunction', node.position, `unknown function ${node.name}${hint}`);
      return;
    }
    if (definition.topLevelOnly === true && !topLevel) {
      this.report(
        'placement',
        node.position,
        `${node.name} must be the whole expression, not nested in another`,
      );
    }
    if (!this.#arity(node, definition)) return;
    node.args.forEach((arg, index) => this.#argument(node, definition, arg, index));
    definition.validate?.(node.args, (arg, message) =>
      this.report('invalidArgument', arg?.position ?? node.position, `${node.name}: ${message}`),
    );
  }

  #arity(node: CallNode, definition: FunctionDefinition): boolean {
    const count = node.args.length;
    const minimum = minimumArguments(definition);
    const maximum = definition.repeat === undefined ? definition.parameters.length : Number.POSITIVE_INFINITY;
    if (count < minimum || count > maximum) {
      const expected =
        minimum === maximum
          ? `${minimum}`
          : maximum === Number.POSITIVE_INFINITY
            ? `at least ${minimum}`
            : `${minimum} to ${maximum}`;
      this.report('arity', node.position, `${node.name} takes ${expected} arguments, not ${count}`);
      return false;
    }
    if (definition.repeat === 2 && (count - definition.parameters.length) % 2 !== 0) {
      this.report(
        'arity',
        node.position,
        `${node.name} takes keys and values in pairs: the last key has no value (${count} arguments)`,
      );
      return false;
    }
    return true;
  }

  #argument(node: CallNode, definition: FunctionDefinition, arg: ArgumentNode, index: number): void {
    const parameter = parameterAt(definition, index);
    if (parameter === undefined) return;
    const label = `argument ${index + 1} (${parameter.name}) of ${node.name}`;
    if (arg.kind === 'missing') {
      if (parameter.optional !== true) this.report('missingArgument', arg.position, `${label} is required`);
      return;
    }
    const clash = typeClash(parameter.type, arg);
    if (clash !== undefined && parameter.type !== 'any') {
      this.report('type', arg.position, `${label} expects ${EXPECTED_NAMES[parameter.type]}, but ${clash}`);
    }
  }
}

/**
 * Checks an expression at save time. With `attributes`, every `[attribute]` must be one of them (names
 * are case-sensitive). Returns every problem found, in text order; an empty list means it compiles.
 */
export function checkExpression(
  node: ExpressionNode,
  attributes?: ReadonlySet<string>,
): readonly ExpressionProblem[] {
  const checker = new Checker(attributes);
  checker.visit(node, true);
  return [...checker.problems].sort((a, b) => a.position - b.position);
}
