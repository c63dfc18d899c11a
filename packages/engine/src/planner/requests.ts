/**
 * SCIM request bodies exactly as they are sent, in each {@link PatchStyle} (entra-scim-behaviour.md A3–A4).
 * References (manager, members) never go into a POST: Entra creates the object first and links it after.
 */
import {
  PATCH_OP_SCHEMA,
  type PatchOpName,
  type ResourceTypeDefinition,
  formatAttributePath,
  printFilter,
} from '@provisio/scim-core';
import type { PatchStyle } from '../mappings/target-app.js';
import {
  type JsonObject,
  type TargetPath,
  type TargetValue,
  attributePathOf,
  writeTargetValue,
} from '../mappings/target-path.js';

/**
 * One attribute whose value changes: `old` undefined means the target had no value (an add). `op` is set
 * where the mapping decides it rather than `old` (`roles` from the app-role functions, B1); `remove`
 * sends no value.
 */
export interface ValueChange {
  readonly path: TargetPath;
  readonly old?: TargetValue;
  readonly value: TargetValue;
  readonly op?: PatchOpName;
  /** For `attr[filter].sub`: the target has no such element yet, so the sub-attribute has nowhere to go. */
  readonly newElement?: boolean;
}

/** A reference attribute's delta, in target ids. For a single-valued one (manager) `add` has at most one. */
export interface ReferenceChange {
  readonly path: TargetPath;
  readonly add: readonly string[];
  readonly remove: readonly string[];
}

type Operation = JsonObject;

/** Entra without the flag capitalises the op and sends booleans as "True"/"False" (A3, A4). */
function spell(style: PatchStyle, op: PatchOpName): string {
  return style === 'entra' ? op[0]!.toUpperCase() + op.slice(1) : op;
}

function patchValue(style: PatchStyle, value: TargetValue): unknown {
  if (style === 'entra' && typeof value === 'boolean') return value ? 'True' : 'False';
  return value;
}

/** The create body: mapped values in place, `schemas` listing the extensions used. */
export function renderCreate(
  style: PatchStyle,
  resourceType: ResourceTypeDefinition,
  values: readonly (readonly [TargetPath, TargetValue])[],
): JsonObject {
  const body: JsonObject = { schemas: [resourceType.schema] };
  const extensions: string[] = [];
  for (const [path, value] of values) {
    if (path.extension !== undefined && !extensions.includes(path.extension)) extensions.push(path.extension);
    writeTargetValue(body, path, value);
  }
  body.schemas = [resourceType.schema, ...extensions];
  if (style !== 'rfc7644') {
    // Entra sends a client-side `meta` and, for users without roles, an empty `roles` (A3); strict servers
    // ignore both.
    body.meta = { resourceType: resourceType.name };
    if (resourceType.name === 'User' && body.roles === undefined) body.roles = [];
  }
  return body;
}

const patchOp = (operations: readonly Operation[]): JsonObject => ({
  schemas: [PATCH_OP_SCHEMA],
  Operations: operations,
});

/**
 * The update body: only what changed. `entra` and `rfc7644` send one op per attribute with its path;
 * `aadOptscim062020` sends value-path attributes and additions one op each, and every other replaced
 * attribute in one path-less `replace` keyed by path (A4).
 */
export function renderPatch(
  style: PatchStyle,
  changes: readonly ValueChange[],
  references: readonly ReferenceChange[],
): JsonObject {
  const operations: Operation[] = [];
  const grouped: JsonObject = {};
  const newElements = new Map<string, JsonObject>();
  for (const change of changes) {
    if (style === 'rfc7644' && change.newElement) {
      // RFC 7644 §3.5.2.1: a filter that matches nothing is an error, so a new element is added whole.
      addToNewElement(newElements, operations, change);
      continue;
    }
    const op: PatchOpName = change.op ?? (change.old === undefined ? 'add' : 'replace');
    if (op === 'remove') {
      operations.push({ op: spell(style, op), path: change.path.text });
      continue;
    }
    const value = patchValue(style, change.value);
    if (style === 'aadOptscim062020' && op === 'replace' && !change.path.element) {
      grouped[change.path.text] = value;
    } else {
      operations.push({ op: spell(style, op), path: change.path.text, value });
    }
  }
  if (Object.keys(grouped).length > 0) operations.push({ op: 'replace', value: grouped });
  for (const reference of references) operations.push(...referenceOperations(style, reference));
  return patchOp(operations);
}

function addToNewElement(
  elements: Map<string, JsonObject>,
  operations: Operation[],
  change: ValueChange,
): void {
  const { path } = change;
  const key = path.text.slice(0, path.text.lastIndexOf('.'));
  let element = elements.get(key);
  if (!element) {
    element = { ...path.element };
    elements.set(key, element);
    operations.push({ op: 'add', path: formatAttributePath(attributePathOf(path)), value: [element] });
  }
  element[path.subAttribute!.name] = change.value;
}

const valueFilter = (path: TargetPath, id: string) =>
  printFilter({
    kind: 'valuePath',
    path: attributePathOf(path),
    filter: { kind: 'compare', path: { attribute: 'value' }, op: 'eq', value: id },
  });

function referenceOperations(style: PatchStyle, change: ReferenceChange): Operation[] {
  const { path } = change;
  const operations: Operation[] = [];
  if (path.attribute.multiValued) {
    if (change.add.length > 0) {
      operations.push({
        op: spell(style, 'add'),
        path: path.text,
        value: change.add.map((value) => ({ value })),
      });
    }
    if (change.remove.length === 0) return operations;
    if (style === 'entra') {
      // Without the flag Entra removes by a value list (A3), which only Entra-aware servers read right.
      operations.push({ op: 'Remove', path: path.text, value: change.remove.map((value) => ({ value })) });
    } else {
      for (const id of change.remove) operations.push({ op: 'remove', path: valueFilter(path, id) });
    }
    return operations;
  }
  const [added] = change.add;
  if (added !== undefined) {
    // Entra sends the manager as a bare id (A3, observed); RFC 7643 wants the complex {value}.
    const value = style === 'rfc7644' ? { value: added } : added;
    operations.push({
      op: spell(style, change.remove.length > 0 ? 'replace' : 'add'),
      path: path.text,
      value,
    });
  } else {
    for (const id of change.remove)
      operations.push({ op: spell(style, 'remove'), path: valueFilter(path, id) });
  }
  return operations;
}
