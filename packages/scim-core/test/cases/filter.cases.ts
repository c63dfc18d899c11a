// Conformance cases for the filter language (RFC 7644 §3.4.2.2): parsing, syntax errors, binding to the
// schemas, and evaluation against fixture resources. The runner is test/filter.test.ts.
import {
  type AttributePath,
  ENTERPRISE_USER_SCHEMA,
  type FilterNode,
  type FilterValue,
  GROUP_SCHEMA,
  SchemaRegistry,
  USER_SCHEMA,
} from '@provisio/scim-core';

// ---- AST builders -------------------------------------------------------------------------------------

/** `at('emails', 'value')`, `at('manager', 'value', ENTERPRISE_USER_SCHEMA)`. */
export const at = (attribute: string, subAttribute?: string, schema?: string): AttributePath => ({
  ...(schema !== undefined ? { schema } : {}),
  attribute,
  ...(subAttribute !== undefined ? { subAttribute } : {}),
});
type Op = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
const cmp = (path: AttributePath, op: Op, value: FilterValue): FilterNode => ({
  kind: 'compare',
  path,
  op,
  value,
});
const pr = (path: AttributePath): FilterNode => ({ kind: 'present', path });
const and = (left: FilterNode, right: FilterNode): FilterNode => ({ kind: 'and', left, right });
const or = (left: FilterNode, right: FilterNode): FilterNode => ({ kind: 'or', left, right });
const not = (filter: FilterNode): FilterNode => ({ kind: 'not', filter });
const vp = (path: AttributePath, filter: FilterNode): FilterNode => ({ kind: 'valuePath', path, filter });

const ENT = ENTERPRISE_USER_SCHEMA;
const ACME = 'urn:example:params:scim:schemas:extension:acme:2.0:User';

// ---- Parse cases: text → AST and/or canonical print ----------------------------------------------------

export interface ParseCase {
  readonly title: string;
  readonly filter: string;
  readonly ast?: FilterNode;
  /** `printFilter(parseFilter(filter))`. */
  readonly printed?: string;
}

export const parseCases: readonly ParseCase[] = [
  // RFC 7644 §3.4.2.2, the example filters in the order the section lists them.
  {
    title: 'RFC 7644 §3.4.2.2 example: userName eq "bjensen"',
    filter: 'userName eq "bjensen"',
    ast: cmp(at('userName'), 'eq', 'bjensen'),
  },
  {
    title: 'RFC 7644 §3.4.2.2 example: name.familyName co "O\'Malley"',
    filter: `name.familyName co "O'Malley"`,
    ast: cmp(at('name', 'familyName'), 'co', "O'Malley"),
  },
  {
    title: 'RFC 7644 §3.4.2.2 example: userName sw "J"',
    filter: 'userName sw "J"',
    ast: cmp(at('userName'), 'sw', 'J'),
  },
  {
    title: 'RFC 7644 §3.4.2.2 example: URN-qualified core attribute',
    filter: 'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
    ast: cmp(at('userName', undefined, USER_SCHEMA), 'sw', 'J'),
  },
  { title: 'RFC 7644 §3.4.2.2 example: title pr', filter: 'title pr', ast: pr(at('title')) },
  ...(['gt', 'ge', 'lt', 'le'] as const).map((op) => ({
    title: `RFC 7644 §3.4.2.2 example: meta.lastModified ${op} a dateTime`,
    filter: `meta.lastModified ${op} "2011-05-13T04:42:34Z"`,
    ast: cmp(at('meta', 'lastModified'), op, '2011-05-13T04:42:34Z'),
  })),
  {
    title: 'RFC 7644 §3.4.2.2 example: title pr and userType eq "Employee"',
    filter: 'title pr and userType eq "Employee"',
    ast: and(pr(at('title')), cmp(at('userType'), 'eq', 'Employee')),
  },
  {
    title: 'RFC 7644 §3.4.2.2 example: title pr or userType eq "Intern"',
    filter: 'title pr or userType eq "Intern"',
    ast: or(pr(at('title')), cmp(at('userType'), 'eq', 'Intern')),
  },
  {
    title: 'RFC 7644 §3.4.2.2 example: schemas eq the enterprise URN',
    filter: `schemas eq "${ENT}"`,
    ast: cmp(at('schemas'), 'eq', ENT),
  },
  {
    title: 'RFC 7644 §3.4.2.2 example: and with a parenthesised or',
    filter: 'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
    ast: and(
      cmp(at('userType'), 'eq', 'Employee'),
      or(cmp(at('emails'), 'co', 'example.com'), cmp(at('emails', 'value'), 'co', 'example.org')),
    ),
  },
  {
    title: 'RFC 7644 §3.4.2.2 example: ne and not (…)',
    filter: 'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
    ast: and(
      cmp(at('userType'), 'ne', 'Employee'),
      not(or(cmp(at('emails'), 'co', 'example.com'), cmp(at('emails', 'value'), 'co', 'example.org'))),
    ),
  },
  {
    title: 'RFC 7644 §3.4.2.2 example: a group around one expression adds no node',
    filter: 'userType eq "Employee" and (emails.type eq "work")',
    ast: and(cmp(at('userType'), 'eq', 'Employee'), cmp(at('emails', 'type'), 'eq', 'work')),
    printed: 'userType eq "Employee" and emails.type eq "work"',
  },
  {
    title: 'RFC 7644 §3.4.2.2 example: valuePath with and',
    filter: 'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
    ast: and(
      cmp(at('userType'), 'eq', 'Employee'),
      vp(at('emails'), and(cmp(at('type'), 'eq', 'work'), cmp(at('value'), 'co', '@example.com'))),
    ),
  },
  {
    title: 'RFC 7644 §3.4.2.2 example: two valuePaths joined by or',
    filter:
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
    ast: or(
      vp(at('emails'), and(cmp(at('type'), 'eq', 'work'), cmp(at('value'), 'co', '@example.com'))),
      vp(at('ims'), and(cmp(at('type'), 'eq', 'xmpp'), cmp(at('value'), 'co', '@foo.com'))),
    ),
  },
  // Case-insensitivity of operators and keywords.
  {
    title: 'RFC 7644 §3.4.2.2 attribute operators are case-insensitive ("userName Eq")',
    filter: 'userName Eq "john"',
    ast: cmp(at('userName'), 'eq', 'john'),
    printed: 'userName eq "john"',
  },
  {
    title: 'RFC 7644 §3.4.2.2 attribute names keep their spelling until binding ("Username")',
    filter: 'Username eq "john"',
    ast: cmp(at('Username'), 'eq', 'john'),
  },
  {
    title: 'RFC 7644 §3.4.2.2 PR, AND, Or, NOT are case-insensitive',
    filter: 'title PR AND NOT (userType EQ "x") Or active eq TRUE',
    ast: or(and(pr(at('title')), not(cmp(at('userType'), 'eq', 'x'))), cmp(at('active'), 'eq', true)),
    printed: 'title pr and not (userType eq "x") or active eq true',
  },
  ...(['NE', 'Co', 'sW', 'EW', 'GT', 'Ge', 'lT', 'LE'] as const).map((written) => ({
    title: `RFC 7644 §3.4.2.2 operator "${written}" is read case-insensitively`,
    filter: `displayName ${written} "x"`,
    ast: cmp(at('displayName'), written.toLowerCase() as Op, 'x'),
  })),
  // Literals: RFC 7644 §3.4.2.2 compValue = false / null / true / number / string (RFC 7159).
  { title: 'RFC 7644 §3.4.2.2 literal true', filter: 'active eq true', ast: cmp(at('active'), 'eq', true) },
  {
    title: 'RFC 7644 §3.4.2.2 literal FALSE in any case',
    filter: 'active eq FALSE',
    ast: cmp(at('active'), 'eq', false),
  },
  { title: 'RFC 7644 §3.4.2.2 literal Null', filter: 'title eq Null', ast: cmp(at('title'), 'eq', null) },
  { title: 'RFC 8259 §6 integer', filter: 'n eq 42', ast: cmp(at('n'), 'eq', 42) },
  { title: 'RFC 8259 §6 zero', filter: 'n eq 0', ast: cmp(at('n'), 'eq', 0) },
  { title: 'RFC 8259 §6 negative number', filter: 'n gt -17', ast: cmp(at('n'), 'gt', -17) },
  { title: 'RFC 8259 §6 decimal', filter: 'n lt 3.25', ast: cmp(at('n'), 'lt', 3.25) },
  {
    title: 'RFC 8259 §6 exponent, normalised when printed',
    filter: 'n ge -2.5E-2',
    ast: cmp(at('n'), 'ge', -0.025),
    printed: 'n ge -0.025',
  },
  { title: 'RFC 8259 §6 exponent with +', filter: 'n le 1e+3', ast: cmp(at('n'), 'le', 1000) },
  {
    title: 'RFC 8259 §6 negative zero survives a round trip',
    filter: 'n eq -0',
    ast: cmp(at('n'), 'eq', -0),
  },
  {
    title: 'RFC 8259 §7 escapes \\" \\\\ \\/ \\b \\f \\n \\r \\t',
    filter: String.raw`s eq "q\" b\\ s\/ \b\f\n\r\t"`,
    ast: cmp(at('s'), 'eq', 'q" b\\ s/ \b\f\n\r\t'),
    printed: String.raw`s eq "q\" b\\ s/ \b\f\n\r\t"`,
  },
  {
    title: 'RFC 8259 §7 \\uXXXX escape in either case',
    filter: String.raw`s eq "caf\u00E9 \u00e9"`,
    ast: cmp(at('s'), 'eq', 'café é'),
    printed: 's eq "café é"',
  },
  {
    title: 'RFC 8259 §7 surrogate pair escape',
    filter: String.raw`s eq "\ud83d\ude00"`,
    ast: cmp(at('s'), 'eq', '😀'),
  },
  {
    title: 'RFC 7644 §3.4.2.2 strings may hold brackets, parentheses and keywords',
    filter: 's eq "a) or (b] and [c"',
    ast: cmp(at('s'), 'eq', 'a) or (b] and [c'),
  },
  { title: 'RFC 8259 §7 empty string', filter: 's eq ""', ast: cmp(at('s'), 'eq', '') },
  // Whitespace.
  {
    title: 'RFC 7644 §3.4.2.2 any whitespace run separates tokens',
    filter: ' \tuserName \n eq\r\n"x"\t and\ttitle  pr ',
    ast: and(cmp(at('userName'), 'eq', 'x'), pr(at('title'))),
    printed: 'userName eq "x" and title pr',
  },
  {
    title: 'RFC 7644 §3.4.2.2 spaces inside groups and brackets are optional',
    filter: '( title pr )and emails[ type eq "work" ]',
    ast: and(pr(at('title')), vp(at('emails'), cmp(at('type'), 'eq', 'work'))),
  },
  // Precedence and associativity.
  {
    title: 'RFC 7644 §3.4.2.2 and binds tighter than or (or on the left)',
    filter: 'a pr or b pr and c pr',
    ast: or(pr(at('a')), and(pr(at('b')), pr(at('c')))),
  },
  {
    title: 'RFC 7644 §3.4.2.2 and binds tighter than or (or on the right)',
    filter: 'a pr and b pr or c pr',
    ast: or(and(pr(at('a')), pr(at('b'))), pr(at('c'))),
  },
  {
    title: 'RFC 7644 §3.4.2.2 not binds tighter than and',
    filter: 'not (a pr) and b pr',
    ast: and(not(pr(at('a'))), pr(at('b'))),
  },
  {
    title: 'RFC 7644 §3.4.2.2 grouping overrides precedence',
    filter: '(a pr or b pr) and c pr',
    ast: and(or(pr(at('a')), pr(at('b'))), pr(at('c'))),
  },
  {
    title: 'RFC 7644 §3.4.2.2 and is left-associative',
    filter: 'a pr and b pr and c pr',
    ast: and(and(pr(at('a')), pr(at('b'))), pr(at('c'))),
  },
  {
    title: 'RFC 7644 §3.4.2.2 or is left-associative',
    filter: 'a pr or b pr or c pr',
    ast: or(or(pr(at('a')), pr(at('b'))), pr(at('c'))),
  },
  {
    title: 'RFC 7644 §3.4.2.2 a right-nested group keeps its parentheses when printed',
    filter: 'a pr and (b pr and c pr)',
    ast: and(pr(at('a')), and(pr(at('b')), pr(at('c')))),
    printed: 'a pr and (b pr and c pr)',
  },
  {
    title: 'RFC 7644 §3.4.2.2 redundant parentheses are dropped when printed',
    filter: '((a pr)) or ((b pr) and (c pr))',
    ast: or(pr(at('a')), and(pr(at('b')), pr(at('c')))),
    printed: 'a pr or b pr and c pr',
  },
  {
    title: 'RFC 7644 §3.4.2.2 not( without a space',
    filter: 'not(a pr)',
    ast: not(pr(at('a'))),
    printed: 'not (a pr)',
  },
  {
    title: 'RFC 7644 §3.4.2.2 not of not',
    filter: 'not (not (a pr))',
    ast: not(not(pr(at('a')))),
  },
  {
    title: 'RFC 7644 §3.4.2.2 "not" not followed by a group is an attribute name',
    filter: 'not eq "x"',
    ast: cmp(at('not'), 'eq', 'x'),
  },
  {
    title: 'RFC 7644 §3.4.2.2 keywords as attribute names after a logical operator',
    filter: 'and pr and or pr',
    ast: and(pr(at('and')), pr(at('or'))),
  },
  // valuePath.
  {
    title: 'RFC 7644 §3.4.2.2 valuePath with or and a nested group (RFC 7644 errata 7322)',
    filter: 'emails[type eq "work" or (type eq "home" and value ew "@example.com")]',
    ast: vp(
      at('emails'),
      or(
        cmp(at('type'), 'eq', 'work'),
        and(cmp(at('type'), 'eq', 'home'), cmp(at('value'), 'ew', '@example.com')),
      ),
    ),
  },
  {
    title: 'RFC 7644 §3.4.2.2 valuePath with not (…) inside',
    filter: 'emails[not (type eq "work")]',
    ast: vp(at('emails'), not(cmp(at('type'), 'eq', 'work'))),
  },
  {
    title: 'RFC 7644 §3.4.2.2 valuePath under not',
    filter: 'not (emails[primary eq true])',
    ast: not(vp(at('emails'), cmp(at('primary'), 'eq', true))),
  },
  {
    title: 'RFC 7644 §3.4.2.2 URN-qualified valuePath',
    filter: `${USER_SCHEMA}:emails[type eq "work"]`,
    ast: vp(at('emails', undefined, USER_SCHEMA), cmp(at('type'), 'eq', 'work')),
  },
  {
    title: 'Entra A3: emails[type eq "work"].value eq "x" is a valuePath with and',
    filter: 'emails[type eq "work"].value eq "x"',
    ast: vp(at('emails'), and(cmp(at('type'), 'eq', 'work'), cmp(at('value'), 'eq', 'x'))),
    printed: 'emails[type eq "work" and value eq "x"]',
  },
  {
    title: 'Entra A3: emails[type eq "work"].value pr is a valuePath with and',
    filter: 'emails[type eq "work"].value pr',
    ast: vp(at('emails'), and(cmp(at('type'), 'eq', 'work'), pr(at('value')))),
  },
  {
    title: 'Entra A3: the ].sub form keeps an inner or grouped',
    filter: 'emails[type eq "work" or type eq "home"].value co "@x" and userName pr',
    ast: and(
      vp(
        at('emails'),
        and(or(cmp(at('type'), 'eq', 'work'), cmp(at('type'), 'eq', 'home')), cmp(at('value'), 'co', '@x')),
      ),
      pr(at('userName')),
    ),
    printed: 'emails[(type eq "work" or type eq "home") and value co "@x"] and userName pr',
  },
  // Paths.
  {
    title: 'RFC 7644 §3.10 URN-qualified extension sub-attribute (Entra manager)',
    filter: `${ENT}:manager.value eq "m1"`,
    ast: cmp(at('manager', 'value', ENT), 'eq', 'm1'),
  },
  {
    title: 'RFC 7643 §2.1 ATTRNAME may start with "$" ($ref)',
    filter: 'members.$ref pr',
    ast: pr(at('members', '$ref')),
  },
  {
    title: 'RFC 7643 §2.1 ATTRNAME may hold digits, "-" and "_"',
    filter: 'x509Certificates.value pr and a_b-2 pr',
    ast: and(pr(at('x509Certificates', 'value')), pr(at('a_b-2'))),
  },
];

// ---- Error cases: text → InvalidFilter at an offset ---------------------------------------------------

export interface ErrorCase {
  readonly title: string;
  readonly filter: string;
  /** 0-based offset the detail must name. */
  readonly offset: number;
  /** A fragment the detail must contain. */
  readonly detail?: string;
}

export const errorCases: readonly ErrorCase[] = [
  { title: 'RFC 7644 §3.4.2.2 empty filter', filter: '', offset: 0, detail: 'empty' },
  { title: 'RFC 7644 §3.4.2.2 blank filter', filter: '  \t ', offset: 4, detail: 'empty' },
  {
    title: 'RFC 7644 §3.4.2.2 attribute without operator',
    filter: 'userName',
    offset: 8,
    detail: 'expected a comparison operator after "userName"',
  },
  {
    title: 'RFC 7644 §3.4.2.2 unknown operator',
    filter: 'userName xx "x"',
    offset: 9,
    detail: 'unknown operator "xx"',
  },
  { title: 'RFC 7644 §3.4.2.2 "=" is not an operator', filter: 'userName = "x"', offset: 9 },
  {
    title: 'RFC 7644 §3.4.2.2 missing operand at the end',
    filter: 'userName eq',
    offset: 11,
    detail: 'expected a value',
  },
  {
    title: 'RFC 7644 §3.4.2.2 missing operand before and',
    filter: 'userName eq and title pr',
    offset: 12,
    detail: 'expected a value',
  },
  {
    title: 'RFC 7644 §3.4.2.2 unquoted string value',
    filter: 'userName eq bjensen',
    offset: 12,
    detail: 'expected a value',
  },
  { title: 'RFC 8259 §7 single quotes do not delimit strings', filter: "userName eq 'x'", offset: 12 },
  {
    title: 'RFC 8259 §7 unterminated string',
    filter: 'userName eq "bjensen',
    offset: 12,
    detail: 'unterminated string',
  },
  {
    title: 'RFC 8259 §7 string ending in a lone backslash',
    filter: 'userName eq "x\\',
    offset: 12,
    detail: 'unterminated string',
  },
  { title: 'RFC 8259 §7 invalid escape', filter: 'a eq "x\\q"', offset: 7, detail: 'invalid escape' },
  { title: 'RFC 8259 §7 short \\u escape', filter: 'a eq "\\u12G4"', offset: 6, detail: 'hex digits' },
  {
    title: 'RFC 8259 §7 raw control character',
    filter: 'a eq "x\ny"',
    offset: 7,
    detail: 'control character',
  },
  { title: 'RFC 8259 §6 leading zero', filter: 'n eq 01', offset: 5, detail: 'invalid number' },
  { title: 'RFC 8259 §6 trailing dot', filter: 'n eq 1.', offset: 5, detail: 'invalid number' },
  { title: 'RFC 8259 §6 leading dot', filter: 'n eq .5', offset: 5, detail: 'expected a value' },
  { title: 'RFC 8259 §6 lone minus', filter: 'n eq -', offset: 5, detail: 'invalid number' },
  { title: 'RFC 8259 §6 empty exponent', filter: 'n eq 1e', offset: 5, detail: 'exponent' },
  { title: 'RFC 8259 §6 plus sign', filter: 'n eq +1', offset: 5, detail: 'expected a value' },
  {
    title: 'RFC 8259 §6 digits followed by letters',
    filter: 'n eq 12ab',
    offset: 5,
    detail: 'invalid number',
  },
  { title: 'RFC 8259 §6 Infinity is not a number', filter: 'n eq Infinity', offset: 5 },
  {
    title: 'RFC 8259 §6 number beyond double range',
    filter: 'n eq 1e999',
    offset: 5,
    detail: 'out of range',
  },
  { title: 'RFC 7644 §3.4.2.2 truex is not a literal', filter: 'a eq truex', offset: 5 },
  {
    title: 'RFC 7644 §3.4.2.2 trailing garbage after a complete filter',
    filter: 'userName eq "x" garbage',
    offset: 16,
    detail: 'expected "and", "or" or the end of the filter',
  },
  { title: 'RFC 7644 §3.4.2.2 two expressions without and/or', filter: 'a pr b pr', offset: 5 },
  { title: 'RFC 7644 §3.4.2.2 unbalanced ")"', filter: 'a pr)', offset: 4, detail: 'unexpected ")"' },
  { title: 'RFC 7644 §3.4.2.2 unclosed "("', filter: '(a pr', offset: 5, detail: 'expected ")"' },
  { title: 'RFC 7644 §3.4.2.2 unclosed "[', filter: 'emails[type pr', offset: 14, detail: 'expected "]"' },
  { title: 'RFC 7644 §3.4.2.2 "]" without "["', filter: 'a pr]', offset: 4, detail: 'unexpected "]"' },
  { title: 'RFC 7644 §3.4.2.2 ")" closing a "["', filter: 'emails[type pr)', offset: 14 },
  { title: 'RFC 7644 §3.4.2.2 empty group', filter: '()', offset: 1 },
  { title: 'RFC 7644 §3.4.2.2 empty valuePath filter', filter: 'emails[]', offset: 7 },
  {
    title: 'RFC 7644 §3.4.2.2 dangling and',
    filter: 'a pr and',
    offset: 8,
    detail: 'expected a filter expression',
  },
  { title: 'RFC 7644 §3.4.2.2 dangling or', filter: 'a pr or ', offset: 8 },
  { title: 'RFC 7644 §3.4.2.2 leading or', filter: 'or a pr', offset: 3, detail: 'unknown operator "a"' },
  {
    title: 'RFC 7644 §3.4.2.2 not requires a group',
    filter: 'not title pr',
    offset: 4,
    detail: 'unknown operator "title"',
  },
  { title: 'RFC 7644 §3.4.2.2 pr takes no operand', filter: 'title pr "x"', offset: 9 },
  {
    title: 'RFC 7644 errata 4690: a valuePath inside a valuePath',
    filter: 'emails[type eq "work" and x[y pr]]',
    offset: 27,
    detail: 'nested inside another valuePath',
  },
  {
    title: 'RFC 7644 §3.4.2.2 a valuePath on a sub-attribute',
    filter: 'emails.value[type pr]',
    offset: 12,
    detail: 'sub-attribute',
  },
  {
    title: 'RFC 7644 §3.10 invalid attribute name',
    filter: 'user@name eq "x"',
    offset: 0,
    detail: 'attribute path',
  },
  { title: 'RFC 7644 §3.10 attribute name starting with a digit', filter: '1abc pr', offset: 0 },
  { title: 'RFC 7644 §3.10 three-part dotted path', filter: 'name.given.x pr', offset: 0 },
  { title: 'RFC 7644 §3.10 quote directly after the path', filter: 'userName"x"', offset: 8 },
  { title: 'Entra A3: "]." without a sub-attribute', filter: 'emails[type eq "work"]. eq "x"', offset: 23 },
  {
    title: 'Entra A3: "].value" without an operator',
    filter: 'emails[type eq "work"].value',
    offset: 28,
    detail: 'after "emails[type eq \\"work\\"].value"',
  },
  { title: 'Entra A3: "].a.b" is not a sub-attribute', filter: 'emails[type pr].a.b pr', offset: 16 },
  {
    title: 'Hostile input: groups nested 51 deep',
    filter: `${'('.repeat(51)}a pr${')'.repeat(51)}`,
    offset: 50,
    detail: 'nested deeper than 50',
  },
  {
    title: 'Hostile input: not nested 51 deep',
    filter: `${'not ('.repeat(51)}a pr${')'.repeat(51)}`,
    offset: 254,
    detail: 'nested deeper than 50',
  },
  {
    title: 'Hostile input: 10,000 open parentheses fail cleanly, no stack overflow',
    filter: '('.repeat(10_000),
    offset: 50,
  },
];

/** Fixed-up inputs checked separately by the runner: depth 50 passes, text over 10,000 chars fails. */
export const limitCases = {
  deepestAccepted: `${'('.repeat(50)}a pr${')'.repeat(50)}`,
  tooLong: `userName eq "${'x'.repeat(10_000)}"`,
} as const;

// ---- Schemas and fixtures ------------------------------------------------------------------------------

/** A custom extension registered with `withExtension`, exercising every attribute type. */
export const ACME_SCHEMA = ACME;
export const acmeRegistry = SchemaRegistry.standard().withExtension(
  {
    id: ACME,
    name: 'AcmeUser',
    attributes: [
      { name: 'badge', type: 'integer' },
      { name: 'rating', type: 'decimal' },
      { name: 'hiredAt', type: 'dateTime' },
      { name: 'remote', type: 'boolean' },
      { name: 'skills', multiValued: true },
      { name: 'code', caseExact: true },
      { name: 'photo', type: 'binary' },
      {
        name: 'projects',
        multiValued: true,
        subAttributes: [{ name: 'name' }, { name: 'budget', type: 'integer' }],
      },
    ],
  },
  { resourceType: 'User' },
);

const BJENSEN_ID = '2819c223-7f76-453a-919d-413861904646';
const MANAGER_ID = '26118915-6090-4610-87e4-49d8ca9f808d';

export const fixtures = {
  /** Close to RFC 7643 §8.2, with the enterprise extension. */
  bjensen: {
    schemas: [USER_SCHEMA, ENT],
    id: BJENSEN_ID,
    externalId: 'bjensen-ext',
    userName: 'bjensen@example.com',
    name: {
      formatted: 'Ms. Barbara J Jensen III',
      familyName: 'Jensen',
      givenName: 'Barbara',
      middleName: '',
    },
    displayName: 'Babs Jensen',
    nickName: 'Babs',
    title: 'Tour Guide',
    userType: 'Employee',
    active: true,
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    phoneNumbers: [
      { value: '', type: 'mobile' },
      { value: '555-555-5555', type: 'work' },
    ],
    ims: [{ value: 'someaimhandle', type: 'aim' }],
    x509Certificates: [{ value: 'MIIDQzCCAqygAwIBAgICEAAwDQYJ' }],
    meta: {
      resourceType: 'User',
      created: '2010-01-23T04:56:22Z',
      lastModified: '2011-05-13T04:42:34Z',
      version: 'W/"3694e05e9dff591"',
    },
    [ENT]: {
      employeeNumber: '701984',
      costCenter: '4130',
      department: 'Tour Operations',
      manager: { value: MANAGER_ID, displayName: 'John Smith' },
    },
  },
  /** Empty, null and false values everywhere. */
  sparse: {
    schemas: [USER_SCHEMA],
    id: 'u2',
    userName: 'jsmith',
    title: '',
    nickName: null,
    active: false,
    emails: [],
    name: { givenName: null, familyName: '' },
    meta: { created: '2024-01-01T01:00:00+01:00' },
  },
  /** Keys in unusual case, as some clients store them. */
  shouting: {
    ID: 'u3',
    USERNAME: 'Alice',
    Emails: [{ VALUE: 'alice@EXAMPLE.com', Type: 'Work' }],
    'URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER': { Department: 'Ops' },
  },
  /** Every value of the wrong JSON type. */
  malformed: {
    userName: 42,
    emails: 'bjensen@example.com',
    name: ['Barbara'],
    active: 'true',
    meta: null,
    title: { text: 'x' },
    phoneNumbers: [['555'], null, 7],
    [ENT]: 'Tour Operations',
  },
  tourGuides: {
    schemas: [GROUP_SCHEMA],
    id: 'g1',
    displayName: 'Tour Guides',
    members: [
      { value: BJENSEN_ID, type: 'User', display: 'Babs Jensen' },
      { value: 'g-2', type: 'Group' },
    ],
  },
  emptyGroup: { schemas: [GROUP_SCHEMA], id: 'g2', displayName: 'Empty', members: [] },
  acme: {
    schemas: [USER_SCHEMA, ACME],
    id: 'a1',
    userName: 'acme1',
    [ACME]: {
      badge: 1234,
      rating: 4.5,
      hiredAt: '2020-02-29T12:00:00Z',
      remote: true,
      skills: ['TypeScript', 'SQL'],
      code: 'AbC',
      projects: [
        { name: 'Apollo', budget: 1_000_000 },
        { name: 'Gemini', budget: 5 },
      ],
    },
  },
} as const satisfies Record<string, Readonly<Record<string, unknown>>>;

export type FixtureName = keyof typeof fixtures;

// ---- Bind cases: text → canonical bound text, or InvalidFilter -----------------------------------------

export interface BindCase {
  readonly title: string;
  readonly filter: string;
  readonly resourceType?: 'User' | 'Group';
  readonly registry?: 'acme';
  /** `printFilter(bindFilter(parseFilter(filter)))`. */
  readonly bound?: string;
  /** When set, binding throws InvalidFilter whose detail contains this. */
  readonly error?: string;
}

export const bindCases: readonly BindCase[] = [
  {
    title: 'RFC 7643 §2.1 names are bound to their schema spelling',
    filter: 'USERNAME eq "x" and NAME.GIVENNAME pr',
    bound: 'userName eq "x" and name.givenName pr',
  },
  {
    title: 'RFC 7644 §3.10 core URN prefix is dropped for core attributes',
    filter: `${USER_SCHEMA}:userName sw "J"`,
    bound: 'userName sw "J"',
  },
  {
    title: 'RFC 7643 §3.1 common attributes carry no schema',
    filter: `${USER_SCHEMA}:ID eq "x" or meta.LASTMODIFIED pr`,
    bound: 'id eq "x" or meta.lastModified pr',
  },
  {
    title: 'RFC 7644 §3.10 extension attributes keep their URN',
    filter: `${ENT}:department eq "Ops"`,
    bound: `${ENT}:department eq "Ops"`,
  },
  {
    title: 'RFC 7644 §3.10 an unambiguous unqualified extension attribute gains its URN',
    filter: 'employeeNumber eq "42"',
    bound: `${ENT}:employeeNumber eq "42"`,
  },
  {
    title: 'RFC 7644 §3.4.2.2 emails eq means emails.value eq',
    filter: 'emails eq "x"',
    bound: 'emails.value eq "x"',
  },
  {
    title: 'RFC 7644 §3.4.2.2 members eq means members.value eq',
    filter: 'members eq "u1"',
    resourceType: 'Group',
    bound: 'members.value eq "u1"',
  },
  {
    title: 'Entra A3: manager eq "m1" means the enterprise manager.value',
    filter: 'id eq "u1" and manager eq "m1"',
    bound: `id eq "u1" and ${ENT}:manager.value eq "m1"`,
  },
  {
    title: 'RFC 7644 §3.4.2.2 pr on a complex attribute stays on the attribute',
    filter: 'emails pr and name pr',
    bound: 'emails pr and name pr',
  },
  {
    title: 'RFC 7644 §3.4.2.2 a complex attribute without "value" needs a sub-attribute',
    filter: 'name eq "Barbara"',
    error: '"name" (complex)',
  },
  {
    title: 'RFC 7644 §3.4.2.2 valuePath inner paths are sub-attributes, canonically spelled',
    filter: 'EMAILS[TYPE eq "work" and Value co "@x"]',
    bound: 'emails[type eq "work" and value co "@x"]',
  },
  {
    title: 'RFC 7644 §3.4.2.2 valuePath on an extension complex attribute',
    filter: 'manager[displayName sw "J"]',
    bound: `${ENT}:manager[displayName sw "J"]`,
  },
  {
    title: 'RFC 7644 §3.4.2.2 valuePath on a simple attribute is invalid',
    filter: 'userName[value eq "x"]',
    error: 'cannot take a valuePath filter',
  },
  {
    title: 'RFC 7644 §3.4.2.2 unknown sub-attribute inside a valuePath is named',
    filter: 'emails[kind eq "work"]',
    error: '"kind" is not a sub-attribute of "emails"',
  },
  {
    title: 'RFC 7644 §3.4.2.2 dotted paths inside a valuePath are invalid',
    filter: 'emails[emails.type eq "work"]',
    error: 'not a sub-attribute',
  },
  {
    title: 'RFC 7644 §3.4.2.2 unknown attribute is named',
    filter: 'title pr and favouriteColour eq "red"',
    error: 'unknown attribute "favouriteColour"',
  },
  {
    title: 'RFC 7643 §4.1.1 password (writeOnly, returned never) cannot be filtered: no guessing oracle',
    filter: 'userName eq "bjensen" and password eq "t1meMa$heen"',
    error: '"password" is never returned, so it cannot be used in a filter',
  },
  {
    title: 'RFC 7644 §3.4.2.2 unknown sub-attribute is named',
    filter: 'name.nickname pr',
    error: 'unknown attribute "name.nickname"',
  },
  {
    title: 'RFC 7644 §3.4.2.2 extension attribute not attached to Group',
    filter: 'employeeNumber pr',
    resourceType: 'Group',
    error: 'unknown attribute "employeeNumber" for resource type Group',
  },
  {
    title: 'RFC 7643 §3 schemas is filterable though no schema defines it',
    filter: `SCHEMAS eq "${ENT}"`,
    bound: `schemas eq "${ENT}"`,
  },
  {
    title: 'Entra A4: boolean "True" is bound to true',
    filter: 'active eq "True" and emails[primary eq "FALSE"]',
    bound: 'active eq true and emails[primary eq false]',
  },
  {
    title: 'RFC 7643 §2.3.2 boolean accepts only true/false',
    filter: 'active eq "yes"',
    error: 'true or false',
  },
  { title: 'RFC 7643 §2.3.2 boolean rejects numbers', filter: 'active eq 1', error: 'true or false' },
  {
    title: 'RFC 7644 §3.4.2.2 gt on a boolean is invalidFilter',
    filter: 'active gt false',
    error: 'has no order',
  },
  {
    title: 'RFC 7644 §3.4.2.2 le on a binary is invalidFilter',
    filter: 'x509Certificates.value le "AA=="',
    error: 'has no order',
  },
  {
    title: 'RFC 7644 §3.4.2.2 co on a binary is allowed (it is a base64 string)',
    filter: 'x509Certificates co "MIID"',
    bound: 'x509Certificates.value co "MIID"',
  },
  {
    title: 'RFC 7644 §3.4.2.2 co on a boolean is not supported',
    filter: 'active co "t"',
    error: 'is not a string',
  },
  {
    title: 'RFC 7644 §3.4.2.2 sw on a dateTime is not supported',
    filter: 'meta.created sw "2024"',
    error: 'is not a string',
  },
  {
    title: 'RFC 7644 §3.4.2.2 ew on an integer is not supported',
    filter: 'badge ew 4',
    registry: 'acme',
    error: 'is not a string',
  },
  { title: 'RFC 7643 §2.5 null only with eq or ne', filter: 'title gt null', error: 'null' },
  { title: 'RFC 7643 §2.5 null with co is invalid', filter: 'title co null', error: 'null' },
  {
    title: 'RFC 7643 §2.5 null with eq and ne is allowed',
    filter: 'title eq null or nickName ne NULL',
    bound: 'title eq null or nickName ne null',
  },
  {
    title: 'RFC 7643 §2.3.1 string attribute rejects a number',
    filter: 'userName eq 5',
    error: 'needs a string',
  },
  {
    title: 'RFC 7643 §2.3.4 integer attribute accepts an integer',
    filter: 'badge ge 10 and rating lt 4.75',
    registry: 'acme',
    bound: `${ACME}:badge ge 10 and ${ACME}:rating lt 4.75`,
  },
  {
    title: 'RFC 7643 §2.3.4 integer attribute rejects a fraction',
    filter: 'badge eq 1.5',
    registry: 'acme',
    error: 'needs an integer',
  },
  {
    title: 'RFC 7643 §2.3.4 integer attribute rejects a string',
    filter: 'badge eq "12"',
    registry: 'acme',
    error: 'needs an integer',
  },
  {
    title: 'RFC 7643 §2.3.3 decimal attribute rejects true',
    filter: 'rating eq true',
    registry: 'acme',
    error: 'needs a number',
  },
  {
    title: 'RFC 7643 §2.3.5 dateTime must be an xsd:dateTime',
    filter: 'meta.lastModified gt "yesterday"',
    error: 'xsd:dateTime',
  },
  {
    title: 'RFC 7643 §2.3.5 dateTime rejects 31 April',
    filter: 'meta.lastModified gt "2024-04-31T00:00:00Z"',
    error: 'xsd:dateTime',
  },
  {
    title: 'RFC 7643 §2.3.5 dateTime rejects 29 February in a common year',
    filter: 'meta.created lt "2023-02-29T00:00:00Z"',
    error: 'xsd:dateTime',
  },
  {
    title: 'RFC 7643 §2.3.5 dateTime with fraction and offset is accepted as written',
    filter: 'meta.created ge "2024-02-29T23:59:59.123-05:30"',
    bound: 'meta.created ge "2024-02-29T23:59:59.123-05:30"',
  },
  {
    title: 'RFC 7644 §3.4.2.2 a complex extension attribute without "value" cannot be compared',
    filter: 'projects eq "Apollo"',
    registry: 'acme',
    error: '(complex)',
  },
];

// ---- Evaluation cases: filter + fixture → boolean ------------------------------------------------------

export interface EvaluationCase {
  readonly title: string;
  readonly filter: string;
  readonly resource: FixtureName;
  readonly expected: boolean;
  readonly resourceType?: 'User' | 'Group';
  readonly registry?: 'acme';
}

const truth = (
  title: string,
  filter: string,
  resource: FixtureName,
  expected: boolean,
  options: Pick<EvaluationCase, 'resourceType' | 'registry'> = {},
): EvaluationCase => ({ title, filter, resource, expected, ...options });
const group = { resourceType: 'Group' } as const;
const acme = { registry: 'acme' } as const;

export const evaluationCases: readonly EvaluationCase[] = [
  // RFC 7644 §3.4.2.2 examples against RFC 7643 §8.2's Barbara Jensen.
  truth('RFC 7644 §3.4.2.2 example userName eq (no match)', 'userName eq "bjensen"', 'bjensen', false),
  truth('RFC 7644 §3.4.2.2 example name.familyName co', `name.familyName co "O'Malley"`, 'bjensen', false),
  truth('RFC 7644 §3.4.2.2 example userName sw "J" (no match)', 'userName sw "J"', 'bjensen', false),
  truth('RFC 7644 §3.4.2.2 example URN-qualified sw', `${USER_SCHEMA}:userName sw "B"`, 'bjensen', true),
  truth('RFC 7644 §3.4.2.2 example title pr', 'title pr', 'bjensen', true),
  truth(
    'RFC 7644 §3.4.2.2 example lastModified gt',
    'meta.lastModified gt "2011-05-13T04:42:34Z"',
    'bjensen',
    false,
  ),
  truth(
    'RFC 7644 §3.4.2.2 example lastModified ge',
    'meta.lastModified ge "2011-05-13T04:42:34Z"',
    'bjensen',
    true,
  ),
  truth(
    'RFC 7644 §3.4.2.2 example lastModified lt',
    'meta.lastModified lt "2011-05-13T04:42:34Z"',
    'bjensen',
    false,
  ),
  truth(
    'RFC 7644 §3.4.2.2 example lastModified le',
    'meta.lastModified le "2011-05-13T04:42:34Z"',
    'bjensen',
    true,
  ),
  truth(
    'RFC 7644 §3.4.2.2 example title pr and userType',
    'title pr and userType eq "Employee"',
    'bjensen',
    true,
  ),
  truth(
    'RFC 7644 §3.4.2.2 example title pr or userType',
    'title pr or userType eq "Intern"',
    'bjensen',
    true,
  ),
  truth('RFC 7644 §3.4.2.2 example schemas eq enterprise', `schemas eq "${ENT}"`, 'bjensen', true),
  truth('RFC 7644 §3.4.2.2 example schemas eq enterprise (absent)', `schemas eq "${ENT}"`, 'sparse', false),
  truth(
    'RFC 7644 §3.4.2.2 example and (co or co)',
    'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
    'bjensen',
    true,
  ),
  truth(
    'RFC 7644 §3.4.2.2 example ne and not (…)',
    'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
    'bjensen',
    false,
  ),
  truth(
    'RFC 7644 §3.4.2.2 example and (emails.type eq)',
    'userType eq "Employee" and (emails.type eq "work")',
    'bjensen',
    true,
  ),
  truth(
    'RFC 7644 §3.4.2.2 example valuePath',
    'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
    'bjensen',
    true,
  ),
  truth(
    'RFC 7644 §3.4.2.2 example valuePath or valuePath',
    'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
    'bjensen',
    true,
  ),
  truth(
    'RFC 7644 §3.4.2.2 ims[xmpp] alone does not match',
    'ims[type eq "xmpp" and value co "@foo.com"]',
    'bjensen',
    false,
  ),
  // Case rules.
  truth(
    'RFC 7644 §3.4.2.2 eq follows caseExact=false for userName',
    'userName eq "BJENSEN@Example.COM"',
    'bjensen',
    true,
  ),
  truth(
    'RFC 7644 §3.4.2.2 attribute names are case-insensitive',
    'USERNAME eq "bjensen@example.com"',
    'bjensen',
    true,
  ),
  truth('RFC 7643 §3.1 id is caseExact', `id eq "${BJENSEN_ID.toUpperCase()}"`, 'bjensen', false),
  truth('RFC 7643 §3.1 id matches exactly', `id eq "${BJENSEN_ID}"`, 'bjensen', true),
  truth('RFC 7643 §3.1 externalId is caseExact', 'externalId eq "BJENSEN-EXT"', 'bjensen', false),
  truth('RFC 7643 §3.1 externalId matches exactly', 'externalId eq "bjensen-ext"', 'bjensen', true),
  truth('RFC 7644 §3.4.2.2 co honours caseExact=false', 'userName co "JENSEN@"', 'bjensen', true),
  truth('RFC 7644 §3.4.2.2 co honours caseExact=true', 'externalId co "EXT"', 'bjensen', false),
  truth('RFC 7644 §3.4.2.2 sw honours caseExact=false', 'displayName sw "babs"', 'bjensen', true),
  truth('RFC 7644 §3.4.2.2 sw is anchored at the start', 'displayName sw "Jensen"', 'bjensen', false),
  truth('RFC 7644 §3.4.2.2 ew honours caseExact=false', 'userName ew "EXAMPLE.COM"', 'bjensen', true),
  truth('RFC 7644 §3.4.2.2 ew is anchored at the end', 'userName ew "example"', 'bjensen', false),
  truth('RFC 7644 §3.4.2.2 sw matches identical strings', 'nickName sw "Babs"', 'bjensen', true),
  truth('RFC 7644 §3.4.2.2 caseExact custom attribute eq', 'code eq "abc"', 'acme', false, acme),
  truth('RFC 7644 §3.4.2.2 caseExact custom attribute eq exact', 'code eq "AbC"', 'acme', true, acme),
  truth('RFC 7644 §3.4.2.2 caseExact custom attribute sw', 'code sw "Ab"', 'acme', true, acme),
  // Lexicographic order on strings.
  truth('RFC 7644 §3.4.2.2 gt on strings is lexicographic', `${ENT}:employeeNumber gt "7"`, 'bjensen', true),
  truth('RFC 7644 §3.4.2.2 lt on strings is lexicographic', 'employeeNumber lt "8"', 'bjensen', true),
  truth(
    'RFC 7644 §3.4.2.2 ge on strings compares case-insensitively',
    'displayName ge "BABS"',
    'bjensen',
    true,
  ),
  truth('RFC 7644 §3.4.2.2 le on strings', 'userName le "a"', 'bjensen', false),
  // Multi-valued and complex.
  truth(
    'RFC 7644 §3.4.2.2 multi-valued: any value matching is enough',
    'emails.value eq "babs@jensen.org"',
    'bjensen',
    true,
  ),
  truth('RFC 7644 §3.4.2.2 emails eq "x" means emails.value', 'emails eq "babs@jensen.org"', 'bjensen', true),
  truth(
    'RFC 7644 §3.4.2.2 multi-valued: no value matching',
    'emails.value eq "nobody@example.com"',
    'bjensen',
    false,
  ),
  truth(
    'RFC 7644 §3.4.2.2 separate expressions may match different values',
    'emails.type eq "home" and emails.value co "example.com"',
    'bjensen',
    true,
  ),
  truth(
    'RFC 7644 §3.4.2.2 a valuePath needs one value matching all of it',
    'emails[type eq "home" and value co "example.com"]',
    'bjensen',
    false,
  ),
  truth('RFC 7644 §3.4.2.2 valuePath with boolean sub-attribute', 'emails[primary eq true]', 'bjensen', true),
  truth('RFC 7644 §3.4.2.2 valuePath with not inside', 'emails[not (primary eq true)]', 'bjensen', true),
  truth('RFC 7644 §3.4.2.2 valuePath over an empty list', 'emails[type pr]', 'sparse', false),
  truth('RFC 7644 §3.4.2.2 not of a valuePath over an empty list', 'not (emails[type pr])', 'sparse', true),
  truth(
    'RFC 7644 §3.4.2.2 valuePath on a single complex attribute',
    'name[givenName eq "barbara"]',
    'bjensen',
    true,
  ),
  truth('RFC 7644 §3.4.2.2 multi-valued simple attribute', 'skills eq "typescript"', 'acme', true, acme),
  truth('RFC 7644 §3.4.2.2 co over a multi-valued simple attribute', 'skills co "QL"', 'acme', true, acme),
  truth('RFC 7644 §3.4.2.2 multi-valued simple attribute, no match', 'skills eq "Rust"', 'acme', false, acme),
  truth(
    'RFC 7644 §3.4.2.2 custom complex valuePath',
    'projects[name eq "apollo" and budget gt 999999]',
    'acme',
    true,
    acme,
  ),
  truth(
    'RFC 7644 §3.4.2.2 custom complex valuePath, conditions on different values',
    'projects[name eq "Gemini" and budget gt 10]',
    'acme',
    false,
    acme,
  ),
  truth(
    'RFC 7644 §3.4.2.2 numeric sub-attribute of multi-valued',
    'projects.budget lt 10',
    'acme',
    true,
    acme,
  ),
  // Entra forms (A3).
  truth(
    'Entra A3: emails[type eq "work"].value eq',
    'emails[type eq "work"].value eq "bjensen@example.com"',
    'bjensen',
    true,
  ),
  truth(
    'Entra A3: emails[type eq "home"].value eq the work address',
    'emails[type eq "home"].value eq "bjensen@example.com"',
    'bjensen',
    false,
  ),
  truth(
    'Entra A3: phoneNumbers[type eq "mobile"].value pr on ""',
    'phoneNumbers[type eq "mobile"].value pr',
    'bjensen',
    false,
  ),
  truth(
    'Entra A3: emails[primary eq "True"] accepts the string',
    'emails[primary eq "True"].value ew "example.com"',
    'bjensen',
    true,
  ),
  truth(
    'Entra A2: probe userName eq a random GUID',
    'userName eq "6f9619ff-8b86-d011-b42d-00cf4fc964ff"',
    'bjensen',
    false,
  ),
  truth(
    'Entra A3: reference check id and manager',
    `id eq "${BJENSEN_ID}" and manager eq "${MANAGER_ID}"`,
    'bjensen',
    true,
  ),
  truth(
    'Entra A3: reference check for another manager',
    `id eq "${BJENSEN_ID}" and manager eq "m-other"`,
    'bjensen',
    false,
  ),
  truth(
    'Entra A3: group member check',
    `id eq "g1" and members eq "${BJENSEN_ID}"`,
    'tourGuides',
    true,
    group,
  ),
  truth(
    'Entra A3: group member check, not a member',
    'id eq "g1" and members eq "u-999"',
    'tourGuides',
    false,
    group,
  ),
  truth('Entra A3: groups queried by displayName', 'displayName eq "tour guides"', 'tourGuides', true, group),
  truth(
    'RFC 7643 §4.2 members valuePath on type',
    'members[type eq "Group" and value eq "g-2"]',
    'tourGuides',
    true,
    group,
  ),
  truth('RFC 7643 §4.2 members pr on an empty group', 'members pr', 'emptyGroup', false, group),
  // Extensions.
  truth(
    'RFC 7643 §3.3 extension attribute by URN',
    `${ENT}:department eq "tour operations"`,
    'bjensen',
    true,
  ),
  truth('RFC 7643 §3.3 extension attribute unqualified', 'department eq "Tour Operations"', 'bjensen', true),
  truth(
    'RFC 7643 §3.3 extension complex sub-attribute',
    `${ENT}:manager.displayName co "smith"`,
    'bjensen',
    true,
  ),
  truth('RFC 7643 §3.3 extension attribute absent', 'department pr', 'sparse', false),
  truth('RFC 7643 §3.3 custom extension integer eq', 'badge eq 1234', 'acme', true, acme),
  truth('RFC 7643 §3.3 custom extension integer gt', `${ACME}:badge gt 1000`, 'acme', true, acme),
  truth('RFC 7643 §3.3 custom extension integer le', 'badge le 1233', 'acme', false, acme),
  truth('RFC 7643 §3.3 custom extension decimal ge', 'rating ge 4.5', 'acme', true, acme),
  truth('RFC 7643 §3.3 custom extension decimal gt', 'rating gt 4.5', 'acme', false, acme),
  truth('RFC 7643 §3.3 custom extension boolean "true"', 'remote eq "true"', 'acme', true, acme),
  truth(
    'RFC 7643 §3.3 custom extension dateTime by instant',
    'hiredAt eq "2020-02-29T13:00:00+01:00"',
    'acme',
    true,
    acme,
  ),
  truth('RFC 7643 §3.3 custom extension binary co', 'photo co "x"', 'acme', false, acme),
  // dateTime.
  truth(
    'RFC 7643 §2.3.5 dateTime eq compares instants',
    'meta.lastModified eq "2011-05-13T05:42:34+01:00"',
    'bjensen',
    true,
  ),
  truth(
    'RFC 7643 §2.3.5 offset in the resource value',
    'meta.created eq "2024-01-01T00:00:00Z"',
    'sparse',
    true,
  ),
  truth('RFC 7643 §2.3.5 milliseconds count', 'meta.created lt "2010-01-23T04:56:22.001Z"', 'bjensen', true),
  truth('RFC 7643 §2.3.5 no zone means UTC', 'meta.lastModified gt "2011-05-13T04:42:34"', 'bjensen', false),
  truth('RFC 7643 §2.3.5 negative offsets', 'meta.created gt "2010-01-22T23:56:21-05:00"', 'bjensen', true),
  // Booleans.
  truth('RFC 7643 §2.3.2 boolean eq true', 'active eq true', 'bjensen', true),
  truth('RFC 7643 §2.3.2 boolean eq false on an active user', 'active eq false', 'bjensen', false),
  truth('RFC 7643 §2.3.2 boolean eq false', 'active eq false', 'sparse', true),
  truth('Entra A4: boolean eq "True"', 'active eq "True"', 'bjensen', true),
  truth('Entra A4: boolean eq "FALSE"', 'active eq "FALSE"', 'sparse', true),
  truth('RFC 7643 §2.3.2 false is a present value', 'active pr', 'sparse', true),
  // Presence.
  truth('RFC 7644 §3.4.2.2 pr is false for ""', 'title pr', 'sparse', false),
  truth('RFC 7644 §3.4.2.2 pr is false for null', 'nickName pr', 'sparse', false),
  truth('RFC 7644 §3.4.2.2 pr is false for an absent attribute', 'locale pr', 'bjensen', false),
  truth('RFC 7644 §3.4.2.2 pr is false for []', 'emails pr', 'sparse', false),
  truth('RFC 7644 §3.4.2.2 pr is false for a complex value with nothing present', 'name pr', 'sparse', false),
  truth(
    'RFC 7644 §3.4.2.2 pr is true for a complex value with something present',
    'name pr',
    'bjensen',
    true,
  ),
  truth('RFC 7644 §3.4.2.2 pr on a sub-attribute holding ""', 'name.middleName pr', 'bjensen', false),
  truth(
    'RFC 7644 §3.4.2.2 pr on a multi-valued sub-attribute: one present is enough',
    'phoneNumbers.value pr',
    'bjensen',
    true,
  ),
  truth('RFC 7644 §3.4.2.2 pr on a multi-valued complex attribute', 'emails pr', 'bjensen', true),
  truth('RFC 7644 §3.4.2.2 pr on a number', 'badge pr', 'acme', true, acme),
  // ne and null.
  truth('RFC 7644 §3.4.2.2 ne on an absent attribute is true', 'locale ne "en"', 'bjensen', true),
  truth('RFC 7644 §3.4.2.2 ne on a null attribute is true', 'nickName ne "Babs"', 'sparse', true),
  truth('RFC 7644 §3.4.2.2 ne on the same value is false', 'nickName ne "babs"', 'bjensen', false),
  truth(
    'RFC 7644 §3.4.2.2 ne on multi-valued is not-any-equal',
    'emails ne "babs@jensen.org"',
    'bjensen',
    false,
  ),
  truth('RFC 7644 §3.4.2.2 ne on multi-valued with no equal value', 'emails ne "x@y.z"', 'bjensen', true),
  truth('RFC 7643 §2.5 eq null on an absent attribute', 'locale eq null', 'bjensen', true),
  truth('RFC 7643 §2.5 eq null on null', 'nickName eq null', 'sparse', true),
  truth('RFC 7643 §2.5 eq null on ""', 'title eq null', 'sparse', true),
  truth('RFC 7643 §2.5 eq null on []', 'emails eq null', 'sparse', true),
  truth('RFC 7643 §2.5 eq null on a value', 'userName eq null', 'bjensen', false),
  truth('RFC 7643 §2.5 ne null on a value', 'userName ne null', 'bjensen', true),
  truth('RFC 7643 §2.5 ne null on null', 'nickName ne null', 'sparse', false),
  // Precedence in evaluation.
  truth(
    'RFC 7644 §3.4.2.2 precedence: and before or',
    'title pr or userType eq "Intern" and active eq false',
    'bjensen',
    true,
  ),
  truth(
    'RFC 7644 §3.4.2.2 precedence: grouping first',
    '(title pr or userType eq "Intern") and active eq false',
    'bjensen',
    false,
  ),
  truth(
    'RFC 7644 §3.4.2.2 precedence: not before and',
    'not (active eq true) and title pr',
    'bjensen',
    false,
  ),
  truth(
    'RFC 7644 §3.4.2.2 precedence: not of the whole and',
    'not (active eq true and locale pr)',
    'bjensen',
    true,
  ),
  // Keys in odd case (RFC 7643 §2.1: attribute names are case-insensitive).
  truth(
    'RFC 7643 §2.1 resource keys are matched case-insensitively',
    'userName eq "alice"',
    'shouting',
    true,
  ),
  truth('RFC 7643 §2.1 id key in capitals', 'id eq "u3"', 'shouting', true),
  truth(
    'RFC 7643 §2.1 sub-attribute keys in any case',
    'emails[type eq "work" and value ew "example.com"]',
    'shouting',
    true,
  ),
  truth('RFC 7643 §2.1 extension URN key in any case', 'department eq "ops"', 'shouting', true),
  // Wrong types never match and never throw.
  truth('Robustness: a number where a string belongs', 'userName eq "42"', 'malformed', false),
  truth('Robustness: a number is still present', 'userName pr', 'malformed', true),
  truth(
    'Robustness: a string where a list of objects belongs',
    'emails.value eq "bjensen@example.com"',
    'malformed',
    false,
  ),
  truth('Robustness: a list where an object belongs', 'name.givenName pr', 'malformed', false),
  truth('Robustness: a string where a boolean belongs', 'active eq true', 'malformed', false),
  truth('Robustness: null where meta belongs', 'meta.created lt "2100-01-01T00:00:00Z"', 'malformed', false),
  truth('Robustness: an object where a string belongs', 'title co "x"', 'malformed', false),
  truth(
    'Robustness: nested lists and nulls in a multi-valued attribute',
    'phoneNumbers.value pr',
    'malformed',
    false,
  ),
  truth(
    'Robustness: a string where the extension object belongs',
    'department eq "Tour Operations"',
    'malformed',
    false,
  ),
  truth('Robustness: not over wrong types', 'not (userName eq "x")', 'malformed', true),
];

// ---- Element cases: PATCH valuePath selection (RFC 7644 §3.5.2) -----------------------------------------

export interface ElementCase {
  readonly title: string;
  /** The filter inside the brackets of `attribute[…]`. */
  readonly filter: string;
  /** A User or Group attribute. */
  readonly attribute: 'emails' | 'members' | 'roles';
  readonly element: unknown;
  readonly expected?: boolean;
  /** When set, compiling throws InvalidPath whose detail contains this. */
  readonly error?: string;
}

export const elementCases: readonly ElementCase[] = [
  {
    title: 'RFC 7644 §3.5.2 emails[type eq "work"] selects a work email (caseExact=false)',
    filter: 'type eq "work"',
    attribute: 'emails',
    element: { type: 'Work', value: 'a@example.com' },
    expected: true,
  },
  {
    title: 'RFC 7644 §3.5.2 emails[type eq "work"] skips a home email',
    filter: 'type eq "work"',
    attribute: 'emails',
    element: { type: 'home', value: 'a@example.com' },
    expected: false,
  },
  {
    title: 'RFC 7644 §3.5.2.2 members[value eq "u1"] selects that member',
    filter: 'value eq "u1"',
    attribute: 'members',
    element: { value: 'u1', display: 'U One' },
    expected: true,
  },
  {
    title: 'RFC 7644 §3.5.2.2 members[value eq "u1"] skips other members',
    filter: 'value eq "u1"',
    attribute: 'members',
    element: { value: 'u10' },
    expected: false,
  },
  {
    title: 'Entra A3: roles[primary eq "True"] matches a primary role',
    filter: 'primary eq "True"',
    attribute: 'roles',
    element: { value: 'admin', primary: true },
    expected: true,
  },
  {
    title: 'RFC 7644 §3.5.2 logic inside the brackets',
    filter: 'type eq "work" and not (primary eq true)',
    attribute: 'emails',
    element: { type: 'work', primary: true },
    expected: false,
  },
  {
    title: 'RFC 7644 §3.5.2 pr inside the brackets ignores ""',
    filter: 'display pr',
    attribute: 'emails',
    element: { display: '' },
    expected: false,
  },
  {
    title: 'Robustness: a string element never matches',
    filter: 'value eq "u1"',
    attribute: 'members',
    element: 'u1',
    expected: false,
  },
  {
    title: 'Robustness: a null element never matches',
    filter: 'not (value eq "u1")',
    attribute: 'members',
    element: null,
    expected: false,
  },
  {
    title: 'RFC 7644 §3.5.2 unknown sub-attribute is invalidPath',
    filter: 'kind eq "work"',
    attribute: 'emails',
    element: {},
    error: '"kind" is not a sub-attribute of "emails"',
  },
  {
    title: 'RFC 7644 §3.5.2 a dotted path inside the brackets is invalidPath',
    filter: 'emails.type eq "work"',
    attribute: 'emails',
    element: {},
    error: 'not a sub-attribute',
  },
  {
    title: 'RFC 7644 §3.5.2 an ill-typed literal inside the brackets is invalidPath',
    filter: 'primary eq "maybe"',
    attribute: 'emails',
    element: {},
    error: 'true or false',
  },
];
