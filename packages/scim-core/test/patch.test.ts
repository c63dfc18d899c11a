import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type ApplyContext,
  ENTRA_COMPAT,
  type MemberRef,
  PATCH_OP_SCHEMA,
  type PatchOperation,
  type PatchProfile,
  STRICT,
  SchemaRegistry,
  type ScimType,
  applyMembershipDeltas,
  applyPatch,
  evaluateFilter,
  isScimError,
  parseFilter,
  parsePatchRequest,
  planGroupPatch,
  readPatchRequest,
} from '@provisio/scim-core';
import { ENTRA_CASES } from './cases/entra.cases.js';
import { MEMBER_PLAN_CASES, PATCH_CASES, type PatchCase, type Resource } from './cases/patch.cases.js';

type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly scimType: ScimType | undefined };

/** Runs `fn`; a ScimError becomes its scimType, anything else fails the test. */
function attempt<T>(fn: () => T): Outcome<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    assert.ok(isScimError(error), `expected a ScimError, got ${String(error)}`);
    return { ok: false, scimType: error.scimType };
  }
}

/** Freezes test input, so any mutation by applyPatch throws. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/** The group patched as a store would: other attributes by applyPatch, members by deltas. */
function applyPlanned(before: Resource, operations: readonly PatchOperation[], ctx: ApplyContext): Resource {
  const plan = planGroupPatch(operations, ctx);
  const { members, ...rest } = before;
  const patched = applyPatch(rest, plan.operations, ctx).resource;
  const list = applyMembershipDeltas((members ?? []) as MemberRef[], plan.members, ctx.options);
  return list.length > 0 ? { ...patched, members: list } : patched;
}

function runPatchCase(c: PatchCase, profile: PatchProfile): void {
  assert.ok(c.operations || c.body, 'a case needs operations or a body');
  const ctx: ApplyContext = {
    registry: c.registry ?? SchemaRegistry.standard(),
    resourceType: c.resourceType,
    options: { ...profile.options, ...c.options },
  };
  const before = deepFreeze(structuredClone(c.before));
  const body = c.body ?? { schemas: [PATCH_OP_SCHEMA], Operations: c.operations };
  const parsed = attempt(() => readPatchRequest(structuredClone(body), profile, ctx));
  const outcome = parsed.ok ? attempt(() => applyPatch(before, parsed.value, ctx)) : parsed;
  if ('error' in c.expect) {
    assert.equal(outcome.ok, false, 'expected an error');
    if (!outcome.ok) assert.equal(outcome.scimType, c.expect.error.scimType);
  } else {
    assert.ok(outcome.ok, `unexpected error ${outcome.ok ? '' : outcome.scimType}`);
    assert.deepEqual(outcome.value.resource, c.expect.after);
    assert.equal(outcome.value.changed, !isSame(c.before, c.expect.after), 'changed');
  }
  if (c.resourceType === 'Group' && parsed.ok) {
    const planned = attempt(() => applyPlanned(before, parsed.value, ctx));
    assert.deepEqual(
      planned.ok ? { ok: true, value: planned.value } : planned,
      outcome.ok ? { ok: true, value: outcome.value.resource } : outcome,
      'planGroupPatch + applyMembershipDeltas must agree with applyPatch',
    );
  }
}

function isSame(a: unknown, b: unknown): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

for (const c of PATCH_CASES) test(c.title, () => runPatchCase(c, STRICT));

for (const c of ENTRA_CASES) {
  test(c.title, () => {
    if (c.kind === 'patch') return runPatchCase(c, c.profile === 'entra' ? ENTRA_COMPAT : STRICT);
    const registry = SchemaRegistry.standard();
    const resource = deepFreeze(structuredClone(c.resource));
    const matched = evaluateFilter(
      parseFilter(c.filter),
      resource,
      registry,
      registry.resourceType(c.resourceType),
    );
    assert.equal(matched, c.matches);
  });
}

for (const c of MEMBER_PLAN_CASES) {
  test(c.title, () => {
    const ctx = { registry: SchemaRegistry.standard(), resourceType: 'Group' };
    const operations = parsePatchRequest({ schemas: [PATCH_OP_SCHEMA], Operations: c.operations }, ctx);
    const plan = planGroupPatch(operations, ctx);
    assert.deepEqual(plan.members, c.deltas);
    assert.equal(plan.operations.length, c.rest);
  });
}

test('RFC 7644 §3.5.2 planGroupPatch refuses in-place edits of member records (mutability)', () => {
  const ctx = { registry: SchemaRegistry.standard(), resourceType: 'Group' };
  const operations = parsePatchRequest(
    {
      schemas: [PATCH_OP_SCHEMA],
      Operations: [{ op: 'add', path: 'members[value eq "u1"]', value: { value: 'u1' } }],
    },
    ctx,
  );
  assert.throws(
    () => planGroupPatch(operations, ctx),
    (e: unknown) => isScimError(e) && e.scimType === 'mutability',
  );
});

test('RFC 7644 §3.5.2 a PATCH that changes nothing returns the input resource itself', () => {
  const ctx = { registry: SchemaRegistry.standard(), resourceType: 'User' };
  const resource = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'u1', userName: 'a' };
  const operations = parsePatchRequest(
    { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'replace', path: 'userName', value: 'a' }] },
    ctx,
  );
  const result = applyPatch(resource, operations, ctx);
  assert.equal(result.changed, false);
  assert.equal(result.resource, resource);
});
