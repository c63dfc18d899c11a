/**
 * Conformance vectors for POST/PUT body validation (RFC 7643 §2, §3, §7; RFC 7644 §3.3, §3.5.1).
 * A case gives a body and either the normalised resource or the error code (and part of its detail).
 */
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  SchemaRegistry,
  type ScimErrorCode,
  USER_SCHEMA,
} from '@provisio/scim-core';

export const HR = 'urn:example:params:scim:schemas:extension:hr:2.0:User';
export const SITE = 'urn:example:params:scim:schemas:extension:site:2.0:Group';
const ENT = ENTERPRISE_USER_SCHEMA;
const ADSCIM_GROUP = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

/** User with an optional extension covering every data type, immutability and required attributes. */
export const HR_REGISTRY = SchemaRegistry.standard().withExtension(
  {
    id: HR,
    attributes: [
      { name: 'level', type: 'integer' },
      { name: 'fte', type: 'decimal' },
      { name: 'hired', type: 'dateTime' },
      { name: 'badgeId', mutability: 'immutable' },
      { name: 'costCode', required: true },
      { name: 'clearance', canonicalValues: ['Secret', 'TopSecret'], caseExact: true },
      {
        name: 'locker',
        subAttributes: [
          { name: 'number', required: true },
          { name: 'code', mutability: 'immutable' },
        ],
      },
      { name: 'tags', multiValued: true },
      { name: 'computed', mutability: 'readOnly' },
    ],
  },
  { resourceType: 'User' },
);

/** Group with a required extension. */
export const SITE_REGISTRY = SchemaRegistry.standard().withExtension(
  { id: SITE, attributes: [{ name: 'site', required: true }] },
  { resourceType: 'Group', required: true },
);

export interface ValidateCase {
  readonly title: string;
  readonly resourceType?: 'User' | 'Group';
  readonly registry?: 'hr' | 'site';
  readonly mode?: 'create' | 'replace';
  readonly existing?: Readonly<Record<string, unknown>>;
  readonly unknownSchemas?: 'reject' | 'ignore';
  readonly booleanStrings?: boolean;
  readonly body: unknown;
  readonly expect?: Readonly<Record<string, unknown>>;
  /** The error code, and a fragment its detail must contain. */
  readonly error?: readonly [ScimErrorCode, string];
}

const user = (extra: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA],
  userName: 'bjensen',
  ...extra,
});
const userOut = (extra: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA],
  userName: 'bjensen',
  ...extra,
});
const hrUser = (hr: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA, HR],
  userName: 'bjensen',
  [HR]: { costCode: 'C1', ...hr },
  ...extra,
});
const hrOut = (hr: Record<string, unknown>) => ({
  schemas: [USER_SCHEMA, HR],
  userName: 'bjensen',
  [HR]: { costCode: 'C1', ...hr },
});
const group = (extra: Record<string, unknown> = {}) => ({
  schemas: [GROUP_SCHEMA],
  displayName: 'Sales',
  ...extra,
});

/** The create-user body Microsoft documents for Entra provisioning (entra-scim-behaviour A3). */
const ENTRA_CREATE_USER = {
  schemas: [USER_SCHEMA, ENT],
  externalId: 'alice',
  userName: 'alice@contoso.com',
  active: true,
  displayName: 'Alice A',
  emails: [{ primary: true, type: 'work', value: 'alice@contoso.com' }],
  name: { givenName: 'Alice', familyName: 'A', formatted: 'Alice A' },
  meta: { resourceType: 'User' },
  roles: [],
  [ENT]: { employeeNumber: '42', department: 'Ops' },
};

export const VALIDATE_CASES: readonly ValidateCase[] = [
  // The body and its schemas
  {
    title: 'RFC 7644 §3.3 a body that is a JSON array is 400 invalidSyntax',
    body: [user()],
    error: ['invalidSyntax', 'JSON object'],
  },
  {
    title: 'RFC 7644 §3.3 a null body is 400 invalidSyntax',
    body: null,
    error: ['invalidSyntax', 'JSON object'],
  },
  {
    title: 'RFC 7644 §3.3 a string body is 400 invalidSyntax',
    body: 'userName=bjensen',
    error: ['invalidSyntax', 'JSON object'],
  },
  {
    title: 'RFC 7643 §3 "schemas" is REQUIRED: a body without it is 400 invalidSyntax',
    body: { userName: 'bjensen' },
    error: ['invalidSyntax', '"schemas"'],
  },
  {
    title: 'RFC 7643 §3 an empty "schemas" array is 400 invalidSyntax',
    body: user({ schemas: [] }),
    error: ['invalidSyntax', 'non-empty array'],
  },
  {
    title: 'RFC 7643 §3 "schemas" must hold strings',
    body: user({ schemas: [USER_SCHEMA, 7] }),
    error: ['invalidSyntax', 'non-empty array'],
  },
  {
    title: 'RFC 7643 §3 "schemas" must contain the core schema of the resource type',
    body: user({ schemas: [ENT] }),
    error: ['invalidSyntax', `must include "${USER_SCHEMA}"`],
  },
  {
    title: 'RFC 7643 §3 an unknown schema URI is 400 invalidSyntax naming it',
    body: user({ schemas: [USER_SCHEMA, 'urn:example:unknown:2.0:User'] }),
    error: ['invalidSyntax', '"urn:example:unknown:2.0:User" is not a schema of User'],
  },
  {
    title: 'RFC 7643 §3 the Group schema URI in a User body is 400 invalidSyntax',
    body: user({ schemas: [USER_SCHEMA, GROUP_SCHEMA] }),
    error: ['invalidSyntax', GROUP_SCHEMA],
  },
  {
    title: 'RFC 7643 §3 "Duplicate values MUST NOT be included" in schemas',
    body: user({ schemas: [USER_SCHEMA, USER_SCHEMA.toLowerCase()] }),
    error: ['invalidSyntax', 'twice'],
  },
  {
    title: 'RFC 7643 §2.1 schema URIs compare case-insensitively and come out in canonical spelling',
    body: user({ schemas: [USER_SCHEMA.toUpperCase()] }),
    expect: userOut(),
  },
  {
    title: 'RFC 7643 §2.1 the "schemas" key itself is case-insensitive',
    body: { Schemas: [USER_SCHEMA], userName: 'bjensen' },
    expect: userOut(),
  },
  {
    title:
      'Entra A3 group create lists a bogus …/ADSCIM/2.0/Group URI: accepted and dropped with unknownSchemas=ignore',
    resourceType: 'Group',
    unknownSchemas: 'ignore',
    body: {
      schemas: [GROUP_SCHEMA, ADSCIM_GROUP],
      externalId: '8aa1a0c0',
      displayName: 'Sales',
      meta: { resourceType: 'Group' },
    },
    expect: { schemas: [GROUP_SCHEMA], externalId: '8aa1a0c0', displayName: 'Sales' },
  },
  {
    title: 'RFC 7643 §3 the same ADSCIM URI is rejected on the strict default path',
    resourceType: 'Group',
    body: group({ schemas: [GROUP_SCHEMA, ADSCIM_GROUP] }),
    error: ['invalidSyntax', ADSCIM_GROUP],
  },
  // Required attributes
  {
    title: 'RFC 7643 §4.1.1 userName is REQUIRED: missing is 400 invalidValue',
    body: { schemas: [USER_SCHEMA], displayName: 'Babs' },
    error: ['invalidValue', 'userName is required'],
  },
  {
    title: 'RFC 7643 §2.5 a null userName is unassigned, so still missing',
    body: user({ userName: null }),
    error: ['invalidValue', 'userName is required'],
  },
  {
    title: 'RFC 7643 §4.2 Group displayName is REQUIRED',
    resourceType: 'Group',
    body: { schemas: [GROUP_SCHEMA], members: [] },
    error: ['invalidValue', 'displayName is required'],
  },
  { title: 'RFC 7643 §4.1 a minimal User is schemas plus userName', body: user(), expect: userOut() },
  {
    title: 'RFC 7643 §4.2 a Group created empty, as Entra does',
    resourceType: 'Group',
    body: group(),
    expect: group(),
  },
  // Data types (RFC 7643 §2.3)
  {
    title: 'RFC 7643 §2.3.1 a number for a string attribute is 400 invalidValue naming the attribute',
    body: user({ userName: 42 }),
    error: ['invalidValue', 'userName: expected a string, got 42'],
  },
  {
    title: 'RFC 7643 §2.3.2 "yes" is not a boolean',
    body: user({ active: 'yes' }),
    error: ['invalidValue', 'active: expected a boolean'],
  },
  {
    title: 'RFC 7643 §2.3.2 the string "True" is not a boolean on the strict path',
    body: user({ active: 'True' }),
    error: ['invalidValue', 'active: expected a boolean, got "True"'],
  },
  {
    title: 'Entra A4 booleanStrings accepts "True" as true',
    booleanStrings: true,
    body: user({ active: 'True' }),
    expect: userOut({ active: true }),
  },
  {
    title: 'Entra A4 booleanStrings compares case-insensitively: "false" is false',
    booleanStrings: true,
    body: user({ active: 'false' }),
    expect: userOut({ active: false }),
  },
  {
    title: 'Entra A4 booleanStrings also applies to sub-attributes such as emails.primary',
    booleanStrings: true,
    body: user({ emails: [{ value: 'a@example.com', primary: 'True' }] }),
    expect: userOut({ emails: [{ value: 'a@example.com', primary: true }] }),
  },
  {
    title: 'RFC 7643 §2.3.8 a complex attribute given as a string is 400 invalidValue',
    body: user({ name: 'Barbara Jensen' }),
    error: ['invalidValue', 'name: expected an object'],
  },
  {
    title: 'RFC 7643 §2.4 a multi-valued attribute must be an array',
    body: user({ emails: { value: 'a@example.com' } }),
    error: ['invalidValue', 'emails: expected an array'],
  },
  {
    title: 'RFC 7643 §2.4 a single-valued attribute given an array is 400 invalidValue',
    body: user({ displayName: ['Babs'] }),
    error: ['invalidValue', 'displayName: expected a single value'],
  },
  {
    title: 'RFC 7643 §2.4 each value of a complex multi-valued attribute must be an object',
    body: user({ emails: ['a@example.com'] }),
    error: ['invalidValue', 'emails[0]: expected an object'],
  },
  {
    title: 'RFC 7643 §2.3.7 a reference with a space is 400 invalidValue',
    body: user({ profileUrl: 'https://example.com/bjensen profile' }),
    error: ['invalidValue', 'profileUrl: expected a URI reference'],
  },
  {
    title: 'RFC 7643 §2.3.7 a reference URL is kept as sent',
    body: user({ profileUrl: 'https://login.example.com/bjensen' }),
    expect: userOut({ profileUrl: 'https://login.example.com/bjensen' }),
  },
  {
    title: 'RFC 7643 §2.3.6 binary x509Certificates.value accepts padded base64',
    body: user({ x509Certificates: [{ value: 'MIIDQzCCAqygAwIBAgICEAAwDQ==' }] }),
    expect: userOut({ x509Certificates: [{ value: 'MIIDQzCCAqygAwIBAgICEAAwDQ==' }] }),
  },
  {
    title: 'RFC 7643 §2.3.6 binary that is not base64 is 400 invalidValue',
    body: user({ x509Certificates: [{ value: 'not base64!' }] }),
    error: ['invalidValue', 'x509Certificates[0].value: expected base64 binary'],
  },
  {
    title: 'RFC 7643 §2.3.4 an integer attribute takes 3',
    registry: 'hr',
    body: hrUser({ level: 3 }),
    expect: hrOut({ level: 3 }),
  },
  {
    title: 'RFC 7643 §2.3.4 an integer attribute refuses 2.5',
    registry: 'hr',
    body: hrUser({ level: 2.5 }),
    error: ['invalidValue', `${HR}:level: expected an integer, got 2.5`],
  },
  {
    title: 'RFC 7643 §2.3.4 an integer attribute refuses the string "3"',
    registry: 'hr',
    body: hrUser({ level: '3' }),
    error: ['invalidValue', `${HR}:level: expected an integer`],
  },
  {
    title: 'RFC 7643 §2.3.3 a decimal attribute takes 0.5',
    registry: 'hr',
    body: hrUser({ fte: 0.5 }),
    expect: hrOut({ fte: 0.5 }),
  },
  {
    title: 'RFC 7643 §2.3.3 a decimal attribute refuses "0.5"',
    registry: 'hr',
    body: hrUser({ fte: '0.5' }),
    error: ['invalidValue', `${HR}:fte: expected a decimal`],
  },
  {
    title: 'RFC 7643 §2.3.5 dateTime takes xsd:dateTime with fraction and offset, kept as sent',
    registry: 'hr',
    body: hrUser({ hired: '2008-01-23T04:56:22.123+01:00' }),
    expect: hrOut({ hired: '2008-01-23T04:56:22.123+01:00' }),
  },
  {
    title: 'RFC 7643 §2.3.5 dateTime refuses a date alone',
    registry: 'hr',
    body: hrUser({ hired: '2008-01-23' }),
    error: ['invalidValue', `${HR}:hired: expected an xsd:dateTime`],
  },
  {
    title: 'RFC 7643 §2.3.5 dateTime refuses February 30th',
    registry: 'hr',
    body: hrUser({ hired: '2008-02-30T00:00:00Z' }),
    error: ['invalidValue', `${HR}:hired: expected an xsd:dateTime`],
  },
  {
    title: 'RFC 7643 §2.4 a multi-valued string attribute checks each value and names its index',
    registry: 'hr',
    body: hrUser({ tags: ['a', 1] }),
    error: ['invalidValue', `${HR}:tags[1]: expected a string, got 1`],
  },
  // canonicalValues (RFC 7643 §7)
  {
    title: 'RFC 7643 §7 canonicalValues: emails[1].type "Work2" is refused with the allowed values',
    body: user({
      emails: [
        { value: 'a@example.com', type: 'work' },
        { value: 'b@example.com', type: 'Work2' },
      ],
    }),
    error: ['invalidValue', 'emails[1].type: "Work2" is not one of work, home, other'],
  },
  {
    title:
      'RFC 7643 §2.2 canonicalValues compare case-insensitively for caseExact false: "WORK" is kept as sent',
    body: user({ emails: [{ value: 'a@example.com', type: 'WORK' }] }),
    expect: userOut({ emails: [{ value: 'a@example.com', type: 'WORK' }] }),
  },
  {
    title: 'RFC 7643 §2.2 canonicalValues of a caseExact attribute compare exactly: "secret" is refused',
    registry: 'hr',
    body: hrUser({ clearance: 'secret' }),
    error: ['invalidValue', 'is not one of Secret, TopSecret'],
  },
  {
    title: 'RFC 7643 §2.2 a caseExact canonical value in its own spelling is accepted',
    registry: 'hr',
    body: hrUser({ clearance: 'TopSecret' }),
    expect: hrOut({ clearance: 'TopSecret' }),
  },
  {
    title: 'RFC 7643 §4.1.2 addresses.type "office" is not a canonical value',
    body: user({ addresses: [{ locality: 'Hollywood', type: 'office' }] }),
    error: ['invalidValue', 'addresses[0].type: "office" is not one of work, home, other'],
  },
  {
    title: 'RFC 7643 §4.2 members.type "Device" is not one of User, Group',
    resourceType: 'Group',
    body: group({ members: [{ value: 'u1', type: 'Device' }] }),
    error: ['invalidValue', 'members[0].type: "Device" is not one of User, Group'],
  },
  // primary (RFC 7643 §2.4)
  {
    title: 'RFC 7643 §2.4 "primary" true MUST appear no more than once',
    body: user({
      emails: [
        { value: 'a@example.com', primary: true },
        { value: 'b@example.com', primary: true },
      ],
    }),
    error: ['invalidValue', 'emails: 2 values have "primary": true'],
  },
  {
    title: 'RFC 7643 §2.4 one primary value among others is fine',
    body: user({
      emails: [
        { value: 'a@example.com', primary: true },
        { value: 'b@example.com', primary: false },
      ],
    }),
    expect: userOut({
      emails: [
        { value: 'a@example.com', primary: true },
        { value: 'b@example.com', primary: false },
      ],
    }),
  },
  {
    title: 'RFC 7643 §2.4 the primary rule is per attribute: a primary email and a primary phone',
    body: user({
      emails: [{ value: 'a@example.com', primary: true }],
      phoneNumbers: [{ value: '1', primary: true }],
    }),
    expect: userOut({
      emails: [{ value: 'a@example.com', primary: true }],
      phoneNumbers: [{ value: '1', primary: true }],
    }),
  },
  // readOnly input is ignored (RFC 7644 §3.3)
  {
    title: 'RFC 7644 §3.3 a client-sent id is readOnly and ignored',
    body: user({ id: 'client-chosen' }),
    expect: userOut(),
  },
  {
    title: 'RFC 7643 §3.1 meta "SHALL be ignored when provided by clients" (Entra sends it)',
    body: user({ meta: { resourceType: 'User' } }),
    expect: userOut(),
  },
  {
    title: 'RFC 7644 §3.3 readOnly groups in a User body are ignored',
    body: user({ groups: [{ value: 'g1' }] }),
    expect: userOut(),
  },
  {
    title: 'RFC 7644 §3.3 a readOnly value is ignored without type checks (id: 5)',
    body: user({ id: 5, meta: 'x' }),
    expect: userOut(),
  },
  {
    title: 'RFC 7644 §3.3 readOnly sub-attribute manager.displayName is dropped, manager.value kept',
    body: {
      ...user({ schemas: [USER_SCHEMA, ENT] }),
      [ENT]: { manager: { value: 'm1', displayName: 'Boss' } },
    },
    expect: { schemas: [USER_SCHEMA, ENT], userName: 'bjensen', [ENT]: { manager: { value: 'm1' } } },
  },
  {
    title: 'RFC 7644 §3.3 readOnly members.display is dropped from each member',
    resourceType: 'Group',
    body: group({ members: [{ value: 'u1', display: 'Babs', type: 'User' }] }),
    expect: group({ members: [{ value: 'u1', type: 'User' }] }),
  },
  // Unassigned (RFC 7643 §2.5)
  {
    title: 'RFC 7643 §2.5 null is unassigned: displayName null is omitted',
    body: user({ displayName: null }),
    expect: userOut(),
  },
  {
    title: 'RFC 7643 §2.5 [] is unassigned: Entra\'s "roles": [] is omitted',
    body: user({ roles: [] }),
    expect: userOut(),
  },
  {
    title: 'RFC 7643 §2.5 an empty complex value and null array members are unassigned',
    body: user({ name: {}, emails: [null, {}] }),
    expect: userOut(),
  },
  {
    title: 'RFC 7643 §3 an empty extension object is omitted and its URI leaves schemas',
    body: { ...user({ schemas: [USER_SCHEMA, ENT] }), [ENT]: {} },
    expect: userOut(),
  },
  // Unknown attributes: RFC 7644 §3.3 lets the server ignore POSTed content, so they are dropped
  {
    title: 'RFC 7644 §3.3 unknown attributes are ignored, not an error: favouriteColour is dropped',
    body: user({ favouriteColour: 'teal' }),
    expect: userOut(),
  },
  {
    title: 'RFC 7644 §3.3 an unknown sub-attribute (name.nickname) is ignored',
    body: user({ name: { givenName: 'Barbara', nickname: 'Babs' } }),
    expect: userOut({ name: { givenName: 'Barbara' } }),
  },
  {
    title: 'RFC 7643 §2.1 "name.givenName" is not an attribute name in a body, so it is ignored',
    body: user({ 'name.givenName': 'Barbara' }),
    expect: userOut(),
  },
  {
    title: "RFC 7643 §3 an unqualified extension attribute at the top level is not the extension's: ignored",
    body: user({ department: 'Ops' }),
    expect: userOut(),
  },
  // Names
  {
    title: 'RFC 7643 §2.1 attribute names are case-insensitive and come out canonical',
    body: { schemas: [USER_SCHEMA], USERNAME: 'bjensen', Emails: [{ VALUE: 'a@example.com', Type: 'work' }] },
    expect: userOut({ emails: [{ value: 'a@example.com', type: 'work' }] }),
  },
  {
    title: 'RFC 7643 §2.1 the same name twice in different case is 400 invalidSyntax',
    body: user({ UserName: 'other' }),
    error: ['invalidSyntax', 'appears twice'],
  },
  {
    title: 'RFC 7643 §2.1 a sub-attribute named twice in different case is 400 invalidSyntax',
    body: user({ name: { givenName: 'a', GivenName: 'b' } }),
    error: ['invalidSyntax', 'name: "GivenName" appears twice'],
  },
  {
    title: 'RFC 7643 §3.3 the extension key is matched case-insensitively and written canonically',
    body: { schemas: [USER_SCHEMA, ENT], userName: 'bjensen', [ENT.toLowerCase()]: { department: 'Ops' } },
    expect: { schemas: [USER_SCHEMA, ENT], userName: 'bjensen', [ENT]: { department: 'Ops' } },
  },
  // Extensions
  {
    title: 'Entra A3 the documented create-user body normalises: meta and empty roles dropped',
    body: ENTRA_CREATE_USER,
    expect: {
      schemas: [USER_SCHEMA, ENT],
      externalId: 'alice',
      userName: 'alice@contoso.com',
      active: true,
      displayName: 'Alice A',
      emails: [{ primary: true, type: 'work', value: 'alice@contoso.com' }],
      name: { givenName: 'Alice', familyName: 'A', formatted: 'Alice A' },
      [ENT]: { employeeNumber: '42', department: 'Ops' },
    },
  },
  {
    title: 'RFC 7643 §3 extension attributes whose URI "schemas" does not list are 400 invalidSyntax',
    body: user({ [ENT]: { department: 'Ops' } }),
    error: ['invalidSyntax', `"${ENT}" attributes are present but "schemas" does not list it`],
  },
  {
    title: 'RFC 7643 §3.3 an extension value that is not an object is 400 invalidValue',
    body: { ...user({ schemas: [USER_SCHEMA, ENT] }), [ENT]: 'Ops' },
    error: ['invalidValue', `"${ENT}": expected an object`],
  },
  {
    title: 'RFC 7644 §3.10 errors inside an extension name the URN-qualified path',
    body: { ...user({ schemas: [USER_SCHEMA, ENT] }), [ENT]: { manager: { value: 7 } } },
    error: ['invalidValue', `${ENT}:manager.value: expected a string, got 7`],
  },
  {
    title: 'RFC 7643 §3 an unknown URN key is 400 invalidSyntax on the strict path',
    body: user({ 'urn:example:params:scim:schemas:extension:acme:2.0:User': { x: 1 } }),
    error: ['invalidSyntax', 'urn:example:params:scim:schemas:extension:acme:2.0:User'],
  },
  {
    title: 'RFC 7643 §3 an unknown URN key is dropped with unknownSchemas=ignore',
    unknownSchemas: 'ignore',
    body: user({ 'urn:example:params:scim:schemas:extension:acme:2.0:User': { x: 1 } }),
    expect: userOut(),
  },
  {
    title: 'RFC 7643 §3 core attributes nested under the core schema URN are 400 invalidSyntax',
    body: { schemas: [USER_SCHEMA], [USER_SCHEMA]: { userName: 'bjensen' } },
    error: ['invalidSyntax', 'core attributes belong at the top level'],
  },
  {
    title: 'RFC 7643 §6 a required schema extension that is missing is 400 invalidValue',
    resourceType: 'Group',
    registry: 'site',
    body: group(),
    error: ['invalidValue', `"${SITE}" is a required extension of Group`],
  },
  {
    title: 'RFC 7643 §6 a required schema extension that is present passes',
    resourceType: 'Group',
    registry: 'site',
    body: group({ schemas: [GROUP_SCHEMA, SITE], [SITE]: { site: 'Berlin' } }),
    expect: group({ schemas: [GROUP_SCHEMA, SITE], [SITE]: { site: 'Berlin' } }),
  },
  {
    title: 'RFC 7643 §2.2 a required attribute of an extension is checked when the extension is present',
    registry: 'hr',
    body: { schemas: [USER_SCHEMA, HR], userName: 'bjensen', [HR]: { level: 1 } },
    error: ['invalidValue', `${HR}:costCode is required`],
  },
  {
    title: 'RFC 7643 §2.2 a required sub-attribute is checked when its complex value is present',
    registry: 'hr',
    body: hrUser({ locker: { code: '1234' } }),
    error: ['invalidValue', `${HR}:locker.number is required`],
  },
  {
    title: 'RFC 7644 §3.3 a readOnly extension attribute is ignored',
    registry: 'hr',
    body: hrUser({ computed: 'client value' }),
    expect: hrOut({}),
  },
  // immutable (RFC 7644 §3.5.1)
  {
    title: 'RFC 7644 §3.5.1 PUT with an immutable attribute unchanged is accepted',
    registry: 'hr',
    mode: 'replace',
    existing: hrOut({ badgeId: 'B1' }),
    body: hrUser({ badgeId: 'B1' }),
    expect: hrOut({ badgeId: 'B1' }),
  },
  {
    title: 'RFC 7644 §3.5.1 PUT changing a set immutable attribute is 400 mutability',
    registry: 'hr',
    mode: 'replace',
    existing: hrOut({ badgeId: 'B1' }),
    body: hrUser({ badgeId: 'B2' }),
    error: ['mutability', `${HR}:badgeId is immutable`],
  },
  {
    title: 'RFC 7644 §3.5.1 PUT leaving out a set immutable attribute keeps the stored value',
    registry: 'hr',
    mode: 'replace',
    existing: hrOut({ badgeId: 'B1' }),
    body: hrUser({}),
    expect: hrOut({ badgeId: 'B1' }),
  },
  {
    title:
      'RFC 7644 §3.5.1 "If the service provider has no existing values, the new value(s) SHALL be applied"',
    registry: 'hr',
    mode: 'replace',
    existing: hrOut({}),
    body: hrUser({ badgeId: 'B2' }),
    expect: hrOut({ badgeId: 'B2' }),
  },
  {
    title: 'RFC 7644 §3.5.1 an immutable attribute stored as null counts as unset',
    registry: 'hr',
    mode: 'replace',
    existing: hrOut({ badgeId: null }),
    body: hrUser({ badgeId: 'B2' }),
    expect: hrOut({ badgeId: 'B2' }),
  },
  {
    title: 'RFC 7644 §3.5.1 POST sets an immutable attribute freely (existing is not consulted)',
    registry: 'hr',
    existing: hrOut({ badgeId: 'B1' }),
    body: hrUser({ badgeId: 'B2' }),
    expect: hrOut({ badgeId: 'B2' }),
  },
  {
    title: 'RFC 7644 §3.5.1 an immutable sub-attribute of a single complex value cannot change on PUT',
    registry: 'hr',
    mode: 'replace',
    existing: hrOut({ locker: { number: '12', code: '1234' } }),
    body: hrUser({ locker: { number: '13', code: '9999' } }),
    error: ['mutability', `${HR}:locker.code is immutable`],
  },
  {
    title: 'RFC 7643 §2.2 immutable values compare case-insensitively when caseExact is false',
    registry: 'hr',
    mode: 'replace',
    existing: hrOut({ badgeId: 'abc' }),
    body: hrUser({ badgeId: 'ABC' }),
    expect: hrOut({ badgeId: 'ABC' }),
  },
  {
    title: 'RFC 7644 §3.5.1 PUT may change Group members although their value sub-attribute is immutable',
    resourceType: 'Group',
    mode: 'replace',
    existing: group({ members: [{ value: 'u1', type: 'User' }] }),
    body: group({ members: [{ value: 'u2', type: 'User' }] }),
    expect: group({ members: [{ value: 'u2', type: 'User' }] }),
  },
  {
    title: 'RFC 7644 §3.5.1 PUT still requires userName',
    mode: 'replace',
    existing: userOut(),
    body: { schemas: [USER_SCHEMA], displayName: 'Babs' },
    error: ['invalidValue', 'userName is required'],
  },
];
