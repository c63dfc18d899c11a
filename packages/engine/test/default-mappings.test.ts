import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_GROUP_MAPPINGS,
  DEFAULT_USER_MAPPINGS,
  type DirectoryValue,
  compileTargetApp,
  newTargetApp,
} from '@provisio/engine';
import { ENTERPRISE_USER_SCHEMA as E } from '@provisio/scim-core';
import {
  DEFAULT_USER_CASES,
  FULL_USER,
  FULL_USER_BODY,
  GROUP_BODY,
  type Json,
  REQUIRED_USER,
  REQUIRED_USER_BODY,
} from './cases/default-mappings.cases.js';
import { APPLICATION, type Directory, assign, group, plan, user } from './support/cycle.js';
import { MemoryTarget } from './support/target.js';

/** A7 as a new target has it, spelled as Entra spells its requests (A3). */
const app = compileTargetApp({ ...newTargetApp(), patchStyle: 'entra' });
const directory = (users: Directory['users'], groups: Directory['groups'] = []): Directory => ({
  application: APPLICATION,
  users,
  groups,
  assignments: [...users, ...groups].map((o) => assign(o.objectId, 'members' in o ? 'Group' : 'User')),
});

/** Paths in `body` holding null or an empty string: B3 never sends those. */
function emptyValues(value: unknown, path = ''): string[] {
  if (value === null || value === '') return [path];
  if (typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => emptyValues(item, `${path}.${key}`));
}

function createBody(source: Readonly<Record<string, DirectoryValue>>): Json {
  const actions = plan(app, directory([user('oid-alice', source)]), new MemoryTarget());
  assert.deepEqual(
    actions.map((a) => [a.kind, a.request?.method]),
    [['create', 'POST']],
  );
  const body = actions[0]!.request!.body!;
  assert.deepEqual(emptyValues(body), [], 'nothing null or empty is sent');
  return body;
}

describe('A7 default user mappings → the POST body (A3)', () => {
  test('the rows cover every A7 user mapping, each once', () => {
    const covered = DEFAULT_USER_CASES.flatMap((c) => c.targets);
    assert.deepEqual([...covered].sort(), DEFAULT_USER_MAPPINGS.map((m) => m.target).sort());
  });

  for (const c of DEFAULT_USER_CASES) {
    test(`${c.targets.join(', ')} ← ${Object.keys(c.source).join(', ') || 'only userPrincipalName'}`, () => {
      assert.deepEqual(createBody({ ...REQUIRED_USER, ...c.source }), { ...REQUIRED_USER_BODY, ...c.adds });
    });
  }

  test('a user with every source attribute: the whole body', () => {
    assert.deepEqual(createBody(FULL_USER), FULL_USER_BODY);
  });

  test('manager ← manager: a PATCH once both users are linked, never in the POST', () => {
    const boss = user('oid-boss', { userPrincipalName: 'boss@contoso.com' });
    const alice = user('oid-alice', { ...REQUIRED_USER, manager: 'oid-boss' });
    const target = new MemoryTarget();
    const first = plan(app, directory([boss, alice]), target);
    assert.deepEqual(first[1]!.request!.body, REQUIRED_USER_BODY);
    target.apply(first, 'entra');
    const bossId = target.users.get('oid-boss')!.targetId;
    const [second, ...rest] = plan(app, directory([boss, alice]), target);
    assert.deepEqual(rest, []);
    assert.deepEqual(second!.request, {
      method: 'PATCH',
      path: `/Users/${target.users.get('oid-alice')!.targetId}`,
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'Add', path: `${E}:manager`, value: bossId }],
      },
    });
  });
});

describe('A7 default group mappings (A3)', () => {
  test('displayName and externalId ← objectId in the POST; members ← members as a PATCH after', () => {
    assert.deepEqual(
      DEFAULT_GROUP_MAPPINGS.map((m) => m.target),
      ['displayName', 'externalId', 'members'],
    );
    const alice = user('oid-alice', REQUIRED_USER);
    const sales = group('oid-sales', 'Sales', ['oid-alice']);
    const target = new MemoryTarget();
    const first = plan(app, directory([alice], [sales]), target);
    assert.deepEqual(
      first.map((a) => [a.kind, a.objectType]),
      [
        ['create', 'user'],
        ['create', 'group'],
      ],
    );
    assert.deepEqual(first[1]!.request, { method: 'POST', path: '/Groups', body: GROUP_BODY });
    target.apply(first, 'entra');
    const [members, ...rest] = plan(app, directory([alice], [sales]), target);
    assert.deepEqual(rest, []);
    assert.deepEqual(members!.request!.body!.Operations, [
      { op: 'Add', path: 'members', value: [{ value: target.users.get('oid-alice')!.targetId }] },
    ]);
  });
});
