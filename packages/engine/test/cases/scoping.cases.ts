/**
 * Scoping filter clauses (entra-scim-behaviour.md B2): every documented operator, with null and empty
 * values (false except for IS NULL / IS NOT NULL), case sensitivity, and integers only for Greater_Than.
 */
import type { DirectoryValue, ScopingClause } from '@provisio/engine';

export interface ClauseCase {
  readonly title: string;
  readonly clause: ScopingClause;
  readonly value: DirectoryValue | undefined;
  readonly expected: boolean;
}

const c = (attribute: string, operator: ScopingClause['operator'], value?: string): ScopingClause =>
  value === undefined ? { attribute, operator } : { attribute, operator, value };

export const CLAUSE_CASES: readonly ClauseCase[] = [
  {
    title: 'B2 & true when the attribute value is contained in the input',
    clause: c('department', '&', 'Sales,Marketing'),
    value: 'Sales',
    expected: true,
  },
  {
    title: 'B2 & false when it is not',
    clause: c('department', '&', 'Sales,Marketing'),
    value: 'Ops',
    expected: false,
  },
  { title: 'B2 & on null is false', clause: c('department', '&', 'Sales'), value: null, expected: false },
  {
    title: 'B2 !& true when not contained',
    clause: c('department', '!&', 'Sales,Marketing'),
    value: 'Ops',
    expected: true,
  },
  {
    title: 'B2 !& false when contained',
    clause: c('department', '!&', 'Sales,Marketing'),
    value: 'Marketing',
    expected: false,
  },
  {
    title: 'B2 !& on null is false',
    clause: c('department', '!&', 'Sales'),
    value: undefined,
    expected: false,
  },
  {
    title: 'B2 ENDS_WITH matches the suffix',
    clause: c('userPrincipalName', 'ENDS_WITH', '@contoso.com'),
    value: 'alice@contoso.com',
    expected: true,
  },
  {
    title: 'B2 ENDS_WITH is case-sensitive',
    clause: c('userPrincipalName', 'ENDS_WITH', '@contoso.com'),
    value: 'alice@CONTOSO.COM',
    expected: false,
  },
  {
    title: 'B2 ENDS_WITH on empty is false',
    clause: c('userPrincipalName', 'ENDS_WITH', ''),
    value: '',
    expected: false,
  },
  { title: 'B2 EQUALS exact', clause: c('department', 'EQUALS', 'Sales'), value: 'Sales', expected: true },
  {
    title: 'B2 EQUALS is case-sensitive',
    clause: c('department', 'EQUALS', 'Sales'),
    value: 'sales',
    expected: false,
  },
  {
    title: 'B2 EQUALS on null is false',
    clause: c('department', 'EQUALS', 'Sales'),
    value: null,
    expected: false,
  },
  {
    title: 'B2 EQUALS compares a boolean as .NET prints it',
    clause: c('accountEnabled', 'EQUALS', 'True'),
    value: true,
    expected: true,
  },
  {
    title: 'B2 NOT EQUALS different value',
    clause: c('department', 'NOT EQUALS', 'Sales'),
    value: 'Ops',
    expected: true,
  },
  {
    title: 'B2 NOT EQUALS is case-sensitive',
    clause: c('department', 'NOT EQUALS', 'Sales'),
    value: 'SALES',
    expected: true,
  },
  {
    title: 'B2 NOT EQUALS same value',
    clause: c('department', 'NOT EQUALS', 'Sales'),
    value: 'Sales',
    expected: false,
  },
  {
    title: 'B2 NOT EQUALS on null is false (null → false)',
    clause: c('department', 'NOT EQUALS', 'Sales'),
    value: null,
    expected: false,
  },
  {
    title: 'B2 Greater_Than integers',
    clause: c('employeeId', 'Greater_Than', '100'),
    value: '101',
    expected: true,
  },
  {
    title: 'B2 Greater_Than equal is false',
    clause: c('employeeId', 'Greater_Than', '100'),
    value: 100,
    expected: false,
  },
  {
    title: 'B2 Greater_Than compares numbers, not text',
    clause: c('employeeId', 'Greater_Than', '9'),
    value: '10',
    expected: true,
  },
  {
    title: 'B2 Greater_Than on a non-integer is false',
    clause: c('employeeId', 'Greater_Than', '1'),
    value: '2.5',
    expected: false,
  },
  {
    title: 'B2 Greater_Than beyond 2^53',
    clause: c('employeeId', 'Greater_Than', '9007199254740992'),
    value: '9007199254740993',
    expected: true,
  },
  {
    title: 'B2 Greater_Than_OR_EQUALS equal',
    clause: c('employeeId', 'Greater_Than_OR_EQUALS', '100'),
    value: '100',
    expected: true,
  },
  {
    title: 'B2 Greater_Than_OR_EQUALS smaller',
    clause: c('employeeId', 'Greater_Than_OR_EQUALS', '100'),
    value: '-5',
    expected: false,
  },
  {
    title: 'B2 Greater_Than_OR_EQUALS on null is false',
    clause: c('employeeId', 'Greater_Than_OR_EQUALS', '0'),
    value: null,
    expected: false,
  },
  {
    title: 'B2 Includes is String.Contains',
    clause: c('jobTitle', 'Includes', 'Manager'),
    value: 'Sales Manager EMEA',
    expected: true,
  },
  {
    title: 'B2 Includes is case-sensitive',
    clause: c('jobTitle', 'Includes', 'Manager'),
    value: 'sales manager',
    expected: false,
  },
  {
    title: 'B2 Includes on null is false',
    clause: c('jobTitle', 'Includes', 'x'),
    value: null,
    expected: false,
  },
  { title: 'B2 IS TRUE on true', clause: c('accountEnabled', 'IS TRUE'), value: true, expected: true },
  {
    title: 'B2 IS TRUE on "True" text',
    clause: c('extension_1_flag', 'IS TRUE'),
    value: 'True',
    expected: true,
  },
  { title: 'B2 IS TRUE on false', clause: c('accountEnabled', 'IS TRUE'), value: false, expected: false },
  {
    title: 'B2 IS TRUE on null is false',
    clause: c('accountEnabled', 'IS TRUE'),
    value: null,
    expected: false,
  },
  { title: 'B2 IS FALSE on false', clause: c('accountEnabled', 'IS FALSE'), value: false, expected: true },
  {
    title: 'B2 IS FALSE on null is false',
    clause: c('accountEnabled', 'IS FALSE'),
    value: undefined,
    expected: false,
  },
  { title: 'B2 IS NULL on absent', clause: c('department', 'IS NULL'), value: undefined, expected: true },
  { title: 'B2 IS NULL on empty string', clause: c('department', 'IS NULL'), value: '', expected: true },
  { title: 'B2 IS NULL on a value', clause: c('department', 'IS NULL'), value: 'Sales', expected: false },
  {
    title: 'B2 IS NOT NULL on a value',
    clause: c('department', 'IS NOT NULL'),
    value: 'Sales',
    expected: true,
  },
  { title: 'B2 IS NOT NULL on null', clause: c('department', 'IS NOT NULL'), value: null, expected: false },
  {
    title: 'B2 REGEX MATCH example ([1-9][0-9]) matches 10–99',
    clause: c('employeeId', 'REGEX MATCH', '([1-9][0-9])'),
    value: '42',
    expected: true,
  },
  {
    title: 'B2 REGEX MATCH no match',
    clause: c('employeeId', 'REGEX MATCH', '^[1-9][0-9]$'),
    value: '7',
    expected: false,
  },
  {
    title: 'B2 REGEX MATCH is case-sensitive',
    clause: c('department', 'REGEX MATCH', '^sales$'),
    value: 'Sales',
    expected: false,
  },
  {
    title: 'B2 REGEX MATCH on null is false',
    clause: c('department', 'REGEX MATCH', '.*'),
    value: null,
    expected: false,
  },
  {
    title: 'B2 NOT REGEX MATCH when no match',
    clause: c('department', 'NOT REGEX MATCH', '^Sales'),
    value: 'Ops',
    expected: true,
  },
  {
    title: 'B2 NOT REGEX MATCH when match',
    clause: c('department', 'NOT REGEX MATCH', '^Sales'),
    value: 'Sales EMEA',
    expected: false,
  },
  {
    title: 'B2 NOT REGEX MATCH false if null',
    clause: c('department', 'NOT REGEX MATCH', '^Sales'),
    value: null,
    expected: false,
  },
  {
    title: 'B2 NOT REGEX MATCH false if empty',
    clause: c('department', 'NOT REGEX MATCH', '^Sales'),
    value: '',
    expected: false,
  },
  {
    title: 'B2 multi-valued attributes are not supported: false',
    clause: c('proxyAddresses', 'Includes', 'smtp'),
    value: ['smtp:a@b'],
    expected: false,
  },
];
