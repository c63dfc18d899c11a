/**
 * App roles (entra-scim-behaviour.md B1, A3): what a user's assignments become in the POST, and what the
 * next cycle sends once they change. Alice is the user followed; the role mapping is added to A7's direct
 * mappings.
 */
import type { AppRoleAssignment, AttributeMapping, DirectoryGroup, PatchStyle } from '@provisio/engine';
import { assign, group } from '../support/cycle.js';

export interface AppRolesCase {
  readonly title: string;
  readonly mappings: readonly AttributeMapping[];
  readonly style?: PatchStyle;
  readonly groups?: readonly DirectoryGroup[];
  readonly assignments: readonly AppRoleAssignment[];
  /** `roles` of Alice's POST body; undefined when the body has none. */
  readonly created: unknown;
  /** The assignments change; Alice's PATCH operations (none: nothing planned) and the roles she then holds. */
  readonly next?: {
    readonly assignments: readonly AppRoleAssignment[];
    readonly operations: readonly unknown[];
    readonly held: unknown;
  };
}

const expression = (target: string, text: string): AttributeMapping => ({
  target,
  source: { kind: 'expression', expression: text },
  flow: 'always',
});
const SINGLE: readonly AttributeMapping[] = [
  expression('roles[primary eq "True"].value', 'SingleAppRoleAssignment([appRoleAssignments])'),
  {
    target: 'roles[primary eq "True"].type',
    source: { kind: 'constant', value: 'WindowsAzureActiveDirectoryRole' },
    flow: 'always',
  },
];
const ADD_ONLY = [expression('roles', 'AppRoleAssignmentsComplex([appRoleAssignments])')];
const ASSERTIVE = [expression('roles', 'AssertiveAppRoleAssignmentsComplex([appRoleAssignments])')];

const TYPE = 'WindowsAzureActiveDirectoryRole';
const ADMIN = { primary: false, type: TYPE, display: 'Administrator', value: 'Admin' };
const READER = { primary: false, type: TYPE, display: 'Reader', value: 'Reader' };

const alice = (role: string) => ({ ...assign('oid-alice', 'User', role), id: `a-alice-${role}` });

export const APP_ROLES_CASES: readonly AppRolesCase[] = [
  {
    title: 'one role: SingleAppRoleAssignment onto roles[primary eq "True"], then changed in place',
    mappings: SINGLE,
    assignments: [alice('admin')],
    created: [{ primary: true, type: TYPE, value: 'Admin' }],
    next: {
      assignments: [alice('reader')],
      operations: [{ op: 'replace', path: 'roles[primary eq "True"].value', value: 'Reader' }],
      held: [{ primary: true, type: TYPE, value: 'Reader' }],
    },
  },
  {
    title:
      'several roles: AppRoleAssignmentsComplex sends each, primary false, type WindowsAzureActiveDirectoryRole',
    mappings: ADD_ONLY,
    assignments: [alice('admin'), alice('reader')],
    created: [ADMIN, READER],
  },
  {
    title: 'Default Access only, Entra style: "roles": [] as in A3',
    mappings: ADD_ONLY,
    style: 'entra',
    assignments: [alice('default')],
    created: [],
  },
  {
    title: 'Default Access only, SingleAppRoleAssignment: no role, so no roles element',
    mappings: SINGLE.slice(0, 1),
    assignments: [alice('default')],
    created: undefined,
  },
  {
    title: 'Default Access only, rfc7644: no roles at all (null is never sent)',
    mappings: ASSERTIVE,
    assignments: [alice('default')],
    created: undefined,
  },
  {
    title: 'a role added: AppRoleAssignmentsComplex adds just that one',
    mappings: ADD_ONLY,
    assignments: [alice('admin')],
    created: [ADMIN],
    next: {
      assignments: [alice('admin'), alice('reader')],
      operations: [{ op: 'add', path: 'roles', value: [READER] }],
      held: [ADMIN, READER],
    },
  },
  {
    title: 'a role taken away: AppRoleAssignmentsComplex (add only) sends nothing, the target keeps it',
    mappings: ADD_ONLY,
    assignments: [alice('admin'), alice('reader')],
    created: [ADMIN, READER],
    next: { assignments: [alice('admin')], operations: [], held: [ADMIN, READER] },
  },
  {
    title: 'a role taken away: AssertiveAppRoleAssignmentsComplex replaces the list without it',
    mappings: ASSERTIVE,
    assignments: [alice('admin'), alice('reader')],
    created: [ADMIN, READER],
    next: {
      assignments: [alice('reader')],
      operations: [{ op: 'replace', path: 'roles', value: [READER] }],
      held: [READER],
    },
  },
  {
    title: 'a role taken away, Entra style: Replace',
    mappings: ASSERTIVE,
    style: 'entra',
    assignments: [alice('admin'), alice('reader')],
    created: [ADMIN, READER],
    next: {
      assignments: [alice('admin')],
      operations: [{ op: 'Replace', path: 'roles', value: [ADMIN] }],
      held: [ADMIN],
    },
  },
  {
    title: 'a role taken away, aadOptscim062020: in the path-less replace',
    mappings: ASSERTIVE,
    style: 'aadOptscim062020',
    assignments: [alice('admin'), alice('reader')],
    created: [ADMIN, READER],
    next: {
      assignments: [alice('admin')],
      operations: [{ op: 'replace', value: { roles: [ADMIN] } }],
      held: [ADMIN],
    },
  },
  {
    title: 'every role taken away (Default Access left): AssertiveAppRoleAssignmentsComplex removes roles',
    mappings: ASSERTIVE,
    assignments: [alice('admin')],
    created: [ADMIN],
    next: {
      assignments: [alice('default')],
      operations: [{ op: 'remove', path: 'roles' }],
      held: undefined,
    },
  },
  {
    title: "a role through an assigned group: direct members get it after their own, nested groups' do not",
    mappings: ADD_ONLY,
    groups: [group('oid-sales', 'Sales', ['oid-alice'], ['oid-ops']), group('oid-ops', 'Ops', ['oid-bob'])],
    assignments: [assign('oid-sales', 'Group', 'admin'), alice('reader')],
    created: [READER, ADMIN],
    next: {
      assignments: [alice('reader')],
      operations: [],
      held: [READER, ADMIN],
    },
  },
  {
    title: 'the same role directly and through a group is sent once; losing one keeps it',
    mappings: ASSERTIVE,
    groups: [group('oid-sales', 'Sales', ['oid-alice'])],
    assignments: [assign('oid-sales', 'Group', 'admin'), alice('admin')],
    created: [ADMIN],
    next: { assignments: [alice('admin')], operations: [], held: [ADMIN] },
  },
];
