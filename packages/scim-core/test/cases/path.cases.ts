// Conformance cases for attribute paths (RFC 7644 §3.10) and PATCH paths (RFC 7644 §3.5.2). The runner
// is test/filter.test.ts.
import {
  type AttributePath,
  ENTERPRISE_USER_SCHEMA,
  type FilterNode,
  USER_SCHEMA,
  type ValuePathExpression,
} from '@provisio/scim-core';
import { at } from './filter.cases.js';

const ENT = ENTERPRISE_USER_SCHEMA;
const eq = (attribute: string, value: string | boolean): FilterNode => ({
  kind: 'compare',
  path: { attribute },
  op: 'eq',
  value,
});

export interface SplitCase {
  readonly title: string;
  readonly token: string;
  /** undefined: not valid attribute notation. */
  readonly expected: AttributePath | undefined;
}

export const splitCases: readonly SplitCase[] = [
  { title: 'RFC 7644 §3.10 bare attribute', token: 'userName', expected: at('userName') },
  {
    title: 'RFC 7644 §3.10 attribute.subAttribute',
    token: 'name.givenName',
    expected: at('name', 'givenName'),
  },
  {
    title: 'RFC 7644 §3.10 core URN prefix',
    token: `${USER_SCHEMA}:userName`,
    expected: at('userName', undefined, USER_SCHEMA),
  },
  {
    title: 'RFC 7644 §3.10 extension URN with sub-attribute',
    token: `${ENT}:manager.value`,
    expected: at('manager', 'value', ENT),
  },
  {
    title: 'RFC 7644 §3.10 a whole extension URN splits at its last colon (resolved by wholeSchema)',
    token: ENT,
    expected: at('User', undefined, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0'),
  },
  {
    title: 'RFC 7644 §3.10 URN prefix keeps its case as written',
    token: 'URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:USERNAME',
    expected: at('USERNAME', undefined, 'URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER'),
  },
  { title: 'RFC 7643 §2.1 "$ref" sub-attribute', token: 'members.$ref', expected: at('members', '$ref') },
  { title: 'RFC 7643 §2.1 digits, "_" and "-" in names', token: 'a_b-c9', expected: at('a_b-c9') },
  { title: 'RFC 7644 §3.10 empty token', token: '', expected: undefined },
  { title: 'RFC 7643 §2.1 names start with a letter', token: '1abc', expected: undefined },
  { title: 'RFC 7644 §3.10 empty sub-attribute', token: 'name.', expected: undefined },
  { title: 'RFC 7644 §3.10 empty attribute', token: '.givenName', expected: undefined },
  { title: 'RFC 7644 §3.10 at most one sub-attribute level', token: 'a.b.c', expected: undefined },
  { title: 'RFC 7644 §3.10 no spaces', token: 'user name', expected: undefined },
  { title: 'RFC 7644 §3.10 a URN needs a namespace and a body', token: 'urn:x', expected: undefined },
  { title: 'RFC 7644 §3.10 brackets are not notation', token: 'emails[type eq "x"]', expected: undefined },
];

export interface ValuePathCase {
  readonly title: string;
  readonly text: string;
  readonly expected?: ValuePathExpression;
  /** When set, parsing throws InvalidPath naming this 0-based offset. */
  readonly offset?: number;
  readonly detail?: string;
}

export const valuePathCases: readonly ValuePathCase[] = [
  { title: 'RFC 7644 §3.5.2 attrPath', text: 'userName', expected: { path: at('userName') } },
  {
    title: 'RFC 7644 §3.5.2 attrPath with sub-attribute',
    text: 'name.givenName',
    expected: { path: at('name', 'givenName') },
  },
  {
    title: 'RFC 7644 §3.5.2 valuePath with subAttr',
    text: 'emails[type eq "work"].value',
    expected: { path: at('emails'), filter: eq('type', 'work'), subAttribute: 'value' },
  },
  {
    title: 'RFC 7644 §3.5.2.2 members[value eq "u1"] (Entra A4 member removal)',
    text: 'members[value eq "u1"]',
    expected: { path: at('members'), filter: eq('value', 'u1') },
  },
  {
    title: 'RFC 7644 §3.5.2 URN-qualified extension attribute (Entra A3 manager)',
    text: `${ENT}:manager`,
    expected: { path: at('manager', undefined, ENT) },
  },
  {
    title: 'RFC 7644 §3.5.2 URN-qualified extension simple attribute',
    text: `${ENT}:employeeNumber`,
    expected: { path: at('employeeNumber', undefined, ENT) },
  },
  {
    title: 'RFC 7644 §3.5.2 URN-qualified valuePath with subAttr',
    text: `${USER_SCHEMA}:emails[type eq "work"].value`,
    expected: {
      path: at('emails', undefined, USER_SCHEMA),
      filter: eq('type', 'work'),
      subAttribute: 'value',
    },
  },
  {
    title: 'Entra A3: addresses[type eq "work"].postalCode',
    text: 'addresses[type eq "work"].postalCode',
    expected: { path: at('addresses'), filter: eq('type', 'work'), subAttribute: 'postalCode' },
  },
  {
    title: 'Entra A3: roles[primary eq "True"].value keeps the string for the binder',
    text: 'roles[primary eq "True"].value',
    expected: { path: at('roles'), filter: eq('primary', 'True'), subAttribute: 'value' },
  },
  {
    title: 'Entra A3: phoneNumbers[type eq "mobile"].value',
    text: 'phoneNumbers[type eq "mobile"].value',
    expected: { path: at('phoneNumbers'), filter: eq('type', 'mobile'), subAttribute: 'value' },
  },
  {
    title: 'RFC 7644 §3.5.2 valuePath with and',
    text: 'emails[type eq "work" and value ew "@example.com"]',
    expected: {
      path: at('emails'),
      filter: {
        kind: 'and',
        left: eq('type', 'work'),
        right: { kind: 'compare', path: at('value'), op: 'ew', value: '@example.com' },
      },
    },
  },
  {
    title: 'RFC 7644 §3.5.2 valuePath with not (…)',
    text: 'emails[not (primary eq true)]',
    expected: { path: at('emails'), filter: { kind: 'not', filter: eq('primary', true) } },
  },
  {
    title: 'RFC 7644 §3.5.2 surrounding whitespace is ignored',
    text: '  nickName \t',
    expected: { path: at('nickName') },
  },
  {
    title: 'RFC 7644 §3.5.2 names keep their spelling, operators are case-insensitive',
    text: 'EMAILS[TYPE EQ "work"].VALUE',
    expected: { path: at('EMAILS'), filter: eq('TYPE', 'work'), subAttribute: 'VALUE' },
  },
  {
    title: 'RFC 7644 §3.5.2 custom extension attribute',
    text: 'urn:ietf:params:scim:schemas:extension:Acme:2.0:User:badge',
    expected: { path: at('badge', undefined, 'urn:ietf:params:scim:schemas:extension:Acme:2.0:User') },
  },
  { title: 'RFC 7644 §3.5.2 empty path', text: '', offset: 0, detail: 'empty path' },
  { title: 'RFC 7644 §3.5.2 unclosed valuePath', text: 'emails[type eq "work"', offset: 21, detail: '"]"' },
  {
    title: 'RFC 7644 §3.5.2 only one subAttr after a valuePath',
    text: 'emails[type eq "work"].value.x',
    offset: 23,
  },
  {
    title: 'RFC 7644 §3.5.2 garbage after a valuePath',
    text: 'emails[type eq "work"]x',
    offset: 22,
    detail: 'expected the end of the path',
  },
  {
    title: 'RFC 7644 §3.5.2 a valuePath on a sub-attribute',
    text: 'emails.value[type eq "work"]',
    offset: 12,
    detail: 'sub-attribute',
  },
  {
    title: 'RFC 7644 errata 4690: nested valuePath in a PATCH path',
    text: 'emails[type eq "work" and x[y pr]]',
    offset: 27,
    detail: 'nested',
  },
  { title: 'RFC 7644 §3.5.2 trailing words', text: 'name.givenName extra', offset: 15 },
  { title: 'RFC 7644 §3.5.2 valuePath filter missing its value', text: 'emails[type eq]', offset: 14 },
  { title: 'RFC 7644 §3.5.2 space inside a path', text: 'user name', offset: 5 },
  { title: 'RFC 7644 §3.5.2 "]." without a subAttr', text: 'emails[type eq "work"].', offset: 23 },
  { title: 'RFC 7644 §3.5.2 valuePath without an attribute', text: '[type eq "work"]', offset: 0 },
  { title: 'RFC 7644 §3.5.2 empty brackets', text: 'emails[]', offset: 7 },
  { title: 'RFC 7644 §3.5.2 a filter is not a path', text: 'userName eq "x"', offset: 9 },
];
