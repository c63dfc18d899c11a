/**
 * Operations on some values of an attribute: those a valuePath filter selects, or a sub-attribute of each
 * value (RFC 7644 §3.5.2.1–3). A single-valued complex attribute is a list of at most one value here, so
 * `name.givenName`, `manager[value eq "m1"]` and `emails[type eq "work"].value` share one code path.
 */
import { NoTarget } from '../errors.js';
import type { FilterNode } from '../filter/nodes.js';
import type { AttributeDefinition } from '../schema/definitions.js';
import { findSubAttribute, normalizeElement, normalizeValue } from './attribute-value.js';
import type { PatchScope } from './context.js';
import { type JsonObject, assignAt, isJsonObject, valueAt } from './json.js';
import { guardChange, guardRecord } from './mutability.js';
import type { PatchOpName } from './operation.js';
import { enforcePrimary } from './primary.js';
import type { Target } from './target.js';

/** The stored values of an attribute as a list (a copy: callers may edit it). */
export function toElements(attribute: AttributeDefinition, current: unknown): unknown[] {
  if (attribute.multiValued) return Array.isArray(current) ? [...current] : [];
  return current === undefined ? [] : [current];
}

/** The attribute value a list of values stands for; undefined when none remain (unassigned). */
export function fromElements(attribute: AttributeDefinition, elements: readonly unknown[]): unknown {
  if (attribute.multiValued) return elements.length > 0 ? elements : undefined;
  return elements[0];
}

/** Applies `op` to the selected values (or sub-attributes) of `current`; returns the new attribute value. */
export function editSelected(
  current: unknown,
  target: Target,
  op: PatchOpName,
  value: unknown,
  scope: PatchScope,
): unknown {
  const { attribute, selector } = target;
  const elements = toElements(attribute, current);
  let selected = selector ? elements.filter(selector.matches) : elements;
  if (selected.length === 0) {
    const created = op === 'remove' ? undefined : createElement(target, scope);
    if (created === undefined) return unmatched(current, target, op, scope);
    elements.push(created);
    selected = [created];
  }
  const chosen = new Set(selected);
  const touched = new Set<unknown>();
  const result = elements.flatMap((element) => {
    if (!chosen.has(element)) return [element];
    const next = editElement(element, target, op, value);
    if (next !== undefined) touched.add(next);
    return next === undefined ? [] : [next];
  });
  enforcePrimary(attribute, result, touched);
  return fromElements(attribute, result);
}

/** Nothing selected: removing nothing is fine without a filter; a filter that matches nothing is noTarget. */
function unmatched(current: unknown, target: Target, op: PatchOpName, scope: PatchScope): unknown {
  if (op === 'remove' && (!target.selector || scope.options.ignoreUnmatchedRemove)) return current;
  const reason = target.selector ? 'matches no value' : 'has no value to change';
  throw new NoTarget(`${target.where} ${reason}`);
}

/**
 * The value to create when nothing is selected: an empty record for `name.givenName` on a user without a
 * name; with `createMissingFilterTarget`, the value a filter such as `type eq "work"` describes.
 */
function createElement(target: Target, scope: PatchScope): unknown {
  const { attribute, selector } = target;
  if (!selector) return attribute.multiValued ? undefined : {};
  if (!scope.options.createMissingFilterTarget || attribute.type !== 'complex') return undefined;
  const described = describedElement(selector.filter, attribute);
  return described && normalizeElement(attribute, described, target.where);
}

/** `a eq x and b eq y` describes `{a: x, b: y}`; any other filter describes no single value. */
function describedElement(filter: FilterNode, attribute: AttributeDefinition): JsonObject | undefined {
  if (filter.kind === 'compare') {
    const sub = findSubAttribute(attribute, filter.path.attribute);
    const plain = filter.path.schema === undefined && filter.path.subAttribute === undefined;
    return filter.op === 'eq' && plain && sub && filter.value !== null
      ? { [sub.name]: filter.value }
      : undefined;
  }
  if (filter.kind !== 'and') return undefined;
  const left = describedElement(filter.left, attribute);
  const right = describedElement(filter.right, attribute);
  if (!left || !right) return undefined;
  const clash = Object.keys(right).some((key) => Object.hasOwn(left, key) && left[key] !== right[key]);
  return clash ? undefined : { ...left, ...right };
}

/** One selected value after the operation; undefined removes it. */
function editElement(element: unknown, target: Target, op: PatchOpName, value: unknown): unknown {
  const { attribute, subAttribute, where } = target;
  const record = isJsonObject(element) ? element : {};
  if (subAttribute) {
    const next = { ...record };
    const updated = op === 'remove' ? undefined : normalizeValue(subAttribute, value, where);
    guardChange(subAttribute, valueAt(record, subAttribute.name), updated, where);
    assignAt(next, subAttribute.name, updated);
    return Object.keys(next).length > 0 ? next : undefined;
  }
  if (op === 'remove' || (op === 'replace' && value === null)) return undefined;
  // RFC 7644 §3.5.2.3: replace swaps the whole record; §3.5.2.1: add merges sub-attributes into it.
  // Values a client may not write (readOnly) stay as they were either way.
  const next = mergeRecord(
    attribute,
    op === 'replace' ? readOnlyPart(attribute, record) : record,
    value,
    where,
  );
  guardRecord(attribute, record, next ?? {}, where);
  return next;
}

/**
 * A copy of `record` with the sub-attributes `value` gives set, and those it gives as null unassigned
 * (RFC 7643 §2.5); the others keep their values. Undefined when nothing remains.
 */
export function mergeRecord(
  attribute: AttributeDefinition,
  record: JsonObject,
  value: unknown,
  where: string,
): JsonObject | undefined {
  const incoming = normalizeElement(attribute, value, where) as JsonObject | undefined;
  const next = { ...record };
  for (const [key, item] of Object.entries(isJsonObject(value) ? value : {})) {
    const sub = item === null ? findSubAttribute(attribute, key) : undefined;
    if (sub && sub.mutability !== 'readOnly') assignAt(next, sub.name, undefined);
  }
  for (const [key, item] of Object.entries(incoming ?? {})) assignAt(next, key, item);
  return Object.keys(next).length > 0 ? next : undefined;
}

function readOnlyPart(attribute: AttributeDefinition, element: JsonObject): JsonObject {
  const part: JsonObject = {};
  for (const sub of attribute.subAttributes ?? []) {
    if (sub.mutability === 'readOnly') assignAt(part, sub.name, valueAt(element, sub.name));
  }
  return part;
}
