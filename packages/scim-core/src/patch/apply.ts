/**
 * RFC 7644 §3.5.2 PATCH: add, remove and replace, with and without `path`. Pure and atomic: the operations
 * run in order on a copy, the first failure throws, and the input resource is never touched.
 */
import { InvalidValue, Mutability, NoTarget } from '../errors.js';
import { splitAttributePath } from '../path/attribute-path.js';
import type { SchemaDefinition } from '../schema/definitions.js';
import { containsValue, normalizeElement, normalizeValue } from './attribute-value.js';
import { type ApplyContext, type PatchScope, resolveScope } from './context.js';
import { editSelected, fromElements, mergeRecord, toElements } from './elements.js';
import { type JsonObject, assignAt, cloneJson, deepEqual, findKey, isJsonObject, valueAt } from './json.js';
import { guardChange } from './mutability.js';
import type { PatchOpName, PatchOperation } from './operation.js';
import { enforcePrimary } from './primary.js';
import { type Target, attributeTarget, resolveTarget } from './target.js';

/** The patched resource, and whether it differs from the input. */
export interface PatchResult {
  readonly resource: Readonly<JsonObject>;
  /**
   * False when the result equals the input (it is then the input itself). RFC 7644 §3.5.2.1: a PATCH that
   * changes nothing must not change the modify timestamp — Entra's "null update" relies on this.
   */
  readonly changed: boolean;
}

/** Applies validated operations (see `parsePatchRequest`) to a resource. Throws the first ScimError. */
export function applyPatch(
  resource: Readonly<JsonObject>,
  operations: readonly PatchOperation[],
  ctx: ApplyContext,
): PatchResult {
  const scope = resolveScope(ctx);
  const draft = cloneJson(resource);
  for (const operation of operations) applyOperation(draft, operation, scope);
  return deepEqual(resource, draft) ? { resource, changed: false } : { resource: draft, changed: true };
}

function applyOperation(draft: JsonObject, operation: PatchOperation, scope: PatchScope): void {
  const { op, path, value } = operation;
  if (path === undefined) {
    applyToResource(draft, op, value, scope);
    return;
  }
  const plain = path.filter === undefined && path.subAttribute === undefined;
  const extension = plain ? scope.registry.wholeSchema(scope.resourceType, path.path) : undefined;
  if (extension) applyToExtension(draft, extension, op, value, scope);
  else applyToTarget(draft, resolveTarget(path, scope), op, value, scope);
}

/** Without a path, `value` is shaped like the resource: attribute names, and extension URNs as keys. */
function applyToResource(draft: JsonObject, op: PatchOpName, value: unknown, scope: PatchScope): void {
  if (op === 'remove') throw new NoTarget('remove needs a path (RFC 7644 §3.5.2.2)');
  if (!isJsonObject(value)) throw new InvalidValue(`${op} without a path needs an object of attributes`);
  const { registry, resourceType } = scope;
  for (const [key, item] of Object.entries(value)) {
    // The server keeps `schemas` in step with the extensions present (see storeExtension).
    if (key.toLowerCase() === 'schemas') continue;
    const path = splitAttributePath(key);
    const extension = path && registry.wholeSchema(resourceType, path);
    if (extension) {
      applyToExtension(draft, extension, op, item, scope);
      continue;
    }
    const isName = path !== undefined && path.schema === undefined && path.subAttribute === undefined;
    const resolved = isName ? registry.resolve(resourceType, path) : undefined;
    if (!resolved) throw new InvalidValue(`"${key}" is not an attribute of ${resourceType.name}`);
    applyToTarget(draft, attributeTarget(resolved), op, item, scope);
  }
}

/** A whole extension (`urn:…:enterprise:2.0:User`): its attributes one by one, or all of them for remove. */
function applyToExtension(
  draft: JsonObject,
  schema: SchemaDefinition,
  op: PatchOpName,
  value: unknown,
  scope: PatchScope,
): void {
  const { registry, resourceType } = scope;
  const targetOf = (name: string) => {
    const resolved = registry.resolve(resourceType, { schema: schema.id, attribute: name });
    if (!resolved) throw new InvalidValue(`"${name}" is not an attribute of ${schema.id}`);
    return attributeTarget(resolved);
  };
  if (op === 'remove') {
    for (const attribute of schema.attributes)
      applyToTarget(draft, targetOf(attribute.name), op, undefined, scope);
    return;
  }
  if (!isJsonObject(value)) throw new InvalidValue(`${op} of ${schema.id} needs an object of its attributes`);
  for (const [key, item] of Object.entries(value)) applyToTarget(draft, targetOf(key), op, item, scope);
}

function applyToTarget(
  draft: JsonObject,
  target: Target,
  op: PatchOpName,
  value: unknown,
  scope: PatchScope,
): void {
  const { attribute } = target;
  const container = containerOf(draft, target);
  const before = valueAt(container, attribute.name);
  const after = editAttribute(cloneJson(before), target, op, value, scope);
  if (deepEqual(before, after)) return;
  guardChange(attribute, before, after, target.attributePath);
  assignAt(container, attribute.name, after);
  if (!target.core) storeExtension(draft, target.schema, container, scope);
}

/** The new value of the target attribute; `current` is a copy the edit may change. */
function editAttribute(current: unknown, target: Target, op: PatchOpName, value: unknown, scope: PatchScope) {
  const { attribute, where } = target;
  if (target.selector || target.subAttribute) return editSelected(current, target, op, value, scope);
  if (op === 'remove') return removeValues(current, target, value, scope);
  if (attribute.multiValued)
    return op === 'add' ? addValues(current, target, value) : replaceValues(target, value);
  // RFC 7644 §3.5.2.1 and §3.5.2.3: on a complex attribute both add and replace set the sub-attributes
  // given and leave the others unchanged.
  if (attribute.type === 'complex') {
    return value === null
      ? undefined
      : mergeRecord(attribute, isJsonObject(current) ? current : {}, value, where);
  }
  return normalizeElement(attribute, value, where);
}

/** RFC 7644 §3.5.2.1: add appends to a multi-valued attribute; a value already there is not added again. */
function addValues(current: unknown, target: Target, value: unknown): unknown {
  const { attribute } = target;
  const elements = toElements(attribute, current);
  const added = new Set<unknown>();
  for (const item of (normalizeValue(attribute, value, target.where) as unknown[] | undefined) ?? []) {
    if (elements.some((element) => containsValue(attribute, element, item))) continue;
    elements.push(item);
    added.add(item);
  }
  enforcePrimary(attribute, elements, added);
  return fromElements(attribute, elements);
}

/** RFC 7644 §3.5.2.3: replace without a filter replaces all values of a multi-valued attribute. */
function replaceValues(target: Target, value: unknown): unknown {
  const items = (normalizeValue(target.attribute, value, target.where) as unknown[] | undefined) ?? [];
  enforcePrimary(target.attribute, items, new Set(items));
  return fromElements(target.attribute, items);
}

/**
 * RFC 7644 §3.5.2.2: remove unassigns the attribute. With a `value` on a multi-valued attribute, only the
 * values named go: `{"op":"remove","path":"members","value":[{"value":"u1"}]}` removes u1. Removing every
 * member when the client named specific ones is never what it meant, so this is core behaviour for every
 * client, not an Entra special case (Entra sends this form without its aadOptscim062020 flag).
 */
function removeValues(current: unknown, target: Target, value: unknown, scope: PatchScope): unknown {
  const { attribute } = target;
  if (value === undefined || value === null || !attribute.multiValued) return undefined;
  const named = (normalizeValue(attribute, value, target.where) as unknown[] | undefined) ?? [];
  const elements = toElements(attribute, current);
  const kept = elements.filter((element) => !named.some((item) => containsValue(attribute, element, item)));
  if (kept.length === elements.length && !scope.options.ignoreUnmatchedRemove) {
    throw new NoTarget(`${target.where} has none of the values to remove`);
  }
  return fromElements(attribute, kept);
}

/** The object holding the target attribute: the resource, or its extension object (new if absent). */
function containerOf(draft: JsonObject, target: Target): JsonObject {
  if (target.core) return draft;
  const extension = valueAt(draft, target.schema);
  return isJsonObject(extension) ? extension : {};
}

/** Stores an edited extension object, dropping it when empty and keeping `schemas` in step (RFC 7643 §3). */
function storeExtension(draft: JsonObject, schemaId: string, container: JsonObject, scope: PatchScope): void {
  const present = Object.keys(container).length > 0;
  const wanted = schemaId.toLowerCase();
  const required = scope.resourceType.schemaExtensions.some(
    (e) => e.required && e.schema.toLowerCase() === wanted,
  );
  if (!present && required) throw new Mutability(`${schemaId} is required for ${scope.resourceType.name}`);
  assignAt(draft, schemaId, present ? container : undefined);
  const schemasKey = findKey(draft, 'schemas');
  const schemas = schemasKey === undefined ? undefined : draft[schemasKey];
  if (schemasKey === undefined || !Array.isArray(schemas)) return;
  const isThis = (s: unknown) => typeof s === 'string' && s.toLowerCase() === wanted;
  if (present && !schemas.some(isThis)) draft[schemasKey] = [...schemas, schemaId];
  if (!present) draft[schemasKey] = schemas.filter((s) => !isThis(s));
}
