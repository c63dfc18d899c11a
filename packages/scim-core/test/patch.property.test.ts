import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type ApplyContext,
  ENTERPRISE_USER_SCHEMA,
  ENTRA_COMPAT,
  GROUP_SCHEMA,
  type MemberRef,
  PATCH_OP_SCHEMA,
  type PatchProfile,
  STRICT,
  SchemaRegistry,
  USER_SCHEMA,
  applyMembershipDeltas,
  applyPatch,
  isScimError,
  planGroupPatch,
  readPatchRequest,
} from '@provisio/scim-core';
import fc from 'fast-check';

type Resource = Record<string, unknown>;
const registry = SchemaRegistry.standard();
const E = ENTERPRISE_USER_SCHEMA;
const body = (...Operations: unknown[]) => ({ schemas: [PATCH_OP_SCHEMA], Operations });

/** Parses with `profile` and applies; returns the patched resource. */
function patch(resource: Resource, request: unknown, ctx: ApplyContext, profile: PatchProfile = STRICT) {
  return applyPatch(resource, readPatchRequest(request, profile, ctx), ctx).resource;
}

/** Outcome of `fn`: its value, or the scimType of the ScimError it threw (anything else fails). */
function outcome(fn: () => unknown): unknown {
  try {
    return { value: fn() };
  } catch (error) {
    assert.ok(isScimError(error), `not a ScimError: ${String(error)}`);
    return { error: error.scimType ?? error.code };
  }
}

/** fast-check builds optional-key records without a prototype; stored resources are plain JSON. */
const plain = <T>(value: T): T => structuredClone(value);

const text = fc.string({ minLength: 1, maxLength: 12 });
const lowerWord = fc.stringMatching(/^[a-z0-9]{1,8}$/);

/** Users without the attributes the add-then-remove property adds. */
const user = fc
  .record(
    {
      userName: text,
      displayName: text,
      name: fc.record({ givenName: text, familyName: text }, { requiredKeys: [] }),
      active: fc.boolean(),
      emails: fc.uniqueArray(
        fc.record(
          { value: lowerWord.map((w) => `${w}@old.example`), type: fc.constantFrom('work', 'home') },
          {
            requiredKeys: ['value'],
          },
        ),
        { minLength: 1, maxLength: 3, selector: (e) => e.value },
      ),
      [E]: fc.record({ employeeNumber: lowerWord }),
    },
    { requiredKeys: ['userName'] },
  )
  .map((attributes): Resource => {
    const schemas = E in attributes ? [USER_SCHEMA, E] : [USER_SCHEMA];
    const name = attributes.name && Object.keys(attributes.name).length === 0 ? undefined : attributes.name;
    const { name: _, ...rest } = attributes;
    return plain({ schemas, id: 'u1', ...rest, ...(name ? { name } : {}) });
  });

const SINGLE_PATHS = [
  'nickName',
  'title',
  'userType',
  'locale',
  'name.middleName',
  `${E}:department`,
  `${E}:costCenter`,
];

test('RFC 7644 §3.5.2 property: add of an unassigned attribute then remove restores the resource', () => {
  const ctx = { registry, resourceType: 'User' };
  fc.assert(
    fc.property(user, fc.constantFrom(...SINGLE_PATHS), text, (resource, path, value) => {
      const added = patch(resource, body({ op: 'add', path, value }), ctx);
      assert.notDeepEqual(added, resource);
      assert.deepEqual(patch(added, body({ op: 'remove', path }), ctx), resource);
    }),
  );
});

test('RFC 7644 §3.5.2 property: add of a new email then remove by filter or by value restores the user', () => {
  const ctx = { registry, resourceType: 'User' };
  fc.assert(
    fc.property(user, lowerWord, fc.boolean(), (resource, local, byFilter) => {
      const value = `${local}@new.example`;
      const added = patch(
        resource,
        body({ op: 'add', path: 'emails', value: [{ value, type: 'other' }] }),
        ctx,
      );
      const removal = byFilter
        ? { op: 'remove', path: `emails[value eq ${JSON.stringify(value)}]` }
        : { op: 'remove', path: 'emails', value: [{ value }] };
      assert.deepEqual(patch(added, body(removal), ctx), resource);
    }),
  );
});

const memberValue = fc.constantFrom('u1', 'u2', 'u3', 'u4', 'g1', 'g2');
const memberRef: fc.Arbitrary<MemberRef> = fc.record(
  { value: memberValue, type: fc.constantFrom('User' as const, 'Group' as const) },
  { requiredKeys: ['value'] },
);
const memberList = fc.array(memberRef, { maxLength: 4 });
const group = fc.uniqueArray(memberRef, { maxLength: 5, selector: (m) => m.value }).map(
  (members): Resource =>
    plain({
      schemas: [GROUP_SCHEMA],
      id: 'g0',
      displayName: 'G',
      ...(members.length > 0 ? { members } : {}),
    }),
);

/** Every membership shape planGroupPatch turns into a delta, plus operations on other attributes. */
const groupOperation = fc.oneof(
  memberList.map((value) => ({ op: 'add', path: 'members', value })),
  memberList.map((value) => ({ op: 'replace', path: 'members', value })),
  fc.constant({ op: 'remove', path: 'members' }),
  fc
    .array(memberValue, { maxLength: 3 })
    .map((values) => ({ op: 'remove', path: 'members', value: values.map((value) => ({ value })) })),
  memberList.map((value) => ({ op: 'remove', path: 'members', value })),
  memberValue.map((v) => ({ op: 'remove', path: `members[value eq "${v}"]` })),
  fc
    .tuple(memberValue, memberValue)
    .map(([a, b]) => ({ op: 'remove', path: `members[value eq "${a}" or value eq "${b}"]` })),
  fc.constantFrom('User', 'Group').map((t) => ({ op: 'remove', path: `members[type eq "${t}"]` })),
  memberValue.map((v) => ({ op: 'remove', path: `members[not (value eq "${v}")]` })),
  fc
    .record({ displayName: text, externalId: text, members: memberList }, { requiredKeys: [] })
    .chain((value) => fc.constantFrom('add', 'replace').map((op) => ({ op, value }))),
  text.map((value) => ({ op: 'replace', path: 'displayName', value })),
  fc.constantFrom({ op: 'remove', path: 'externalId' }, { op: 'remove', path: 'displayName' }),
);

test('RFC 7644 §3.5.2 property: planGroupPatch + applyMembershipDeltas equals applyPatch on the group', () => {
  fc.assert(
    fc.property(
      group,
      fc.array(groupOperation, { minLength: 1, maxLength: 4 }),
      fc.boolean(),
      (resource, ops, lenient) => {
        const ctx: ApplyContext = {
          registry,
          resourceType: 'Group',
          options: { ignoreUnmatchedRemove: lenient },
        };
        const operations = readPatchRequest(body(...ops), STRICT, ctx);
        const whole = outcome(() => applyPatch(resource, operations, ctx).resource);
        const planned = outcome(() => {
          const plan = planGroupPatch(operations, ctx);
          const { members, ...rest } = resource;
          const patched = applyPatch(rest, plan.operations, ctx).resource;
          const list = applyMembershipDeltas((members ?? []) as MemberRef[], plan.members, ctx.options);
          return list.length > 0 ? { ...patched, members: list } : patched;
        });
        // Both succeed with the same group, or both fail. When several operations would fail, the two may
        // report different ones: the plan runs the other attributes before the member deltas.
        const failed = (o: unknown) => (o as { error?: unknown }).error !== undefined;
        if (failed(whole) || failed(planned)) assert.equal(failed(planned), failed(whole));
        else assert.deepEqual(planned, whole);
      },
    ),
    { numRuns: 500 },
  );
});

const PATHS = [
  'userName',
  'name',
  'name.givenName',
  'emails',
  'emails[type eq "work"]',
  'emails[type eq "work"].value',
  'emails[primary eq "True"].primary',
  'emails.value',
  'members',
  'members[value eq "u1"]',
  'members[value eq "u1"].display',
  'manager',
  'manager[value eq "m1"]',
  `${E}`,
  `${E}:manager`,
  `${E}:manager.value`,
  'meta.created',
  'groups',
  'active',
  'roles[primary eq true].value',
  'id',
  'displayName',
  'x509Certificates',
];

const anyOperation = fc.record(
  {
    op: fc.oneof(
      { arbitrary: fc.constantFrom('add', 'remove', 'replace'), weight: 8 },
      { arbitrary: fc.constantFrom('Add', 'Remove', 'Replace', 'copy', 7), weight: 1 },
    ),
    path: fc.oneof(
      { arbitrary: fc.constantFrom(...PATHS), weight: 8 },
      { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
    ),
    value: fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom('True', 'False', '', 'm1'),
      fc.array(
        fc.record(
          {
            value: fc.oneof(text, fc.integer()),
            type: text,
            primary: fc.oneof(fc.boolean(), fc.constant('True')),
          },
          { requiredKeys: [] },
        ),
      ),
      fc.dictionary(fc.constantFrom(...PATHS, 'schemas', E), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    ),
  },
  { requiredKeys: ['op'] },
);

test('RFC 7644 §3.12 property: PATCH fails only with ScimError, for any operations, in both profiles', () => {
  const resources: Record<string, Resource> = {
    User: {
      schemas: [USER_SCHEMA, E],
      id: 'u1',
      userName: 'alice',
      emails: [{ value: 'a@x.example', type: 'work', primary: true }],
      [E]: { manager: { value: 'm1' } },
    },
    Group: { schemas: [GROUP_SCHEMA], id: 'g1', displayName: 'G', members: [{ value: 'u1', type: 'User' }] },
  };
  fc.assert(
    fc.property(
      fc.constantFrom('User', 'Group'),
      fc.constantFrom(STRICT, ENTRA_COMPAT),
      fc.oneof(
        {
          arbitrary: fc.array(anyOperation, { minLength: 1, maxLength: 3 }).map((ops) => body(...ops)),
          weight: 9,
        },
        { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
      ),
      (resourceType, profile, request) => {
        const ctx: ApplyContext = { registry, resourceType, options: profile.options };
        const resource = resources[resourceType]!;
        outcome(() => {
          const operations = readPatchRequest(request, profile, ctx);
          outcome(() => applyPatch(resource, operations, ctx));
          if (resourceType === 'Group') {
            const plan = planGroupPatch(operations, ctx);
            applyMembershipDeltas([{ value: 'u1', type: 'User' }], plan.members, ctx.options);
          }
        });
      },
    ),
    { numRuns: 2000 },
  );
});
