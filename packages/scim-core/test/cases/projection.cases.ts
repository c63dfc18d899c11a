/**
 * Conformance vectors for `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9) and the
 * `returned` characteristic (RFC 7643 §7). Each case compiles a projection from the two parameters as they
 * arrive in a URL, then checks `apply` on a resource, `includes` on paths, or the error.
 */
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  SchemaRegistry,
  type ScimErrorCode,
  USER_SCHEMA,
} from '@provisio/scim-core';

export const TEST_EXTENSION = 'urn:example:params:scim:schemas:extension:test:2.0:User';

/** User with an extension exercising every `returned` value, at attribute and sub-attribute level. */
export const TEST_REGISTRY = SchemaRegistry.standard().withExtension(
  {
    id: TEST_EXTENSION,
    attributes: [
      { name: 'badge', returned: 'request' },
      { name: 'tenant', returned: 'always' },
      { name: 'secret', returned: 'never' },
      {
        name: 'device',
        subAttributes: [
          { name: 'serial', returned: 'always' },
          { name: 'model' },
          { name: 'pin', returned: 'never' },
          { name: 'notes', returned: 'request' },
        ],
      },
      { name: 'audit', returned: 'request', subAttributes: [{ name: 'by' }, { name: 'reason' }] },
    ],
  },
  { resourceType: 'User' },
);

const ENT = ENTERPRISE_USER_SCHEMA;

export const USER = {
  schemas: [USER_SCHEMA, ENT],
  id: '2819c223',
  externalId: 'bjensen',
  userName: 'bjensen@example.com',
  name: { formatted: 'Ms. Barbara J Jensen III', familyName: 'Jensen', givenName: 'Barbara' },
  displayName: 'Babs Jensen',
  active: true,
  password: 't1meMa$heen',
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  groups: [{ value: 'e9e30dba', display: 'Tour Guides', type: 'direct' }],
  [ENT]: {
    employeeNumber: '701984',
    department: 'Tour Operations',
    manager: { value: '26118915', displayName: 'John Smith' },
  },
  meta: {
    resourceType: 'User',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T04:42:34Z',
    location: 'https://example.com/v2/Users/2819c223',
    version: 'W/"a330bc54f0671c9"',
  },
} as const;

const { password: _password, ...USER_WITHOUT_PASSWORD } = USER;
const { meta: _meta, ...USER_WITHOUT_META } = USER_WITHOUT_PASSWORD;

export const GROUP = {
  schemas: [GROUP_SCHEMA],
  id: 'e9e30dba',
  displayName: 'Tour Guides',
  members: [
    { value: '2819c223', display: 'Babs Jensen', type: 'User' },
    { value: '902c246b', display: 'Mandy Pepperidge', type: 'User' },
  ],
  meta: { resourceType: 'Group', location: 'https://example.com/v2/Groups/e9e30dba' },
} as const;

const TEST_USER = {
  schemas: [USER_SCHEMA, TEST_EXTENSION],
  id: 'u1',
  userName: 'tess',
  [TEST_EXTENSION]: {
    badge: 'B-7',
    tenant: 'acme',
    secret: 'hunter2',
    device: { serial: 'SN1', model: 'X1', pin: '0000', notes: 'cracked screen' },
    audit: { by: 'admin', reason: 'onboarding' },
  },
};

export interface ProjectionCase {
  readonly title: string;
  readonly resourceType?: 'User' | 'Group';
  readonly registry?: 'test';
  /** As in the URL: comma-separated. */
  readonly attributes?: string;
  readonly excludedAttributes?: string;
  /** Defaults to the full User or Group (or the test-extension user with `registry: 'test'`). */
  readonly resource?: Readonly<Record<string, unknown>>;
  readonly expect?: Readonly<Record<string, unknown>>;
  /** [path, expected `includes(path)`]. */
  readonly includes?: ReadonlyArray<readonly [string, boolean]>;
  readonly error?: ScimErrorCode;
}

export function defaultResource(c: ProjectionCase): Readonly<Record<string, unknown>> {
  if (c.resource) return c.resource;
  if (c.registry === 'test') return TEST_USER;
  return c.resourceType === 'Group' ? GROUP : USER;
}

export const PROJECTION_CASES: readonly ProjectionCase[] = [
  // Defaults and the returned characteristic
  {
    title:
      'RFC 7643 §7 without parameters every "default" attribute is returned and "never" (password) is not',
    expect: USER_WITHOUT_PASSWORD,
  },
  {
    title: 'RFC 7644 §3.9 attributes=userName returns schemas, id and userName only (the RFC example)',
    attributes: 'userName',
    expect: { schemas: [USER_SCHEMA], id: '2819c223', userName: 'bjensen@example.com' },
  },
  {
    title: 'RFC 7643 §3.1 meta is returned "default", so attributes=meta returns it beside id',
    attributes: 'meta',
    expect: { schemas: [USER_SCHEMA], id: '2819c223', meta: USER.meta },
  },
  {
    title: 'RFC 7644 §3.4.2.5 excludedAttributes=meta removes meta',
    excludedAttributes: 'meta',
    expect: USER_WITHOUT_META,
  },
  {
    title: 'RFC 7644 §3.4.2.5 excludedAttributes has no effect on id, which is returned "always"',
    excludedAttributes: 'id',
    expect: USER_WITHOUT_PASSWORD,
  },
  {
    title: 'RFC 7644 §3.4.2.5 attributes=id returns the minimum set: schemas and id',
    attributes: 'id',
    expect: { schemas: [USER_SCHEMA], id: '2819c223' },
  },
  {
    title: 'RFC 7643 §7 password is returned "never", even when attributes names it',
    attributes: 'password',
    expect: { schemas: [USER_SCHEMA], id: '2819c223' },
  },
  {
    title: 'RFC 7643 §7 excludedAttributes=password changes nothing: it is never returned anyway',
    excludedAttributes: 'password',
    expect: USER_WITHOUT_PASSWORD,
  },
  {
    title: 'RFC 7643 §4.1.2 groups is readOnly but returned "default", so attributes=groups returns it',
    attributes: 'groups',
    expect: { schemas: [USER_SCHEMA], id: '2819c223', groups: USER.groups },
  },
  // Sub-attributes
  {
    title: 'RFC 7644 §3.10 attributes=name.givenName returns the one sub-attribute inside name',
    attributes: 'name.givenName',
    expect: { schemas: [USER_SCHEMA], id: '2819c223', name: { givenName: 'Barbara' } },
  },
  {
    title: 'RFC 7644 §3.10 attributes=name returns every sub-attribute of name',
    attributes: 'name',
    expect: { schemas: [USER_SCHEMA], id: '2819c223', name: USER.name },
  },
  {
    title: 'RFC 7644 §3.10 attributes=emails.value keeps each email with only its value',
    attributes: 'emails.value',
    expect: {
      schemas: [USER_SCHEMA],
      id: '2819c223',
      emails: [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }],
    },
  },
  {
    title: 'RFC 7643 §2.5 attributes=emails.type drops an email that has no type left to show',
    attributes: 'emails.type',
    resource: { id: 'x', emails: [{ value: 'a@example.com', type: 'work' }, { value: 'b@example.com' }] },
    expect: { schemas: [USER_SCHEMA], id: 'x', emails: [{ type: 'work' }] },
  },
  {
    title: 'RFC 7644 §3.4.2.5 excludedAttributes=emails.type removes type from every email',
    excludedAttributes: 'emails.type',
    resource: { id: 'x', emails: USER.emails },
    expect: {
      schemas: [USER_SCHEMA],
      id: 'x',
      emails: [{ value: 'bjensen@example.com', primary: true }, { value: 'babs@jensen.org' }],
    },
  },
  {
    title: 'RFC 7644 §3.4.2.5 excludedAttributes=name.givenName keeps the rest of name',
    excludedAttributes: 'name.givenName',
    resource: { id: 'x', name: USER.name },
    expect: {
      schemas: [USER_SCHEMA],
      id: 'x',
      name: { formatted: USER.name.formatted, familyName: 'Jensen' },
    },
  },
  {
    title: 'RFC 7643 §2.5 excluding every sub-attribute of name drops name rather than returning {}',
    excludedAttributes: 'name.formatted,name.familyName,name.givenName',
    resource: { id: 'x', name: USER.name, userName: 'b' },
    expect: { schemas: [USER_SCHEMA], id: 'x', userName: 'b' },
  },
  // Names: case, URNs, whitespace
  {
    title: 'RFC 7643 §2.1 attribute names are case-insensitive: attributes=USERNAME returns userName',
    attributes: 'USERNAME',
    expect: { schemas: [USER_SCHEMA], id: '2819c223', userName: 'bjensen@example.com' },
  },
  {
    title: 'RFC 7644 §3.10 a core attribute may be URN-qualified: urn:…:core:2.0:User:userName',
    attributes: `${USER_SCHEMA}:userName`,
    expect: { schemas: [USER_SCHEMA], id: '2819c223', userName: 'bjensen@example.com' },
  },
  {
    title: 'RFC 7644 §3.10 the URN prefix is case-insensitive too',
    attributes: `${USER_SCHEMA.toUpperCase()}:NAME.GIVENNAME`,
    expect: { schemas: [USER_SCHEMA], id: '2819c223', name: { givenName: 'Barbara' } },
  },
  {
    title: 'RFC 7644 §3.4.2.5 entries are comma-separated and blanks around them are trimmed',
    attributes: ' userName , displayName ',
    expect: { schemas: [USER_SCHEMA], id: '2819c223', userName: USER.userName, displayName: 'Babs Jensen' },
  },
  {
    title: 'RFC 7644 §3.4.2.5 naming an attribute twice returns it once',
    attributes: 'userName,username',
    expect: { schemas: [USER_SCHEMA], id: '2819c223', userName: USER.userName },
  },
  // Extensions
  {
    title:
      'RFC 7644 §3.10 attributes=urn:…:enterprise:2.0:User:department returns it under the extension URN',
    attributes: `${ENT}:department`,
    expect: { schemas: [USER_SCHEMA, ENT], id: '2819c223', [ENT]: { department: 'Tour Operations' } },
  },
  {
    title: 'RFC 7644 §3.10 naming the whole extension URN returns all of its attributes',
    attributes: ENT,
    expect: { schemas: [USER_SCHEMA, ENT], id: '2819c223', [ENT]: USER[ENT] },
  },
  {
    title: 'RFC 7644 §3.4.2.5 excluding the whole extension URN removes it and its URI from schemas',
    excludedAttributes: ENT,
    resource: { schemas: [USER_SCHEMA, ENT], id: 'x', userName: 'b', [ENT]: USER[ENT] },
    expect: { schemas: [USER_SCHEMA], id: 'x', userName: 'b' },
  },
  {
    title: 'RFC 7644 §3.4.2.5 excluding one extension attribute keeps the others',
    excludedAttributes: `${ENT}:department`,
    resource: { id: 'x', [ENT]: USER[ENT] },
    expect: {
      schemas: [USER_SCHEMA, ENT],
      id: 'x',
      [ENT]: { employeeNumber: '701984', manager: USER[ENT].manager },
    },
  },
  {
    title: 'RFC 7643 §3 an extension left empty by excludedAttributes is omitted and leaves schemas',
    excludedAttributes: `${ENT}:employeeNumber,${ENT}:department,${ENT}:manager`,
    resource: { schemas: [USER_SCHEMA, ENT], id: 'x', [ENT]: USER[ENT] },
    expect: { schemas: [USER_SCHEMA], id: 'x' },
  },
  {
    title: 'RFC 7644 §3.10 attributes=urn:…:enterprise:2.0:User:manager.value returns the sub-attribute',
    attributes: `${ENT}:manager.value`,
    expect: { schemas: [USER_SCHEMA, ENT], id: '2819c223', [ENT]: { manager: { value: '26118915' } } },
  },
  {
    title: 'RFC 7644 §3.10 an unqualified extension attribute (department) is found when unambiguous',
    attributes: 'department',
    expect: { schemas: [USER_SCHEMA, ENT], id: '2819c223', [ENT]: { department: 'Tour Operations' } },
  },
  {
    title: 'RFC 7643 §3 schemas lists only extensions present: a URI without data is dropped',
    resource: { schemas: [USER_SCHEMA, ENT], id: 'x', userName: 'b' },
    expect: { schemas: [USER_SCHEMA], id: 'x', userName: 'b' },
  },
  {
    title: 'RFC 7643 §3 schemas is computed even when the stored resource has none',
    resource: { id: 'x', userName: 'b', [ENT]: { department: 'D' } },
    expect: { schemas: [USER_SCHEMA, ENT], id: 'x', userName: 'b', [ENT]: { department: 'D' } },
  },
  // Unknown names: RFC 7644 defines no error, so they select nothing
  {
    title: 'RFC 7644 §3.9 attributes naming an unknown attribute is not an error; only schemas and id remain',
    attributes: 'favouriteColour',
    expect: { schemas: [USER_SCHEMA], id: '2819c223' },
  },
  {
    title: 'RFC 7644 §3.9 excludedAttributes naming an unknown attribute changes nothing',
    excludedAttributes: 'favouriteColour',
    expect: USER_WITHOUT_PASSWORD,
  },
  {
    title: 'RFC 7644 §3.9 unknown names among known ones are ignored',
    attributes: 'userName,favouriteColour,name.nickname',
    expect: { schemas: [USER_SCHEMA], id: '2819c223', userName: USER.userName },
  },
  {
    title: 'RFC 7644 §3.9 an extension URN the resource type lacks selects nothing',
    attributes: 'urn:example:params:scim:schemas:extension:other:2.0:User:x',
    expect: { schemas: [USER_SCHEMA], id: '2819c223' },
  },
  // The stored resource's shape
  {
    title: 'RFC 7643 §2.1 stored keys in any case come out with the schema spelling',
    resource: { ID: 'x', UserName: 'b', EMAILS: [{ VALUE: 'a@example.com', Type: 'work' }] },
    expect: {
      schemas: [USER_SCHEMA],
      id: 'x',
      userName: 'b',
      emails: [{ value: 'a@example.com', type: 'work' }],
    },
  },
  {
    title: 'RFC 7643 §3 keys that are no attribute of the resource type are not returned',
    resource: { id: 'x', userName: 'b', internalScore: 7 },
    expect: { schemas: [USER_SCHEMA], id: 'x', userName: 'b' },
  },
  {
    title: 'RFC 7643 §2.5 null and [] are unassigned and are not returned',
    resource: { id: 'x', userName: 'b', displayName: null, emails: [], roles: [] },
    expect: { schemas: [USER_SCHEMA], id: 'x', userName: 'b' },
  },
  // Groups, as Entra reads them (entra-scim-behaviour A3)
  {
    title: 'RFC 7644 §3.4.2.5 Group excludedAttributes=members returns the group without members',
    resourceType: 'Group',
    excludedAttributes: 'members',
    expect: { schemas: [GROUP_SCHEMA], id: 'e9e30dba', displayName: 'Tour Guides', meta: GROUP.meta },
  },
  {
    title: 'RFC 7643 §4.2 Group without parameters returns members with their display',
    resourceType: 'Group',
    expect: GROUP,
  },
  {
    title: 'RFC 7644 §3.10 Group attributes=members.value returns member ids only',
    resourceType: 'Group',
    attributes: 'members.value',
    expect: {
      schemas: [GROUP_SCHEMA],
      id: 'e9e30dba',
      members: [{ value: '2819c223' }, { value: '902c246b' }],
    },
  },
  {
    title:
      'RFC 7644 §3.4.2.5 includes(members) is false for excludedAttributes=members, so the store skips them',
    resourceType: 'Group',
    excludedAttributes: 'members',
    includes: [
      ['members', false],
      ['members.value', false],
      ['displayName', true],
      ['id', true],
    ],
  },
  {
    title: 'RFC 7644 §3.4.2.5 includes(members) is true without parameters',
    resourceType: 'Group',
    includes: [
      ['members', true],
      ['MEMBERS.display', true],
    ],
  },
  {
    title: 'RFC 7644 §3.4.2.5 includes(members) is false when attributes does not name it',
    resourceType: 'Group',
    attributes: 'displayName',
    includes: [
      ['members', false],
      ['displayName', true],
      ['meta', false],
    ],
  },
  {
    title: 'RFC 7644 §3.10 includes answers per sub-attribute for attributes=members.value',
    resourceType: 'Group',
    attributes: 'members.value',
    includes: [
      ['members', true],
      ['members.value', true],
      ['members.display', false],
    ],
  },
  {
    title: 'RFC 7643 §7 includes(password) is false and includes(id), includes(schemas) are true',
    attributes: 'userName',
    includes: [
      ['password', false],
      ['id', true],
      ['schemas', true],
      ['userName', true],
      ['displayName', false],
    ],
  },
  {
    title: 'RFC 7644 §3.10 includes on a whole extension URN follows its attributes',
    excludedAttributes: `${ENT}:department`,
    includes: [
      [ENT, true],
      [`${ENT}:department`, false],
      [`${ENT}:manager.value`, true],
    ],
  },
  {
    title: 'RFC 7644 §3.4.2.5 includes on an excluded extension URN is false',
    excludedAttributes: ENT,
    includes: [
      [ENT, false],
      ['department', false],
    ],
  },
  {
    title: 'RFC 7644 §3.4.2.5 excluding meta.created leaves the rest of meta',
    excludedAttributes: 'meta.created',
    includes: [
      ['meta', true],
      ['meta.created', false],
      ['meta.lastModified', true],
    ],
  },
  {
    title: 'RFC 7644 §3.9 includes is false for a name the resource type does not have',
    includes: [
      ['favouriteColour', false],
      ['name.nickname', false],
    ],
  },
  // Every returned value, from the test extension
  {
    title: 'RFC 7643 §7 without parameters "request" and "never" attributes are left out, "always" kept',
    registry: 'test',
    expect: {
      schemas: [USER_SCHEMA, TEST_EXTENSION],
      id: 'u1',
      userName: 'tess',
      [TEST_EXTENSION]: { tenant: 'acme', device: { serial: 'SN1', model: 'X1' } },
    },
  },
  {
    title: 'RFC 7643 §7 a "request" attribute is returned when attributes names it',
    registry: 'test',
    attributes: `${TEST_EXTENSION}:badge`,
    expect: {
      schemas: [USER_SCHEMA, TEST_EXTENSION],
      id: 'u1',
      [TEST_EXTENSION]: { badge: 'B-7', tenant: 'acme', device: { serial: 'SN1' } },
    },
  },
  {
    title: 'RFC 7643 §7 an "always" attribute survives excludedAttributes',
    registry: 'test',
    excludedAttributes: `${TEST_EXTENSION}:tenant,${TEST_EXTENSION}:device`,
    expect: {
      schemas: [USER_SCHEMA, TEST_EXTENSION],
      id: 'u1',
      userName: 'tess',
      [TEST_EXTENSION]: { tenant: 'acme', device: { serial: 'SN1' } },
    },
  },
  {
    title: 'RFC 7643 §7 a "never" attribute stays hidden when attributes names it',
    registry: 'test',
    attributes: `${TEST_EXTENSION}:secret,${TEST_EXTENSION}:device.pin`,
    includes: [
      [`${TEST_EXTENSION}:secret`, false],
      [`${TEST_EXTENSION}:device.pin`, false],
      [`${TEST_EXTENSION}:tenant`, true],
    ],
  },
  {
    title: 'RFC 7643 §7 naming a complex attribute returns its "request" sub-attributes but not "never" ones',
    registry: 'test',
    attributes: `${TEST_EXTENSION}:device`,
    expect: {
      schemas: [USER_SCHEMA, TEST_EXTENSION],
      id: 'u1',
      [TEST_EXTENSION]: { tenant: 'acme', device: { serial: 'SN1', model: 'X1', notes: 'cracked screen' } },
    },
  },
  {
    title: 'RFC 7643 §7 a "request" complex attribute is returned only as far as it is named',
    registry: 'test',
    attributes: `${TEST_EXTENSION}:audit.by`,
    includes: [
      [`${TEST_EXTENSION}:audit`, true],
      [`${TEST_EXTENSION}:audit.by`, true],
      [`${TEST_EXTENSION}:audit.reason`, false],
    ],
  },
  {
    title: 'RFC 7643 §7 sub-attributes of a "request" attribute inherit it and stay out by default',
    registry: 'test',
    includes: [
      [`${TEST_EXTENSION}:audit`, false],
      [`${TEST_EXTENSION}:audit.by`, false],
      [`${TEST_EXTENSION}:badge`, false],
    ],
  },
  // Errors
  {
    title: 'RFC 7644 §3.9 attributes and excludedAttributes are mutually exclusive: 400 invalidValue',
    attributes: 'userName',
    excludedAttributes: 'emails',
    error: 'invalidValue',
  },
  {
    title: 'RFC 7644 §3.10 a name that is not attribute notation is 400 invalidValue',
    attributes: 'user name',
    error: 'invalidValue',
  },
  {
    title: 'RFC 7644 §3.10 a filter is not allowed in attributes: emails[type eq "work"] is 400 invalidValue',
    attributes: 'emails[type eq "work"]',
    error: 'invalidValue',
  },
  {
    title: 'RFC 7644 §3.10 a third level of nesting (name.givenName.x) is 400 invalidValue',
    excludedAttributes: 'name.givenName.x',
    error: 'invalidValue',
  },
  {
    title: 'RFC 7644 §3.4.2.5 empty entries between commas are skipped',
    attributes: 'userName,,displayName,',
    expect: { schemas: [USER_SCHEMA], id: '2819c223', userName: USER.userName, displayName: 'Babs Jensen' },
  },
];
