/**
 * Scoping filters (entra-scim-behaviour.md B2): clauses on one source attribute each, AND within a filter
 * group, OR across groups. A clause on a null or empty value is false, except IS NULL / IS NOT NULL.
 */
import type { DirectoryValue } from '../directory/model.js';

/** The operators of the portal's list, spelled as the portal spells them. */
export const SCOPING_OPERATORS = [
  '&',
  '!&',
  'ENDS_WITH',
  'EQUALS',
  'NOT EQUALS',
  'Greater_Than',
  'Greater_Than_OR_EQUALS',
  'Includes',
  'IS TRUE',
  'IS FALSE',
  'IS NULL',
  'IS NOT NULL',
  'REGEX MATCH',
  'NOT REGEX MATCH',
] as const;

export type ScopingOperator = (typeof SCOPING_OPERATORS)[number];

const UNARY: ReadonlySet<ScopingOperator> = new Set(['IS TRUE', 'IS FALSE', 'IS NULL', 'IS NOT NULL']);

export interface ScopingClause {
  readonly attribute: string;
  readonly operator: ScopingOperator;
  /** The operand of binary operators; unary ones take none. */
  readonly value?: string;
}

export interface ScopingFilterGroup {
  readonly name?: string;
  readonly clauses: readonly ScopingClause[];
}

/** Attributes Entra refuses in scoping filters (B2): references, multi-valued, role assignments. */
const UNSUPPORTED_ATTRIBUTES: ReadonlySet<string> = new Set([
  'manager',
  'members',
  'memberIds',
  'appRoleAssignments',
  'userType',
  'IsMemberOf',
]);

/** Why a scoping filter configuration is invalid; empty when it is fine. */
export function checkScopingFilter(groups: readonly ScopingFilterGroup[], at: string): string[] {
  const problems: string[] = [];
  groups.forEach((group, g) => {
    if (group.clauses.length === 0) problems.push(`${at}[${g}]: a filter group needs at least one clause`);
    group.clauses.forEach((clause, c) => {
      const where = `${at}[${g}].clauses[${c}]`;
      if (!SCOPING_OPERATORS.includes(clause.operator)) {
        problems.push(
          `${where}: unknown operator "${clause.operator}"; one of ${SCOPING_OPERATORS.join(', ')}`,
        );
        return;
      }
      if (UNSUPPORTED_ATTRIBUTES.has(clause.attribute)) {
        problems.push(`${where}: "${clause.attribute}" cannot be used in a scoping filter`);
      }
      if (UNARY.has(clause.operator)) {
        if (clause.value !== undefined) problems.push(`${where}: ${clause.operator} takes no value`);
        return;
      }
      if (clause.value === undefined) {
        problems.push(`${where}: ${clause.operator} needs a value`);
      } else if (clause.operator.startsWith('Greater_Than') && !INTEGER.test(clause.value)) {
        problems.push(`${where}: ${clause.operator} compares integers, "${clause.value}" is not one`);
      } else if (clause.operator.endsWith('REGEX MATCH')) {
        const error = regexError(clause.value);
        if (error) problems.push(`${where}: invalid regular expression: ${error}`);
      }
    });
  });
  return problems;
}

const INTEGER = /^[+-]?\d+$/;

function regexError(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Values as Entra's scoping engine sees them: strings, with .NET's "True"/"False" for booleans. */
function asText(value: DirectoryValue | undefined): string | undefined {
  if (value === null || value === undefined || Array.isArray(value)) return undefined;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  const text = String(value);
  return text === '' ? undefined : text;
}

function asInteger(text: string): bigint | undefined {
  return INTEGER.test(text) ? BigInt(text) : undefined;
}

type ClauseTest = (text: string, operand: string) => boolean;

const BINARY: Record<
  Exclude<ScopingOperator, 'IS TRUE' | 'IS FALSE' | 'IS NULL' | 'IS NOT NULL'>,
  ClauseTest
> = {
  // The portal describes & as "the attribute value is contained in the input string" (B2).
  '&': (text, operand) => operand.includes(text),
  '!&': (text, operand) => !operand.includes(text),
  ENDS_WITH: (text, operand) => text.endsWith(operand),
  EQUALS: (text, operand) => text === operand,
  'NOT EQUALS': (text, operand) => text !== operand,
  Greater_Than: (text, operand) => compareIntegers(text, operand, (a, b) => a > b),
  Greater_Than_OR_EQUALS: (text, operand) => compareIntegers(text, operand, (a, b) => a >= b),
  Includes: (text, operand) => text.includes(operand),
  // .NET Regex.IsMatch semantics: a match anywhere, not anchored.
  'REGEX MATCH': (text, operand) => regex(operand).test(text),
  'NOT REGEX MATCH': (text, operand) => !regex(operand).test(text),
};

/** Patterns are few and fixed per configuration, and evaluated once per object of every cycle. */
const patterns = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let compiled = patterns.get(pattern);
  if (!compiled) {
    compiled = new RegExp(pattern);
    patterns.set(pattern, compiled);
  }
  return compiled;
}

function compareIntegers(text: string, operand: string, test: (a: bigint, b: bigint) => boolean): boolean {
  const a = asInteger(text);
  const b = asInteger(operand);
  return a !== undefined && b !== undefined && test(a, b);
}

/** Evaluates one clause against an attribute value. */
export function evaluateClause(clause: ScopingClause, value: DirectoryValue | undefined): boolean {
  const text = asText(value);
  switch (clause.operator) {
    case 'IS NULL':
      return text === undefined;
    case 'IS NOT NULL':
      return text !== undefined;
    case 'IS TRUE':
      return text !== undefined && text.toLowerCase() === 'true';
    case 'IS FALSE':
      return text !== undefined && text.toLowerCase() === 'false';
    default:
      return text !== undefined && BINARY[clause.operator](text, clause.value ?? '');
  }
}

export type ScopingResult =
  | { readonly inScope: true; readonly detail: string }
  | { readonly inScope: false; readonly detail: string };

const describe = (clause: ScopingClause) =>
  clause.value === undefined
    ? `${clause.attribute} ${clause.operator}`
    : `${clause.attribute} ${clause.operator} "${clause.value}"`;

/** Evaluates the filter groups; the detail names the passing group or the first failing clause of each. */
export function evaluateScopingFilter(
  groups: readonly ScopingFilterGroup[],
  attributes: Readonly<Record<string, DirectoryValue>>,
): ScopingResult {
  if (groups.length === 0) return { inScope: true, detail: 'no scoping filter' };
  const failures: string[] = [];
  for (const [index, group] of groups.entries()) {
    const failed = group.clauses.find((clause) => !evaluateClause(clause, attributes[clause.attribute]));
    const name = group.name ?? `filter ${index + 1}`;
    if (!failed) return { inScope: true, detail: `passed ${name}` };
    failures.push(`${name}: ${describe(failed)} is false`);
  }
  return { inScope: false, detail: failures.join('; ') };
}
