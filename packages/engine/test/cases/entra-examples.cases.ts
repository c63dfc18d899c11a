/**
 * Entra's documented provisioning examples (entra-scim-behaviour.md A4, A8, A9, B1, B6): a directory is
 * provisioned with a new target's configuration until nothing is left to do; then, under the case's
 * configuration, changed step by step. The last step's plan (every skip explained) is the expectation.
 * Users are created first (t1, t2, …), then groups.
 */
import type { Action, DirectoryUser, PatchStyle, TargetApp } from '@provisio/engine';
import { type Directory, assign, group, user } from '../support/cycle.js';

export interface ExpectedAction {
  readonly id: string;
  readonly kind: Action['kind'];
  readonly reason?: Action['reason'];
  /** `METHOD path` of the request. */
  readonly request?: string;
  /** A PATCH's operations. */
  readonly operations?: readonly unknown[];
}

export interface EntraExampleCase {
  readonly title: string;
  /** The configuration the changes are planned under (from a new target's: rfc7644 style unless said). */
  readonly app?: (app: TargetApp) => TargetApp;
  /** The directory provisioned first (default: Alice, assigned directly). */
  readonly before?: Directory;
  /** Changes applied in turn; each but the last is provisioned until converged. */
  readonly changes: readonly ((directory: Directory) => Directory)[];
  readonly expected: readonly ExpectedAction[];
  /** Once converged after the last step: each group's members in the target, as source ids. */
  readonly members?: Readonly<Record<string, readonly string[]>>;
}

export const ALICE = user('oid-alice', {
  userPrincipalName: 'alice@contoso.com',
  mailNickname: 'alice',
  displayName: 'Alice A',
  department: 'Sales',
});
const BOB = user('oid-bob', { userPrincipalName: 'bob@contoso.com', displayName: 'Bob B' });

export const ALICE_ONLY: Directory = {
  application: { id: 'app', name: 'Proware', appRoles: [] },
  users: [ALICE],
  groups: [],
  assignments: [assign('oid-alice')],
};

const withAlice =
  (changes: Partial<DirectoryUser>, attributes: DirectoryUser['attributes'] = {}) =>
  (directory: Directory): Directory => ({
    ...directory,
    users: directory.users.map((u) =>
      u.objectId === 'oid-alice' ? { ...u, ...changes, attributes: { ...u.attributes, ...attributes } } : u,
    ),
  });
const unassign =
  (id: string) =>
  (directory: Directory): Directory => ({
    ...directory,
    assignments: directory.assignments.filter((a) => a.principalId !== id),
  });
const reassign =
  (id: string) =>
  (directory: Directory): Directory => ({
    ...directory,
    assignments: [...directory.assignments, assign(id)],
  });
const addUser =
  (added: DirectoryUser, assigned = true) =>
  (directory: Directory): Directory => ({
    ...directory,
    users: [...directory.users, added],
    assignments: assigned ? [...directory.assignments, assign(added.objectId)] : directory.assignments,
  });
const style = (patchStyle: PatchStyle) => (app: TargetApp) => ({ ...app, patchStyle });
const userActions = (actions: TargetApp['users']['actions']) => (app: TargetApp) => ({
  ...app,
  users: { ...app.users, actions },
});

const DISABLE = [{ op: 'replace', path: 'active', value: false }];
const disabled = (operations: readonly unknown[] = DISABLE): ExpectedAction => ({
  id: 'oid-alice',
  kind: 'disable',
  request: 'PATCH /Users/t1',
  operations,
});

/** Sales (assigned) holds Alice and the nested group Ops; Ops holds Bob. */
const NESTED: Directory = {
  ...ALICE_ONLY,
  users: [ALICE, BOB],
  groups: [group('oid-sales', 'Sales', ['oid-alice'], ['oid-ops']), group('oid-ops', 'Ops', ['oid-bob'])],
  assignments: [assign('oid-sales', 'Group')],
};

const DEFAULT_ACCESS: Directory = {
  application: {
    id: 'app',
    name: 'Proware',
    appRoles: [{ id: 'default', value: '', displayName: 'Default Access', isDefaultAccess: true }],
  },
  users: [ALICE],
  groups: [],
  assignments: [assign('oid-alice', 'User', 'default')],
};
const emptyTarget: Directory = { ...ALICE_ONLY, users: [], assignments: [] };

export const ENTRA_EXAMPLE_CASES: readonly EntraExampleCase[] = [
  {
    title: 'A8 unassigned → disabled (active=false)',
    changes: [unassign('oid-alice')],
    expected: [disabled()],
  },
  {
    title: 'A8 soft-deleted (recycle bin) → disabled',
    changes: [withAlice({ lifecycle: 'softDeleted' })],
    expected: [disabled()],
  },
  {
    title: 'A8 accountEnabled=false → disabled',
    changes: [withAlice({}, { accountEnabled: false })],
    expected: [disabled()],
  },
  {
    title: 'A8 out of the scoping filter → disabled',
    app: (app) => ({
      ...app,
      users: {
        ...app.users,
        scopingFilter: [{ clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'Sales' }] }],
      },
    }),
    changes: [withAlice({}, { department: 'Ops' })],
    // The department change rides along with the disable, as in Entra's own PATCH (A3).
    expected: [
      disabled([
        ...DISABLE,
        {
          op: 'replace',
          path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
          value: 'Ops',
        },
      ]),
    ],
  },
  {
    title: 'A4 the disable without the flag: Replace with "False"',
    app: style('entra'),
    changes: [unassign('oid-alice')],
    expected: [disabled([{ op: 'Replace', path: 'active', value: 'False' }])],
  },
  {
    title: 'A4 the disable with aadOptscim062020: a path-less replace with a boolean',
    app: style('aadOptscim062020'),
    changes: [unassign('oid-alice')],
    expected: [disabled([{ op: 'replace', value: { active: false } }])],
  },
  {
    title: 'A8 the disable carries what else changed, as Entra sends it',
    changes: [withAlice({ lifecycle: 'softDeleted' }, { displayName: 'Alice (left)' })],
    expected: [disabled([...DISABLE, { op: 'replace', path: 'displayName', value: 'Alice (left)' }])],
  },
  {
    title: 'A8 hard-deleted with Delete ticked → DELETE',
    changes: [withAlice({ lifecycle: 'hardDeleted' })],
    expected: [{ id: 'oid-alice', kind: 'delete', request: 'DELETE /Users/t1' }],
  },
  {
    title: 'A8 hard-deleted with Delete unticked → nothing is sent',
    app: userActions({ create: true, update: true, delete: false }),
    changes: [withAlice({ lifecycle: 'hardDeleted' })],
    expected: [{ id: 'oid-alice', kind: 'skip', reason: 'actionDisabled' }],
  },
  {
    title: 'A8 soft-deleted, then hard-deleted → disabled, then DELETE',
    changes: [withAlice({ lifecycle: 'softDeleted' }), withAlice({ lifecycle: 'hardDeleted' })],
    expected: [{ id: 'oid-alice', kind: 'delete', request: 'DELETE /Users/t1' }],
  },
  {
    title: 'A8 unassigned, then hard-deleted → no longer managed: no DELETE',
    changes: [unassign('oid-alice'), withAlice({ lifecycle: 'hardDeleted' })],
    expected: [{ id: 'oid-alice', kind: 'skip', reason: 'noLongerManaged' }],
  },
  {
    title: 'A8 SkipOutOfScopeDeletions: an unassigned user is left alone',
    app: (app) => ({ ...app, skipOutOfScopeDeletions: true }),
    changes: [unassign('oid-alice')],
    expected: [{ id: 'oid-alice', kind: 'skip', reason: 'skipOutOfScopeDeletions' }],
  },
  {
    title: 'A8 SkipOutOfScopeDeletions: a user out of the scoping filter is left alone',
    app: (app) => ({
      ...app,
      skipOutOfScopeDeletions: true,
      users: {
        ...app.users,
        scopingFilter: [{ clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'Sales' }] }],
      },
    }),
    changes: [withAlice({}, { department: 'Ops' })],
    expected: [{ id: 'oid-alice', kind: 'skip', reason: 'skipOutOfScopeDeletions' }],
  },
  {
    title: 'A8 a user disabled in the directory is never created',
    before: emptyTarget,
    changes: [addUser(user('oid-bob', { userPrincipalName: 'bob@contoso.com', accountEnabled: false }))],
    expected: [{ id: 'oid-bob', kind: 'skip', reason: 'outOfScope' }],
  },
  {
    title: 'A8 re-activation sets active=true, and only that',
    changes: [withAlice({}, { accountEnabled: false }), withAlice({}, { accountEnabled: true })],
    expected: [
      {
        id: 'oid-alice',
        kind: 'update',
        request: 'PATCH /Users/t1',
        operations: [{ op: 'replace', path: 'active', value: true }],
      },
    ],
  },
  {
    title: 'A8 reassigned after an unassignment: active=true again',
    changes: [unassign('oid-alice'), reassign('oid-alice')],
    expected: [
      {
        id: 'oid-alice',
        kind: 'update',
        request: 'PATCH /Users/t1',
        operations: [{ op: 'replace', path: 'active', value: true }],
      },
    ],
  },
  {
    title: 'A8 a disabled user keeps its group memberships in the target',
    before: {
      ...ALICE_ONLY,
      groups: [group('oid-team', 'Team', ['oid-alice'])],
      assignments: [assign('oid-alice'), assign('oid-team', 'Group')],
    },
    changes: [withAlice({}, { accountEnabled: false })],
    expected: [disabled(), { id: 'oid-team', kind: 'skip', reason: 'unchanged' }],
    members: { 'oid-team': ['oid-alice'] },
  },
  {
    title: 'A8 Create unticked: a new user is not created, an existing one is still updated',
    app: userActions({ create: false, update: true, delete: true }),
    changes: [(directory) => addUser(BOB)(withAlice({}, { displayName: 'Alice B' })(directory))],
    expected: [
      {
        id: 'oid-alice',
        kind: 'update',
        request: 'PATCH /Users/t1',
        operations: [{ op: 'replace', path: 'displayName', value: 'Alice B' }],
      },
      { id: 'oid-bob', kind: 'skip', reason: 'actionDisabled' },
    ],
  },
  {
    title: 'B1 assigned only: a group assignment reaches its direct members, not those of nested groups',
    before: emptyTarget,
    changes: [() => NESTED],
    expected: [
      { id: 'oid-alice', kind: 'create', request: 'POST /Users' },
      { id: 'oid-bob', kind: 'skip', reason: 'outOfScope' },
      { id: 'oid-sales', kind: 'create', request: 'POST /Groups' },
      { id: 'oid-ops', kind: 'skip', reason: 'outOfScope' },
    ],
    // The nested group is not a member in the target either (B12: no nested groups).
    members: { 'oid-sales': ['oid-alice'] },
  },
  {
    title: 'B1 sync all: an unassigned user is created',
    app: (app) => ({ ...app, scope: 'all' }),
    before: emptyTarget,
    changes: [addUser(BOB, false)],
    expected: [{ id: 'oid-bob', kind: 'create', request: 'POST /Users' }],
  },
  {
    title: 'A9 Default Access counts as an assignment (configurations after April 2020)',
    before: emptyTarget,
    changes: [() => DEFAULT_ACCESS],
    expected: [{ id: 'oid-alice', kind: 'create', request: 'POST /Users' }],
  },
  {
    title: 'A9 Default Access excluded: not effectively entitled, not created',
    app: (app) => ({ ...app, excludeDefaultAccess: true }),
    before: emptyTarget,
    changes: [() => DEFAULT_ACCESS],
    expected: [{ id: 'oid-alice', kind: 'skip', reason: 'outOfScope' }],
  },
];
