/**
 * Conformance vectors for PATCH (RFC 7644 §3.5.2): the PatchOp message, add (§3.5.2.1), remove (§3.5.2.2)
 * and replace (§3.5.2.3), mutability, types and `primary`. Each case sends `operations` (wrapped in a
 * PatchOp body) or a whole `body` through `parsePatchRequest` + `applyPatch`, and expects the resource
 * after, or the error's scimType. Group cases also go through `planGroupPatch` (see the runner).
 */
import {
  ENTERPRISE_USER_SCHEMA,
  type FilterNode,
  GROUP_SCHEMA,
  type MembershipDelta,
  type PatchOptions,
  SchemaRegistry,
  type ScimType,
  USER_SCHEMA,
} from '@provisio/scim-core';

export type Resource = Readonly<Record<string, unknown>>;

export interface PatchCase {
  readonly title: string;
  readonly resourceType: 'User' | 'Group';
  /** Defaults to `SchemaRegistry.standard()`. */
  readonly registry?: SchemaRegistry;
  readonly options?: PatchOptions;
  readonly before: Resource;
  /** Sent as `{"schemas":[PatchOp], "Operations": operations}`. */
  readonly operations?: readonly unknown[];
  /** The whole request body, for cases about the message itself. */
  readonly body?: unknown;
  readonly expect: { readonly after: Resource } | { readonly error: { readonly scimType: ScimType } };
}

/** An extension with typed, immutable and required attributes; required on User. */
export const TEST_EXTENSION = 'urn:example:params:scim:schemas:extension:patch:2.0:User';

export const TEST_REGISTRY = SchemaRegistry.standard().withExtension(
  {
    id: TEST_EXTENSION,
    attributes: [
      { name: 'badge', type: 'integer' },
      { name: 'rate', type: 'decimal' },
      { name: 'hired', type: 'dateTime' },
      { name: 'serial', mutability: 'immutable' },
      { name: 'tags', multiValued: true },
      { name: 'clearance', required: true },
    ],
  },
  { resourceType: 'User', required: true },
);

const U = USER_SCHEMA;
const E = ENTERPRISE_USER_SCHEMA;
const X = TEST_EXTENSION;

const WORK = { value: 'alice@work.example', type: 'work', primary: true };
const HOME = { value: 'alice@home.example', type: 'home' };

export const ALICE: Resource = {
  schemas: [U],
  id: 'u1',
  userName: 'alice',
  displayName: 'Alice A',
  name: { givenName: 'Alice', familyName: 'A' },
  active: true,
  emails: [WORK, HOME],
  meta: { resourceType: 'User', created: '2024-01-01T00:00:00Z', version: 'W/"1"' },
};

const BOB: Resource = {
  schemas: [U, E],
  id: 'u2',
  userName: 'bob',
  roles: [{ value: 'reader', primary: true }, { value: 'writer' }],
  addresses: [{ type: 'work', locality: 'Oslo', postalCode: '0150' }],
  [E]: { department: 'Ops', manager: { value: 'm1', displayName: 'Mary' } },
};

const CAROL: Resource = {
  schemas: [U, X],
  id: 'u3',
  userName: 'carol',
  [X]: { clearance: 'low', serial: 'S1' },
};

export const SALES: Resource = {
  schemas: [GROUP_SCHEMA],
  id: 'g1',
  displayName: 'Sales',
  members: [
    { value: 'u1', type: 'User' },
    { value: 'u2', type: 'User' },
    { value: 'g9', type: 'Group' },
  ],
};

const EMPTY_GROUP: Resource = { schemas: [GROUP_SCHEMA], id: 'g2', displayName: 'Empty' };

/** `resource` with `changes` merged in; an `undefined` change removes the key. */
function edit(resource: Resource, changes: Record<string, unknown>): Resource {
  const result: Record<string, unknown> = { ...resource, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete result[key];
  return result;
}

const add = (path: string | undefined, value: unknown) =>
  path === undefined ? { op: 'add', value } : { op: 'add', path, value };
const replace = (path: string | undefined, value: unknown) =>
  path === undefined ? { op: 'replace', value } : { op: 'replace', path, value };
const remove = (path: string, value?: unknown) =>
  value === undefined ? { op: 'remove', path } : { op: 'remove', path, value };
const fails = (scimType: ScimType) => ({ error: { scimType } }) as const;
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const MESSAGE_CASES: PatchCase[] = [
  {
    title: 'RFC 7644 §3.5.2 a body that is not a JSON object is invalidSyntax',
    resourceType: 'User',
    before: ALICE,
    body: [add('nickName', 'Al')],
    expect: fails('invalidSyntax'),
  },
  {
    title: 'RFC 7644 §3.5.2 a body without "schemas" is invalidSyntax',
    resourceType: 'User',
    before: ALICE,
    body: { Operations: [add('nickName', 'Al')] },
    expect: fails('invalidSyntax'),
  },
  {
    title: 'RFC 7644 §3.5.2 "schemas" without the PatchOp URN is invalidSyntax',
    resourceType: 'User',
    before: ALICE,
    body: { schemas: [U], Operations: [add('nickName', 'Al')] },
    expect: fails('invalidSyntax'),
  },
  {
    title: 'RFC 7644 §3.5.2 the PatchOp URN and member names match case-insensitively (RFC 7643 §2.1)',
    resourceType: 'User',
    before: ALICE,
    body: { SCHEMAS: [PATCH_OP.toUpperCase()], operations: [{ OP: 'add', Path: 'nickName', VALUE: 'Al' }] },
    expect: { after: edit(ALICE, { nickName: 'Al' }) },
  },
  {
    title: 'RFC 7644 §3.5.2 a body without "Operations" is invalidSyntax',
    resourceType: 'User',
    before: ALICE,
    body: { schemas: [PATCH_OP] },
    expect: fails('invalidSyntax'),
  },
  {
    title: 'RFC 7644 §3.5.2 "Operations" must hold one or more operations: [] is invalidSyntax',
    resourceType: 'User',
    before: ALICE,
    body: { schemas: [PATCH_OP], Operations: [] },
    expect: fails('invalidSyntax'),
  },
  {
    title: 'RFC 7644 §3.5.2 "Operations" that is an object, not an array, is invalidSyntax',
    resourceType: 'User',
    before: ALICE,
    body: { schemas: [PATCH_OP], Operations: add('nickName', 'Al') },
    expect: fails('invalidSyntax'),
  },
  {
    title: 'RFC 7644 §3.5.2 an operation that is not an object is invalidSyntax',
    resourceType: 'User',
    before: ALICE,
    operations: ['add nickName Al'],
    expect: fails('invalidSyntax'),
  },
  {
    title: 'RFC 7644 §3.5.2 an operation without "op" is invalidSyntax',
    resourceType: 'User',
    before: ALICE,
    operations: [{ path: 'nickName', value: 'Al' }],
    expect: fails('invalidSyntax'),
  },
  {
    title: 'RFC 7644 §3.5.2 strict: "Add" is not one of "add", "remove", "replace" (invalidSyntax)',
    resourceType: 'User',
    before: ALICE,
    operations: [{ op: 'Add', path: 'nickName', value: 'Al' }],
    expect: fails('invalidSyntax'),
  },
  {
    title: 'RFC 7644 §3.5.2 op "delete" is invalidSyntax',
    resourceType: 'User',
    before: ALICE,
    operations: [{ op: 'delete', path: 'nickName' }],
    expect: fails('invalidSyntax'),
  },
  {
    title: 'RFC 7644 §3.5.2 JSON Patch members such as "from" are invalidSyntax',
    resourceType: 'User',
    before: ALICE,
    operations: [{ op: 'add', path: 'nickName', from: 'displayName' }],
    expect: fails('invalidSyntax'),
  },
  {
    title: 'RFC 7644 §3.5.2 a "path" that is not a string is invalidPath',
    resourceType: 'User',
    before: ALICE,
    operations: [{ op: 'add', path: 42, value: 'Al' }],
    expect: fails('invalidPath'),
  },
  {
    title: 'RFC 7644 §3.5.2 an empty "path" is invalidPath',
    resourceType: 'User',
    before: ALICE,
    operations: [add('', 'Al')],
    expect: fails('invalidPath'),
  },
  {
    title: 'RFC 7644 §3.5.2 an unclosed valuePath filter is invalidPath',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('emails[type eq "work"', 'x@example.com')],
    expect: fails('invalidPath'),
  },
  {
    title: 'RFC 7644 §3.5.2 a path naming an unknown attribute is invalidPath',
    resourceType: 'User',
    before: ALICE,
    operations: [add('favouriteColour', 'green')],
    expect: fails('invalidPath'),
  },
  {
    title: 'RFC 7644 §3.5.2 a path naming an unknown sub-attribute is invalidPath',
    resourceType: 'User',
    before: ALICE,
    operations: [add('name.nick', 'Al')],
    expect: fails('invalidPath'),
  },
  {
    title: 'RFC 7644 §3.5.2 a valuePath filter on an unknown sub-attribute is invalidPath',
    resourceType: 'User',
    before: ALICE,
    operations: [remove('emails[colour eq "red"]')],
    expect: fails('invalidPath'),
  },
  {
    title: 'RFC 7644 §3.5.2 a valuePath filter on a simple attribute is invalidPath',
    resourceType: 'User',
    before: ALICE,
    operations: [remove('userName[value eq "alice"]')],
    expect: fails('invalidPath'),
  },
  {
    title: 'RFC 7644 §3.5.2 an extension attribute the resource type lacks is invalidPath',
    resourceType: 'Group',
    before: SALES,
    operations: [add(`${E}:department`, 'Ops')],
    expect: fails('invalidPath'),
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove without a path is noTarget',
    resourceType: 'User',
    before: ALICE,
    operations: [{ op: 'remove' }],
    expect: fails('noTarget'),
  },
  {
    title: 'RFC 7644 §3.5.2.1 add without a "value" is invalidValue',
    resourceType: 'User',
    before: ALICE,
    operations: [{ op: 'add', path: 'nickName' }],
    expect: fails('invalidValue'),
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace without a "value" is invalidValue',
    resourceType: 'User',
    before: ALICE,
    operations: [{ op: 'replace', path: 'nickName' }],
    expect: fails('invalidValue'),
  },
  {
    title: 'RFC 7644 §3.5.2 operations apply in order: a later one sees an earlier one',
    resourceType: 'User',
    before: ALICE,
    operations: [add('nickName', 'Al'), replace('nickName', 'Ally'), add('title', 'Eng')],
    expect: { after: edit(ALICE, { nickName: 'Ally', title: 'Eng' }) },
  },
  {
    title: 'RFC 7644 §3.5.2 PATCH is atomic: a failing last operation fails the request',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('displayName', 'Changed'), remove('userName')],
    expect: fails('mutability'),
  },
  {
    title: 'RFC 7644 §3.5.2 PATCH is atomic: an invalid path anywhere fails before anything applies',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('displayName', 'Changed'), add('nope', 1)],
    expect: fails('invalidPath'),
  },
];

const ADD_CASES: PatchCase[] = [
  {
    title: 'RFC 7644 §3.5.2.1 add to an unassigned attribute adds it',
    resourceType: 'User',
    before: ALICE,
    operations: [add('nickName', 'Al')],
    expect: { after: edit(ALICE, { nickName: 'Al' }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 add to a single-valued attribute replaces its value',
    resourceType: 'User',
    before: ALICE,
    operations: [add('displayName', 'Alice B')],
    expect: { after: edit(ALICE, { displayName: 'Alice B' }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 adding the value already there changes nothing',
    resourceType: 'User',
    before: ALICE,
    operations: [add('displayName', 'Alice A')],
    expect: { after: ALICE },
  },
  {
    title: 'RFC 7644 §3.5.2.1 attribute names in a path are case-insensitive; output keys are canonical',
    resourceType: 'User',
    before: ALICE,
    operations: [add('NICKNAME', 'Al')],
    expect: { after: edit(ALICE, { nickName: 'Al' }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 a stored key spelled differently is replaced by the canonical one',
    resourceType: 'User',
    before: edit(ALICE, { displayName: undefined, DisplayName: 'Old' }),
    operations: [add('displayName', 'New')],
    expect: { after: edit(ALICE, { displayName: 'New' }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 add name.givenName sets one sub-attribute',
    resourceType: 'User',
    before: ALICE,
    operations: [add('name.givenName', 'Alicia')],
    expect: { after: edit(ALICE, { name: { givenName: 'Alicia', familyName: 'A' } }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 add name.middleName creates the complex attribute when unassigned',
    resourceType: 'User',
    before: edit(ALICE, { name: undefined }),
    operations: [add('name.middleName', 'J')],
    expect: { after: edit(ALICE, { name: { middleName: 'J' } }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 add on a complex attribute sets the sub-attributes given and keeps the others',
    resourceType: 'User',
    before: ALICE,
    operations: [add('name', { middleName: 'J', familyName: 'Anders' })],
    expect: { after: edit(ALICE, { name: { givenName: 'Alice', familyName: 'Anders', middleName: 'J' } }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 add to a multi-valued attribute appends the new values',
    resourceType: 'User',
    before: ALICE,
    operations: [add('emails', [{ value: 'alice@other.example', type: 'other' }])],
    expect: { after: edit(ALICE, { emails: [WORK, HOME, { value: 'alice@other.example', type: 'other' }] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 add of a single value (not an array) to a multi-valued attribute appends it',
    resourceType: 'User',
    before: ALICE,
    operations: [add('emails', { value: 'alice@other.example' })],
    expect: { after: edit(ALICE, { emails: [WORK, HOME, { value: 'alice@other.example' }] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 add of a value the attribute already contains adds no duplicate',
    resourceType: 'User',
    before: ALICE,
    operations: [add('emails', [HOME])],
    expect: { after: ALICE },
  },
  {
    title: 'RFC 7644 §3.5.2.1 a value naming a subset of a stored value is already contained',
    resourceType: 'User',
    before: ALICE,
    operations: [add('emails', [{ value: 'alice@home.example' }])],
    expect: { after: ALICE },
  },
  {
    title: 'RFC 7644 §3.5.2.1 the same new value twice in one add is added once',
    resourceType: 'User',
    before: ALICE,
    operations: [add('emails', [{ value: 'x@example.com' }, { value: 'x@example.com' }])],
    expect: { after: edit(ALICE, { emails: [WORK, HOME, { value: 'x@example.com' }] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 add to an unassigned multi-valued attribute creates it',
    resourceType: 'User',
    before: ALICE,
    operations: [add('phoneNumbers', [{ value: '+47 1234', type: 'mobile' }])],
    expect: { after: edit(ALICE, { phoneNumbers: [{ value: '+47 1234', type: 'mobile' }] }) },
  },
  {
    title: 'RFC 7643 §2.4 adding a primary value makes the previous primary value non-primary',
    resourceType: 'User',
    before: ALICE,
    operations: [add('emails', [{ value: 'new@work.example', type: 'work', primary: true }])],
    expect: {
      after: edit(ALICE, {
        emails: [
          { ...WORK, primary: false },
          HOME,
          { value: 'new@work.example', type: 'work', primary: true },
        ],
      }),
    },
  },
  {
    title: 'RFC 7643 §2.4 adding two primary values at once is invalidValue',
    resourceType: 'User',
    before: ALICE,
    operations: [
      add('emails', [
        { value: 'a@x.example', primary: true },
        { value: 'b@x.example', primary: true },
      ]),
    ],
    expect: fails('invalidValue'),
  },
  {
    title: 'RFC 7644 §3.5.2.1 add of an extension attribute by URN path creates the extension',
    resourceType: 'User',
    before: ALICE,
    operations: [add(`${E}:department`, 'Sales')],
    expect: { after: edit(ALICE, { schemas: [U, E], [E]: { department: 'Sales' } }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 an unqualified extension attribute resolves when unambiguous',
    resourceType: 'User',
    before: ALICE,
    operations: [add('employeeNumber', '42')],
    expect: { after: edit(ALICE, { schemas: [U, E], [E]: { employeeNumber: '42' } }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 add with a whole extension URN path sets its attributes',
    resourceType: 'User',
    before: BOB,
    operations: [add(E, { employeeNumber: '7', department: 'Sales' })],
    expect: {
      after: edit(BOB, {
        [E]: { department: 'Sales', manager: { value: 'm1', displayName: 'Mary' }, employeeNumber: '7' },
      }),
    },
  },
  {
    title: 'RFC 7644 §3.5.2.1 add of a core attribute by its URN-qualified path',
    resourceType: 'User',
    before: ALICE,
    operations: [add(`${U}:title`, 'Engineer')],
    expect: { after: edit(ALICE, { title: 'Engineer' }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 add without path takes a resource-shaped object of attributes',
    resourceType: 'User',
    before: ALICE,
    operations: [add(undefined, { nickName: 'Al', title: 'Eng', emails: [{ value: 'x@example.com' }] })],
    expect: {
      after: edit(ALICE, { nickName: 'Al', title: 'Eng', emails: [WORK, HOME, { value: 'x@example.com' }] }),
    },
  },
  {
    title: "RFC 7644 §3.5.2.1 add without path: an extension URN key holds that extension's attributes",
    resourceType: 'User',
    before: ALICE,
    operations: [add(undefined, { [E]: { employeeNumber: '42', department: 'Ops' } })],
    expect: { after: edit(ALICE, { schemas: [U, E], [E]: { employeeNumber: '42', department: 'Ops' } }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 add without path ignores "schemas": the server keeps it in step',
    resourceType: 'User',
    before: ALICE,
    operations: [add(undefined, { schemas: [U, 'urn:bogus'], nickName: 'Al' })],
    expect: { after: edit(ALICE, { nickName: 'Al' }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 add without path with an unknown attribute is invalidValue',
    resourceType: 'User',
    before: ALICE,
    operations: [add(undefined, { favouriteColour: 'green' })],
    expect: fails('invalidValue'),
  },
  {
    title:
      'RFC 7644 §3.5.2.1 strict: a path-less value with a dotted key is not resource-shaped (invalidValue)',
    resourceType: 'User',
    before: ALICE,
    operations: [add(undefined, { 'name.givenName': 'Al' })],
    expect: fails('invalidValue'),
  },
  {
    title: 'RFC 7644 §3.5.2.1 add without path needs an object value (invalidValue)',
    resourceType: 'User',
    before: ALICE,
    operations: [add(undefined, 'Al')],
    expect: fails('invalidValue'),
  },
  {
    title: 'RFC 7644 §3.5.2.1 a string for a boolean attribute is invalidValue',
    resourceType: 'User',
    before: ALICE,
    operations: [add('active', 'yes')],
    expect: fails('invalidValue'),
  },
  {
    title: 'RFC 7644 §3.5.2.1 strict: "True" is a string, not a boolean (invalidValue)',
    resourceType: 'User',
    before: ALICE,
    operations: [add('active', 'True')],
    expect: fails('invalidValue'),
  },
  {
    title: 'RFC 7644 §3.5.2.1 a number for a string sub-attribute is invalidValue',
    resourceType: 'User',
    before: ALICE,
    operations: [add('emails', [{ value: 42 }])],
    expect: fails('invalidValue'),
  },
  {
    title: 'RFC 7644 §3.5.2.1 an unknown sub-attribute inside a value is invalidValue',
    resourceType: 'User',
    before: ALICE,
    operations: [add('emails', [{ value: 'x@example.com', label: 'x' }])],
    expect: fails('invalidValue'),
  },
  {
    title: 'RFC 7644 §3.5.2.1 a string for a complex attribute is invalidValue',
    resourceType: 'User',
    before: ALICE,
    operations: [add('name', 'Alice A')],
    expect: fails('invalidValue'),
  },
  {
    title: 'RFC 7644 §3.5.2.1 a binary attribute takes base64',
    resourceType: 'User',
    before: ALICE,
    operations: [add('x509Certificates', [{ value: 'TUlJQw==' }])],
    expect: { after: edit(ALICE, { x509Certificates: [{ value: 'TUlJQw==' }] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 a binary attribute rejects text that is not base64 (invalidValue)',
    resourceType: 'User',
    before: ALICE,
    operations: [add('x509Certificates', [{ value: 'not base64!' }])],
    expect: fails('invalidValue'),
  },
  {
    title: 'RFC 7644 §3.5.2.1 an integer attribute takes an integer',
    resourceType: 'User',
    registry: TEST_REGISTRY,
    before: CAROL,
    operations: [add(`${X}:badge`, 7)],
    expect: { after: edit(CAROL, { [X]: { clearance: 'low', serial: 'S1', badge: 7 } }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 an integer attribute rejects 1.5 (invalidValue)',
    resourceType: 'User',
    registry: TEST_REGISTRY,
    before: CAROL,
    operations: [add(`${X}:badge`, 1.5)],
    expect: fails('invalidValue'),
  },
  {
    title: 'RFC 7644 §3.5.2.1 a decimal attribute rejects a numeric string (invalidValue)',
    resourceType: 'User',
    registry: TEST_REGISTRY,
    before: CAROL,
    operations: [add(`${X}:rate`, '1.5')],
    expect: fails('invalidValue'),
  },
  {
    title: 'RFC 7644 §3.5.2.1 a dateTime attribute takes an xsd:dateTime',
    resourceType: 'User',
    registry: TEST_REGISTRY,
    before: CAROL,
    operations: [add(`${X}:hired`, '2024-02-29T08:00:00+01:00')],
    expect: {
      after: edit(CAROL, { [X]: { clearance: 'low', serial: 'S1', hired: '2024-02-29T08:00:00+01:00' } }),
    },
  },
  {
    title: 'RFC 7644 §3.5.2.1 a dateTime attribute rejects "yesterday" (invalidValue)',
    resourceType: 'User',
    registry: TEST_REGISTRY,
    before: CAROL,
    operations: [add(`${X}:hired`, 'yesterday')],
    expect: fails('invalidValue'),
  },
  {
    title: 'RFC 7644 §3.5.2.1 a multi-valued string attribute appends strings',
    resourceType: 'User',
    registry: TEST_REGISTRY,
    before: CAROL,
    operations: [add(`${X}:tags`, ['a', 'b']), add(`${X}:tags`, 'a')],
    expect: { after: edit(CAROL, { [X]: { clearance: 'low', serial: 'S1', tags: ['a', 'b'] } }) },
  },
  {
    title: 'RFC 7644 §3.5.2 a client MAY add a value to an immutable attribute that has none',
    resourceType: 'User',
    registry: TEST_REGISTRY,
    before: edit(CAROL, { [X]: { clearance: 'low' } }),
    operations: [add(`${X}:serial`, 'S2')],
    expect: { after: edit(CAROL, { [X]: { clearance: 'low', serial: 'S2' } }) },
  },
  {
    title: 'RFC 7644 §3.5.2 changing an immutable attribute that has a value is mutability',
    resourceType: 'User',
    registry: TEST_REGISTRY,
    before: CAROL,
    operations: [replace(`${X}:serial`, 'S2')],
    expect: fails('mutability'),
  },
  {
    title: 'RFC 7644 §3.5.2 writing the value an immutable attribute already has is allowed',
    resourceType: 'User',
    registry: TEST_REGISTRY,
    before: CAROL,
    operations: [replace(`${X}:serial`, 'S1')],
    expect: { after: CAROL },
  },
  {
    title: 'RFC 7644 §3.5.2 add targeting readOnly "id" is mutability',
    resourceType: 'User',
    before: ALICE,
    operations: [add('id', 'u99')],
    expect: fails('mutability'),
  },
  {
    title: 'RFC 7644 §3.5.2 add targeting readOnly meta.created is mutability',
    resourceType: 'User',
    before: ALICE,
    operations: [add('meta.created', '2020-01-01T00:00:00Z')],
    expect: fails('mutability'),
  },
  {
    title: 'RFC 7644 §3.5.2 add to the readOnly "groups" is mutability',
    resourceType: 'User',
    before: ALICE,
    operations: [add('groups', [{ value: 'g1' }])],
    expect: fails('mutability'),
  },
  {
    title: 'RFC 7644 §3.5.2 a path-less value repeating the current readOnly "id" is not a change',
    resourceType: 'User',
    before: ALICE,
    operations: [add(undefined, { id: 'u1', nickName: 'Al' })],
    expect: { after: edit(ALICE, { nickName: 'Al' }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 add to emails[type eq "work"].value sets it on the matching value',
    resourceType: 'User',
    before: ALICE,
    operations: [add('emails[type eq "work"].value', 'alice@new.example')],
    expect: { after: edit(ALICE, { emails: [{ ...WORK, value: 'alice@new.example' }, HOME] }) },
  },
  {
    title: 'RFC 7644 §3.12 add with a valuePath filter that matches nothing is noTarget',
    resourceType: 'User',
    before: ALICE,
    operations: [add('emails[type eq "other"].value', 'x@example.com')],
    expect: fails('noTarget'),
  },
  {
    title: 'RFC 7644 §3.5.2.1 option createMissingFilterTarget: an unmatched eq filter creates the value',
    resourceType: 'User',
    options: { createMissingFilterTarget: true },
    before: ALICE,
    operations: [add('emails[type eq "other"].value', 'x@example.com')],
    expect: { after: edit(ALICE, { emails: [WORK, HOME, { type: 'other', value: 'x@example.com' }] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 a writeOnly attribute (password) can be set',
    resourceType: 'User',
    before: ALICE,
    operations: [add('password', 's3cret!')],
    expect: { after: edit(ALICE, { password: 's3cret!' }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 add members appends to the group',
    resourceType: 'Group',
    before: SALES,
    operations: [add('members', [{ value: 'u3', type: 'User' }])],
    expect: {
      after: edit(SALES, { members: [...(SALES.members as unknown[]), { value: 'u3', type: 'User' }] }),
    },
  },
  {
    title: 'RFC 7644 §3.5.2.1 add of a member already in the group changes nothing',
    resourceType: 'Group',
    before: SALES,
    operations: [add('members', [{ value: 'u1' }])],
    expect: { after: SALES },
  },
  {
    title: 'RFC 7643 §2.5 a null sub-attribute in a value is unassigned ("$ref": null)',
    resourceType: 'Group',
    before: EMPTY_GROUP,
    operations: [add('members', [{ $ref: null, value: 'u1' }])],
    expect: { after: edit(EMPTY_GROUP, { members: [{ value: 'u1' }] }) },
  },
  {
    title: 'RFC 7644 §3.5.1 readOnly sub-attributes inside a value (member display) are ignored',
    resourceType: 'Group',
    before: EMPTY_GROUP,
    operations: [add('members', [{ value: 'u1', display: 'Alice' }])],
    expect: { after: edit(EMPTY_GROUP, { members: [{ value: 'u1' }] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 add of an empty list changes nothing',
    resourceType: 'Group',
    before: SALES,
    operations: [add('members', [])],
    expect: { after: SALES },
  },
];

const REMOVE_CASES: PatchCase[] = [
  {
    title: 'RFC 7644 §3.5.2.2 remove of a single-valued attribute unassigns it',
    resourceType: 'User',
    before: ALICE,
    operations: [remove('displayName')],
    expect: { after: edit(ALICE, { displayName: undefined }) },
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove of an unassigned attribute changes nothing',
    resourceType: 'User',
    before: ALICE,
    operations: [remove('nickName')],
    expect: { after: ALICE },
  },
  {
    title: 'RFC 7644 §3.5.2.2 removing a required attribute (userName) is mutability',
    resourceType: 'User',
    before: ALICE,
    operations: [remove('userName')],
    expect: fails('mutability'),
  },
  {
    title: 'RFC 7644 §3.5.2.2 removing a required attribute of a Group (displayName) is mutability',
    resourceType: 'Group',
    before: SALES,
    operations: [remove('displayName')],
    expect: fails('mutability'),
  },
  {
    title: 'RFC 7644 §3.5.2.2 removing a readOnly attribute (id) is mutability',
    resourceType: 'User',
    before: ALICE,
    operations: [remove('id')],
    expect: fails('mutability'),
  },
  {
    title: 'RFC 7644 §3.5.2.2 removing readOnly meta is mutability',
    resourceType: 'User',
    before: ALICE,
    operations: [remove('meta')],
    expect: fails('mutability'),
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove name.givenName removes one sub-attribute',
    resourceType: 'User',
    before: ALICE,
    operations: [remove('name.givenName')],
    expect: { after: edit(ALICE, { name: { familyName: 'A' } }) },
  },
  {
    title: 'RFC 7644 §3.5.2.2 removing the last sub-attribute unassigns the complex attribute',
    resourceType: 'User',
    before: edit(ALICE, { name: { givenName: 'Alice' } }),
    operations: [remove('name.givenName')],
    expect: { after: edit(ALICE, { name: undefined }) },
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove of a multi-valued attribute without a filter removes all values',
    resourceType: 'User',
    before: ALICE,
    operations: [remove('emails')],
    expect: { after: edit(ALICE, { emails: undefined }) },
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove emails[type eq "work"] removes the matching values',
    resourceType: 'User',
    before: ALICE,
    operations: [remove('emails[type eq "work"]')],
    expect: { after: edit(ALICE, { emails: [HOME] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.2 a boolean filter (primary eq true) selects values',
    resourceType: 'User',
    before: ALICE,
    operations: [remove('emails[primary eq true]')],
    expect: { after: edit(ALICE, { emails: [HOME] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.2 a substring filter (value co "home") selects values',
    resourceType: 'User',
    before: ALICE,
    operations: [remove('emails[value co "home"]')],
    expect: { after: edit(ALICE, { emails: [WORK] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.2 removing the last values by filter unassigns the attribute',
    resourceType: 'User',
    before: ALICE,
    operations: [remove('emails[type eq "work" or type eq "home"]')],
    expect: { after: edit(ALICE, { emails: undefined }) },
  },
  {
    title: 'RFC 7644 §3.12 remove with a filter that matches nothing is noTarget',
    resourceType: 'User',
    before: ALICE,
    operations: [remove('emails[type eq "other"]')],
    expect: fails('noTarget'),
  },
  {
    title: 'RFC 7644 §3.12 remove with a filter on an unassigned attribute is noTarget',
    resourceType: 'User',
    before: ALICE,
    operations: [remove('phoneNumbers[type eq "mobile"]')],
    expect: fails('noTarget'),
  },
  {
    title: 'RFC 7644 §3.5.2.2 option ignoreUnmatchedRemove: an unmatched filter removes nothing',
    resourceType: 'User',
    options: { ignoreUnmatchedRemove: true },
    before: ALICE,
    operations: [remove('emails[type eq "other"]')],
    expect: { after: ALICE },
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove emails[type eq "work"].value removes the sub-attribute of matches',
    resourceType: 'User',
    before: ALICE,
    operations: [remove('emails[type eq "work"].value')],
    expect: { after: edit(ALICE, { emails: [{ type: 'work', primary: true }, HOME] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove addresses[type eq "work"].postalCode',
    resourceType: 'User',
    before: BOB,
    operations: [remove('addresses[type eq "work"].postalCode')],
    expect: { after: edit(BOB, { addresses: [{ type: 'work', locality: 'Oslo' }] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove members[value eq "u1"] removes that member',
    resourceType: 'Group',
    before: SALES,
    operations: [remove('members[value eq "u1"]')],
    expect: {
      after: edit(SALES, {
        members: [
          { value: 'u2', type: 'User' },
          { value: 'g9', type: 'Group' },
        ],
      }),
    },
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove members[value eq "u1" or value eq "g9"] removes both',
    resourceType: 'Group',
    before: SALES,
    operations: [remove('members[value eq "u1" or value eq "g9"]')],
    expect: { after: edit(SALES, { members: [{ value: 'u2', type: 'User' }] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove members[type eq "Group"] removes the nested groups',
    resourceType: 'Group',
    before: SALES,
    operations: [remove('members[type eq "Group"]')],
    expect: {
      after: edit(SALES, {
        members: [
          { value: 'u1', type: 'User' },
          { value: 'u2', type: 'User' },
        ],
      }),
    },
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove members with a value list removes exactly the values named',
    resourceType: 'Group',
    before: SALES,
    operations: [remove('members', [{ value: 'u1' }])],
    expect: {
      after: edit(SALES, {
        members: [
          { value: 'u2', type: 'User' },
          { value: 'g9', type: 'Group' },
        ],
      }),
    },
  },
  {
    title: 'RFC 7644 §3.5.2.2 a value list naming some absent values removes the present ones',
    resourceType: 'Group',
    before: SALES,
    operations: [remove('members', [{ value: 'u2' }, { value: 'nobody' }])],
    expect: {
      after: edit(SALES, {
        members: [
          { value: 'u1', type: 'User' },
          { value: 'g9', type: 'Group' },
        ],
      }),
    },
  },
  {
    title: 'RFC 7644 §3.5.2.2 a value list naming only absent values is noTarget',
    resourceType: 'Group',
    before: SALES,
    operations: [remove('members', [{ value: 'nobody' }])],
    expect: fails('noTarget'),
  },
  {
    title: 'RFC 7644 §3.5.2.2 a value list entry matches on every sub-attribute it gives',
    resourceType: 'Group',
    before: SALES,
    operations: [remove('members', [{ value: 'u2', type: 'Group' }])],
    expect: fails('noTarget'),
  },
  {
    title: 'RFC 7644 §3.5.2.2 removing the last member unassigns members',
    resourceType: 'Group',
    before: edit(SALES, { members: [{ value: 'u1' }] }),
    operations: [remove('members[value eq "u1"]')],
    expect: { after: edit(SALES, { members: undefined }) },
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove of members without filter or value removes all',
    resourceType: 'Group',
    before: SALES,
    operations: [remove('members')],
    expect: { after: edit(SALES, { members: undefined }) },
  },
  {
    title: 'RFC 7644 §3.5.2 removing an immutable sub-attribute of a member is mutability',
    resourceType: 'Group',
    before: SALES,
    operations: [remove('members[value eq "u1"].type')],
    expect: fails('mutability'),
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove of an extension attribute; the emptied extension leaves "schemas"',
    resourceType: 'User',
    before: edit(ALICE, { schemas: [U, E], [E]: { department: 'Ops' } }),
    operations: [remove(`${E}:department`)],
    expect: { after: ALICE },
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove of a whole extension by its URN',
    resourceType: 'User',
    before: BOB,
    operations: [remove(E)],
    expect: { after: edit(BOB, { schemas: [U], [E]: undefined }) },
  },
  {
    title: 'RFC 7643 §3.3 removing a required extension is mutability',
    resourceType: 'User',
    registry: TEST_REGISTRY,
    before: edit(CAROL, { [X]: { clearance: 'low' } }),
    operations: [remove(X)],
    expect: fails('mutability'),
  },
  {
    title: 'RFC 7644 §3.5.2.2 removing a required extension attribute is mutability',
    resourceType: 'User',
    registry: TEST_REGISTRY,
    before: CAROL,
    operations: [remove(`${X}:clearance`)],
    expect: fails('mutability'),
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove of the manager (single-valued complex)',
    resourceType: 'User',
    before: BOB,
    operations: [remove(`${E}:manager`)],
    expect: { after: edit(BOB, { [E]: { department: 'Ops' } }) },
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove manager[value eq "m1"]: a filter on a single-valued complex attribute',
    resourceType: 'User',
    before: BOB,
    operations: [remove('manager[value eq "m1"]')],
    expect: { after: edit(BOB, { [E]: { department: 'Ops' } }) },
  },
  {
    title: 'RFC 7644 §3.12 remove manager[value eq "m2"] when the manager is m1 is noTarget',
    resourceType: 'User',
    before: BOB,
    operations: [remove('manager[value eq "m2"]')],
    expect: fails('noTarget'),
  },
];

const REPLACE_CASES: PatchCase[] = [
  {
    title: 'RFC 7644 §3.5.2.3 replace of a single-valued attribute',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('displayName', 'Alice B')],
    expect: { after: edit(ALICE, { displayName: 'Alice B' }) },
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace of an unassigned attribute is treated as add',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('title', 'Eng')],
    expect: { after: edit(ALICE, { title: 'Eng' }) },
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace of a required attribute with a new value is allowed',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('userName', 'alice2')],
    expect: { after: edit(ALICE, { userName: 'alice2' }) },
  },
  {
    title: 'RFC 7644 §3.5.2.3 replacing a required attribute with null is mutability (RFC 7643 §2.5)',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('userName', null)],
    expect: fails('mutability'),
  },
  {
    title: 'RFC 7644 §3.5.2.3 replacing an optional attribute with null unassigns it (RFC 7643 §2.5)',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('displayName', null)],
    expect: { after: edit(ALICE, { displayName: undefined }) },
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace of a complex attribute keeps sub-attributes not given',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('name', { givenName: 'Alicia' })],
    expect: { after: edit(ALICE, { name: { givenName: 'Alicia', familyName: 'A' } }) },
  },
  {
    title: 'RFC 7644 §3.5.2.3 a null sub-attribute in a complex replace unassigns it (RFC 7643 §2.5)',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('name', { familyName: null })],
    expect: { after: edit(ALICE, { name: { givenName: 'Alice' } }) },
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace name.familyName',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('name.familyName', 'Smith')],
    expect: { after: edit(ALICE, { name: { givenName: 'Alice', familyName: 'Smith' } }) },
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace of a multi-valued attribute without filter replaces all values',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('emails', [{ value: 'only@example.com', primary: true }])],
    expect: { after: edit(ALICE, { emails: [{ value: 'only@example.com', primary: true }] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace of a multi-valued attribute with [] unassigns it',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('emails', [])],
    expect: { after: edit(ALICE, { emails: undefined }) },
  },
  {
    title: 'RFC 7643 §2.4 replace with two primary values is invalidValue',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('emails', [{ ...WORK }, { ...HOME, primary: true }])],
    expect: fails('invalidValue'),
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace emails[type eq "work"].value replaces the sub-attribute of matches',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('emails[type eq "work"].value', 'alice@new.example')],
    expect: { after: edit(ALICE, { emails: [{ ...WORK, value: 'alice@new.example' }, HOME] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.3 a filter matching several values replaces the sub-attribute of each',
    resourceType: 'User',
    before: edit(ALICE, { emails: [WORK, { value: 'w2@example.com', type: 'work' }] }),
    operations: [replace('emails[type eq "work"].display', 'Work')],
    expect: {
      after: edit(ALICE, {
        emails: [
          { ...WORK, display: 'Work' },
          { value: 'w2@example.com', type: 'work', display: 'Work' },
        ],
      }),
    },
  },
  {
    title: 'RFC 7643 §2.4 a filter matching several values cannot make them all primary (invalidValue)',
    resourceType: 'User',
    before: edit(ALICE, { emails: [WORK, { value: 'w2@example.com', type: 'work' }] }),
    operations: [replace('emails[type eq "work"].primary', true)],
    expect: fails('invalidValue'),
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace emails[type eq "work"] replaces the whole matching value',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('emails[type eq "work"]', { value: 'new@work.example', type: 'work' })],
    expect: { after: edit(ALICE, { emails: [{ value: 'new@work.example', type: 'work' }, HOME] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace with a filter on two conditions (and)',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('emails[type eq "work" and primary eq true].value', 'p@work.example')],
    expect: { after: edit(ALICE, { emails: [{ ...WORK, value: 'p@work.example' }, HOME] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace with a filter that matches no value is noTarget',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('emails[type eq "other"].value', 'x@example.com')],
    expect: fails('noTarget'),
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace with a filter on an unassigned attribute is noTarget',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('phoneNumbers[type eq "mobile"].value', '+47 1234')],
    expect: fails('noTarget'),
  },
  {
    title: 'RFC 7644 §3.5.2.3 option createMissingFilterTarget: replace creates {type, value}',
    resourceType: 'User',
    options: { createMissingFilterTarget: true },
    before: ALICE,
    operations: [replace('phoneNumbers[type eq "mobile"].value', '+47 1234')],
    expect: { after: edit(ALICE, { phoneNumbers: [{ type: 'mobile', value: '+47 1234' }] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.3 option createMissingFilterTarget: a non-eq filter still answers noTarget',
    resourceType: 'User',
    options: { createMissingFilterTarget: true },
    before: ALICE,
    operations: [replace('emails[type co "oth"].value', 'x@example.com')],
    expect: fails('noTarget'),
  },
  {
    title: 'RFC 7643 §2.4 replace emails[type eq "home"].primary true moves primary to that value',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('emails[type eq "home"].primary', true)],
    expect: {
      after: edit(ALICE, {
        emails: [
          { ...WORK, primary: false },
          { ...HOME, primary: true },
        ],
      }),
    },
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace addresses[type eq "work"].postalCode',
    resourceType: 'User',
    before: BOB,
    operations: [replace('addresses[type eq "work"].postalCode', '0151')],
    expect: { after: edit(BOB, { addresses: [{ type: 'work', locality: 'Oslo', postalCode: '0151' }] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace roles[primary eq true].value',
    resourceType: 'User',
    before: BOB,
    operations: [replace('roles[primary eq true].value', 'admin')],
    expect: { after: edit(BOB, { roles: [{ value: 'admin', primary: true }, { value: 'writer' }] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace active with a boolean',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('active', false)],
    expect: { after: edit(ALICE, { active: false }) },
  },
  {
    title: 'RFC 7644 §3.5.2.3 strict: replace active with "False" is invalidValue',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('active', 'False')],
    expect: fails('invalidValue'),
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace without path: each attribute given is replaced',
    resourceType: 'User',
    before: ALICE,
    operations: [replace(undefined, { displayName: 'Al', name: { givenName: 'Al' }, emails: [HOME] })],
    expect: {
      after: edit(ALICE, { displayName: 'Al', name: { givenName: 'Al', familyName: 'A' }, emails: [HOME] }),
    },
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace without path with an extension URN key',
    resourceType: 'User',
    before: BOB,
    operations: [replace(undefined, { [E]: { department: 'Sales' } })],
    expect: {
      after: edit(BOB, { [E]: { department: 'Sales', manager: { value: 'm1', displayName: 'Mary' } } }),
    },
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace without path changing the readOnly "id" is mutability',
    resourceType: 'User',
    before: ALICE,
    operations: [replace(undefined, { id: 'other', displayName: 'Al' })],
    expect: fails('mutability'),
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace of an extension attribute on a user without the extension',
    resourceType: 'User',
    before: ALICE,
    operations: [replace(`${E}:employeeNumber`, '43')],
    expect: { after: edit(ALICE, { schemas: [U, E], [E]: { employeeNumber: '43' } }) },
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace of the manager with an object',
    resourceType: 'User',
    before: BOB,
    operations: [replace(`${E}:manager`, { value: 'm2' })],
    expect: {
      after: edit(BOB, { [E]: { department: 'Ops', manager: { value: 'm2', displayName: 'Mary' } } }),
    },
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace manager.value with a sub-attribute path',
    resourceType: 'User',
    before: BOB,
    operations: [replace(`${E}:manager.value`, 'm3')],
    expect: {
      after: edit(BOB, { [E]: { department: 'Ops', manager: { value: 'm3', displayName: 'Mary' } } }),
    },
  },
  {
    title: 'RFC 7644 §3.5.2.3 strict: a bare string for the complex manager is invalidValue',
    resourceType: 'User',
    before: BOB,
    operations: [replace(`${E}:manager`, 'm2')],
    expect: fails('invalidValue'),
  },
  {
    title: 'RFC 7644 §3.5.2 replacing readOnly manager.displayName is mutability',
    resourceType: 'User',
    before: BOB,
    operations: [replace(`${E}:manager.displayName`, 'Someone')],
    expect: fails('mutability'),
  },
  {
    title: 'RFC 7644 §3.5.2 replace of readOnly meta.lastModified is mutability',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('meta.lastModified', '2030-01-01T00:00:00Z')],
    expect: fails('mutability'),
  },
  {
    title: 'RFC 7644 §3.5.2 replace of readOnly groups is mutability',
    resourceType: 'User',
    before: edit(ALICE, { groups: [{ value: 'g1', display: 'Sales', type: 'direct' }] }),
    operations: [replace('groups', [])],
    expect: fails('mutability'),
  },
  {
    title: 'RFC 7644 §3.5.2.3 a replace that writes the current value changes nothing (null update)',
    resourceType: 'User',
    before: ALICE,
    operations: [replace('displayName', 'Alice A'), replace('emails[type eq "work"].value', WORK.value)],
    expect: { after: ALICE },
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace members replaces the whole member list',
    resourceType: 'Group',
    before: SALES,
    operations: [replace('members', [{ value: 'u7', type: 'User' }])],
    expect: { after: edit(SALES, { members: [{ value: 'u7', type: 'User' }] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace members with null unassigns it',
    resourceType: 'Group',
    before: SALES,
    operations: [replace('members', null)],
    expect: { after: edit(SALES, { members: undefined }) },
  },
  {
    title: 'RFC 7644 §3.5.2 replace members[value eq "u1"] with another value changes an immutable value',
    resourceType: 'Group',
    before: SALES,
    operations: [replace('members[value eq "u1"]', { value: 'u9', type: 'User' })],
    expect: fails('mutability'),
  },
  {
    title: 'RFC 7644 §3.5.2 replace members[value eq "u1"].display targets a readOnly sub-attribute',
    resourceType: 'Group',
    before: SALES,
    operations: [replace('members[value eq "u1"].display', 'Alice')],
    expect: fails('mutability'),
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace without path on a Group: displayName and members together',
    resourceType: 'Group',
    before: SALES,
    operations: [replace(undefined, { displayName: 'Sales EU', members: [{ value: 'u1', type: 'User' }] })],
    expect: { after: edit(SALES, { displayName: 'Sales EU', members: [{ value: 'u1', type: 'User' }] }) },
  },
  {
    title: 'RFC 7644 §3.5.2.1 add without path on a Group: members appended, externalId set',
    resourceType: 'Group',
    before: SALES,
    operations: [add(undefined, { externalId: 'ext-1', members: [{ value: 'u5' }] })],
    expect: {
      after: edit(SALES, {
        externalId: 'ext-1',
        members: [...(SALES.members as unknown[]), { value: 'u5' }],
      }),
    },
  },
];

export const PATCH_CASES: readonly PatchCase[] = [
  ...MESSAGE_CASES,
  ...ADD_CASES,
  ...REMOVE_CASES,
  ...REPLACE_CASES,
];

/** `planGroupPatch` vectors: the operations and the membership deltas they become. */
export interface MemberPlanCase {
  readonly title: string;
  readonly operations: readonly unknown[];
  readonly deltas: readonly MembershipDelta[];
  /** How many operations are left for `applyPatch`. */
  readonly rest: number;
}

const valueEq = (value: string): FilterNode => ({
  kind: 'compare',
  path: { attribute: 'value' },
  op: 'eq',
  value,
});

export const MEMBER_PLAN_CASES: readonly MemberPlanCase[] = [
  {
    title: 'RFC 7644 §3.5.2.1 add members becomes one add delta',
    operations: [add('members', [{ value: 'u1', type: 'User' }, { value: 'u2' }])],
    deltas: [{ kind: 'add', members: [{ value: 'u1', type: 'User' }, { value: 'u2' }] }],
    rest: 0,
  },
  {
    title: 'RFC 7644 §3.5.2.1 path-less add: members become a delta, displayName stays an operation',
    operations: [add(undefined, { displayName: 'X', members: [{ value: 'u1' }] })],
    deltas: [{ kind: 'add', members: [{ value: 'u1' }] }],
    rest: 1,
  },
  {
    title: 'RFC 7644 §3.5.2.3 path-less replace with only members leaves no operation',
    operations: [replace(undefined, { members: [{ value: 'u1' }] })],
    deltas: [{ kind: 'replaceAll', members: [{ value: 'u1' }] }],
    rest: 0,
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace members becomes replaceAll',
    operations: [replace('members', [{ value: 'u3', type: 'Group' }])],
    deltas: [{ kind: 'replaceAll', members: [{ value: 'u3', type: 'Group' }] }],
    rest: 0,
  },
  {
    title: 'RFC 7644 §3.5.2.3 replace members with [] becomes removeAll',
    operations: [replace('members', [])],
    deltas: [{ kind: 'removeAll' }],
    rest: 0,
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove members becomes removeAll',
    operations: [remove('members')],
    deltas: [{ kind: 'removeAll' }],
    rest: 0,
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove members[value eq "u1"] becomes a value removal',
    operations: [remove('members[value eq "u1"]')],
    deltas: [{ kind: 'remove', values: ['u1'] }],
    rest: 0,
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove members[value eq "a" or value eq "b"] becomes a value removal',
    operations: [remove('members[value eq "a" or value eq "b"]')],
    deltas: [{ kind: 'remove', values: ['a', 'b'] }],
    rest: 0,
  },
  {
    title: 'RFC 7644 §3.5.2.2 a member filter in other terms becomes removeWhere with the bound filter',
    operations: [remove('members[TYPE eq "Group"]')],
    deltas: [
      {
        kind: 'removeWhere',
        filter: { kind: 'compare', path: { attribute: 'type' }, op: 'eq', value: 'Group' },
      },
    ],
    rest: 0,
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove members with a value list becomes a value removal',
    operations: [remove('members', [{ value: 'u1' }, { value: 'u2', display: 'ignored' }])],
    deltas: [{ kind: 'remove', values: ['u1', 'u2'] }],
    rest: 0,
  },
  {
    title: 'RFC 7644 §3.5.2.2 a value list entry with more than a value becomes removeWhere',
    operations: [remove('members', [{ value: 'u1', type: 'User' }])],
    deltas: [
      {
        kind: 'removeWhere',
        filter: {
          kind: 'and',
          left: valueEq('u1'),
          right: { kind: 'compare', path: { attribute: 'type' }, op: 'eq', value: 'User' },
        },
      },
    ],
    rest: 0,
  },
  {
    title: 'RFC 7644 §3.5.2 operations on other attributes stay operations, in order',
    operations: [replace('displayName', 'X'), add('members', [{ value: 'u1' }]), remove('externalId')],
    deltas: [{ kind: 'add', members: [{ value: 'u1' }] }],
    rest: 2,
  },
];
