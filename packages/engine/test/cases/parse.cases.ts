/**
 * Parser and save-time check vectors for the expression language (B4): valid texts with their tree and
 * canonical print, syntax errors with their 1-based position, and `checkExpression` problems.
 */
import type { ArgumentNode, ExpressionNode, ExpressionProblem } from '@provisio/engine';

// ---- Tree builders (positions are 1-based offsets of each node's first character) ----------------------

export const call = (name: string, position: number, ...args: ArgumentNode[]): ExpressionNode => ({
  kind: 'call',
  name,
  args,
  position,
});
export const attr = (name: string, position: number): ExpressionNode => ({
  kind: 'attribute',
  name,
  position,
});
export const str = (value: string, position: number): ExpressionNode => ({ kind: 'string', value, position });
export const num = (value: number, position: number, hex = false): ExpressionNode => ({
  kind: 'number',
  value,
  hex,
  position,
});
export const missing = (position: number): ArgumentNode => ({ kind: 'missing', position });

export interface ParseCase {
  readonly title: string;
  readonly text: string;
  readonly tree?: ExpressionNode;
  /** `printExpression(parseExpression(text))`; defaults to `text`. */
  readonly printed?: string;
}

export const parseCases: readonly ParseCase[] = [
  {
    title: 'doc: Join(" ", [givenName], [surname])',
    text: 'Join(" ", [givenName], [surname])',
    tree: call('Join', 1, str(' ', 6), attr('givenName', 11), attr('surname', 24)),
  },
  {
    title: 'doc: empty positional arguments, trailing ones included',
    text: 'Replace([x], , "re", , "", , )',
    tree: call(
      'Replace',
      1,
      attr('x', 9),
      missing(14),
      str('re', 16),
      missing(22),
      str('', 24),
      missing(28),
      missing(30),
    ),
  },
  {
    title: 'doc: FormatDateTime with an empty second argument',
    text: 'FormatDateTime([extensionAttribute1], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")',
  },
  {
    title: 'doc: escaped quote inside a string',
    text: String.raw`Append("Company name: \"Contoso\"", [x])`,
    tree: call('Append', 1, str('Company name: "Contoso"', 8), attr('x', 37)),
  },
  {
    title: 'escaped backslash; other backslashes stay as written (regex texts)',
    text: String.raw`Replace([a], , "\\d+\w", , "", , )`,
    printed: String.raw`Replace([a], , "\\d+\\w", , "", , )`,
  },
  { title: 'no arguments', text: 'Now()', tree: call('Now', 1) },
  { title: 'two empty arguments', text: 'F(, )', tree: call('F', 1, missing(3), missing(5)) },
  {
    title: 'doc: comparison inside IIF',
    text: 'IIF([country]="USA",[country],[department])',
    printed: 'IIF([country] = "USA", [country], [department])',
    tree: call(
      'IIF',
      1,
      { kind: 'compare', op: '=', left: attr('country', 5), right: str('USA', 15), position: 5 },
      attr('country', 21),
      attr('department', 31),
    ),
  },
  { title: 'every comparison operator', text: 'F(1 <> 2, 1 >= 2, 1 <= 2, 1 > 2, 1 < 2, 1 = 2)' },
  {
    title: 'doc: hex literals',
    text: 'BitAnd(&HF, &hf7)',
    printed: 'BitAnd(&HF, &HF7)',
    tree: call('BitAnd', 1, num(15, 8, true), num(247, 13, true)),
  },
  {
    title: 'negative and decimal numbers',
    text: 'DateAdd("d", -10, 1.5)',
    tree: call('DateAdd', 1, str('d', 9), num(-10, 14), num(1.5, 19)),
  },
  {
    title: 'exponent form (printed for very large numbers)',
    text: 'F(1e21, 2E-3)',
    printed: 'F(1000000000000000000000, 0.002)',
  },
  {
    title: 'bare name argument',
    text: 'InStr("a", "b", 1, vbTextCompare)',
    tree: call('InStr', 1, str('a', 7), str('b', 12), num(1, 17), {
      kind: 'name',
      name: 'vbTextCompare',
      position: 20,
    }),
  },
  { title: 'a lone attribute is an expression', text: '[mail]', tree: attr('mail', 1) },
  { title: 'a lone string is an expression', text: '"constant"', tree: str('constant', 1) },
  { title: 'extension attribute names', text: '[extension_9f2a_costCenter]' },
  {
    title: 'doc: multi-line Switch with surrounding whitespace',
    text: '\n Switch([Active], , \n  "1", "True",\n  "0", "False")  ',
    printed: 'Switch([Active], , "1", "True", "0", "False")',
  },
  { title: 'space between name and parenthesis', text: 'Now ()', printed: 'Now()' },
  { title: 'deep nesting within the limit', text: `${'ToLower('.repeat(100)}[x]${')'.repeat(100)}` },
];

export interface SyntaxErrorCase {
  readonly title: string;
  readonly text: string;
  /** 1-based position of the offending character. */
  readonly position: number;
  readonly message: RegExp;
}

export const syntaxErrorCases: readonly SyntaxErrorCase[] = [
  { title: 'empty', text: '', position: 1, message: /empty expression/ },
  { title: 'only whitespace', text: '   ', position: 4, message: /empty expression/ },
  { title: 'unterminated string', text: 'Append([a], "abc)', position: 13, message: /unterminated string/ },
  {
    title: 'escaped closing quote leaves the string open',
    text: String.raw`F("abc\")`,
    position: 3,
    message: /unterminated string/,
  },
  {
    title: 'unterminated attribute',
    text: 'Append([a, "x")',
    position: 12,
    message: /unexpected "\\"" in an attribute name/,
  },
  {
    title: 'attribute without closing bracket',
    text: 'F([abc',
    position: 3,
    message: /unterminated attribute/,
  },
  { title: 'empty attribute', text: 'F([])', position: 3, message: /empty attribute name/ },
  {
    title: 'attribute with surrounding spaces',
    text: 'F([ a ])',
    position: 4,
    message: /surrounding spaces/,
  },
  {
    title: 'missing closing parenthesis',
    text: 'Join(" ", [a]',
    position: 14,
    message: /expected "," or "\)"/,
  },
  { title: 'missing comma', text: 'Join(" " [a])', position: 10, message: /expected "," or "\)"/ },
  { title: 'trailing text', text: 'Now() x', position: 7, message: /after the end of the expression/ },
  {
    title: 'chained comparison',
    text: 'IIF(1 = 2 = 3, "a", "b")',
    position: 11,
    message: /cannot be chained/,
  },
  {
    title: 'comparison without a right side',
    text: 'IIF([a] = , "x", "y")',
    position: 11,
    message: /expected a function call/,
  },
  { title: 'stray character', text: 'F(#)', position: 3, message: /unexpected "#"/ },
  { title: 'number glued to a name', text: 'F(12abc)', position: 5, message: /in a number/ },
  { title: 'malformed hex', text: 'F(&Hxyz)', position: 3, message: /hexadecimal/ },
  {
    title: 'decimal point without digits',
    text: 'F(1.)',
    position: 5,
    message: /digit after the decimal point/,
  },
  { title: 'unbalanced closing parenthesis', text: 'Now())', position: 6, message: /after the end/ },
  {
    title: 'too deep',
    text: `${'F('.repeat(101)}1${')'.repeat(101)}`,
    position: 201,
    message: /nested deeper than 100/,
  },
  {
    title: 'longer than 10,000 characters',
    text: `"${'x'.repeat(10_000)}"`,
    position: 10_001,
    message: /limit is 10000/,
  },
  { title: 'second line, column 3', text: 'Join(" ",\n  #)', position: 13, message: /line 2, column 3/ },
];

export interface CheckCase {
  readonly title: string;
  readonly text: string;
  readonly attributes?: readonly string[];
  /** Every problem, in order, as `code@position`. */
  readonly problems: readonly `${ExpressionProblem['code']}@${number}`[];
}

export const checkCases: readonly CheckCase[] = [
  {
    title: 'A7 defaults are clean',
    text: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")',
    problems: [],
  },
  { title: 'unknown function with a case hint', text: 'join(" ", [a])', problems: ['unknownFunction@1'] },
  {
    title: 'unknown function anywhere in the tree',
    text: 'ToLower(Frobnicate([a]))',
    problems: ['unknownFunction@9'],
  },
  { title: 'unknown bare name', text: 'Append(givenName, "x")', problems: ['unknownName@8'] },
  { title: 'too few arguments', text: 'Left("abc")', problems: ['arity@1'] },
  { title: 'too many arguments', text: 'Left("abc", 1, 2)', problems: ['arity@1'] },
  { title: 'required argument left empty', text: 'Append(, "x")', problems: ['missingArgument@8'] },
  { title: 'number parameter given text', text: 'Left("abc", "two")', problems: ['type@13'] },
  { title: 'number parameter given a numeric string', text: 'Left("abc", "2")', problems: [] },
  { title: 'number parameter given a DateTime', text: 'Left("abc", Now())', problems: ['type@13'] },
  {
    title: 'date parameter given a string literal',
    text: 'DateDiff("d", "2021-01-01", Now())',
    problems: ['type@15'],
  },
  {
    title: 'roles where text is wanted',
    text: 'ToLower(AppRoleAssignmentsComplex([appRoleAssignments]))',
    problems: ['type@9'],
  },
  { title: 'a list cannot be compared', text: 'IIF(Split([a], ",") = "x", "y", "z")', problems: ['type@5'] },
  {
    title: 'known attributes pass',
    text: 'Join(" ", [givenName], [surname])',
    attributes: ['givenName', 'surname'],
    problems: [],
  },
  {
    title: 'unknown attribute',
    text: 'Join(" ", [givenName], [lastName])',
    attributes: ['givenName', 'surname'],
    problems: ['unknownAttribute@24'],
  },
  {
    title: 'attribute names are case-sensitive',
    text: '[GivenName]',
    attributes: ['givenName'],
    problems: ['unknownAttribute@1'],
  },
  { title: 'several problems in text order', text: 'Item([a], 0, 1)', problems: ['arity@1'] },
  {
    title: 'problems from different calls, sorted',
    text: 'Join(Left("a"), Item([b], 0))',
    problems: ['arity@6', 'invalidArgument@27'],
  },
];
