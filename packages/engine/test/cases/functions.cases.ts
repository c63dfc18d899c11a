/**
 * Function vectors for the expression language (behaviour doc B4, Microsoft's "Reference for writing
 * expressions for attribute mappings"): the reference's own examples first, titled "doc:", then edge
 * cases (absent, empty, multi-valued, out of range). Each case compiles `expression`, evaluates it against
 * `source` in a pinned environment (test/expressions/functions.test.ts) and expects a value, an
 * evaluation error, or a save-time problem.
 */
import type { AppRoleValue, ExpressionProblem, ExpressionResult, ExpressionValue } from '@provisio/engine';
import { IGNORE_FLOW } from '@provisio/engine';

export interface FunctionCase {
  readonly title: string;
  readonly expression: string;
  readonly source?: Readonly<Record<string, ExpressionValue>>;
  /** The compiled expression's result (deep equality). */
  readonly expected?: ExpressionResult;
  /** For results that are not fixed (random strings): a description and a test of the value. */
  readonly satisfies?: readonly [string, (value: ExpressionResult) => boolean];
  /** An `ExpressionEvaluationError` for this object whose message matches. */
  readonly error?: RegExp;
  /** `compileExpression` refuses the expression with this save-time problem. */
  readonly problem?: ExpressionProblem['code'];
}

/** The instant every case sees as `Now()`: 25 Aug 2021 17:41:18 UTC (the DateDiff examples' "now"). */
export const NOW = new Date('2021-08-25T17:41:18Z');

export const role = (appRoleId: string, value: string, isDefaultAccess = false): AppRoleValue => ({
  kind: 'appRoleAssignment',
  id: `assignment-${appRoleId}-${value}`,
  appRoleId,
  value,
  displayName: `${value} role`,
  isDefaultAccess,
});

const JOHN = { givenName: 'John', surname: 'Doe' };
const PROXIES = { proxyAddresses: ['SMTP:john@contoso.com', 'smtp:jd@contoso.com', 'smtp:jd@contoso.com'] };
const ROLES = { appRoleAssignments: [role('r1', 'Admin'), role('r2', 'User'), role('r1', 'Admin')] };
const REGEX_PHONE = String.raw`"\\+(?<isdCode>\\d* )(?<phoneNumber>\\d{10})"`;

const isRandom = (length: number, pattern: RegExp) =>
  [
    `${length} characters matching ${pattern}`,
    (value: ExpressionResult) => typeof value === 'string' && value.length === length && pattern.test(value),
  ] as const;
const count = (value: string, pattern: RegExp) => (value.match(pattern) ?? []).length;

export const functionCases: Readonly<Record<string, readonly FunctionCase[]>> = {
  Append: [
    {
      title: 'doc: suffix for a Salesforce sandbox',
      expression: 'Append([userPrincipalName], ".test")',
      source: { userPrincipalName: 'John.Doe@contoso.com' },
      expected: 'John.Doe@contoso.com.test',
    },
    {
      title: 'absent source gives null (not sent)',
      expression: 'Append([userPrincipalName], ".test")',
      expected: null,
    },
    {
      title: 'empty source gives the suffix',
      expression: 'Append([x], ".test")',
      source: { x: '' },
      expected: '.test',
    },
    { title: 'absent suffix appends nothing', expression: 'Append("a", [missing])', expected: 'a' },
    {
      title: 'multi-valued source: each value',
      expression: 'Append([mails], "!")',
      source: { mails: ['a', 'b'] },
      expected: ['a!', 'b!'],
    },
    { title: 'number converts to text', expression: 'Append(42, "x")', expected: '42x' },
    { title: 'one argument is a save-time problem', expression: 'Append([x])', problem: 'arity' },
  ],
  AppRoleAssignmentsComplex: [
    {
      title: 'doc: every distinct role, primary false, WindowsAzureActiveDirectoryRole',
      expression: 'AppRoleAssignmentsComplex([appRoleAssignments])',
      source: ROLES,
      expected: [
        {
          kind: 'role',
          primary: false,
          type: 'WindowsAzureActiveDirectoryRole',
          display: 'Admin role',
          value: 'Admin',
        },
        {
          kind: 'role',
          primary: false,
          type: 'WindowsAzureActiveDirectoryRole',
          display: 'User role',
          value: 'User',
        },
      ],
    },
    {
      title: 'absent assignments: no roles',
      expression: 'AppRoleAssignmentsComplex([appRoleAssignments])',
      expected: [],
    },
    {
      title: 'empty list: no roles',
      expression: 'AppRoleAssignmentsComplex([appRoleAssignments])',
      source: { appRoleAssignments: [] },
      expected: [],
    },
    {
      title: 'Default Access only: no roles (A3 sends "roles":[])',
      expression: 'AppRoleAssignmentsComplex([appRoleAssignments])',
      source: { appRoleAssignments: [role('d', 'msiam_access', true)] },
      expected: [],
    },
    {
      title: 'a string is not an assignment',
      expression: 'AppRoleAssignmentsComplex([appRoleAssignments])',
      source: { appRoleAssignments: 'Admin' },
      error: /expects \[appRoleAssignments\]/,
    },
    {
      title: 'a literal is a save-time type problem',
      expression: 'AppRoleAssignmentsComplex("Admin")',
      problem: 'type',
    },
  ],
  AssertiveAppRoleAssignmentsComplex: [
    {
      title: 'doc (customize-application-attributes): all roles, as for AppRoleAssignmentsComplex',
      expression: 'AssertiveAppRoleAssignmentsComplex([appRoleAssignments])',
      source: { appRoleAssignments: [role('r2', 'User'), role('r3', 'Test')] },
      expected: [
        {
          kind: 'role',
          primary: false,
          type: 'WindowsAzureActiveDirectoryRole',
          display: 'User role',
          value: 'User',
        },
        {
          kind: 'role',
          primary: false,
          type: 'WindowsAzureActiveDirectoryRole',
          display: 'Test role',
          value: 'Test',
        },
      ],
    },
    {
      title: 'absent: empty list, so replace removes every role',
      expression: 'AssertiveAppRoleAssignmentsComplex([appRoleAssignments])',
      expected: [],
    },
    {
      title: 'single assignment (not a list)',
      expression: 'AssertiveAppRoleAssignmentsComplex([a])',
      source: { a: role('r1', 'Admin') },
      expected: [
        {
          kind: 'role',
          primary: false,
          type: 'WindowsAzureActiveDirectoryRole',
          display: 'Admin role',
          value: 'Admin',
        },
      ],
    },
    {
      title: 'Default Access is skipped among others',
      expression: 'AssertiveAppRoleAssignmentsComplex([a])',
      source: { a: [role('d', 'msiam_access', true), role('r1', 'Admin')] },
      expected: [
        {
          kind: 'role',
          primary: false,
          type: 'WindowsAzureActiveDirectoryRole',
          display: 'Admin role',
          value: 'Admin',
        },
      ],
    },
    {
      title: 'numbers are not assignments',
      expression: 'AssertiveAppRoleAssignmentsComplex([a])',
      source: { a: [1] },
      error: /expects \[appRoleAssignments\]/,
    },
    {
      title: 'two arguments is a save-time problem',
      expression: 'AssertiveAppRoleAssignmentsComplex([a], [b])',
      problem: 'arity',
    },
  ],
  BitAnd: [
    { title: 'doc: BitAnd(&HF, &HF7) is 7', expression: 'BitAnd(&HF, &HF7)', expected: 7 },
    { title: 'decimal numbers', expression: 'BitAnd(12, 10)', expected: 8 },
    {
      title: 'userAccountControl disabled bit from a numeric string',
      expression: 'BitAnd([uac], 2)',
      source: { uac: '514' },
      expected: 2,
    },
    { title: 'beyond 32 bits', expression: 'BitAnd(8589934591, &H100000000)', expected: 4294967296 },
    { title: 'absent operand gives null', expression: 'BitAnd([uac], 2)', expected: null },
    {
      title: 'non-numeric text fails for this object',
      expression: 'BitAnd([uac], 2)',
      source: { uac: 'abc' },
      error: /"abc" is not a number/,
    },
    {
      title: 'multi-valued operand fails',
      expression: 'BitAnd([uac], 2)',
      source: { uac: ['1', '2'] },
      error: /single value/,
    },
    { title: 'a non-numeric literal is a save-time problem', expression: 'BitAnd("x", 2)', problem: 'type' },
  ],
  CBool: [
    {
      title: 'doc: CBool([attribute1] = [attribute2]) true when equal',
      expression: 'CBool([a] = [b])',
      source: { a: 'x', b: 'x' },
      expected: true,
    },
    {
      title: 'doc: false when different',
      expression: 'CBool([a] = [b])',
      source: { a: 'x', b: 'y' },
      expected: false,
    },
    { title: 'non-zero number is True', expression: 'CBool(5)', expected: true },
    { title: 'zero is False', expression: 'CBool("0")', expected: false },
    { title: 'absent is False', expression: 'CBool([a])', expected: false },
    { title: '"true" in any case', expression: 'CBool([a])', source: { a: 'TRUE' }, expected: true },
    {
      title: 'other text fails',
      expression: 'CBool([a])',
      source: { a: 'maybe' },
      error: /neither a number nor True\/False/,
    },
    {
      title: 'multi-valued fails',
      expression: 'CBool([a])',
      source: { a: ['1', '0'] },
      error: /single value/,
    },
  ],
  CDate: [
    {
      title: 'doc: 2020-03-16-07:00 → UTC',
      expression: 'CDate([StatusHireDate])',
      source: { StatusHireDate: '2020-03-16-07:00' },
      expected: '3/16/2020 7:00:00 AM',
    },
    {
      title: 'doc: 2021-06-30+08:00 → previous day UTC',
      expression: 'CDate("2021-06-30+08:00")',
      expected: '6/29/2021 4:00:00 PM',
    },
    {
      title: 'doc: 2009-06-15T01:45:30-07:00',
      expression: 'CDate("2009-06-15T01:45:30-07:00")',
      expected: '6/15/2009 8:45:30 AM',
    },
    {
      title: 'its own output reads back',
      expression: 'CDate("8/25/2021 5:41:18 PM")',
      expected: '8/25/2021 5:41:18 PM',
    },
    {
      title: 'no offset means UTC; midnight is 12 AM',
      expression: 'CDate("2021-08-24")',
      expected: '8/24/2021 12:00:00 AM',
    },
    { title: 'absent gives null', expression: 'CDate([d])', expected: null },
    {
      title: 'not a date fails',
      expression: 'CDate([d])',
      source: { d: 'yesterday' },
      error: /cannot read "yesterday" as a date/,
    },
    { title: 'February 30 fails', expression: 'CDate("2021-02-30")', error: /cannot read/ },
    {
      title: 'multi-valued fails',
      expression: 'CDate([d])',
      source: { d: ['2021-01-01', '2021-01-02'] },
      error: /single value/,
    },
  ],
  Coalesce: [
    {
      title: 'doc: mail absent → userPrincipalName',
      expression: 'Coalesce([mail],[userPrincipalName])',
      source: { userPrincipalName: 'John.Doe@contoso.com' },
      expected: 'John.Doe@contoso.com',
    },
    {
      title: 'first present wins',
      expression: 'Coalesce([mail],[userPrincipalName])',
      source: { mail: 'a@b', userPrincipalName: 'c@d' },
      expected: 'a@b',
    },
    { title: 'default value when all absent', expression: 'Coalesce([a], [b], "none")', expected: 'none' },
    { title: 'all absent without default: null', expression: 'Coalesce([a], [b])', expected: null },
    { title: 'empty string is not null', expression: 'Coalesce([a], "x")', source: { a: '' }, expected: '' },
    {
      title: 'empty multi-valued counts as absent',
      expression: 'Coalesce([a], [b])',
      source: { a: [], b: ['x', 'y'] },
      expected: ['x', 'y'],
    },
    { title: 'no arguments is a save-time problem', expression: 'Coalesce()', problem: 'arity' },
  ],
  ConvertToBase64: [
    {
      title: 'doc: "Hello world!" as UTF-16LE base64',
      expression: 'ConvertToBase64("Hello world!")',
      expected: 'SABlAGwAbABvACAAdwBvAHIAbABkACEA',
    },
    { title: 'empty string', expression: 'ConvertToBase64("")', expected: '' },
    { title: 'absent gives null', expression: 'ConvertToBase64([a])', expected: null },
    { title: 'non-ASCII', expression: 'ConvertToBase64("é")', expected: '6QA=' },
    {
      title: 'multi-valued: each value',
      expression: 'ConvertToBase64([a])',
      source: { a: ['A', 'B'] },
      expected: ['QQA=', 'QgA='],
    },
  ],
  ConvertToUTF8Hex: [
    {
      title: 'doc: "Hello world!"',
      expression: 'ConvertToUTF8Hex("Hello world!")',
      expected: '48656C6C6F20776F726C6421',
    },
    { title: 'two-byte character', expression: 'ConvertToUTF8Hex("é")', expected: 'C3A9' },
    { title: 'empty string', expression: 'ConvertToUTF8Hex([a])', source: { a: '' }, expected: '' },
    { title: 'absent gives null', expression: 'ConvertToUTF8Hex([a])', expected: null },
    {
      title: 'multi-valued: each value',
      expression: 'ConvertToUTF8Hex([a])',
      source: { a: ['a', 'b'] },
      expected: ['61', '62'],
    },
    {
      title: 'doc example shape: 1000 then the hex digits of objectId',
      expression: 'Join("", 1000, Replace(ConvertToUTF8Hex([objectId]), , "[a-zA-Z_]*", , "", , ))',
      source: { objectId: '00aa' },
      expected: '100030306161',
    },
  ],
  Count: [
    {
      title: 'values of a multi-valued attribute',
      expression: 'Count([proxyAddresses])',
      source: PROXIES,
      expected: 3,
    },
    { title: 'absent is 0', expression: 'Count([proxyAddresses])', expected: 0 },
    { title: 'empty list is 0', expression: 'Count([a])', source: { a: [] }, expected: 0 },
    { title: 'a single value is 1', expression: 'Count([a])', source: { a: 'x' }, expected: 1 },
    { title: 'counts a Split result', expression: 'Count(Split("a,b,c", ","))', expected: 3 },
  ],
  CStr: [
    {
      title: 'doc: a reference (dn) as text',
      expression: 'CStr([dn])',
      source: { dn: 'cn=Joe,dc=contoso,dc=com' },
      expected: 'cn=Joe,dc=contoso,dc=com',
    },
    { title: 'number', expression: 'CStr(42)', expected: '42' },
    {
      title: 'boolean prints as .NET does',
      expression: 'CStr([accountEnabled])',
      source: { accountEnabled: true },
      expected: 'True',
    },
    { title: 'absent gives null', expression: 'CStr([a])', expected: null },
    {
      title: 'a DateTime prints as M/d/yyyy h:mm:ss tt',
      expression: 'CStr(CDate("2021-01-02T03:04:05Z"))',
      expected: '1/2/2021 3:04:05 AM',
    },
    {
      title: 'multi-valued: each value',
      expression: 'CStr([a])',
      source: { a: [1, false] },
      expected: ['1', 'False'],
    },
  ],
  DateAdd: [
    {
      title: 'doc: add 7 days to hire date',
      expression: 'DateAdd("d", 7, CDate([StatusHireDate]))',
      source: { StatusHireDate: '2012-03-16-07:00' },
      expected: '3/23/2012 7:00:00 AM',
    },
    {
      title: 'doc: ten days before',
      expression: 'DateAdd("d", -10, CDate("2012-03-16-07:00"))',
      expected: '3/6/2012 7:00:00 AM',
    },
    {
      title: 'doc: two weeks',
      expression: 'DateAdd("ww", 2, CDate("2012-03-16-07:00"))',
      expected: '3/30/2012 7:00:00 AM',
    },
    {
      title: 'doc: ten months',
      expression: 'DateAdd("m", 10, CDate("2012-03-16-07:00"))',
      expected: '1/16/2013 7:00:00 AM',
    },
    {
      title: 'doc: two years',
      expression: 'DateAdd("yyyy", 2, CDate("2012-03-16-07:00"))',
      expected: '3/16/2014 7:00:00 AM',
    },
    {
      title: 'month end clamps (Jan 31 + 1 month)',
      expression: 'DateAdd("m", 1, CDate("2021-01-31"))',
      expected: '2/28/2021 12:00:00 AM',
    },
    {
      title: 'hours, minutes, seconds',
      expression: 'DateAdd("s", 30, DateAdd("n", 30, DateAdd("h", 1, Now())))',
      expected: '8/25/2021 7:11:48 PM',
    },
    { title: 'absent date gives null', expression: 'DateAdd("d", 1, CDate([d]))', expected: null },
    {
      title: 'unknown interval at save time',
      expression: 'DateAdd("q", 1, Now())',
      problem: 'invalidArgument',
    },
    {
      title: 'unknown interval from an attribute fails',
      expression: 'DateAdd([i], 1, Now())',
      source: { i: 'q' },
      error: /interval "q"/,
    },
    {
      title: 'a date string literal must go through CDate',
      expression: 'DateAdd("d", 1, "2012-03-16")',
      problem: 'type',
    },
  ],
  DateDiff: [
    {
      title: 'doc: positive difference in days',
      expression: 'DateDiff("d", CDate("2021-08-18+08:00"), CDate("2021-08-31+08:00"))',
      expected: 13,
    },
    {
      title: 'doc: negative difference in days',
      expression: 'DateDiff("d", Now(), CDate("2012-03-16-07:00"))',
      expected: -3449,
    },
    { title: 'doc: weeks', expression: 'DateDiff("ww", Now(), CDate("2012-03-16-07:00"))', expected: -493 },
    { title: 'doc: months', expression: 'DateDiff("m", Now(), CDate("2012-03-16-07:00"))', expected: -113 },
    { title: 'doc: years', expression: 'DateDiff("yyyy", Now(), CDate("2012-03-16-07:00"))', expected: -9 },
    {
      title: 'doc: same date is 0',
      expression: 'DateDiff("d", CDate("2021-08-31+08:00"), CDate("2021-08-31+08:00"))',
      expected: 0,
    },
    {
      title: 'doc: hours',
      expression: 'DateDiff("h", CDate("2021-08-24"), CDate("2021-08-25"))',
      expected: 24,
    },
    {
      title: 'doc: minutes',
      expression: 'DateDiff("n", CDate("2021-08-24"), CDate("2021-08-25"))',
      expected: 1440,
    },
    {
      title: 'doc: seconds',
      expression: 'DateDiff("s", CDate("2021-08-24"), CDate("2021-08-25"))',
      expected: 86400,
    },
    {
      title: 'doc: with IIF and Switch, hire date within five days',
      expression:
        'Switch([Active], , "1", IIF(DateDiff("d", Now(), CDate([StatusHireDate])) > 5, "False", "True"), "0", "False")',
      source: { Active: '1', StatusHireDate: '2021-08-28' },
      expected: 'True',
    },
    { title: 'absent date gives null', expression: 'DateDiff("d", Now(), CDate([d]))', expected: null },
  ],
  DateFromNum: [
    {
      title: 'doc: 129699324000000000 is 1 Jan 2012 11 PM',
      expression: 'DateFromNum(129699324000000000)',
      expected: '1/1/2012 11:00:00 PM',
    },
    {
      title: 'lastLogonTimestamp as a digit string',
      expression: 'DateFromNum([lastLogonTimestamp])',
      source: { lastLogonTimestamp: '132539615990000000' },
      expected: '1/1/2021 7:59:59 AM',
    },
    {
      title: '0 is the FILETIME epoch',
      expression: 'FormatDateTime(DateFromNum(0), , "o", "yyyy-MM-dd")',
      expected: '1601-01-01',
    },
    { title: 'absent gives null', expression: 'DateFromNum([a])', expected: null },
    { title: 'negative fails', expression: 'DateFromNum([a])', source: { a: '-5' }, error: /not a FILETIME/ },
    {
      title: 'multi-valued fails',
      expression: 'DateFromNum([a])',
      source: { a: ['1', '2'] },
      error: /single value/,
    },
  ],
  FormatDateTime: [
    {
      title: 'doc: ServiceNow date',
      expression: 'FormatDateTime([extensionAttribute1], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")',
      source: { extensionAttribute1: '20150123105347.1Z' },
      expected: '2015-01-23',
    },
    {
      title: 'doc: Workday offset date',
      expression: 'FormatDateTime([ContractEndDate], ,"yyyy-MM-ddzzz", "yyyy-MM-dd")',
      source: { ContractEndDate: '2020-12-31-08:00' },
      expected: '2020-12-31',
    },
    {
      title: 'doc: SuccessFactors 12-hour time',
      expression: 'FormatDateTime([endDate], ,"M/d/yyyy hh:mm:ss tt","yyyy-MM-dd")',
      source: { endDate: '2/3/2021 07:15:00 PM' },
      expected: '2021-02-03',
    },
    {
      title: 'names, 12-hour clock, fractions, literals',
      expression: `FormatDateTime("2021-02-03 19:05:06.789", , "yyyy-MM-dd HH:mm:ss.fff", "dddd, MMMM d 'at' h:mm tt (fff) K zzz")`,
      expected: 'Wednesday, February 3 at 7:05 PM (789) Z +00:00',
    },
    {
      title: 'standard formats are en-US',
      expression: 'FormatDateTime("20210203", , "yyyyMMdd", "D")',
      expected: 'Wednesday, February 3, 2021',
    },
    {
      title: 'a DateTime source skips parsing',
      expression: 'FormatDateTime(CDate("2021-02-03T04:05:06Z"), , "ignored", "o")',
      expected: '2021-02-03T04:05:06.0000000Z',
    },
    { title: 'absent gives null', expression: 'FormatDateTime([d], , "yyyy", "yy")', expected: null },
    {
      title: 'multi-valued: each value',
      expression: 'FormatDateTime([d], , "yyyyMMdd", "M/d/yy")',
      source: { d: ['20210203', '19991231'] },
      expected: ['2/3/21', '12/31/99'],
    },
    {
      title: 'value not in the input format fails',
      expression: 'FormatDateTime([d], , "yyyyMMdd", "yyyy")',
      source: { d: '2021-02-03' },
      error: /does not match the input format/,
    },
    {
      title: 'empty value fails',
      expression: 'FormatDateTime([d], , "yyyyMMdd", "yyyy")',
      source: { d: '' },
      error: /does not match/,
    },
    {
      title: 'unknown standard format at save time',
      expression: 'FormatDateTime([d], , "yyyy", "Q")',
      problem: 'invalidArgument',
    },
    {
      title: 'unknown DateTimeStyles at save time',
      expression: 'FormatDateTime([d], "Sideways", "yyyy", "yyyy")',
      problem: 'invalidArgument',
    },
  ],
  Guid: [
    {
      title: 'doc: a new GUID from the environment',
      expression: 'Guid()',
      expected: '00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
    },
    {
      title: 'joined into text',
      expression: 'Join("-", "id", Guid())',
      expected: 'id-00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
    },
    { title: 'is a string', expression: 'IsString(Guid())', expected: true },
    { title: 'is present', expression: 'IsPresent(Guid())', expected: true },
    { title: 'takes no argument', expression: 'Guid([a])', problem: 'arity' },
  ],
  IgnoreFlowIfNullOrEmpty: [
    {
      title: 'doc: absent department is dropped',
      expression: 'IgnoreFlowIfNullOrEmpty([department])',
      expected: IGNORE_FLOW,
    },
    {
      title: 'present value flows',
      expression: 'IgnoreFlowIfNullOrEmpty([department])',
      source: { department: 'Ops' },
      expected: 'Ops',
    },
    {
      title: 'empty string is dropped',
      expression: 'IgnoreFlowIfNullOrEmpty([department])',
      source: { department: '' },
      expected: IGNORE_FLOW,
    },
    {
      title: 'empty multi-valued is dropped',
      expression: 'IgnoreFlowIfNullOrEmpty([a])',
      source: { a: [] },
      expected: IGNORE_FLOW,
    },
    {
      title: 'doc: Switch with no matching prefix gives "" and is dropped',
      expression:
        'IgnoreFlowIfNullOrEmpty(Switch([prefix], "", "3443", "Dr.", "3444", "Prof.", "3445", "Prof. Dr."))',
      source: { prefix: '9999' },
      expected: IGNORE_FLOW,
    },
    {
      title: 'doc: matching prefix flows',
      expression:
        'IgnoreFlowIfNullOrEmpty(Switch([prefix], "", "3443", "Dr.", "3444", "Prof.", "3445", "Prof. Dr."))',
      source: { prefix: '3444' },
      expected: 'Prof.',
    },
    {
      title: 'nested is a save-time placement problem',
      expression: 'Join(" ", IgnoreFlowIfNullOrEmpty([a]))',
      problem: 'placement',
    },
  ],
  IIF: [
    {
      title: 'doc: country USA → country',
      expression: 'IIF([country]="USA",[country],[department])',
      source: { country: 'USA', department: 'Ops' },
      expected: 'USA',
    },
    {
      title: 'doc: otherwise department',
      expression: 'IIF([country]="USA",[country],[department])',
      source: { country: 'FR', department: 'Ops' },
      expected: 'Ops',
    },
    {
      title: 'doc: AND by nesting on the true path',
      expression: 'IIF([country]="USA",IIF([state]="CA","True","False"),"False")',
      source: { country: 'USA', state: 'CA' },
      expected: 'True',
    },
    {
      title: 'doc: OR by nesting on the false path',
      expression: 'IIF([country]="USA","True",IIF([state]="CA","True","False"))',
      source: { country: 'FR', state: 'CA' },
      expected: 'True',
    },
    {
      title: 'absent attribute in the condition gives null (B4: "the condition check fails")',
      expression: 'IIF([country]="USA","a","b")',
      expected: null,
    },
    {
      title: 'numeric comparison of DateDiff',
      expression: 'IIF(DateDiff("d", Now(), CDate("2021-09-01")) >= 7, "soon", "now")',
      expected: 'soon',
    },
    {
      title: 'comparison is case-sensitive',
      expression: 'IIF([c]="usa","yes","no")',
      source: { c: 'USA' },
      expected: 'no',
    },
    {
      title: 'a literal Item index 0 is refused even in an untaken branch',
      expression: 'IIF("True", "ok", Item([a], 0))',
      problem: 'invalidArgument',
    },
    {
      title: 'untaken runtime failure does not happen',
      expression: 'IIF("True", "ok", Item([a], [i]))',
      source: { a: ['x'], i: 0 },
      expected: 'ok',
    },
    {
      title: 'a non-boolean condition fails',
      expression: 'IIF([c], "a", "b")',
      source: { c: 'maybe' },
      error: /is not True or False/,
    },
  ],
  InStr: [
    { title: 'doc: "quick" is at 5', expression: 'InStr("The quick brown fox","quick")', expected: 5 },
    {
      title: 'doc: binary compare from 3 finds the lower-case e at 7',
      expression: 'InStr("repEated","e",3,vbBinaryCompare)',
      expected: 7,
    },
    { title: 'text compare ignores case', expression: 'InStr("repEated","e",3,vbTextCompare)', expected: 4 },
    { title: 'not found is 0', expression: 'InStr("abc","z")', expected: 0 },
    { title: 'absent gives null', expression: 'InStr([a],"z")', expected: null },
    {
      title: 'start 0 fails',
      expression: 'InStr("abc","b",[s])',
      source: { s: 0 },
      error: /positions count from 1/,
    },
    {
      title: 'unknown compare mode at save time',
      expression: 'InStr("abc","b",1,vbFuzzy)',
      problem: 'unknownName',
    },
  ],
  IsNull: [
    { title: 'doc: absent attribute', expression: 'IsNull([displayName])', expected: true },
    {
      title: 'present attribute',
      expression: 'IsNull([displayName])',
      source: { displayName: 'x' },
      expected: false,
    },
    {
      title: 'empty string is not null',
      expression: 'IsNull([displayName])',
      source: { displayName: '' },
      expected: false,
    },
    { title: 'empty multi-valued is null', expression: 'IsNull([a])', source: { a: [] }, expected: true },
    { title: 'multi-valued with values', expression: 'IsNull([a])', source: { a: ['x'] }, expected: false },
  ],
  IsNullOrEmpty: [
    { title: 'doc: absent', expression: 'IsNullOrEmpty([displayName])', expected: true },
    {
      title: 'doc: empty string',
      expression: 'IsNullOrEmpty([displayName])',
      source: { displayName: '' },
      expected: true,
    },
    {
      title: 'a space is not empty',
      expression: 'IsNullOrEmpty([displayName])',
      source: { displayName: ' ' },
      expected: false,
    },
    {
      title: 'present',
      expression: 'IsNullOrEmpty([displayName])',
      source: { displayName: 'x' },
      expected: false,
    },
    { title: 'empty multi-valued', expression: 'IsNullOrEmpty([a])', source: { a: [] }, expected: true },
  ],
  IsPresent: [
    { title: 'present', expression: 'IsPresent([a])', source: { a: 'x' }, expected: true },
    { title: 'absent', expression: 'IsPresent([a])', expected: false },
    { title: 'empty', expression: 'IsPresent([a])', source: { a: '' }, expected: false },
    { title: 'multi-valued', expression: 'IsPresent([a])', source: { a: ['x', 'y'] }, expected: true },
    {
      title: 'doc: manager chain through Switch (direct manager present: the default)',
      expression:
        'Switch(IsPresent([directManager]),[directManager], IsPresent([skiplevelManager]),[skiplevelManager], IsPresent([director]),[director])',
      source: { directManager: 'm1' },
      expected: 'm1',
    },
  ],
  IsString: [
    { title: 'string attribute', expression: 'IsString([a])', source: { a: 'x' }, expected: true },
    { title: 'number is not a string', expression: 'IsString([a])', source: { a: 5 }, expected: false },
    { title: 'absent is not a string', expression: 'IsString([a])', expected: false },
    { title: 'empty string is a string', expression: 'IsString([a])', source: { a: '' }, expected: true },
    {
      title: 'multi-valued is not a string',
      expression: 'IsString([a])',
      source: { a: ['x'] },
      expected: false,
    },
  ],
  Item: [
    {
      title: 'doc: first proxy address (1-based)',
      expression: 'Item([proxyAddresses], 1)',
      source: PROXIES,
      expected: 'SMTP:john@contoso.com',
    },
    {
      title: 'second',
      expression: 'Item([proxyAddresses], 2)',
      source: PROXIES,
      expected: 'smtp:jd@contoso.com',
    },
    {
      title: 'beyond the end is null',
      expression: 'Item([proxyAddresses], 9)',
      source: PROXIES,
      expected: null,
    },
    { title: 'absent is null', expression: 'Item([proxyAddresses], 1)', expected: null },
    { title: 'a single value is item 1', expression: 'Item([a], 1)', source: { a: 'x' }, expected: 'x' },
    {
      title: 'doc: index 0 is refused at save time',
      expression: 'Item([proxyAddresses], 0)',
      problem: 'invalidArgument',
    },
    {
      title: 'index 0 from data fails for the object',
      expression: 'Item([proxyAddresses], [i])',
      source: { ...PROXIES, i: '0' },
      error: /^Item: index 0/,
    },
  ],
  Join: [
    {
      title: 'doc (A7): name.formatted',
      expression: 'Join(" ", [givenName], [surname])',
      source: JOHN,
      expected: 'John Doe',
    },
    {
      title: 'doc: comma between last and first name, "" skipped',
      expression: 'Join(", ", "", [surname], [givenName])',
      source: JOHN,
      expected: 'Doe, John',
    },
    {
      title: 'absent values are skipped',
      expression: 'Join(" ", [givenName], [middle], [surname])',
      source: JOHN,
      expected: 'John Doe',
    },
    { title: 'all absent gives ""', expression: 'Join(" ", [a], [b])', expected: '' },
    {
      title: 'doc: multi-valued values are all joined',
      expression: 'Join(";", [proxyAddresses])',
      source: PROXIES,
      expected: 'SMTP:john@contoso.com;smtp:jd@contoso.com;smtp:jd@contoso.com',
    },
    { title: 'numbers join as text', expression: 'Join("", 1000, 42)', expected: '100042' },
    { title: 'separator alone is too few arguments', expression: 'Join(" ")', problem: 'arity' },
  ],
  Left: [
    { title: 'doc: Left("John Doe", 3)', expression: 'Left("John Doe", 3)', expected: 'Joh' },
    { title: 'doc: 0 gives ""', expression: 'Left("John", 0)', expected: '' },
    { title: 'doc: negative gives the input', expression: 'Left("John", -1)', expected: 'John' },
    { title: 'doc: null gives ""', expression: 'Left([a], 2)', expected: '' },
    { title: 'doc: short string gives itself', expression: 'Left("Jo", 5)', expected: 'Jo' },
    {
      title: 'multi-valued: each value',
      expression: 'Left([a], 1)',
      source: { a: ['ab', 'cd'] },
      expected: ['a', 'c'],
    },
    {
      title: 'a fraction fails',
      expression: 'Left("abc", [n])',
      source: { n: '1.5' },
      error: /not a whole number/,
    },
  ],
  Mid: [
    {
      title: 'doc: alias from the first 3 and 5 letters',
      expression: 'Append(Mid([givenName], 1, 3), Mid([surname], 1, 5))',
      source: JOHN,
      expected: 'JohDoe',
    },
    { title: 'from the middle', expression: 'Mid("abcdef", 3, 2)', expected: 'cd' },
    { title: 'doc: length beyond the end is clipped', expression: 'Mid("abc", 2, 10)', expected: 'bc' },
    { title: 'start beyond the end is ""', expression: 'Mid("abc", 5, 1)', expected: '' },
    { title: 'absent is null', expression: 'Mid([a], 1, 1)', expected: null },
    { title: 'start 0 refused at save time', expression: 'Mid("abc", 0, 1)', problem: 'invalidArgument' },
    {
      title: 'start 0 from data fails',
      expression: 'Mid("abc", [s], 1)',
      source: { s: 0 },
      error: /positions count from 1/,
    },
    {
      title: 'multi-valued: each value',
      expression: 'Mid([a], 2, 1)',
      source: { a: ['ab', 'cd'] },
      expected: ['b', 'd'],
    },
  ],
  NormalizeDiacritics: [
    {
      title: 'doc: Zoë → Zoe',
      expression: 'NormalizeDiacritics([givenName])',
      source: { givenName: 'Zoë' },
      expected: 'Zoe',
    },
    {
      title: 'table: ligatures and sharp s',
      expression: 'NormalizeDiacritics("Æsa Søren Straße œ̄")',
      expected: 'AEsa Soeren Strasse oe',
    },
    {
      title: 'table: combining sequences (ā́, e̊̄) and decomposed input',
      expression: 'NormalizeDiacritics("ā́ e̊̄ e\u0301")',
      expected: 'a e e',
    },
    {
      title: 'characters outside the table pass unchanged',
      expression: 'NormalizeDiacritics("Đorđe ŋ")',
      expected: 'Đorđe ŋ',
    },
    { title: 'absent is null', expression: 'NormalizeDiacritics([a])', expected: null },
    { title: 'empty is empty', expression: 'NormalizeDiacritics("")', expected: '' },
    {
      title: 'multi-valued: each value',
      expression: 'NormalizeDiacritics([a])',
      source: { a: ['José', 'Łukasz'] },
      expected: ['Jose', 'Lukasz'],
    },
  ],
  Not: [
    { title: 'doc: True → False', expression: 'Not("True")', expected: false },
    {
      title: 'doc: False → True',
      expression: 'Not([IsSoftDeleted])',
      source: { IsSoftDeleted: false },
      expected: true,
    },
    {
      title: 'boolean attribute true → false',
      expression: 'Not([IsSoftDeleted])',
      source: { IsSoftDeleted: true },
      expected: false,
    },
    { title: 'doc: anything else → True', expression: 'Not("banana")', expected: true },
    { title: 'absent → True', expression: 'Not([a])', expected: true },
    {
      title: 'multi-valued fails',
      expression: 'Not([a])',
      source: { a: ['True', 'False'] },
      error: /single value/,
    },
  ],
  Now: [
    {
      title: 'doc: current UTC as M/d/yyyy h:mm:ss tt',
      expression: 'Now()',
      expected: '8/25/2021 5:41:18 PM',
    },
    {
      title: 'formatted',
      expression: 'FormatDateTime(Now(), , "o", "yyyy-MM-ddTHH:mm:ssK")',
      expected: '2021-08-25T17:41:18Z',
    },
    {
      title: 'compared',
      expression: 'IIF(Now() > CDate("2021-01-01"), "after", "before")',
      expected: 'after',
    },
    { title: 'present', expression: 'IsPresent(Now())', expected: true },
    { title: 'takes no argument', expression: 'Now("utc")', problem: 'arity' },
  ],
  NumFromDate: [
    {
      title: 'doc: Workday end date as accountExpires',
      expression:
        'NumFromDate(Join("", FormatDateTime([ContractEndDate], ,"yyyy-MM-ddzzz", "yyyy-MM-dd"), " 23:59:59-08:00"))',
      source: { ContractEndDate: '2020-12-31-08:00' },
      expected: '132539615990000000',
    },
    {
      title: 'doc: SuccessFactors end date',
      expression:
        'NumFromDate(Join("",FormatDateTime([endDate], ,"M/d/yyyy hh:mm:ss tt","yyyy-MM-dd")," 23:59:59-08:00"))',
      source: { endDate: '12/31/2020 08:00:00 AM' },
      expected: '132539615990000000',
    },
    {
      title: 'round trip with DateFromNum',
      expression: 'DateFromNum(NumFromDate("2012-01-01T23:00:00Z"))',
      expected: '1/1/2012 11:00:00 PM',
    },
    { title: 'absent gives null', expression: 'NumFromDate([d])', expected: null },
    {
      title: 'not a date fails',
      expression: 'NumFromDate([d])',
      source: { d: 'soon' },
      error: /cannot read "soon"/,
    },
    {
      title: 'multi-valued fails',
      expression: 'NumFromDate([d])',
      source: { d: ['2020-01-01', '2020-01-02'] },
      error: /single value/,
    },
  ],
  PCase: [
    {
      title: 'doc: default separators',
      expression: 'PCase([firstName])',
      source: { firstName: 'PABLO GONSALVES (SECOND)' },
      expected: 'Pablo Gonsalves (Second)',
    },
    {
      title: 'doc: given separators',
      expression: `PCase([lastName]," '-")`,
      source: { lastName: "PINTO-DE'SILVA" },
      expected: "Pinto-De'Silva",
    },
    {
      title: 'doc: nested Join',
      expression: 'PCase(Join(" ",[firstName],[lastName]))',
      source: { firstName: 'GREGORY', lastName: 'JAMES' },
      expected: 'Gregory James',
    },
    {
      title: 'default: apostrophe stays inside the word, hyphen separates',
      expression: `PCase("o'NEIL-SMITH")`,
      expected: "O'neil-Smith",
    },
    { title: 'absent is null', expression: 'PCase([a])', expected: null },
    { title: 'empty is empty', expression: 'PCase("")', expected: '' },
    {
      title: 'multi-valued: each value',
      expression: 'PCase([a])',
      source: { a: ['ann lee', 'BOB'] },
      expected: ['Ann Lee', 'Bob'],
    },
  ],
  RandomString: [
    {
      title: 'doc: 6 characters, 3 digits and 3 lower case',
      expression: 'RandomString(6,3,0,0,3)',
      satisfies: isRandom(6, /^(?=(?:\D*\d){3})(?=(?:[^a-z]*[a-z]){3})[0-9a-z]{6}$/),
    },
    {
      title: 'doc: 10 characters, at least 2 digits, 2 special, 2 capitals, 1 lower, no "?" or ","',
      expression: 'RandomString(10,2,2,2,1,"?,")',
      satisfies: [
        'minimum counts met, avoided characters absent',
        (value) =>
          typeof value === 'string' &&
          value.length === 10 &&
          count(value, /\d/g) >= 2 &&
          count(value, /[A-Z]/g) >= 2 &&
          count(value, /[a-z]/g) >= 1 &&
          count(value, /[^0-9A-Za-z]/g) >= 2 &&
          !/[?,]/.test(value),
      ],
    },
    {
      title: 'every character avoided but digits',
      expression: 'RandomString(4,4,0,0,0)',
      satisfies: isRandom(4, /^\d{4}$/),
    },
    {
      title: 'longer than 256 at save time',
      expression: 'RandomString(300,0,0,0,0)',
      problem: 'invalidArgument',
    },
    {
      title: 'minimums above the length at save time',
      expression: 'RandomString(3,2,2,0,0)',
      problem: 'invalidArgument',
    },
    {
      title: 'a required kind fully avoided fails',
      expression: 'RandomString(2,1,0,0,0,[avoid])',
      source: { avoid: '0123456789' },
      error: /removes every character of a required kind/,
    },
    {
      title: 'length from an absent attribute fails',
      expression: 'RandomString([n],0,0,0,0)',
      error: /length 0/,
    },
  ],
  Redact: [
    {
      title: 'doc: redact an attribute (value still flows)',
      expression: 'Redact([userPrincipalName])',
      source: { userPrincipalName: 'a@b' },
      expected: 'a@b',
    },
    {
      title: 'doc: redact a string',
      expression: 'Redact("StringToBeRedacted")',
      expected: 'StringToBeRedacted',
    },
    {
      title: 'doc: redact a random string',
      expression: 'Redact(RandomString(6,3,0,0,3))',
      satisfies: isRandom(6, /^[0-9a-z]{6}$/),
    },
    { title: 'absent is null', expression: 'Redact([a])', expected: null },
    {
      title: 'multi-valued passes through',
      expression: 'Redact([a])',
      source: { a: ['x', 'y'] },
      expected: ['x', 'y'],
    },
  ],
  RemoveDuplicates: [
    {
      title: 'doc: proxyAddresses without duplicates',
      expression: 'RemoveDuplicates([proxyAddresses])',
      source: PROXIES,
      expected: ['SMTP:john@contoso.com', 'smtp:jd@contoso.com'],
    },
    {
      title: 'case-sensitive',
      expression: 'RemoveDuplicates([a])',
      source: { a: ['A', 'a', 'A'] },
      expected: ['A', 'a'],
    },
    { title: 'absent is null', expression: 'RemoveDuplicates([a])', expected: null },
    { title: 'empty list is null', expression: 'RemoveDuplicates([a])', source: { a: [] }, expected: null },
    {
      title: 'single value becomes a list of one',
      expression: 'RemoveDuplicates([a])',
      source: { a: 'x' },
      expected: ['x'],
    },
  ],
  Replace: [
    {
      title: 'doc 1: oldValue and replacementValue',
      expression: 'Replace([BusinessTitle],"Product Developer", , , "Software Engineer", , )',
      source: { BusinessTitle: 'Product Developer' },
      expected: 'Software Engineer',
    },
    {
      title: 'doc 2: oldValue and template',
      expression: 'Replace([UserID],"<username>", , , , , "<username>@contoso.com")',
      source: { UserID: 'jsmith' },
      expected: 'jsmith@contoso.com',
    },
    {
      title: 'doc 3: regex with ${group} in the replacement',
      expression: `Replace([telephoneNumber], , ${REGEX_PHONE}, , "\${phoneNumber}", , )`,
      source: { telephoneNumber: '+91 9998887777' },
      expected: '9998887777',
    },
    {
      // Microsoft's page prints 19998887777, but its pattern [()\s-]+ does not match "+"; .NET keeps it too.
      title: 'doc 3: regex removing brackets, dashes and spaces',
      expression: String.raw`Replace([mobile], , "[()\\s-]+", , "", , )`,
      source: { mobile: '+1 (999) 888-7777' },
      expected: '+19998887777',
    },
    {
      title: 'doc 4: regex group replaced with a value',
      expression: String.raw`Replace([AddressLineData], ,"(?<streetNumber>^\\d*)","streetNumber", "888", , )`,
      source: { AddressLineData: '545 Tremont Street' },
      expected: '888 Tremont Street',
    },
    {
      title: 'doc 4: UPN suffix removed',
      expression: 'Replace([userPrincipalName], , "(?<Suffix>@(.)*)", "Suffix", "", , )',
      source: { userPrincipalName: 'jsmith@contoso.com' },
      expected: 'jsmith',
    },
    {
      title: 'doc 5: empty source reads the group from replacementAttributeName',
      expression: `Replace([telephoneNumber], , ${REGEX_PHONE}, "phoneNumber" , , [mobile], )`,
      source: { telephoneNumber: '', mobile: '+91 8887779999' },
      expected: '8887779999',
    },
    {
      title: 'doc 5: present source is returned as is',
      expression: `Replace([telephoneNumber], , ${REGEX_PHONE}, "phoneNumber" , , [mobile], )`,
      source: { telephoneNumber: '555', mobile: '+91 8887779999' },
      expected: '555',
    },
    {
      title: 'doc 6: remove letters and underscores',
      expression: 'Replace([mailNickname], , "[a-zA-Z_]*", , "", , )',
      source: { mailNickname: 'john_doe72' },
      expected: '72',
    },
    {
      title: 'doc: strip a known domain',
      expression: 'Replace([mail], "@contoso.com", , ,"", ,)',
      source: { mail: 'john.doe@contoso.com' },
      expected: 'john.doe',
    },
    {
      title: 'case-sensitive',
      expression: 'Replace([a], "X", , , "y", , )',
      source: { a: 'xX' },
      expected: 'xy',
    },
    { title: 'absent source gives null', expression: 'Replace([a], "x", , , "y", , )', expected: null },
    {
      title: 'multi-valued: each value',
      expression: 'Replace([a], "@old", , , "@new", , )',
      source: { a: ['a@old', 'b@old'] },
      expected: ['a@new', 'b@new'],
    },
    {
      title: 'no recognisable mode at save time',
      expression: 'Replace([a], "x")',
      problem: 'invalidArgument',
    },
    {
      title: 'invalid regex at save time',
      expression: 'Replace([a], , "(", , "", , )',
      problem: 'invalidArgument',
    },
    {
      title: 'invalid regex from data fails',
      expression: 'Replace([a], , [p], , "", , )',
      source: { a: 'x', p: '(' },
      error: /invalid regexPattern/,
    },
  ],
  SelectUniqueValue: [
    {
      title: 'doc: first UPN candidate free in the target',
      expression:
        'SelectUniqueValue(Join("@", NormalizeDiacritics(StripSpaces(Join(".", [PreferredFirstName], [PreferredLastName]))), "contoso.com"), Join("@", NormalizeDiacritics(StripSpaces(Join(".", Mid([PreferredFirstName], 1, 1), [PreferredLastName]))), "contoso.com"))',
      source: { PreferredFirstName: 'John', PreferredLastName: 'Smith' },
      expected: 'John.Smith@contoso.com',
    },
    {
      title: 'doc: second candidate when the first is taken',
      expression:
        'SelectUniqueValue(Join(".", [PreferredFirstName], [PreferredLastName]), Join(".", Mid([PreferredFirstName], 1, 1), [PreferredLastName]))',
      source: { PreferredFirstName: 'John', PreferredLastName: 'Smith', taken: ['John.Smith'] },
      expected: 'J.Smith',
    },
    {
      title: 'every candidate taken fails (Entra escrows)',
      expression: 'SelectUniqueValue("a", "b")',
      source: { taken: ['a', 'b'] },
      error: /already taken/,
    },
    { title: 'a single rule is too few', expression: 'SelectUniqueValue("a")', problem: 'arity' },
    {
      title: 'doc: must be at the top level',
      expression: 'ToLower(SelectUniqueValue("a", "b"))',
      problem: 'placement',
    },
    { title: 'empty candidates are skipped', expression: 'SelectUniqueValue([missing], "b")', expected: 'b' },
  ],
  SingleAppRoleAssignment: [
    {
      title: 'doc: the one role name',
      expression: 'SingleAppRoleAssignment([appRoleAssignments])',
      source: { appRoleAssignments: [role('r1', 'Admin')] },
      expected: 'Admin',
    },
    {
      title: 'several roles: the first',
      expression: 'SingleAppRoleAssignment([appRoleAssignments])',
      source: ROLES,
      expected: 'Admin',
    },
    { title: 'absent is null', expression: 'SingleAppRoleAssignment([appRoleAssignments])', expected: null },
    {
      title: 'Default Access only is null',
      expression: 'SingleAppRoleAssignment([appRoleAssignments])',
      source: { appRoleAssignments: [role('d', 'msiam_access', true)] },
      expected: null,
    },
    {
      title: 'a string literal is a save-time type problem',
      expression: 'SingleAppRoleAssignment("Admin")',
      problem: 'type',
    },
  ],
  Split: [
    {
      title: 'doc: permission sets',
      expression: 'Split([extensionAttribute5], ",")',
      source: { extensionAttribute5: 'PermissionSetOne, PermissionSetTwo' },
      expected: ['PermissionSetOne', 'PermissionSetTwo'],
    },
    { title: 'absent is null', expression: 'Split([a], ",")', expected: null },
    { title: 'empty string gives no values', expression: 'Split([a], ",")', source: { a: '' }, expected: [] },
    { title: 'no delimiter gives one value', expression: 'Split("abc", ";")', expected: ['abc'] },
    {
      title: 'multi-valued: all values split',
      expression: 'Split([a], ";")',
      source: { a: ['a;b', 'c'] },
      expected: ['a', 'b', 'c'],
    },
    {
      title: 'empty delimiter fails',
      expression: 'Split("abc", [d])',
      source: { d: '' },
      error: /delimiter is empty/,
    },
  ],
  StripSpaces: [
    { title: 'removes every space', expression: 'StripSpaces(" a b  c ")', expected: 'abc' },
    {
      title: 'only spaces, not tabs',
      expression: 'StripSpaces([a])',
      source: { a: 'a\tb c' },
      expected: 'a\tbc',
    },
    { title: 'absent is null', expression: 'StripSpaces([a])', expected: null },
    { title: 'empty is empty', expression: 'StripSpaces("")', expected: '' },
    {
      title: 'multi-valued: each value',
      expression: 'StripSpaces([a])',
      source: { a: ['a b', 'c d'] },
      expected: ['ab', 'cd'],
    },
  ],
  Switch: [
    {
      title: 'doc: state QLD → Australia/Brisbane',
      expression:
        'Switch([state], "Australia/Sydney", "NSW", "Australia/Sydney","QLD", "Australia/Brisbane", "SA", "Australia/Adelaide")',
      source: { state: 'QLD' },
      expected: 'Australia/Brisbane',
    },
    {
      title: 'doc: no match → default',
      expression:
        'Switch([state], "Australia/Sydney", "NSW", "Australia/Sydney","QLD", "Australia/Brisbane")',
      source: { state: 'WA' },
      expected: 'Australia/Sydney',
    },
    {
      title: 'doc (A7): active from IsSoftDeleted',
      expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")',
      source: { IsSoftDeleted: true },
      expected: 'False',
    },
    {
      title: 'doc: case-sensitive keys (normalise with ToLower)',
      expression: 'Switch(ToLower([statusFlag]), "0", "true", "1", "false", "0")',
      source: { statusFlag: 'TRUE' },
      expected: '1',
    },
    {
      title: 'doc: "" key matches an empty source',
      expression: 'Switch([statusFlag], "Default Value", "true", "1", "", "0")',
      source: { statusFlag: '' },
      expected: '0',
    },
    {
      title: 'doc: "" key matches an absent source',
      expression: 'Switch([BusinessTitle],[BusinessTitle],"","N/A")',
      expected: 'N/A',
    },
    {
      title: 'empty default gives null',
      expression: 'Switch([a], , "x", "y")',
      source: { a: 'z' },
      expected: null,
    },
    {
      title: 'multi-valued source fails',
      expression: 'Switch([a], "d", "x", "y")',
      source: { a: ['x', 'y'] },
      error: /single value/,
    },
    {
      title: 'a key without a value at save time',
      expression: 'Switch([a], "d", "x", "y", "z")',
      problem: 'arity',
    },
  ],
  ToLower: [
    {
      title: 'doc: UPN in lower case',
      expression:
        'ToLower(Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com"))',
      source: { PreferredFirstName: 'John', PreferredLastName: 'Smith' },
      expected: 'john.smith@contoso.com',
    },
    { title: 'invariant culture keeps the dotted I rule out', expression: 'ToLower("I")', expected: 'i' },
    { title: 'Turkish culture', expression: 'ToLower("I", "tr-TR")', expected: 'ı' },
    { title: 'absent is null', expression: 'ToLower([a])', expected: null },
    {
      title: 'multi-valued: each value',
      expression: 'ToLower([a])',
      source: { a: ['A', 'B'] },
      expected: ['a', 'b'],
    },
    {
      title: 'malformed culture at save time',
      expression: 'ToLower("I", "not a culture")',
      problem: 'invalidArgument',
    },
  ],
  ToUpper: [
    { title: 'upper case', expression: 'ToUpper([a])', source: { a: 'john' }, expected: 'JOHN' },
    { title: 'Turkish culture dots the capital I', expression: 'ToUpper("i", "tr-TR")', expected: 'İ' },
    { title: 'sharp s expands', expression: 'ToUpper("ß")', expected: 'SS' },
    { title: 'absent is null', expression: 'ToUpper([a])', expected: null },
    { title: 'empty is empty', expression: 'ToUpper([a])', source: { a: '' }, expected: '' },
    {
      title: 'multi-valued: each value',
      expression: 'ToUpper([a])',
      source: { a: ['a', 'b'] },
      expected: ['A', 'B'],
    },
  ],
  Word: [
    { title: 'doc: third word', expression: 'Word("The quick brown fox",3," ")', expected: 'brown' },
    {
      title: 'doc: several delimiters',
      expression: 'Word("This,string!has&many separators",3,",!&#")',
      expected: 'has',
    },
    { title: 'doc: number below 1 gives ""', expression: 'Word("a b", 0, " ")', expected: '' },
    { title: 'doc: null gives ""', expression: 'Word([a], 1, " ")', expected: '' },
    { title: 'doc: fewer words gives ""', expression: 'Word("a b", 3, " ")', expected: '' },
    { title: 'consecutive delimiters make no empty word', expression: 'Word("a,,b", 2, ",")', expected: 'b' },
    {
      title: 'multi-valued: each value',
      expression: 'Word([a], 2, " ")',
      source: { a: ['a b', 'c d'] },
      expected: ['b', 'd'],
    },
  ],
};
