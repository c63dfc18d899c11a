// Property tests of the planner over random directories, executed against an in-memory SCIM target driven
// by scim-core: plans converge (applying a plan, then planning again, leaves nothing to do once references
// are linked), and in "assigned only" mode nothing out of scope is ever created or updated.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type Action,
  type DirectoryUser,
  type PatchStyle,
  compileTargetApp,
  decideUserScope,
  indexAssignments,
  newTargetApp,
} from '@provisio/engine';
import fc from 'fast-check';
import { APPLICATION, type Directory, assign, converge, group, plan, user } from './support/cycle.js';
import { MemoryTarget } from './support/target.js';

const ids = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
const text = fc.constantFrom(null, '', 'Sales', 'Ops', 'Zoë', 'a b');

const userArb = (objectId: string) =>
  fc
    .record({
      givenName: text,
      surname: text,
      department: text,
      mail: fc.constantFrom(null, `${objectId}@contoso.com`, `${objectId}@fabrikam.com`),
      manager: fc.constantFrom(null, ...ids),
      accountEnabled: fc.boolean(),
      lifecycle: fc.constantFrom('active', 'active', 'active', 'softDeleted', 'hardDeleted'),
    })
    .map(({ lifecycle, ...attributes }) =>
      user(
        objectId,
        { userPrincipalName: `${objectId}@contoso.com`, ...attributes },
        { lifecycle: lifecycle as DirectoryUser['lifecycle'] },
      ),
    );

const directoryArb: fc.Arbitrary<Directory> = fc
  .record({
    users: fc.tuple(...ids.map(userArb)),
    assigned: fc.subarray(ids),
    members: fc.subarray(ids),
    groupAssigned: fc.boolean(),
    defaultAccess: fc.subarray(ids),
  })
  .map(({ users, assigned, members, groupAssigned, defaultAccess }) => ({
    application: APPLICATION,
    users,
    groups: [group('g1', 'Team', members)],
    assignments: [
      ...assigned.map((id) => assign(id, 'User', defaultAccess.includes(id) ? 'default' : 'user')),
      ...(groupAssigned ? [assign('g1', 'Group')] : []),
    ],
  }));

const configArb = fc.record({
  patchStyle: fc.constantFrom<PatchStyle>('rfc7644', 'entra', 'aadOptscim062020'),
  excludeDefaultAccess: fc.boolean(),
  skipOutOfScopeDeletions: fc.boolean(),
});

const WRITES: ReadonlySet<Action['kind']> = new Set(['create', 'update', 'disable', 'delete']);

function checkScope(
  app: ReturnType<typeof compileTargetApp>,
  directory: Directory,
  target: MemoryTarget,
  actions: readonly Action[],
): void {
  const groups = new Map(directory.groups.map((g) => [g.objectId, g]));
  const assignments = indexAssignments(
    directory.application,
    directory.assignments,
    groups,
    app.app.excludeDefaultAccess,
  );
  for (const action of actions.filter((a) => a.objectType === 'user' && WRITES.has(a.kind))) {
    const object = directory.users.find((u) => u.objectId === action.sourceId)!;
    const scope = decideUserScope(object, { mode: 'assignedOnly', assignments, scopingFilter: [] });
    if (scope.inScope) continue;
    assert.ok(
      action.kind === 'disable' || action.kind === 'delete',
      `${action.kind} of out-of-scope ${action.sourceId}`,
    );
    assert.ok(
      target.users.has(action.sourceId),
      `deprovisioning of ${action.sourceId}, which was never provisioned`,
    );
  }
}

test('plans converge: a applied plan leaves nothing to do, before and after directory changes', () => {
  fc.assert(
    fc.property(configArb, directoryArb, directoryArb, (config, before, after) => {
      const app = compileTargetApp({ ...newTargetApp(), ...config });
      const target = new MemoryTarget();
      // Users first, then a second pass once they are linked (manager, members): B5.
      const inspect = (actions: readonly Action[]) => checkScope(app, before, target, actions);
      assert.ok(converge(app, before, target, inspect) <= 3);
      assert.deepEqual(plan(app, before, target), []);
      converge(app, after, target, (actions) => checkScope(app, after, target, actions));
      assert.deepEqual(plan(app, after, target), []);
      for (const link of target.users.values()) {
        if (link.outOfScope) continue;
        const resource = target.resources.get(link.targetId)!;
        assert.equal(resource.userName, `${link.sourceId}@contoso.com`);
      }
    }),
    { numRuns: 150 },
  );
});
