/**
 * Group membership as deltas, so a store adds and removes member rows without loading or rewriting a whole
 * member list (Entra adds members to large groups a few at a time, RFC 7644 §3.5.2 on Group `members`).
 * `planGroupPatch` splits the member operations out; `applyMembershipDeltas` is the in-memory reference
 * semantics a store must reproduce, identical to what `applyPatch` does to `members`.
 */
import { InvalidValue, Mutability, NoTarget } from '../errors.js';
import { compileElementFilter } from '../filter/evaluate.js';
import type { FilterNode } from '../filter/nodes.js';
import type { AttributeDefinition } from '../schema/definitions.js';
import { GROUP } from '../schema/standard.js';
import { containsValue, findSubAttribute, normalizeValue, sameValue } from './attribute-value.js';
import { type PatchContext, type PatchOptions, type PatchScope, resolveScope } from './context.js';
import { type JsonObject, isJsonObject } from './json.js';
import type { PatchOperation } from './operation.js';
import { resolveTarget } from './target.js';

/**
 * One member. `$ref` is not kept: the service provider derives it from `value` and `type`
 * (RFC 7643 §4.2), and `display` is readOnly, so only a store fills it in.
 */
export interface MemberRef {
  readonly value: string;
  readonly type?: 'User' | 'Group';
  readonly display?: string;
}

/**
 * One change to a member list, in request order. `remove` and `removeWhere` that match no member fail with
 * noTarget, as the filtered remove does in `applyPatch`, unless `ignoreUnmatchedRemove` is set. Values
 * compare as the `members.value` definition says (case-insensitive unless caseExact).
 */
export type MembershipDelta =
  | { readonly kind: 'add'; readonly members: readonly MemberRef[] }
  | { readonly kind: 'remove'; readonly values: readonly string[] }
  /** `filter` is bound to the sub-attributes of `members` (`value`, `type`, …). */
  | { readonly kind: 'removeWhere'; readonly filter: FilterNode }
  | { readonly kind: 'replaceAll'; readonly members: readonly MemberRef[] }
  | { readonly kind: 'removeAll' };

/** What `planGroupPatch` returns: the member deltas and every other operation, both in request order. */
export interface GroupPatchPlan {
  /** The operations on everything but `members`, for `applyPatch` on the group without its members. */
  readonly operations: PatchOperation[];
  readonly members: MembershipDelta[];
}

const MEMBERS = GROUP.attributes.find((a) => a.name === 'members') as AttributeDefinition;
const MEMBER_VALUE = findSubAttribute(MEMBERS, 'value') as AttributeDefinition;
const MEMBER_TYPE = findSubAttribute(MEMBERS, 'type') as AttributeDefinition;
const MEMBER_TYPES: readonly NonNullable<MemberRef['type']>[] = ['User', 'Group'];

/**
 * Splits validated Group operations into membership deltas and the rest. Member records cannot be edited
 * in place (`members[value eq "u1"].type`): every sub-attribute of a member is immutable or readOnly, so
 * such operations are refused with mutability here; remove the member and add it again instead.
 */
export function planGroupPatch(operations: readonly PatchOperation[], ctx: PatchContext): GroupPatchPlan {
  const scope = resolveScope(ctx);
  const members = scope.registry.resolve(scope.resourceType, { attribute: 'members' })?.attribute;
  const plan: GroupPatchPlan = { operations: [], members: [] };
  for (const operation of operations) {
    if (!members) plan.operations.push(operation);
    else if (operation.path === undefined) planPathless(operation, members, plan);
    else planWithPath(operation, members, scope, plan);
  }
  return plan;
}

/** A path-less add/replace may carry `members` among other attributes: split that key off. */
function planPathless(operation: PatchOperation, members: AttributeDefinition, plan: GroupPatchPlan): void {
  const { op, value } = operation;
  if (op === 'remove' || !isJsonObject(value)) {
    plan.operations.push(operation);
    return;
  }
  const isMembers = (key: string) => key.toLowerCase() === members.name.toLowerCase();
  const entries = Object.entries(value);
  for (const [key, item] of entries) if (isMembers(key)) plan.members.push(setMembers(op, item));
  const rest = entries.filter(([key]) => !isMembers(key));
  if (rest.length > 0) plan.operations.push({ op, value: Object.fromEntries(rest) });
}

function planWithPath(
  operation: PatchOperation,
  members: AttributeDefinition,
  scope: PatchScope,
  plan: GroupPatchPlan,
): void {
  const resolved = resolveTarget(operation.path!, scope);
  if (resolved.attribute !== members) {
    plan.operations.push(operation);
    return;
  }
  const { op, value } = operation;
  if (resolved.subAttribute || (resolved.selector && op !== 'remove')) {
    throw new Mutability(`${resolved.where}: members cannot be edited in place; remove and add them instead`);
  }
  if (resolved.selector) plan.members.push(removeWhere(resolved.selector.filter));
  else if (op === 'remove') plan.members.push(removeNamed(value));
  else plan.members.push(setMembers(op, value));
}

/** add appends, replace swaps the list; null or [] as the new list empties it (RFC 7643 §2.5). */
function setMembers(op: 'add' | 'replace', value: unknown): MembershipDelta {
  const list = toMemberRefs(value);
  if (op === 'add') return { kind: 'add', members: list };
  return list.length > 0 ? { kind: 'replaceAll', members: list } : { kind: 'removeAll' };
}

/** `remove members` with a value list removes those members (see `removeValues` in apply.ts), else all. */
function removeNamed(value: unknown): MembershipDelta {
  if (value === undefined || value === null) return { kind: 'removeAll' };
  const named = (normalizeValue(MEMBERS, value, 'members') as JsonObject[] | undefined) ?? [];
  const byValueOnly = named.every((item) => Object.keys(item).length === 1 && typeof item.value === 'string');
  if (byValueOnly) return { kind: 'remove', values: named.map((item) => item.value as string) };
  return { kind: 'removeWhere', filter: anyOf(named.map(allOf)) };
}

/** `value eq "a"` and `value eq "a" or value eq "b"` become a plain value list, anything else a filter. */
function removeWhere(filter: FilterNode): MembershipDelta {
  const values = equalValues(filter);
  return values ? { kind: 'remove', values } : { kind: 'removeWhere', filter };
}

function equalValues(filter: FilterNode): string[] | undefined {
  if (filter.kind === 'or') {
    const left = equalValues(filter.left);
    const right = equalValues(filter.right);
    return left && right ? [...left, ...right] : undefined;
  }
  const isValueEq =
    filter.kind === 'compare' &&
    filter.op === 'eq' &&
    filter.path.attribute === 'value' &&
    filter.path.subAttribute === undefined &&
    typeof filter.value === 'string';
  return isValueEq ? [filter.value as string] : undefined;
}

/** The filter matching records that contain every sub-attribute value of `pattern`. */
function allOf(pattern: JsonObject): FilterNode {
  const comparisons: FilterNode[] = Object.entries(pattern).map(([attribute, value]) => ({
    kind: 'compare',
    path: { attribute },
    op: 'eq',
    value: value as string,
  }));
  return comparisons.reduce((left, right) => ({ kind: 'and', left, right }));
}

/** Only called with a non-empty list: an empty value list is `remove` of no values. */
function anyOf(filters: readonly FilterNode[]): FilterNode {
  return filters.reduce((left, right) => ({ kind: 'or', left, right }));
}

/** Member values as the Group schema checks them, then narrowed to {@link MemberRef}. */
function toMemberRefs(value: unknown): MemberRef[] {
  const records = (normalizeValue(MEMBERS, value, 'members') as JsonObject[] | undefined) ?? [];
  return records.map((record) => {
    if (typeof record.value !== 'string') throw new InvalidValue('each member needs a "value"');
    const type =
      record.type === undefined
        ? undefined
        : MEMBER_TYPES.find((t) => sameValue(MEMBER_TYPE, t, record.type));
    if (record.type !== undefined && type === undefined) {
      throw new InvalidValue(`members.type must be "User" or "Group", not ${JSON.stringify(record.type)}`);
    }
    return type ? { value: record.value, type } : { value: record.value };
  });
}

/**
 * Applies deltas to an in-memory member list, exactly as `applyPatch` treats `members`: for tests and small
 * stores. Never mutates its input.
 */
export function applyMembershipDeltas(
  members: readonly MemberRef[],
  deltas: readonly MembershipDelta[],
  options: PatchOptions = {},
): MemberRef[] {
  return deltas.reduce<MemberRef[]>((list, delta) => applyDelta(list, delta, options), [...members]);
}

function applyDelta(list: MemberRef[], delta: MembershipDelta, options: PatchOptions): MemberRef[] {
  switch (delta.kind) {
    case 'add': {
      const result = [...list];
      for (const member of delta.members) {
        if (!result.some((m) => containsValue(MEMBERS, m, member))) result.push(member);
      }
      return result;
    }
    case 'replaceAll':
      return [...delta.members];
    case 'removeAll':
      return [];
    case 'remove':
      return removeMatching(
        list,
        (m) => delta.values.some((v) => sameValue(MEMBER_VALUE, m.value, v)),
        options,
      );
    case 'removeWhere':
      return removeMatching(list, compileElementFilter(delta.filter, MEMBERS), options);
  }
}

function removeMatching(list: MemberRef[], matches: (member: MemberRef) => boolean, options: PatchOptions) {
  const kept = list.filter((member) => !matches(member));
  if (kept.length === list.length && !options.ignoreUnmatchedRemove) {
    throw new NoTarget('members has no member to remove');
  }
  return kept;
}
