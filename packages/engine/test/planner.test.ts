import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type Action,
  DEFAULT_USER_MAPPINGS,
  type PatchStyle,
  type TargetApp,
  compileTargetApp,
  newTargetApp,
} from '@provisio/engine';
import { ENTERPRISE_USER_SCHEMA as E, GROUP_SCHEMA, USER_SCHEMA as U } from '@provisio/scim-core';
import { APPLICATION, type Directory, assign, converge, group, plan, user } from './support/cycle.js';
import { MemoryTarget } from './support/target.js';

/** A7 without its two expression mappings: what works without the expression language. */
const DIRECT_ONLY = DEFAULT_USER_MAPPINGS.filter((m) => m.source.kind !== 'expression');
const directApp = (changes: Partial<TargetApp> = {}) => {
  const base = newTargetApp();
  return compileTargetApp({ ...base, users: { ...base.users, attributes: DIRECT_ONLY }, ...changes });
};

/** Alice of A3's create body, as the directory holds her. */
const ALICE = user('oid-alice', {
  userPrincipalName: 'alice@contoso.com',
  mailNickname: 'alice',
  displayName: 'Alice A',
  mail: 'alice@contoso.com',
  givenName: 'Alice',
  surname: 'A',
  employeeId: '42',
  department: 'Ops',
});

const directory = (users = [ALICE], extra: Partial<Directory> = {}): Directory => ({
  application: APPLICATION,
  users,
  groups: [],
  assignments: users.map((u) => assign(u.objectId)),
  ...extra,
});

const only = (actions: readonly Action[]) => {
  assert.equal(actions.length, 1, JSON.stringify(actions, null, 1));
  return actions[0]!;
};
const byPath = (ops: unknown) =>
  [...(ops as { path?: string }[])].sort((a, b) => (a.path ?? '').localeCompare(b.path ?? ''));

describe('A7 defaults produce A3 bodies', () => {
  test('create user: the A3 body exactly (entra style)', () => {
    const app = compileTargetApp({ ...newTargetApp(), patchStyle: 'entra' });
    const action = only(plan(app, directory(), new MemoryTarget()));
    assert.equal(action.kind, 'create');
    assert.deepEqual(action.request, {
      method: 'POST',
      path: '/Users',
      body: {
        schemas: [U, E],
        externalId: 'alice',
        userName: 'alice@contoso.com',
        active: true,
        displayName: 'Alice A',
        emails: [{ primary: true, type: 'work', value: 'alice@contoso.com' }],
        name: { givenName: 'Alice', familyName: 'A', formatted: 'Alice A' },
        meta: { resourceType: 'User' },
        roles: [],
        [E]: { employeeNumber: '42', department: 'Ops' },
      },
    });
  });

  for (const [style, expected] of [
    [
      'entra',
      [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@contoso.com' },
        { op: 'Replace', path: 'name.familyName', value: 'Smith' },
        { op: 'Add', path: 'nickName', value: 'Al' },
        { op: 'Replace', path: `${E}:employeeNumber`, value: '43' },
        { op: 'Replace', path: 'active', value: 'False' },
        { op: 'Replace', path: 'name.formatted', value: 'Alice Smith' },
      ],
    ],
    [
      'aadOptscim062020',
      [
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'new@contoso.com' },
        { op: 'add', path: 'nickName', value: 'Al' },
        {
          op: 'replace',
          value: {
            active: false,
            'name.familyName': 'Smith',
            'name.formatted': 'Alice Smith',
            [`${E}:employeeNumber`]: '43',
          },
        },
      ],
    ],
  ] as const) {
    test(`A3/A4 user PATCH (${style}): only what changed, in that dialect`, () => {
      const base = newTargetApp();
      const nickName = {
        target: 'nickName',
        source: { kind: 'direct', attribute: 'extension_0123456789abcdef0123456789abcdef_nickName' },
        flow: 'always',
      } as const;
      const config = {
        ...base,
        patchStyle: style as PatchStyle,
        users: { ...base.users, attributes: [...base.users.attributes, nickName] },
      };
      const app = compileTargetApp(config);
      const target = new MemoryTarget();
      target.apply(plan(app, directory(), target), style);
      const changed = user('oid-alice', {
        ...ALICE.attributes,
        mail: 'new@contoso.com',
        surname: 'Smith',
        extension_0123456789abcdef0123456789abcdef_nickName: 'Al',
        employeeId: '43',
        accountEnabled: false,
      });
      const action = only(plan(app, directory([changed]), target));
      assert.equal(action.kind, 'disable');
      const body = action.request!.body as { Operations: unknown[] };
      // A PATCH's operations touch different paths, so their order carries no meaning.
      assert.deepEqual(byPath(body.Operations), byPath(expected));
      target.apply([action], style);
      assert.deepEqual(plan(app, directory([changed]), target), []);
    });
  }
});

describe('planner decisions', () => {
  test('create in rfc7644 style: no meta, no roles, work email primary', () => {
    const action = only(plan(directApp(), directory(), new MemoryTarget()));
    assert.equal(action.kind, 'create');
    const body = action.request!.body!;
    assert.equal(body.meta, undefined);
    assert.equal(body.roles, undefined);
    assert.deepEqual(body.emails, [{ primary: true, type: 'work', value: 'alice@contoso.com' }]);
    assert.deepEqual(
      action.steps.map((s) => s.type),
      ['import', 'scoping', 'matching', 'processing', 'export'],
    );
    assert.deepEqual(
      action.modifiedProperties.find((p) => p.name === 'userName'),
      {
        name: 'userName',
        old: null,
        new: 'alice@contoso.com',
      },
    );
  });

  test('an unchanged linked user plans nothing; with explain, a skip saying so', () => {
    const app = directApp();
    const target = new MemoryTarget();
    target.apply(plan(app, directory(), target), 'rfc7644');
    assert.deepEqual(plan(app, directory(), target), []);
    const explained = only(plan(app, directory(), target, { explain: true }));
    assert.equal(explained.kind, 'skip');
    assert.equal(explained.reason, 'unchanged');
  });

  test('rfc7644 adds a new multi-valued element whole, then replaces its sub-attributes', () => {
    const app = directApp();
    const target = new MemoryTarget();
    target.apply(plan(app, directory(), target), 'rfc7644');
    const moved = user('oid-alice', { ...ALICE.attributes, city: 'Oslo', country: 'NO', mobile: '+47 1' });
    const action = only(plan(app, directory([moved]), target));
    assert.deepEqual(
      byPath((action.request!.body as { Operations: unknown[] }).Operations),
      byPath([
        { op: 'add', path: 'addresses', value: [{ type: 'work', locality: 'Oslo', country: 'NO' }] },
        { op: 'add', path: 'phoneNumbers', value: [{ type: 'mobile', value: '+47 1' }] },
      ]),
    );
    target.apply([action], 'rfc7644');
    const again = user('oid-alice', { ...moved.attributes, city: 'Bergen' });
    const next = only(plan(app, directory([again]), target));
    assert.deepEqual((next.request!.body as { Operations: unknown[] }).Operations, [
      { op: 'replace', path: 'addresses[type eq "work"].locality', value: 'Bergen' },
    ]);
  });

  test('Create unticked: nothing is created; Update unticked: nothing is updated', () => {
    const actions = { create: false, update: true, delete: true };
    const noCreate = directApp({ users: { ...newTargetApp().users, attributes: DIRECT_ONLY, actions } });
    assert.deepEqual(plan(noCreate, directory(), new MemoryTarget()), []);
    const target = new MemoryTarget();
    target.apply(plan(directApp(), directory(), target), 'rfc7644');
    const noUpdate = directApp({
      users: {
        ...newTargetApp().users,
        attributes: DIRECT_ONLY,
        actions: { ...actions, create: true, update: false },
      },
    });
    const changed = user('oid-alice', { ...ALICE.attributes, displayName: 'Alice B' });
    assert.deepEqual(plan(noUpdate, directory([changed]), target), []);
  });

  test('default value on create only; creation-only mappings are not updated', () => {
    const base = newTargetApp();
    const attributes = [
      ...DIRECT_ONLY.filter((m) => m.target !== 'title'),
      {
        target: 'title',
        source: { kind: 'direct', attribute: 'jobTitle' },
        flow: 'always',
        defaultValue: 'Staff',
      } as const,
      { target: 'nickName', source: { kind: 'constant', value: 'new hire' }, flow: 'creationOnly' } as const,
    ];
    const app = compileTargetApp({ ...base, users: { ...base.users, attributes } });
    const target = new MemoryTarget();
    const create = only(plan(app, directory(), target));
    assert.equal(create.request!.body!.title, 'Staff');
    assert.equal(create.request!.body!.nickName, 'new hire');
    target.apply([create], 'rfc7644');
    // The default never overwrites on update, and the source's null is not sent (B3).
    assert.deepEqual(plan(app, directory(), target), []);
    const titled = user('oid-alice', { ...ALICE.attributes, jobTitle: 'CEO' });
    const update = only(plan(app, directory([titled]), target));
    assert.deepEqual((update.request!.body as { Operations: unknown[] }).Operations, [
      { op: 'replace', path: 'title', value: 'CEO' },
    ]);
  });
});

describe('references: manager and group members', () => {
  const BOB = user('oid-bob', { userPrincipalName: 'bob@contoso.com', manager: 'oid-alice' });
  for (const style of ['rfc7644', 'entra', 'aadOptscim062020'] as const) {
    test(`manager and members go out as PATCH once linked (${style})`, () => {
      const app = directApp({ patchStyle: style });
      const sales = group('oid-sales', 'Sales', ['oid-alice', 'oid-bob']);
      const dir = directory([ALICE, BOB], {
        groups: [sales],
        assignments: [assign('oid-alice'), assign('oid-bob'), assign('oid-sales', 'Group')],
      });
      const target = new MemoryTarget();
      const first = plan(app, dir, target);
      assert.deepEqual(
        first.map((a) => [a.kind, a.objectType]),
        [
          ['create', 'user'],
          ['create', 'user'],
          ['create', 'group'],
        ],
      );
      const groupBody = first[2]!.request!.body!;
      assert.equal(groupBody.members, undefined, 'groups are created empty (A3)');
      assert.deepEqual(groupBody.schemas, [GROUP_SCHEMA]);
      assert.equal(groupBody.externalId, 'oid-sales');
      assert.equal(first[1]!.request!.body![E], undefined, 'no manager in a POST');
      target.apply(first, style);
      const second = plan(app, dir, target);
      assert.deepEqual(
        second.map((a) => [a.kind, a.objectType]),
        [
          ['update', 'user'],
          ['update', 'group'],
        ],
      );
      const managerOp = (second[0]!.request!.body as { Operations: unknown[] }).Operations;
      assert.deepEqual(managerOp, [
        style === 'rfc7644'
          ? { op: 'add', path: `${E}:manager`, value: { value: 't1' } }
          : { op: style === 'entra' ? 'Add' : 'add', path: `${E}:manager`, value: 't1' },
      ]);
      assert.deepEqual((second[1]!.request!.body as { Operations: unknown[] }).Operations, [
        { op: style === 'entra' ? 'Add' : 'add', path: 'members', value: [{ value: 't1' }, { value: 't2' }] },
      ]);
      target.apply(second, style);
      assert.deepEqual(target.resources.get('t3')!.members, [{ value: 't1' }, { value: 't2' }]);
      assert.deepEqual(plan(app, dir, target), []);
      const smaller = { ...dir, groups: [group('oid-sales', 'Sales', ['oid-alice'])] };
      const removal = only(plan(app, smaller, target));
      assert.deepEqual((removal.request!.body as { Operations: unknown[] }).Operations, [
        style === 'entra'
          ? { op: 'Remove', path: 'members', value: [{ value: 't2' }] }
          : { op: 'remove', path: 'members[value eq "t2"]' },
      ]);
      target.apply([removal], style);
      assert.deepEqual(target.resources.get('t3')!.members, [{ value: 't1' }]);
      assert.deepEqual(plan(app, smaller, target), []);
    });
  }

  test('a nested group is never sent as a member, even provisioned: a skipped step, no warning', () => {
    const app = directApp();
    const sales = group('oid-sales', 'Sales', ['oid-alice'], ['oid-ops']);
    const dir = directory([ALICE], {
      groups: [sales, group('oid-ops', 'Ops', [])],
      assignments: [assign('oid-alice'), assign('oid-sales', 'Group'), assign('oid-ops', 'Group')],
    });
    const target = new MemoryTarget();
    converge(app, dir, target);
    const salesId = target.groups.get('oid-sales')!.targetId;
    assert.deepEqual(target.resources.get(salesId)!.members, [
      { value: target.users.get('oid-alice')!.targetId },
    ]);
    const explained = plan(app, dir, target, { explain: true }).find((a) => a.sourceId === 'oid-sales')!;
    assert.equal(explained.reason, 'unchanged');
    assert.deepEqual(
      explained.steps.filter((s) => s.type === 'referenceResolution'),
      [
        {
          type: 'referenceResolution',
          status: 'skipped',
          description: 'members: nested groups are not provisioned as members: oid-ops',
        },
      ],
    );
  });

  test('a manager not provisioned yet is a referenceResolution warning, not a failure', () => {
    const target = new MemoryTarget();
    const actions = plan(directApp(), directory([BOB, ALICE]), target);
    const bob = actions.find((a) => a.sourceId === 'oid-bob')!;
    assert.equal(bob.kind, 'create');
    assert.deepEqual(
      bob.steps.find((s) => s.type === 'referenceResolution'),
      {
        type: 'referenceResolution',
        status: 'warning',
        description: `${E}:manager: not provisioned yet: oid-alice`,
      },
    );
  });
});
