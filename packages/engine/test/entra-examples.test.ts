import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Action, compileTargetApp, newTargetApp } from '@provisio/engine';
import { ALICE_ONLY, ENTRA_EXAMPLE_CASES, type ExpectedAction } from './cases/entra-examples.cases.js';
import { converge, plan } from './support/cycle.js';
import { MemoryTarget } from './support/target.js';

const summary = (action: Action): ExpectedAction => ({
  id: action.sourceId,
  kind: action.kind,
  ...(action.reason ? { reason: action.reason } : {}),
  ...(action.request ? { request: `${action.request.method} ${action.request.path}` } : {}),
  ...(action.request?.method === 'PATCH' ? { operations: action.request.body!.Operations as unknown[] } : {}),
});

for (const c of ENTRA_EXAMPLE_CASES) {
  test(c.title, () => {
    const target = new MemoryTarget();
    let directory = c.before ?? ALICE_ONLY;
    converge(compileTargetApp(newTargetApp()), directory, target);
    const app = compileTargetApp((c.app ?? ((a) => a))(newTargetApp()));
    c.changes.forEach((change, step) => {
      directory = change(directory);
      if (step < c.changes.length - 1) converge(app, directory, target);
    });
    const actions = plan(app, directory, target, { explain: true });
    assert.deepEqual(actions.map(summary), c.expected);
    // What was planned can be sent as it is, and leaves the target where the directory says.
    target.apply(actions, app.app.patchStyle);
    assert.ok(converge(app, directory, target) <= 1);
    for (const [groupId, memberIds] of Object.entries(c.members ?? {})) {
      const resource = target.resources.get(target.groups.get(groupId)!.targetId)!;
      const targetIds = memberIds.map((id) => ({ value: target.users.get(id)!.targetId }));
      assert.deepEqual(resource.members, targetIds);
    }
  });
}
