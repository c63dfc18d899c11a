/**
 * Microsoft Entra ID request shapes (docs/entra-scim-behaviour.md A3–A4 and the validator notes in C1),
 * with the bodies as the document lists them. PATCH cases run through a profile — ENTRA_COMPAT, or STRICT
 * to show what RFC 7644 alone answers — then `applyPatch` with the profile's options. Filter cases are the
 * queries Entra sends (A2–A3), parsed and evaluated against a resource.
 */
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, SchemaRegistry, USER_SCHEMA } from '@provisio/scim-core';
import type { PatchCase, Resource } from './patch.cases.js';

export interface EntraPatchCase extends PatchCase {
  readonly kind: 'patch';
  readonly profile: 'entra' | 'strict';
}

export interface EntraFilterCase {
  readonly kind: 'filter';
  readonly title: string;
  readonly resourceType: 'User' | 'Group';
  readonly filter: string;
  readonly resource: Resource;
  readonly matches: boolean;
}

export type EntraCase = EntraPatchCase | EntraFilterCase;

const U = USER_SCHEMA;
const E = ENTERPRISE_USER_SCHEMA;
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
/** A3: Entra also writes to custom extensions named `urn:ietf:params:scim:schemas:extension:<Name>:2.0:User`. */
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User';
const CUSTOM_REGISTRY = SchemaRegistry.standard().withExtension(
  { id: CUSTOM, attributes: [{ name: 'badgeColour' }] },
  { resourceType: 'User' },
);

/** The A3 create-user body as stored (server `id`, no client `meta`, empty `roles` dropped). */
const ALICE: Resource = {
  schemas: [U, E],
  id: 'u1',
  externalId: 'alice',
  userName: 'alice@contoso.com',
  active: true,
  displayName: 'Alice A',
  emails: [{ primary: true, type: 'work', value: 'alice@contoso.com' }],
  name: { givenName: 'Alice', familyName: 'A', formatted: 'Alice A' },
  [E]: { employeeNumber: '42', department: 'Ops' },
};
const WITH_MANAGER: Resource = {
  ...ALICE,
  [E]: { employeeNumber: '42', department: 'Ops', manager: { value: 'm1' } },
};
const NO_EMAIL: Resource = { schemas: [U], id: 'u2', userName: 'bob@contoso.com' };
/** A3: groups are created empty, members are added afterwards. */
const SALES: Resource = { schemas: [GROUP_SCHEMA], id: 'g1', externalId: 'oid-1', displayName: 'Sales' };
const SALES_WITH_MEMBERS: Resource = { ...SALES, members: [{ value: 'u1' }, { value: 'u2' }] };

function edit(resource: Resource, changes: Record<string, unknown>): Resource {
  const result: Record<string, unknown> = { ...resource, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete result[key];
  return result;
}
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

const PATCH_CASES: EntraPatchCase[] = [
  {
    kind: 'patch',
    title: 'Entra A3 (no flag): user PATCH with capitalised ops, value path, extension URN and "False"',
    profile: 'entra',
    resourceType: 'User',
    before: ALICE,
    body: patch(
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@contoso.com' },
      { op: 'Replace', path: 'name.familyName', value: 'Smith' },
      { op: 'Add', path: 'nickName', value: 'Al' },
      { op: 'Replace', path: `${E}:employeeNumber`, value: '43' },
      { op: 'Replace', path: 'active', value: 'False' },
    ),
    expect: {
      after: edit(ALICE, {
        emails: [{ primary: true, type: 'work', value: 'new@contoso.com' }],
        name: { givenName: 'Alice', familyName: 'Smith', formatted: 'Alice A' },
        nickName: 'Al',
        [E]: { employeeNumber: '43', department: 'Ops' },
        active: false,
      }),
    },
  },
  {
    kind: 'patch',
    title: 'Entra A3 (no flag): the same body under STRICT fails on "Replace" (invalidSyntax)',
    profile: 'strict',
    resourceType: 'User',
    before: ALICE,
    body: patch({ op: 'Replace', path: 'name.familyName', value: 'Smith' }),
    expect: { error: { scimType: 'invalidSyntax' } },
  },
  {
    kind: 'patch',
    title: 'Entra A3: emails[type eq "work"].value on a user without a work email creates it',
    profile: 'entra',
    resourceType: 'User',
    before: NO_EMAIL,
    body: patch({ op: 'Replace', path: 'emails[type eq "work"].value', value: 'bob@contoso.com' }),
    expect: { after: edit(NO_EMAIL, { emails: [{ type: 'work', value: 'bob@contoso.com' }] }) },
  },
  {
    kind: 'patch',
    title: 'Entra A3: under STRICT the same filtered replace on a user without a work email is noTarget',
    profile: 'strict',
    resourceType: 'User',
    before: NO_EMAIL,
    body: patch({ op: 'replace', path: 'emails[type eq "work"].value', value: 'bob@contoso.com' }),
    expect: { error: { scimType: 'noTarget' } },
  },
  {
    kind: 'patch',
    title: 'Entra A3: phoneNumbers[type eq "mobile"].value creates the mobile number',
    profile: 'entra',
    resourceType: 'User',
    before: ALICE,
    body: patch({ op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' }),
    expect: { after: edit(ALICE, { phoneNumbers: [{ type: 'mobile', value: '+1 555 0100' }] }) },
  },
  {
    kind: 'patch',
    title: 'Entra A3: addresses[type eq "work"].postalCode creates the work address',
    profile: 'entra',
    resourceType: 'User',
    before: ALICE,
    body: patch({ op: 'Replace', path: 'addresses[type eq "work"].postalCode', value: '98052' }),
    expect: { after: edit(ALICE, { addresses: [{ type: 'work', postalCode: '98052' }] }) },
  },
  {
    kind: 'patch',
    title: 'Entra A3: roles[primary eq "True"].value replaces the primary role\'s value',
    profile: 'entra',
    resourceType: 'User',
    before: edit(ALICE, { roles: [{ value: 'reader', primary: true }] }),
    body: patch({ op: 'Replace', path: 'roles[primary eq "True"].value', value: 'admin' }),
    expect: { after: edit(ALICE, { roles: [{ value: 'admin', primary: true }] }) },
  },
  {
    kind: 'patch',
    title: 'Entra A3: roles[primary eq "True"].value on a user without roles creates a primary role',
    profile: 'entra',
    resourceType: 'User',
    before: ALICE,
    body: patch({ op: 'Add', path: 'roles[primary eq "True"].value', value: 'admin' }),
    expect: { after: edit(ALICE, { roles: [{ primary: true, value: 'admin' }] }) },
  },
  {
    kind: 'patch',
    title: 'Entra C1 (validator): roles with primary "True" inside the array become booleans',
    profile: 'entra',
    resourceType: 'User',
    before: ALICE,
    body: patch({
      op: 'add',
      path: 'roles',
      value: [{ value: 'admin', primary: 'True', type: 'WindowsAzureActiveDirectoryRole' }],
    }),
    expect: {
      after: edit(ALICE, {
        roles: [{ value: 'admin', primary: true, type: 'WindowsAzureActiveDirectoryRole' }],
      }),
    },
  },
  {
    kind: 'patch',
    title: 'Entra A3: extension attribute by full URN path (department)',
    profile: 'entra',
    resourceType: 'User',
    before: ALICE,
    body: patch({ op: 'Replace', path: `${E}:department`, value: 'Finance' }),
    expect: { after: edit(ALICE, { [E]: { employeeNumber: '42', department: 'Finance' } }) },
  },
  {
    kind: 'patch',
    title: 'Entra A3: custom extension urn:…:extension:<Name>:2.0:User:<attr>',
    profile: 'entra',
    registry: CUSTOM_REGISTRY,
    resourceType: 'User',
    before: ALICE,
    body: patch({ op: 'Add', path: `${CUSTOM}:badgeColour`, value: 'green' }),
    expect: { after: edit(ALICE, { schemas: [U, E, CUSTOM], [CUSTOM]: { badgeColour: 'green' } }) },
  },
  {
    kind: 'patch',
    title: 'Entra A4 (no flag): disable user with "active": "False"',
    profile: 'entra',
    resourceType: 'User',
    before: ALICE,
    body: patch({ op: 'Replace', path: 'active', value: 'False' }),
    expect: { after: edit(ALICE, { active: false }) },
  },
  {
    kind: 'patch',
    title: 'Entra A4 (aadOptscim062020): disable user with "active": false',
    profile: 'entra',
    resourceType: 'User',
    before: ALICE,
    body: patch({ op: 'replace', path: 'active', value: false }),
    expect: { after: edit(ALICE, { active: false }) },
  },
  {
    kind: 'patch',
    title: 'Entra A4 (no flag): re-enable with "True" (case-insensitive words)',
    profile: 'entra',
    resourceType: 'User',
    before: edit(ALICE, { active: false }),
    body: patch({ op: 'Replace', path: 'active', value: 'true' }),
    expect: { after: ALICE },
  },
  {
    kind: 'patch',
    title: 'Entra A4 (no flag): disable under STRICT fails on "False" (invalidValue)',
    profile: 'strict',
    resourceType: 'User',
    before: ALICE,
    body: patch({ op: 'replace', path: 'active', value: 'False' }),
    expect: { error: { scimType: 'invalidValue' } },
  },
  {
    kind: 'patch',
    title: 'Entra A4 (no flag): add single-valued string with "Add"',
    profile: 'entra',
    resourceType: 'User',
    before: ALICE,
    body: patch({ op: 'Add', path: 'nickName', value: 'Babs' }),
    expect: { after: edit(ALICE, { nickName: 'Babs' }) },
  },
  {
    kind: 'patch',
    title: 'Entra A4 (aadOptscim062020): add single-valued string with "add"',
    profile: 'entra',
    resourceType: 'User',
    before: ALICE,
    body: patch({ op: 'add', path: 'nickName', value: 'Babs' }),
    expect: { after: edit(ALICE, { nickName: 'Babs' }) },
  },
  {
    kind: 'patch',
    title: 'Entra A4 (no flag): replace several attributes, one op per attribute with a path',
    profile: 'entra',
    resourceType: 'User',
    before: ALICE,
    body: patch(
      { op: 'Replace', path: 'displayName', value: 'Alice Smith' },
      { op: 'Replace', path: 'name.givenName', value: 'Alicia' },
      { op: 'Replace', path: `${E}:employeeNumber`, value: '44' },
    ),
    expect: {
      after: edit(ALICE, {
        displayName: 'Alice Smith',
        name: { givenName: 'Alicia', familyName: 'A', formatted: 'Alice A' },
        [E]: { employeeNumber: '44', department: 'Ops' },
      }),
    },
  },
  {
    kind: 'patch',
    title: 'Entra A4 (aadOptscim062020): value-path op plus a path-less replace with dotted and URN keys',
    profile: 'entra',
    resourceType: 'User',
    before: ALICE,
    body: patch(
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'alice.smith@contoso.com' },
      {
        op: 'replace',
        value: { displayName: 'Alice Smith', 'name.givenName': 'Alicia', [`${E}:employeeNumber`]: '44' },
      },
    ),
    expect: {
      after: edit(ALICE, {
        emails: [{ primary: true, type: 'work', value: 'alice.smith@contoso.com' }],
        displayName: 'Alice Smith',
        name: { givenName: 'Alicia', familyName: 'A', formatted: 'Alice A' },
        [E]: { employeeNumber: '44', department: 'Ops' },
      }),
    },
  },
  {
    kind: 'patch',
    title: 'Entra A4 (aadOptscim062020): the path-less dotted-key replace under STRICT is invalidValue',
    profile: 'strict',
    resourceType: 'User',
    before: ALICE,
    body: patch({ op: 'replace', value: { displayName: 'Alice Smith', 'name.givenName': 'Alicia' } }),
    expect: { error: { scimType: 'invalidValue' } },
  },
  {
    kind: 'patch',
    title: 'Entra C1 (validator): path-less replace with "active": "False" and a nested name',
    profile: 'entra',
    resourceType: 'User',
    before: ALICE,
    body: patch({
      op: 'replace',
      value: { active: 'False', name: { familyName: 'B' }, [E]: { department: 'IT' } },
    }),
    expect: {
      after: edit(ALICE, {
        active: false,
        name: { givenName: 'Alice', familyName: 'B', formatted: 'Alice A' },
        [E]: { employeeNumber: '42', department: 'IT' },
      }),
    },
  },
  {
    kind: 'patch',
    title: 'Entra C1 (Logic App): a null update PATCH changes nothing',
    profile: 'entra',
    resourceType: 'User',
    before: ALICE,
    body: patch(
      { op: 'Replace', path: 'displayName', value: 'Alice A' },
      { op: 'Replace', path: 'active', value: 'True' },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'alice@contoso.com' },
    ),
    expect: { after: ALICE },
  },
  {
    kind: 'patch',
    title: 'Entra A3: manager added in the documented shape [{"$ref":…,"value":"m1"}]',
    profile: 'entra',
    resourceType: 'User',
    before: ALICE,
    body: patch({ op: 'Add', path: 'manager', value: [{ $ref: '…', value: 'm1' }] }),
    expect: { after: WITH_MANAGER },
  },
  {
    kind: 'patch',
    title: 'Entra A3: manager added as a bare string on the full URN path',
    profile: 'entra',
    resourceType: 'User',
    before: ALICE,
    body: patch({ op: 'Add', path: `${E}:manager`, value: 'm1' }),
    expect: { after: WITH_MANAGER },
  },
  {
    kind: 'patch',
    title: 'Entra C1 (validator): manager replaced as {"value":"m2"}',
    profile: 'entra',
    resourceType: 'User',
    before: WITH_MANAGER,
    body: patch({ op: 'replace', path: 'manager', value: { value: 'm2' } }),
    expect: {
      after: edit(ALICE, { [E]: { employeeNumber: '42', department: 'Ops', manager: { value: 'm2' } } }),
    },
  },
  {
    kind: 'patch',
    title: 'Entra A3: manager removed with remove manager[value eq "m1"]',
    profile: 'entra',
    resourceType: 'User',
    before: WITH_MANAGER,
    body: patch({ op: 'remove', path: 'manager[value eq "m1"]' }),
    expect: { after: ALICE },
  },
  {
    kind: 'patch',
    title: 'Entra A3: remove manager[value eq "m1"] when it is already gone succeeds unchanged',
    profile: 'entra',
    resourceType: 'User',
    before: ALICE,
    body: patch({ op: 'remove', path: 'manager[value eq "m1"]' }),
    expect: { after: ALICE },
  },
  {
    kind: 'patch',
    title: 'Entra A3 (validator): manager removed with replace {"value":""}',
    profile: 'entra',
    resourceType: 'User',
    before: WITH_MANAGER,
    body: patch({ op: 'replace', path: 'manager', value: { value: '' } }),
    expect: { after: ALICE },
  },
  {
    kind: 'patch',
    title: 'Entra A3: manager removed with replace ""',
    profile: 'entra',
    resourceType: 'User',
    before: WITH_MANAGER,
    body: patch({ op: 'Replace', path: `${E}:manager`, value: '' }),
    expect: { after: ALICE },
  },
  {
    kind: 'patch',
    title: 'Entra A3: a bare-string manager under STRICT is invalidValue',
    profile: 'strict',
    resourceType: 'User',
    before: ALICE,
    body: patch({ op: 'add', path: `${E}:manager`, value: 'm1' }),
    expect: { error: { scimType: 'invalidValue' } },
  },
  {
    kind: 'patch',
    title: 'Entra A3: members added with {"$ref":null,"value":"u1"} and {"value":"u2"}',
    profile: 'entra',
    resourceType: 'Group',
    before: SALES,
    body: patch({ op: 'Add', path: 'members', value: [{ $ref: null, value: 'u1' }, { value: 'u2' }] }),
    expect: { after: SALES_WITH_MEMBERS },
  },
  {
    kind: 'patch',
    title: 'Entra A3: several memberships in one PATCH; a member already there is not duplicated',
    profile: 'entra',
    resourceType: 'Group',
    before: SALES_WITH_MEMBERS,
    body: patch(
      { op: 'Add', path: 'members', value: [{ value: 'u2' }, { value: 'u3' }] },
      { op: 'Add', path: 'members', value: [{ value: 'u4' }] },
    ),
    expect: {
      after: edit(SALES, { members: [{ value: 'u1' }, { value: 'u2' }, { value: 'u3' }, { value: 'u4' }] }),
    },
  },
  {
    kind: 'patch',
    title: 'Entra A3 (no flag): "Remove" members with a value list and no "schemas" removes just u1',
    profile: 'entra',
    resourceType: 'Group',
    before: SALES_WITH_MEMBERS,
    body: { Operations: [{ op: 'Remove', path: 'members', value: [{ value: 'u1' }] }] },
    expect: { after: edit(SALES, { members: [{ value: 'u2' }] }) },
  },
  {
    kind: 'patch',
    title: 'Entra A3 (no flag): the member removal under STRICT fails for the missing "schemas"',
    profile: 'strict',
    resourceType: 'Group',
    before: SALES_WITH_MEMBERS,
    body: { Operations: [{ op: 'Remove', path: 'members', value: [{ value: 'u1' }] }] },
    expect: { error: { scimType: 'invalidSyntax' } },
  },
  {
    kind: 'patch',
    title: 'Entra A4 (no flag): removing a member that is already gone succeeds unchanged',
    profile: 'entra',
    resourceType: 'Group',
    before: SALES_WITH_MEMBERS,
    body: patch({ op: 'Remove', path: 'members', value: [{ value: 'u9' }] }),
    expect: { after: SALES_WITH_MEMBERS },
  },
  {
    kind: 'patch',
    title: 'Entra A4 (aadOptscim062020): remove members[value eq "u1"]',
    profile: 'entra',
    resourceType: 'Group',
    before: SALES_WITH_MEMBERS,
    body: patch({ op: 'remove', path: 'members[value eq "u1"]' }),
    expect: { after: edit(SALES, { members: [{ value: 'u2' }] }) },
  },
  {
    kind: 'patch',
    title: 'Entra A4 (aadOptscim062020): remove members[value eq "u1"] works under STRICT too',
    profile: 'strict',
    resourceType: 'Group',
    before: SALES_WITH_MEMBERS,
    body: patch({ op: 'remove', path: 'members[value eq "u1"]' }),
    expect: { after: edit(SALES, { members: [{ value: 'u2' }] }) },
  },
  {
    kind: 'patch',
    title: 'Entra C1 (validator): "Add Member" sent as replace on members',
    profile: 'entra',
    resourceType: 'Group',
    before: SALES_WITH_MEMBERS,
    body: patch({ op: 'replace', path: 'members', value: [{ value: 'u3' }] }),
    expect: { after: edit(SALES, { members: [{ value: 'u3' }] }) },
  },
  {
    kind: 'patch',
    title: 'Entra A3: group displayName replaced with "Replace"',
    profile: 'entra',
    resourceType: 'Group',
    before: SALES,
    body: patch({ op: 'Replace', path: 'displayName', value: 'Sales EMEA' }),
    expect: { after: edit(SALES, { displayName: 'Sales EMEA' }) },
  },
  {
    kind: 'patch',
    title: 'Entra C1 (validator): path-less replace of group attributes',
    profile: 'entra',
    resourceType: 'Group',
    before: SALES,
    body: patch({ op: 'replace', value: { displayName: 'Sales EMEA', externalId: 'oid-2' } }),
    expect: { after: edit(SALES, { displayName: 'Sales EMEA', externalId: 'oid-2' }) },
  },
  {
    kind: 'patch',
    title: 'Entra A4: an op that is not add/remove/replace in any case stays invalidSyntax',
    profile: 'entra',
    resourceType: 'User',
    before: ALICE,
    body: patch({ op: 'Delete', path: 'nickName' }),
    expect: { error: { scimType: 'invalidSyntax' } },
  },
];

const FILTER_CASES: EntraFilterCase[] = [
  {
    kind: 'filter',
    title: 'Entra A3: userName eq "alice@contoso.com" finds the user',
    resourceType: 'User',
    filter: 'userName eq "alice@contoso.com"',
    resource: ALICE,
    matches: true,
  },
  {
    kind: 'filter',
    title: 'Entra A6 (validator): userName eq matches case-insensitively',
    resourceType: 'User',
    filter: 'userName eq "ALICE@Contoso.com"',
    resource: ALICE,
    matches: true,
  },
  {
    kind: 'filter',
    title: 'Entra A2: the Test Connection probe (userName eq a random GUID) matches nobody',
    resourceType: 'User',
    filter: 'userName eq "6f1c2a4e-9b0d-4c3e-8f7a-2d5b1e0c9a31"',
    resource: ALICE,
    matches: false,
  },
  {
    kind: 'filter',
    title: 'Entra A3: externalId eq "alice" finds the user',
    resourceType: 'User',
    filter: 'externalId eq "alice"',
    resource: ALICE,
    matches: true,
  },
  {
    kind: 'filter',
    title: 'Entra A3: externalId is caseExact, so externalId eq "ALICE" does not match',
    resourceType: 'User',
    filter: 'externalId eq "ALICE"',
    resource: ALICE,
    matches: false,
  },
  {
    kind: 'filter',
    title: 'Entra A3: group displayName eq "Sales"',
    resourceType: 'Group',
    filter: 'displayName eq "Sales"',
    resource: SALES,
    matches: true,
  },
  {
    kind: 'filter',
    title: 'Entra A3: id eq "u1" and manager eq "m1" checks the manager reference',
    resourceType: 'User',
    filter: 'id eq "u1" and manager eq "m1"',
    resource: WITH_MANAGER,
    matches: true,
  },
  {
    kind: 'filter',
    title: 'Entra A3: id eq "u1" and manager eq "m2" is false when the manager is m1',
    resourceType: 'User',
    filter: 'id eq "u1" and manager eq "m2"',
    resource: WITH_MANAGER,
    matches: false,
  },
  {
    kind: 'filter',
    title: 'Entra A3: id eq "g1" and members eq "u2" checks a membership',
    resourceType: 'Group',
    filter: 'id eq "g1" and members eq "u2"',
    resource: SALES_WITH_MEMBERS,
    matches: true,
  },
  {
    kind: 'filter',
    title: 'Entra A6: emails[type eq "work"].value eq is filterable for uniqueness checks',
    resourceType: 'User',
    filter: 'emails[type eq "work"].value eq "alice@contoso.com"',
    resource: ALICE,
    matches: true,
  },
];

export const ENTRA_CASES: readonly EntraCase[] = [...PATCH_CASES, ...FILTER_CASES];
