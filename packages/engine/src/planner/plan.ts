/**
 * The planner, pure: (objects with their scope decision, link table, target lookups, compiled mappings) →
 * Action[]. No I/O — the caller runs the matching queries (`queriesFor` + `lookUpTarget`) and executes
 * the actions. Users come before groups; references (manager, members) go out as PATCH once both ends are
 * linked, so the runner plans again after executing creates (B5's second pass) and the plan converges.
 */
import { USER } from '@provisio/scim-core';
import type { DirectoryGroup, DirectoryUser } from '../directory/model.js';
import type { RolesPatchOperation } from '../expressions/function-definition.js';
import type { AppRoleValue } from '../expressions/values.js';
import type { ObjectType } from '../mappings/attribute-mapping.js';
import {
  type CompiledObjectMapping,
  type MappedObject,
  type SourceView,
  evaluateMappings,
} from '../mappings/compile.js';
import type { CompiledTargetApp } from '../mappings/target-app.js';
import {
  type JsonObject,
  type TargetElement,
  type TargetPath,
  type TargetValue,
  readTargetValue,
} from '../mappings/target-path.js';
import {
  type MatchOutcome,
  type MatchingQuery,
  type TargetLookup,
  decideMatch,
  matchingQueries,
} from '../matching/matching.js';
import type { ScopeDecision } from '../scoping/scope.js';
import type {
  Action,
  LinkChange,
  LinkEntry,
  ModifiedProperty,
  ProvisioningStep,
  ScimRequest,
  SkipReason,
} from './action.js';
import { type ReferenceChange, type ValueChange, renderCreate, renderPatch } from './requests.js';

export interface PlanItem<T extends DirectoryUser | DirectoryGroup> {
  readonly object: T;
  readonly scope: ScopeDecision;
  /** Results of this object's matching queries; needed only for in-scope objects without a link. */
  readonly lookups?: readonly TargetLookup[];
  /** A user's `[appRoleAssignments]`: `indexAssignments(…).appRoleAssignments.get(objectId)`. */
  readonly appRoleAssignments?: readonly AppRoleValue[];
}

export interface LinkTable {
  readonly users: ReadonlyMap<string, LinkEntry>;
  readonly groups: ReadonlyMap<string, LinkEntry>;
}

export interface PlanOptions {
  /**
   * Also return a `skip` for every object with nothing to do, saying why (dry runs, provision on demand).
   * A cycle leaves it off, so a converged directory plans to nothing.
   */
  readonly explain?: boolean;
}

export interface CycleInput {
  readonly app: CompiledTargetApp;
  readonly users: readonly PlanItem<DirectoryUser>[];
  readonly groups: readonly PlanItem<DirectoryGroup>[];
  readonly links: LinkTable;
}

/** Plans a cycle: every user, then every group. */
export function planCycle(input: CycleInput, options: PlanOptions = {}): Action[] {
  const actions: Action[] = [];
  for (const item of input.users) {
    const action = planUser(item, input.app, input.links, options);
    if (action) actions.push(action);
  }
  for (const item of input.groups) {
    const action = planGroup(item, input.app, input.links, options);
    if (action) actions.push(action);
  }
  return actions;
}

export function planUser(
  item: PlanItem<DirectoryUser>,
  app: CompiledTargetApp,
  links: LinkTable,
  options: PlanOptions = {},
): Action | undefined {
  return planObject('user', item, app.users, view(item), app, links, options);
}

export function planGroup(
  item: PlanItem<DirectoryGroup>,
  app: CompiledTargetApp,
  links: LinkTable,
  options: PlanOptions = {},
): Action | undefined {
  if (!app.groups.mapping.enabled) return undefined;
  return planObject('group', item, app.groups, view(item), app, links, options);
}

/**
 * The matching queries to run for an unlinked object, before planning it. None when its mappings cannot
 * be evaluated: planning it then reports `MappingFailed` for this object alone.
 */
export function queriesFor(
  objectType: ObjectType,
  item: Pick<PlanItem<DirectoryUser | DirectoryGroup>, 'object' | 'scope' | 'appRoleAssignments'>,
  app: CompiledTargetApp,
): MatchingQuery[] {
  const compiled = objectType === 'user' ? app.users : app.groups;
  let mapped: MappedObject;
  try {
    mapped = evaluateMappings(compiled, view(item), 'create');
  } catch {
    return [];
  }
  return matchingQueries(compiled, mapped);
}

function view(
  item: Pick<PlanItem<DirectoryUser | DirectoryGroup>, 'object' | 'scope' | 'appRoleAssignments'>,
): SourceView {
  const { object, appRoleAssignments } = item;
  return {
    objectId: object.objectId,
    attributes: object.attributes,
    ...('members' in object ? { members: object.members } : {}),
    ...(appRoleAssignments ? { appRoleAssignments } : {}),
    isSoftDeleted: !item.scope.inScope,
  };
}

/** Collects the log steps of one object as the decision unfolds. */
class Trail {
  readonly steps: ProvisioningStep[] = [];
  constructor(
    readonly objectType: ObjectType,
    readonly sourceId: string,
  ) {}

  add(type: ProvisioningStep['type'], status: ProvisioningStep['status'], description: string): this {
    this.steps.push({ type, status, description });
    return this;
  }

  skip(
    reason: SkipReason,
    description: string,
    extra: { targetId?: string; link?: LinkChange } = {},
  ): Action {
    this.add('processing', 'skipped', description);
    return {
      kind: 'skip',
      objectType: this.objectType,
      sourceId: this.sourceId,
      ...extra,
      steps: this.steps,
      modifiedProperties: [],
      reason,
    };
  }

  act(
    kind: Exclude<Action['kind'], 'skip'>,
    request: ScimRequest,
    modifiedProperties: readonly ModifiedProperty[],
    link: LinkChange,
    targetId?: string,
  ): Action {
    this.add('processing', 'success', `${kind} ${this.objectType}`);
    this.add('export', 'pending', `${request.method} ${request.path}`);
    return {
      kind,
      objectType: this.objectType,
      sourceId: this.sourceId,
      ...(targetId === undefined ? {} : { targetId }),
      request,
      steps: this.steps,
      modifiedProperties,
      link,
    };
  }
}

function planObject(
  objectType: ObjectType,
  item: PlanItem<DirectoryUser | DirectoryGroup>,
  compiled: CompiledObjectMapping,
  source: SourceView,
  app: CompiledTargetApp,
  links: LinkTable,
  options: PlanOptions,
): Action | undefined {
  const { object, scope } = item;
  const own = objectType === 'user' ? links.users : links.groups;
  const link = own.get(object.objectId);
  const trail = new Trail(objectType, object.objectId);
  const quiet = (action: Action) => (options.explain ? action : undefined);
  trail.add('import', 'success', `read ${objectType} ${object.objectId} from the directory`);
  trail.add('scoping', scope.inScope ? 'success' : 'skipped', scope.detail);
  const { actions } = compiled.mapping;
  const endpoint = compiled.schema.resourceType.endpoint;
  const resourcePath = (id: string) => `${endpoint}/${encodeURIComponent(id)}`;

  if (scope.reason === 'hardDeleted') {
    if (!link) return quiet(trail.skip('outOfScope', 'never provisioned: nothing to delete'));
    if (link.outOfScope === 'notAssigned' || link.outOfScope === 'scopingFilter') {
      return trail.skip('noLongerManaged', 'left scope before it was deleted: no longer managed (A8)', {
        targetId: link.targetId,
        link: { op: 'remove' },
      });
    }
    if (!actions.delete) return quiet(trail.skip('actionDisabled', 'the Delete action is off'));
    trail.add('matching', 'success', `linked to ${link.targetId}`);
    return trail.act(
      'delete',
      { method: 'DELETE', path: resourcePath(link.targetId) },
      [],
      { op: 'remove' },
      link.targetId,
    );
  }

  if (!scope.inScope) {
    if (!link) return quiet(trail.skip('outOfScope', 'out of scope and never provisioned'));
    if (link.outOfScope)
      return quiet(trail.skip('alreadyDeprovisioned', `already deprovisioned (${link.outOfScope})`));
    const leftScope = scope.reason === 'notAssigned' || scope.reason === 'scopingFilter';
    if (leftScope && app.app.skipOutOfScopeDeletions) {
      return quiet(trail.skip('skipOutOfScopeDeletions', 'SkipOutOfScopeDeletions is set'));
    }
    trail.add('matching', 'success', `linked to ${link.targetId}`);
    if (objectType === 'group') {
      // Groups have no `active`: leaving scope deletes them, when Delete is ticked.
      if (!actions.delete) return quiet(trail.skip('actionDisabled', 'the Delete action is off'));
      return trail.act(
        'delete',
        { method: 'DELETE', path: resourcePath(link.targetId) },
        [],
        { op: 'remove' },
        link.targetId,
      );
    }
    if (!actions.update) return quiet(trail.skip('actionDisabled', 'the Update action is off'));
    return planDisable(trail, compiled, app, source, link, scope, resourcePath);
  }

  let mapped: MappedObject;
  try {
    mapped = evaluateMappings(compiled, source, link ? 'update' : 'create');
  } catch (error) {
    trail.add('processing', 'failure', (error as Error).message);
    return trail.skip(
      'MappingFailed',
      'a mapping could not be evaluated',
      link ? { targetId: link.targetId } : {},
    );
  }
  const references = resolveReferences(compiled, mapped, source, links, trail);

  if (link) {
    trail.add('matching', 'success', `linked to ${link.targetId}`);
    return planUpdate(
      trail,
      compiled,
      app,
      mapped,
      references,
      link.exported,
      link.targetId,
      link.outOfScope !== undefined,
      options,
      resourcePath,
    );
  }

  const queries = matchingQueries(compiled, mapped);
  const outcome: MatchOutcome = decideMatch(queries, item.lookups ?? []);
  switch (outcome.kind) {
    case 'noMatchingValue':
      trail.add('matching', 'failure', 'no value for any matching attribute');
      return trail.skip('ImportSkipped', 'the object has no matching value');
    case 'duplicate':
      trail.add('matching', 'failure', `${outcome.count} target resources match ${outcome.query.filter}`);
      return trail.skip('DuplicateTargetEntries', 'more than one target resource matches');
    case 'matched': {
      const targetId = outcome.resource.id;
      if (typeof targetId !== 'string') {
        trail.add('matching', 'failure', `the resource matching ${outcome.query.filter} has no id`);
        return trail.skip('targetIdMissing', 'the matched resource has no id');
      }
      trail.add('matching', 'success', `matched ${targetId} by ${outcome.query.filter}`);
      const current = readCurrent(compiled, outcome.resource);
      const desired = evaluateMappings(compiled, source, 'update');
      return planUpdate(
        trail,
        compiled,
        app,
        desired,
        references,
        current,
        targetId,
        true,
        options,
        resourcePath,
      );
    }
    case 'none': {
      trail.add(
        'matching',
        'success',
        `no target resource matches ${queries.map((q) => q.filter).join(' or ')}`,
      );
      if (!actions.create) return quiet(trail.skip('actionDisabled', 'the Create action is off'));
      const values = compiled.values
        .filter((c) => mapped.values.has(c.target.text))
        .map((c) => [c.target, mapped.values.get(c.target.text)!] as const);
      const body = renderCreate(app.app.patchStyle, compiled.schema.resourceType, values);
      const exported = Object.fromEntries(values.map(([path, value]) => [path.text, value]));
      return trail.act(
        'create',
        { method: 'POST', path: endpoint, body },
        values.map(([path, value]) => ({ name: path.text, old: null, new: value })),
        { op: 'set', exported },
      );
    }
  }
}

interface ResolvedReference {
  readonly path: TargetPath;
  /** Target ids of the referenced objects that are linked. */
  readonly ids: readonly string[];
  /** True when the source has no reference at all (the manager was removed), not merely unlinked ones. */
  readonly cleared: boolean;
}

function resolveReferences(
  compiled: CompiledObjectMapping,
  mapped: MappedObject,
  source: SourceView,
  links: LinkTable,
  trail: Trail,
): ResolvedReference[] {
  // Only a group's members can be groups; they never become members in the target (B1), so every
  // cycle would otherwise call them "not provisioned yet".
  const nested = (source.members ?? []).flatMap((m) => (m.objectType === 'Group' ? [m.objectId] : []));
  return compiled.references.map(({ target }) => {
    if (nested.length > 0) {
      trail.add(
        'referenceResolution',
        'skipped',
        `${target.text}: nested groups are not provisioned as members: ${nested.join(', ')}`,
      );
    }
    const sourceIds = mapped.references.get(target.text) ?? [];
    const ids: string[] = [];
    const pending: string[] = [];
    for (const id of sourceIds) {
      const targetId = links.users.get(id)?.targetId;
      if (targetId === undefined) pending.push(id);
      else ids.push(targetId);
    }
    if (pending.length > 0) {
      trail.add(
        'referenceResolution',
        'warning',
        `${target.text}: not provisioned yet: ${pending.join(', ')}`,
      );
    }
    return { path: target, ids, cleared: sourceIds.length === 0 };
  });
}

/** What the matched target resource holds now, as exported values, so the first update is minimal too. */
function readCurrent(compiled: CompiledObjectMapping, resource: JsonObject): Record<string, TargetValue> {
  const current: Record<string, TargetValue> = {};
  for (const { target, rolesPatchOperation } of compiled.values) {
    const value = readTargetValue(resource, target);
    if (rolesPatchOperation) {
      const roles = Array.isArray(value) ? value.flatMap(readRole) : [];
      if (roles.length > 0) current[target.text] = roles;
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      current[target.text] = value;
    } else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      current[target.text] = value as string[];
    }
  }
  for (const { target } of compiled.references) {
    const value = readTargetValue(resource, target);
    const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
    const ids = list.flatMap((v) =>
      typeof v === 'string'
        ? [v]
        : typeof v === 'object' && v !== null && typeof v.value === 'string'
          ? [v.value]
          : [],
    );
    if (ids.length > 0) current[target.text] = target.attribute.multiValued ? ids.sort() : ids[0]!;
  }
  return current;
}

/** A `roles` element held by the target, spelled as the planner sends them so the two compare. */
function readRole(element: unknown): TargetElement[] {
  if (typeof element !== 'object' || element === null) return [];
  const held = element as JsonObject;
  const role: Record<string, string | boolean> = {
    primary: held.primary === true || String(held.primary).toLowerCase() === 'true',
  };
  for (const key of ['type', 'display', 'value']) {
    if (typeof held[key] === 'string') role[key] = held[key];
  }
  return [role];
}

const roleKey = (role: TargetElement) => JSON.stringify([role.value, role.display, role.type, role.primary]);
const rolesOf = (value: TargetValue | undefined): readonly TargetElement[] =>
  Array.isArray(value) ? value.filter((v): v is TargetElement => typeof v === 'object') : [];

/**
 * `roles` from an app-role function (B1). AppRoleAssignmentsComplex adds only the roles the target lacks,
 * so a role taken away in the directory stays there; AssertiveAppRoleAssignmentsComplex replaces the whole
 * list, and removes it once no role is left.
 */
function rolesChange(
  operation: RolesPatchOperation,
  path: TargetPath,
  current: TargetValue | undefined,
  mapped: TargetValue | undefined,
): { change: ValueChange; exported: TargetValue | undefined } | undefined {
  const before = rolesOf(current);
  const after = rolesOf(mapped);
  const held = new Set(before.map(roleKey));
  const old = before.length > 0 ? { old: before } : {};
  if (operation === 'add') {
    const added = after.filter((role) => !held.has(roleKey(role)));
    if (added.length === 0) return undefined;
    return { change: { path, ...old, value: added, op: 'add' }, exported: [...before, ...added] };
  }
  const wanted = new Set(after.map(roleKey));
  if (wanted.size === held.size && [...wanted].every((key) => held.has(key))) return undefined;
  if (after.length === 0) return { change: { path, ...old, value: [], op: 'remove' }, exported: undefined };
  return { change: { path, ...old, value: after, op: 'replace' }, exported: after };
}

const sameValue = (a: TargetValue | undefined, b: TargetValue): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((v, i) => v === b[i]) : a === b;

interface Diff {
  readonly changes: ValueChange[];
  readonly references: ReferenceChange[];
  readonly modified: ModifiedProperty[];
  readonly exported: Record<string, TargetValue>;
}

/** What differs between the mapped values and what the target holds; only that is sent. */
function diff(
  compiled: CompiledObjectMapping,
  mapped: MappedObject,
  references: readonly ResolvedReference[],
  current: Readonly<Record<string, TargetValue>>,
): Diff {
  const exported: Record<string, TargetValue> = { ...current };
  const changes: ValueChange[] = [];
  for (const { target, rolesPatchOperation } of compiled.values) {
    const value = mapped.values.get(target.text);
    if (rolesPatchOperation) {
      const roles = rolesChange(rolesPatchOperation, target, current[target.text], value);
      if (!roles) continue;
      changes.push(roles.change);
      if (roles.exported === undefined) delete exported[target.text];
      else exported[target.text] = roles.exported;
      continue;
    }
    // Null is never sent (B3): a value that disappears in the source stays in the target.
    if (value === undefined || sameValue(current[target.text], value)) continue;
    const old = current[target.text];
    const newElement = old === undefined && target.element !== undefined && !hasElement(current, target);
    changes.push({
      path: target,
      ...(old === undefined ? {} : { old }),
      value,
      ...(newElement ? { newElement } : {}),
    });
    exported[target.text] = value;
  }
  const modified: ModifiedProperty[] = changes.map((c) => ({
    name: c.path.text,
    old: c.old ?? null,
    new: exported[c.path.text] ?? null,
  }));
  const referenceChanges: ReferenceChange[] = [];
  for (const reference of references) {
    const change = referenceDelta(reference, current[reference.path.text]);
    if (!change) continue;
    referenceChanges.push(change.delta);
    modified.push({
      name: reference.path.text,
      old: current[reference.path.text] ?? null,
      new: change.exported ?? null,
    });
    if (change.exported === undefined) delete exported[reference.path.text];
    else exported[reference.path.text] = change.exported;
  }
  return { changes, references: referenceChanges, modified, exported };
}

/** Whether another sub-attribute of the same element (`addresses[type eq "work"]`) was exported. */
function hasElement(current: Readonly<Record<string, TargetValue>>, target: TargetPath): boolean {
  const prefix = target.text.slice(0, target.text.lastIndexOf('.') + 1);
  return Object.keys(current).some((key) => key.startsWith(prefix));
}

function planUpdate(
  trail: Trail,
  compiled: CompiledObjectMapping,
  app: CompiledTargetApp,
  mapped: MappedObject,
  references: readonly ResolvedReference[],
  current: Readonly<Record<string, TargetValue>>,
  targetId: string,
  linkChanges: boolean,
  options: PlanOptions,
  resourcePath: (id: string) => string,
): Action | undefined {
  const {
    changes,
    references: referenceChanges,
    modified,
    exported,
  } = diff(compiled, mapped, references, current);
  const link: LinkChange = { op: 'set', targetId, exported };
  if (changes.length === 0 && referenceChanges.length === 0) {
    const action = trail.skip('unchanged', 'nothing to change', {
      targetId,
      ...(linkChanges ? { link } : {}),
    });
    return linkChanges || options.explain ? action : undefined;
  }
  if (!compiled.mapping.actions.update) {
    const action = trail.skip('actionDisabled', 'the Update action is off', {
      targetId,
      ...(linkChanges ? { link } : {}),
    });
    return linkChanges || options.explain ? action : undefined;
  }
  const body = renderPatch(app.app.patchStyle, changes, referenceChanges);
  return trail.act(
    'update',
    { method: 'PATCH', path: resourcePath(targetId), body },
    modified,
    link,
    targetId,
  );
}

/**
 * Deprovisioning (A8): the mappings evaluated with `IsSoftDeleted` true, so the default `active` mapping
 * yields "False" and whatever else changed rides along as in Entra's own PATCH (A3). `active=false` is
 * sent even if the admin mapped `active` differently; references are left alone.
 */
function planDisable(
  trail: Trail,
  compiled: CompiledObjectMapping,
  app: CompiledTargetApp,
  source: SourceView,
  link: LinkEntry,
  scope: ScopeDecision,
  resourcePath: (id: string) => string,
): Action {
  let mapped: MappedObject;
  try {
    mapped = evaluateMappings(compiled, source, 'update');
  } catch (error) {
    trail.add('processing', 'failure', (error as Error).message);
    return trail.skip('MappingFailed', 'a mapping could not be evaluated', { targetId: link.targetId });
  }
  const { changes, modified, exported } = diff(compiled, mapped, [], link.exported);
  const active = changes.find((c) => c.path.text === 'active');
  if (!active && link.exported.active !== false) {
    // A resource created without `active` is active (RFC 7643 §4.1.1 leaves it to the server, all treat it so).
    changes.push({ path: ACTIVE, old: link.exported.active ?? true, value: false });
    modified.push({ name: 'active', old: link.exported.active ?? null, new: false });
    exported.active = false;
  }
  const linkChange: LinkChange = { op: 'set', exported, outOfScope: scope.reason! };
  if (changes.length === 0) {
    return trail.skip('alreadyDeprovisioned', 'already inactive in the target', {
      targetId: link.targetId,
      link: linkChange,
    });
  }
  const body = renderPatch(app.app.patchStyle, changes, []);
  return trail.act(
    'disable',
    { method: 'PATCH', path: resourcePath(link.targetId), body },
    modified,
    linkChange,
    link.targetId,
  );
}

/** RFC 7643 `active`, for the disable that the mappings did not produce themselves. */
const ACTIVE: TargetPath = (() => {
  const attribute = USER.attributes.find((a) => a.name === 'active')!;
  return { text: 'active', attribute, leaf: attribute };
})();

/** The delta of one reference against what was exported; undefined when nothing changes. */
function referenceDelta(
  reference: ResolvedReference,
  exported: TargetValue | undefined,
): { delta: ReferenceChange; exported: TargetValue | undefined } | undefined {
  const { path, ids } = reference;
  if (path.attribute.multiValued) {
    const before = new Set(Array.isArray(exported) ? (exported as string[]) : []);
    const after = new Set(ids);
    const add = ids.filter((id) => !before.has(id));
    const remove = [...before].filter((id) => !after.has(id));
    if (add.length === 0 && remove.length === 0) return undefined;
    return { delta: { path, add, remove }, exported: [...after].sort() };
  }
  const previous = typeof exported === 'string' ? exported : undefined;
  const [next] = ids;
  if (next !== undefined) {
    if (next === previous) return undefined;
    return { delta: { path, add: [next], remove: previous === undefined ? [] : [previous] }, exported: next };
  }
  // A manager not linked yet leaves the exported one alone; only a removed manager is removed.
  if (!reference.cleared || previous === undefined) return undefined;
  return { delta: { path, add: [], remove: [previous] }, exported: undefined };
}
