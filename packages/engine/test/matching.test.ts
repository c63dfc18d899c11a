import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type DirectoryGroup,
  MatchingInputError,
  type TargetLookup,
  compileTargetApp,
  decideMatch,
  lookUpTarget,
  newTargetApp,
  planGroup,
  planUser,
  queriesFor,
} from '@provisio/engine';
import { MATCHING_CASES, type MatchingCase } from './cases/matching.cases.js';
import { user, withMappings } from './support/cycle.js';
import { MemoryTarget } from './support/target.js';

const SCOPE = { inScope: true, detail: 'assigned' } as const;

function setUp(c: MatchingCase) {
  const objectType = c.objectType ?? 'user';
  const base = newTargetApp();
  const key = objectType === 'user' ? 'users' : 'groups';
  const mapping = base[key];
  const attributes = withMappings(mapping.attributes, c.mappings ?? []);
  const app = compileTargetApp({ ...base, [key]: { ...mapping, attributes } });
  const target = new MemoryTarget();
  for (const resource of c.existing ?? []) target.resources.set(String(resource.id ?? 'no-id'), resource);
  const group: DirectoryGroup = {
    objectId: 'oid-1',
    attributes: c.source,
    members: [],
    lifecycle: 'active',
    changeSequence: 1,
  };
  const person = user('oid-1', c.source);
  const object = objectType === 'user' ? person : group;
  const planOne = (lookups: readonly TargetLookup[]) => {
    const options = { explain: true };
    return objectType === 'user'
      ? planUser({ object: person, scope: SCOPE, lookups }, app, target.links, options)
      : planGroup({ object: group, scope: SCOPE, lookups }, app, target.links, options);
  };
  return { objectType, app, target, object, planOne };
}

describe('matching outcomes (B3)', () => {
  for (const c of MATCHING_CASES) {
    test(c.title, async () => {
      const { objectType, app, target, object, planOne } = setUp(c);
      const resourceType = objectType === 'user' ? 'User' : 'Group';
      const queries = queriesFor(objectType, { object, scope: SCOPE }, app);
      assert.deepEqual(
        queries.map((q) => q.filter),
        c.expected.queries,
      );
      const lookups = await lookUpTarget(queries, async (filter) => target.search(resourceType, filter));
      assert.deepEqual(
        lookups.map((l) => l.filter),
        c.expected.sent,
      );
      if (c.expected.outcome) assert.equal(decideMatch(queries, lookups).kind, c.expected.outcome);
      const action = planOne(lookups)!;
      const { kind, reason, targetId } = action;
      assert.deepEqual(
        { kind, reason, targetId },
        { reason: undefined, targetId: undefined, ...c.expected.action },
      );
      if (action.link) {
        // Once linked, the object is planned by its link: nothing is left to do, and no query is needed.
        target.apply([action], app.app.patchStyle);
        assert.equal(planOne([])?.reason, 'unchanged');
      }
    });
  }

  test('decideMatch refuses lookups that skip a query the decision needs', () => {
    const queries = [
      { attribute: 'userName', value: 'a', filter: 'userName eq "a"' },
      { attribute: 'externalId', value: 'a', filter: 'externalId eq "a"' },
    ];
    assert.throws(
      () => decideMatch(queries, [{ filter: 'userName eq "a"', resources: [] }]),
      (error: unknown) =>
        error instanceof MatchingInputError &&
        error.message === 'the target was not queried with externalId eq "a"',
    );
  });
});
