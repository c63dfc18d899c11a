import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type Action,
  type Application,
  type AttributeMapping,
  DEFAULT_USER_MAPPINGS,
  type PatchStyle,
  compileTargetApp,
  newTargetApp,
} from '@provisio/engine';
import { APP_ROLES_CASES } from './cases/app-roles.cases.js';
import { type Directory, assign, converge, plan, user } from './support/cycle.js';
import { MemoryTarget } from './support/target.js';

const APPLICATION: Application = {
  id: 'app',
  name: 'Proware',
  appRoles: [
    { id: 'default', value: '', displayName: 'Default Access', isDefaultAccess: true },
    { id: 'admin', value: 'Admin', displayName: 'Administrator', isDefaultAccess: false },
    { id: 'reader', value: 'Reader', displayName: 'Reader', isDefaultAccess: false },
  ],
};

const ALICE = user('oid-alice', { userPrincipalName: 'alice@contoso.com', mailNickname: 'alice' });
const BOB = user('oid-bob', { userPrincipalName: 'bob@contoso.com', mailNickname: 'bob' });

/** A7's direct mappings plus the role mappings. */
function appWith(mappings: readonly AttributeMapping[], patchStyle: PatchStyle = 'rfc7644') {
  const base = newTargetApp();
  const direct = DEFAULT_USER_MAPPINGS.filter((m) => m.source.kind !== 'expression');
  return compileTargetApp({
    ...base,
    patchStyle,
    users: { ...base.users, attributes: [...direct, ...mappings] },
  });
}

const ofAlice = (actions: readonly Action[]) => actions.filter((a) => a.sourceId === 'oid-alice');
const operations = (action: Action | undefined) =>
  (action?.request?.body as { Operations?: unknown[] } | undefined)?.Operations ?? [];
const rolesHeld = (target: MemoryTarget) =>
  target.resources.get(target.users.get('oid-alice')!.targetId)!.roles;

describe('app roles in mappings (B1)', () => {
  for (const c of APP_ROLES_CASES) {
    test(c.title, () => {
      const app = appWith(c.mappings, c.style);
      const directory = (assignments: Directory['assignments']): Directory => ({
        application: APPLICATION,
        users: [ALICE, BOB],
        groups: c.groups ?? [],
        assignments,
      });
      const target = new MemoryTarget();
      const first = plan(app, directory(c.assignments), target);
      const [create] = ofAlice(first);
      assert.equal(create?.kind, 'create');
      assert.deepEqual(create.request!.body!.roles, c.created);
      assert.equal(
        first.some((a) => a.sourceId === 'oid-bob'),
        false,
        'a member of a nested group is not in scope',
      );
      converge(app, directory(c.assignments), target);
      if (!c.next) return;
      const next = plan(app, directory(c.next.assignments), target);
      const [update] = ofAlice(next);
      assert.deepEqual(operations(update), c.next.operations);
      target.apply(next, app.app.patchStyle);
      assert.deepEqual(rolesHeld(target), c.next.held);
      assert.deepEqual(ofAlice(plan(app, directory(c.next.assignments), target)), [], 'converged');
    });
  }

  test('a matched user: AppRoleAssignmentsComplex adds only the roles the target lacks', () => {
    const app = appWith([
      {
        target: 'roles',
        source: { kind: 'expression', expression: 'AppRoleAssignmentsComplex([appRoleAssignments])' },
        flow: 'always',
      },
    ]);
    const target = new MemoryTarget();
    const admin = {
      primary: 'False',
      type: 'WindowsAzureActiveDirectoryRole',
      display: 'Administrator',
      value: 'Admin',
    };
    target.resources.set('existing', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: 'existing',
      userName: 'alice@contoso.com',
      roles: [admin],
    });
    const directory: Directory = {
      application: APPLICATION,
      users: [ALICE],
      groups: [],
      assignments: [
        assign('oid-alice', 'User', 'admin'),
        { ...assign('oid-alice', 'User', 'reader'), id: 'r' },
      ],
    };
    const [update] = plan(app, directory, target);
    assert.equal(update?.kind, 'update');
    const reader = {
      primary: false,
      type: 'WindowsAzureActiveDirectoryRole',
      display: 'Reader',
      value: 'Reader',
    };
    const roleOps = operations(update).filter((op) => (op as { path?: string }).path === 'roles');
    assert.deepEqual(roleOps, [{ op: 'add', path: 'roles', value: [reader] }]);
    assert.deepEqual(
      update!.modifiedProperties.find((p) => p.name === 'roles'),
      { name: 'roles', old: [{ ...admin, primary: false }], new: [{ ...admin, primary: false }, reader] },
    );
  });
});
