import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type AppRoleAssignment,
  type Application,
  type DirectoryGroup,
  type DirectoryUser,
  type DirectoryValue,
  type ScopeSettings,
  checkScopingFilter,
  decideGroupScope,
  decideUserScope,
  evaluateClause,
  evaluateScopingFilter,
  indexAssignments,
} from '@provisio/engine';
import { CLAUSE_CASES } from './cases/scoping.cases.js';

describe('scoping filter clauses', () => {
  for (const { title, clause, value, expected } of CLAUSE_CASES) {
    test(title, () => {
      assert.deepEqual(checkScopingFilter([{ clauses: [clause] }], 'filter'), []);
      assert.equal(evaluateClause(clause, value), expected);
    });
  }
});

describe('scoping filter groups (B2: AND within a group, OR across groups)', () => {
  const groups = [
    {
      name: 'Sales in NY',
      clauses: [
        { attribute: 'department', operator: 'EQUALS', value: 'Sales' },
        { attribute: 'state', operator: 'EQUALS', value: 'NY' },
      ],
    },
    { name: 'Managers', clauses: [{ attribute: 'jobTitle', operator: 'Includes', value: 'Manager' }] },
  ] as const;
  const cases: { attributes: Record<string, DirectoryValue>; inScope: boolean }[] = [
    { attributes: { department: 'Sales', state: 'NY' }, inScope: true },
    { attributes: { department: 'Sales', state: 'WA' }, inScope: false },
    { attributes: { department: 'Ops', jobTitle: 'Ops Manager' }, inScope: true },
    { attributes: { department: 'Sales', state: null }, inScope: false },
    { attributes: {}, inScope: false },
  ];
  for (const { attributes, inScope } of cases) {
    test(`${JSON.stringify(attributes)} → ${inScope}`, () => {
      const result = evaluateScopingFilter(groups, attributes);
      assert.equal(result.inScope, inScope);
      if (!inScope)
        assert.match(
          result.detail,
          /Sales in NY: .* is false; Managers: jobTitle Includes "Manager" is false/,
        );
    });
  }
  test('no filter groups: everything is in scope', () => {
    assert.equal(evaluateScopingFilter([], {}).inScope, true);
  });
});

describe('scoping filter validation', () => {
  const cases = [
    { clause: { attribute: 'department', operator: 'LIKE', value: 'x' }, problem: /unknown operator "LIKE"/ },
    { clause: { attribute: 'department', operator: 'EQUALS' }, problem: /EQUALS needs a value/ },
    {
      clause: { attribute: 'department', operator: 'IS NULL', value: 'x' },
      problem: /IS NULL takes no value/,
    },
    {
      clause: { attribute: 'employeeId', operator: 'Greater_Than', value: '1.5' },
      problem: /compares integers/,
    },
    {
      clause: { attribute: 'department', operator: 'REGEX MATCH', value: '(' },
      problem: /invalid regular expression/,
    },
    { clause: { attribute: 'manager', operator: 'IS NOT NULL' }, problem: /"manager" cannot be used/ },
  ];
  for (const { clause, problem } of cases) {
    test(`${clause.operator} ${clause.value ?? ''} is refused`, () => {
      const problems = checkScopingFilter([{ clauses: [clause as never] }], 'users.scopingFilter');
      assert.equal(problems.length, 1);
      assert.match(problems[0]!, /^users\.scopingFilter\[0\]\.clauses\[0\]: /);
      assert.match(problems[0]!, problem);
    });
  }
  test('an empty filter group is refused', () => {
    assert.deepEqual(checkScopingFilter([{ clauses: [] }], 'f'), [
      'f[0]: a filter group needs at least one clause',
    ]);
  });
});

describe('assignment scope (B1, A8, A9)', () => {
  const app: Application = {
    id: 'app',
    name: 'Promapp',
    appRoles: [
      { id: 'default', value: '', displayName: 'Default Access', isDefaultAccess: true },
      { id: 'admin', value: 'Admin', displayName: 'Admin', isDefaultAccess: false },
    ],
  };
  const user = (objectId: string, extra: Partial<DirectoryUser> = {}): DirectoryUser => ({
    objectId,
    attributes: { userPrincipalName: `${objectId}@contoso.com`, accountEnabled: true },
    lifecycle: 'active',
    changeSequence: 1,
    ...extra,
  });
  const group = (objectId: string, userIds: string[], groupIds: string[] = []): DirectoryGroup => ({
    objectId,
    attributes: { displayName: objectId },
    members: [
      ...userIds.map((id) => ({ objectId: id, objectType: 'User' as const })),
      ...groupIds.map((id) => ({ objectId: id, objectType: 'Group' as const })),
    ],
    lifecycle: 'active',
    changeSequence: 1,
  });
  const assign = (
    principalId: string,
    principalType: 'User' | 'Group',
    appRoleId: string,
  ): AppRoleAssignment => ({
    id: `${principalId}-${appRoleId}`,
    applicationId: 'app',
    principalId,
    principalType,
    appRoleId,
    changeSequence: 1,
  });
  const groups = new Map([
    ['sales', group('sales', ['u-member'], ['nested'])],
    ['nested', group('nested', ['u-nested'])],
    ['default-group', group('default-group', ['u-default-member'])],
  ]);
  const assignments = [
    assign('u-direct', 'User', 'admin'),
    assign('sales', 'Group', 'admin'),
    assign('u-default', 'User', 'default'),
    assign('default-group', 'Group', 'default'),
    { ...assign('u-other-app', 'User', 'admin'), applicationId: 'other' },
  ];
  const settings = (
    excludeDefaultAccess: boolean,
    mode: ScopeSettings['mode'] = 'assignedOnly',
  ): ScopeSettings => ({
    mode,
    assignments: indexAssignments(app, assignments, groups, excludeDefaultAccess),
    scopingFilter: [],
  });
  const cases: { title: string; user: DirectoryUser; exclude?: boolean; mode?: 'all'; reason?: string }[] = [
    { title: 'directly assigned', user: user('u-direct') },
    { title: 'direct member of an assigned group', user: user('u-member') },
    {
      title: 'member of a nested group is not in scope (no nesting)',
      user: user('u-nested'),
      reason: 'notAssigned',
    },
    { title: 'not assigned', user: user('u-none'), reason: 'notAssigned' },
    { title: 'assigned to another application only', user: user('u-other-app'), reason: 'notAssigned' },
    { title: 'Default Access counts like any role by default (A9)', user: user('u-default') },
    {
      title: 'Default Access excluded when the admin says so',
      user: user('u-default'),
      exclude: true,
      reason: 'notAssigned',
    },
    {
      title: 'Default Access group excluded too',
      user: user('u-default-member'),
      exclude: true,
      reason: 'notAssigned',
    },
    { title: 'scope "all" takes unassigned users', user: user('u-none'), mode: 'all' },
    {
      title: 'accountEnabled=false is out of scope (A8)',
      user: user('u-direct', { attributes: { accountEnabled: false } }),
      reason: 'disabled',
    },
    {
      title: 'soft-deleted is out of scope',
      user: user('u-direct', { lifecycle: 'softDeleted' }),
      reason: 'softDeleted',
    },
    { title: 'hard-deleted', user: user('u-direct', { lifecycle: 'hardDeleted' }), reason: 'hardDeleted' },
  ];
  for (const c of cases) {
    test(c.title, () => {
      const decision = decideUserScope(c.user, settings(c.exclude ?? false, c.mode));
      assert.equal(decision.inScope, c.reason === undefined);
      assert.equal(decision.reason, c.reason);
    });
  }
  test("the index: direct user members only, roles per user, removed and other apps' assignments ignored", () => {
    const removed = { ...assign('u-removed', 'User', 'admin'), removed: true };
    const index = indexAssignments(app, [...assignments, removed], groups, false);
    assert.deepEqual(
      [...index.users].sort(),
      ['u-default', 'u-default-member', 'u-direct', 'u-member'],
      'no group ids, nobody through nesting',
    );
    assert.deepEqual([...index.groups].sort(), ['default-group', 'sales']);
    const roles = new Map(
      [...index.appRoleAssignments].map(([id, values]) => [id, values.map((v) => v.value)]),
    );
    assert.deepEqual(
      roles,
      new Map([
        ['u-direct', ['Admin']],
        ['u-default', ['']],
        ['u-member', ['Admin']],
        ['u-default-member', ['']],
      ]),
    );
    assert.deepEqual(index.appRoleAssignments.get('u-direct'), [
      {
        kind: 'appRoleAssignment',
        id: 'u-direct-admin',
        appRoleId: 'admin',
        value: 'Admin',
        displayName: 'Admin',
        isDefaultAccess: false,
      },
    ]);
  });
  test('groups: assigned ones are in scope, others not; the scoping filter applies', () => {
    const s = settings(false);
    assert.equal(decideGroupScope(groups.get('sales')!, s).inScope, true);
    assert.equal(decideGroupScope(groups.get('nested')!, s).reason, 'notAssigned');
    const filtered = {
      ...s,
      scopingFilter: [{ clauses: [{ attribute: 'displayName', operator: 'EQUALS' as const, value: 'x' }] }],
    };
    assert.equal(decideGroupScope(groups.get('sales')!, filtered).reason, 'scopingFilter');
  });
});
