/**
 * Target configurations as the admin API receives them (JSON), each with the exact problems
 * `parseTargetApp` lists (entra-scim-behaviour.md B2, B3, B4): shapes first, then the mappings bound to the
 * target's schemas. An empty list means the configuration is accepted.
 */
import { ENTERPRISE_USER_SCHEMA as E } from '@provisio/scim-core';

export type Json = Record<string, unknown>;

/** Which schemas the configuration is checked against (see target-app.test.ts). */
export type SchemasUsed =
  /** No `/Schemas` discovered: RFC 7643's standard schemas. */
  | 'standard'
  /** Proware's `/Schemas`: standard ones plus `urn:…:extension:proware:2.0:User` with `costCentre`. */
  | 'proware'
  /** A target whose `/Schemas` has only the core User schema: no enterprise extension, no groups. */
  | 'userOnly';

export interface ConfigCase {
  readonly title: string;
  /** Edits (in place) a copy of the configuration a new target starts with, or returns a replacement. */
  readonly edit: (config: Json) => unknown;
  readonly schemas?: SchemasUsed;
  readonly problems: readonly string[];
}

export const PROWARE = 'urn:ietf:params:scim:schemas:extension:proware:2.0:User';

type Mapping = Record<string, unknown>;
const users = (config: Json) => config.users as { attributes: Mapping[]; scopingFilter: unknown[] } & Json;
const groups = (config: Json) => config.groups as { attributes: Mapping[] } & Json;
/** Changes user mapping `index` of A7 (0 userName … 21 manager). */
const editUser = (index: number, changes: Mapping) => (config: Json) => {
  Object.assign(users(config).attributes[index]!, changes);
};
const addUser = (mapping: Mapping) => (config: Json) => {
  users(config).attributes.push({ flow: 'always', ...mapping });
};
const direct = (attribute: string) => ({ kind: 'direct', attribute });
const expression = (text: string) => ({ kind: 'expression', expression: text });
const filter = (clauses: unknown[]) => (config: Json) => {
  users(config).scopingFilter = [{ name: 'Sales', clauses }];
};

const FORMATTED = 'users.attributes[8] (name.formatted)';
const SINGLE_ROLE = 'SingleAppRoleAssignment([appRoleAssignments])';
const ROLES_NEED_ASSIGNMENT =
  '[appRoleAssignments] has no value when the scope is "all": the role functions need "assignedOnly" (Sync only assigned users and groups, B1)';

export const CONFIG_CASES: readonly ConfigCase[] = [
  { title: 'the configuration of a new target (A7) is accepted', edit: () => undefined, problems: [] },
  {
    title: 'not an object',
    edit: () => [],
    problems: ['the configuration must be a JSON object'],
  },
  {
    title: 'top-level settings of the wrong kind are each named',
    edit: (config) => {
      config.scope = 'everyone';
      config.skipOutOfScopeDeletions = 'yes';
      config.patchStyle = 'scim';
      config.excludeDefaultAccess = undefined;
    },
    problems: [
      'scope must be "assignedOnly" or "all"',
      'excludeDefaultAccess must be true or false',
      'skipOutOfScopeDeletions must be true or false',
      'patchStyle must be one of rfc7644, entra, aadOptscim062020',
    ],
  },
  {
    title: 'B3 the user mapping cannot be disabled; the group mapping can',
    edit: (config) => {
      users(config).enabled = false;
      groups(config).enabled = false;
    },
    problems: ['users.enabled: the user mapping cannot be disabled'],
  },
  {
    title: 'B3 object actions must all be true or false',
    edit: (config) => {
      groups(config).actions = { create: true, update: 'no' };
    },
    problems: ['groups.actions must be {create, update, delete} booleans'],
  },
  {
    title: 'B3 an unknown mapping type',
    edit: editUser(2, { source: { kind: 'lookup', attribute: 'displayName' } }),
    problems: [
      'users.attributes[2].source.kind "lookup" is not a mapping type; one of direct, constant, expression, none',
    ],
  },
  {
    title: 'B3 a mapping without its fields',
    edit: editUser(3, { target: '', source: { kind: 'direct' }, flow: 'sometimes', defaultValue: 7 }),
    problems: [
      'users.attributes[3].target must be a SCIM attribute path',
      'users.attributes[3].source.attribute must name a source attribute',
      'users.attributes[3].flow must be "always" or "creationOnly"',
      'users.attributes[3].defaultValue must be a string',
    ],
  },
  {
    title: 'B4 an expression with a syntax error names its position',
    edit: editUser(8, { source: expression('Join(" ", [givenName] [surname])') }),
    problems: [
      `${FORMATTED}: expression: unexpected "[" in the arguments of Join: expected "," or ")" (at column 23)`,
    ],
  },
  {
    title: 'B4 every problem of an expression is listed, each with its position',
    edit: editUser(8, { source: expression('Join(" ", [GivenName], Upper([surname]))') }),
    problems: [
      `${FORMATTED}: expression: unknown attribute [GivenName] (names are case-sensitive: did you mean [givenName]?) (at column 11)`,
      `${FORMATTED}: expression: unknown function Upper (at column 24)`,
    ],
  },
  {
    title: 'B4 an expression may read directory extension attributes, objectId and IsSoftDeleted',
    edit: addUser({
      target: 'nickName',
      source: expression(
        'IIF([IsSoftDeleted] = "True", [objectId], [extension_0123456789abcdef0123456789abcdef_nick])',
      ),
    }),
    problems: [],
  },
  {
    title: 'B3 a direct mapping from an unknown source attribute',
    edit: editUser(3, { source: direct('jobTitel') }),
    problems: ['users.attributes[3] (title): unknown source attribute "jobTitel" for a user'],
  },
  {
    title: 'B3 a group mapping reads group attributes only',
    edit: (config) => {
      groups(config).attributes.push({
        target: 'externalId',
        source: direct('userPrincipalName'),
        flow: 'always',
      });
    },
    problems: [
      'groups.attributes[3] (externalId): externalId is mapped twice',
      'groups.attributes[3] (externalId): unknown source attribute "userPrincipalName" for a group',
    ],
  },
  {
    title: 'B3 a constant with no value',
    edit: addUser({ target: 'userType', source: { kind: 'constant', value: '' } }),
    problems: ['users.attributes[22] (userType): a constant needs a value: an empty one is never sent'],
  },
  {
    title: 'B3 a constant that is not a string',
    edit: addUser({ target: 'userType', source: { kind: 'constant', value: 3 } }),
    problems: ['users.attributes[22].source.value must be a string'],
  },
  {
    title: 'B3 two matching attributes with the same precedence',
    edit: editUser(18, { matchingPrecedence: 1 }),
    problems: [
      'users.attributes[18] (externalId): matching precedence 1 is also that of userName; each must differ',
    ],
  },
  {
    title: 'B3 a matching precedence that is not a positive integer',
    edit: editUser(18, { matchingPrecedence: 0.5 }),
    problems: ['users.attributes[18].matchingPrecedence must be a positive integer'],
  },
  {
    title: 'B3 every object type needs a matching attribute',
    edit: editUser(0, { matchingPrecedence: undefined }),
    problems: ['users.attributes: at least one attribute must be a matching attribute'],
  },
  {
    title: 'B3 a matching attribute applies always, and is not a reference',
    edit: (config) => {
      editUser(18, { matchingPrecedence: 2, flow: 'creationOnly' })(config);
      editUser(21, { matchingPrecedence: 3 })(config);
    },
    problems: [
      'users.attributes[18] (externalId): a matching attribute must apply always',
      `users.attributes[21] (${E}:manager): a reference cannot be a matching attribute`,
    ],
  },
  {
    title: 'A3 a reference goes onto a reference attribute',
    edit: editUser(2, { source: direct('manager') }),
    problems: [
      'users.attributes[2] (displayName): "manager" is a reference: map it onto a reference attribute (manager, members)',
    ],
  },
  {
    title:
      'A3 target paths: unparsable, unknown sub-attribute, filter on a single value, complex without sub',
    edit: (config) => {
      editUser(2, { target: 'displayName[' })(config);
      editUser(6, { target: 'name.nickname' })(config);
      editUser(3, { target: 'title[type eq "work"].value' })(config);
      editUser(5, { target: 'name' })(config);
    },
    problems: [
      'users.attributes[2] (displayName[): target attribute "displayName[": expected a filter expression at offset 12',
      'users.attributes[3] (title[type eq "work"].value): target attribute "title[type eq "work"].value": "title" has no sub-attribute "value"',
      'users.attributes[5] (name): target attribute "name" is complex: name one of its sub-attributes',
      'users.attributes[6] (name.nickname): target attribute "name.nickname": "name" has no sub-attribute "nickname"',
    ],
  },
  {
    title: 'A3 the same target written twice, in another case, is mapped twice',
    edit: addUser({ target: 'DisplayName', source: direct('mail') }),
    problems: ['users.attributes[22] (DisplayName): displayName is mapped twice'],
  },
  {
    title: 'B3 without /Schemas, a misspelt core attribute is refused',
    edit: addUser({ target: 'nickname2', source: direct('mail') }),
    problems: [
      'users.attributes[22] (nickname2): target attribute "nickname2" is not in RFC 7643\'s schemas for User; name a custom attribute with its extension URN, e.g. urn:ietf:params:scim:schemas:extension:<Name>:2.0:User:<attribute>',
    ],
  },
  {
    title: 'B3 without /Schemas, a custom extension attribute is taken on trust',
    edit: addUser({ target: `${PROWARE}:badge`, source: direct('employeeId') }),
    problems: [],
  },
  {
    title: "A3 with Proware's /Schemas, its extension attribute is accepted",
    schemas: 'proware',
    edit: addUser({ target: `${PROWARE}:costCentre`, source: direct('department') }),
    problems: [],
  },
  {
    title: "A3 with Proware's /Schemas, an attribute it does not have is refused by name",
    schemas: 'proware',
    edit: addUser({ target: `${PROWARE}:badge`, source: direct('employeeId') }),
    problems: [
      `users.attributes[22] (${PROWARE}:badge): target attribute "${PROWARE}:badge" is not in the target's schemas for User`,
    ],
  },
  {
    title: "A3 a target without the enterprise extension in /Schemas refuses A7's enterprise mappings",
    schemas: 'userOnly',
    edit: (config) => {
      groups(config).enabled = false;
    },
    problems: [
      `users.attributes[19] (${E}:employeeNumber): target attribute "${E}:employeeNumber" is not in the target's schemas for User`,
      `users.attributes[20] (${E}:department): target attribute "${E}:department" is not in the target's schemas for User`,
      `users.attributes[21] (${E}:manager): target attribute "${E}:manager" is not in the target's schemas for User`,
    ],
  },
  {
    title: 'A3 a target without groups in /Schemas: an enabled group mapping is refused',
    schemas: 'userOnly',
    edit: (config) => {
      users(config).attributes.splice(19, 3);
    },
    problems: ["groups: the target's /Schemas has no Group schema"],
  },
  {
    title: 'B2 scoping clauses: unknown operator, missing operand, operand on a unary operator',
    edit: filter([
      { attribute: 'department', operator: 'LIKE', value: 'Sales%' },
      { attribute: 'department', operator: 'EQUALS' },
      { attribute: 'jobTitle', operator: 'IS NULL', value: 'x' },
    ]),
    problems: [
      'users.scopingFilter[0].clauses[0]: unknown operator "LIKE"; one of &, !&, ENDS_WITH, EQUALS, NOT EQUALS, Greater_Than, Greater_Than_OR_EQUALS, Includes, IS TRUE, IS FALSE, IS NULL, IS NOT NULL, REGEX MATCH, NOT REGEX MATCH',
      'users.scopingFilter[0].clauses[1]: EQUALS needs a value',
      'users.scopingFilter[0].clauses[2]: IS NULL takes no value',
    ],
  },
  {
    title: 'B2 a scoping filter of the wrong shape',
    edit: filter([{ attribute: 'department', operator: 'EQUALS', value: 7 }]),
    problems: ['users.scopingFilter must be an array of {name?, clauses: [{attribute, operator, value?}]}'],
  },
  {
    title: 'B1 app roles: one role onto roles[primary eq "True"], or all of them onto roles',
    edit: (config) => {
      addUser({ target: 'roles[primary eq "True"].value', source: expression(SINGLE_ROLE) })(config);
      addUser({
        target: 'roles',
        source: expression('AssertiveAppRoleAssignmentsComplex([appRoleAssignments])'),
      })(config);
    },
    problems: [],
  },
  {
    title: 'B1 role functions do not work with "Sync all"',
    edit: (config) => {
      config.scope = 'all';
      addUser({
        target: 'nickName',
        source: expression(`IIF(IsNull([jobTitle]), ${SINGLE_ROLE}, [jobTitle])`),
      })(config);
      addUser({ target: 'roles', source: expression('AppRoleAssignmentsComplex([appRoleAssignments])') })(
        config,
      );
    },
    problems: [
      `users.attributes[22] (nickName): ${ROLES_NEED_ASSIGNMENT}`,
      `users.attributes[23] (roles): ${ROLES_NEED_ASSIGNMENT}`,
    ],
  },
  {
    title: 'B1 [appRoleAssignments]: role lists only onto roles, never mapped directly, users only',
    edit: (config) => {
      addUser({
        target: 'roles[primary eq "True"].display',
        source: expression('AppRoleAssignmentsComplex([appRoleAssignments])'),
      })(config);
      addUser({ target: 'nickName', source: direct('appRoleAssignments') })(config);
      addUser({ target: 'emails', source: direct('mail') })(config);
      groups(config).attributes.push({
        target: 'displayName',
        source: expression(SINGLE_ROLE),
        flow: 'always',
      });
    },
    problems: [
      'users.attributes[22] (roles[primary eq "True"].display): AppRoleAssignmentsComplex or AssertiveAppRoleAssignmentsComplex yield whole roles: map them onto a multi-valued complex attribute (roles)',
      'users.attributes[23] (nickName): [appRoleAssignments] is read through SingleAppRoleAssignment, AppRoleAssignmentsComplex or AssertiveAppRoleAssignmentsComplex, not mapped directly',
      'users.attributes[24] (emails): "emails" is complex: name one of its sub-attributes, or map roles from AppRoleAssignmentsComplex or AssertiveAppRoleAssignmentsComplex',
      'groups.attributes[3] (displayName): displayName is mapped twice',
      'groups.attributes[3] (displayName): expression: unknown attribute [appRoleAssignments] (at column 25)',
    ],
  },
];
