/**
 * A directory and one planning pass over it, as the cycle runner will do it: scope every object, run the
 * matching queries of unlinked in-scope objects against the target, plan.
 */
import {
  type Action,
  type AppRoleAssignment,
  type Application,
  type AttributeMapping,
  type CompiledTargetApp,
  type DirectoryGroup,
  type DirectoryUser,
  type PlanOptions,
  type TargetLookup,
  decideGroupScope,
  decideUserScope,
  indexAssignments,
  planCycle,
  queriesFor,
} from '@provisio/engine';
import type { MemoryTarget } from './target.js';

export interface Directory {
  readonly application: Application;
  readonly users: readonly DirectoryUser[];
  readonly groups: readonly DirectoryGroup[];
  readonly assignments: readonly AppRoleAssignment[];
}

export const APPLICATION: Application = {
  id: 'app',
  name: 'Proware',
  appRoles: [
    { id: 'default', value: '', displayName: 'Default Access', isDefaultAccess: true },
    { id: 'user', value: 'User', displayName: 'User', isDefaultAccess: false },
  ],
};

export function user(
  objectId: string,
  attributes: DirectoryUser['attributes'],
  extra: Partial<DirectoryUser> = {},
): DirectoryUser {
  return {
    objectId,
    attributes: { accountEnabled: true, ...attributes },
    lifecycle: 'active',
    changeSequence: 1,
    ...extra,
  };
}

export function group(
  objectId: string,
  displayName: string,
  userIds: string[],
  groupIds: string[] = [],
): DirectoryGroup {
  const members = [
    ...userIds.map((id) => ({ objectId: id, objectType: 'User' as const })),
    ...groupIds.map((id) => ({ objectId: id, objectType: 'Group' as const })),
  ];
  return { objectId, attributes: { displayName }, members, lifecycle: 'active', changeSequence: 1 };
}

export function assign(
  principalId: string,
  principalType: 'User' | 'Group' = 'User',
  appRoleId = 'user',
): AppRoleAssignment {
  return {
    id: `a-${principalId}`,
    applicationId: 'app',
    principalId,
    principalType,
    appRoleId,
    changeSequence: 1,
  };
}

/** Scopes, matches and plans one pass over `directory`. */
export function plan(
  app: CompiledTargetApp,
  directory: Directory,
  target: MemoryTarget,
  options: PlanOptions = {},
): Action[] {
  const groupsById = new Map(directory.groups.map((g) => [g.objectId, g]));
  const assignments = indexAssignments(
    directory.application,
    directory.assignments,
    groupsById,
    app.app.excludeDefaultAccess,
  );
  const settings = (objectType: 'users' | 'groups') => ({
    mode: app.app.scope,
    assignments,
    scopingFilter: app.app[objectType].scopingFilter,
  });
  const lookups = (objectType: 'user' | 'group', item: Parameters<typeof queriesFor>[1], linked: boolean) => {
    if (linked || !item.scope.inScope) return {};
    const resourceType = objectType === 'user' ? 'User' : 'Group';
    const found: TargetLookup[] = [];
    for (const query of queriesFor(objectType, item, app)) {
      const resources = target.search(resourceType, query.filter);
      found.push({ filter: query.filter, resources });
      if (resources.length > 0) break;
    }
    return { lookups: found };
  };
  const users = directory.users.map((object) => {
    const roles = assignments.appRoleAssignments.get(object.objectId);
    const item = {
      object,
      scope: decideUserScope(object, settings('users')),
      ...(roles ? { appRoleAssignments: roles } : {}),
    };
    return { ...item, ...lookups('user', item, target.users.has(object.objectId)) };
  });
  const groups = directory.groups.map((object) => {
    const item = { object, scope: decideGroupScope(object, settings('groups')) };
    return { ...item, ...lookups('group', item, target.groups.has(object.objectId)) };
  });
  return planCycle({ app, users, groups, links: target.links }, options);
}

/** `defaults` with each of `changes` replacing the mapping of the same target (case-insensitive) or added. */
export function withMappings(
  defaults: readonly AttributeMapping[],
  changes: readonly AttributeMapping[],
): AttributeMapping[] {
  const key = (m: AttributeMapping) => m.target.toLowerCase();
  const replaced = new Set(changes.map(key));
  return [...defaults.filter((m) => !replaced.has(key(m))), ...changes];
}

/**
 * Plans and applies until the plan is empty, as cycles do (B5: users, then references once linked);
 * returns how many passes had something to do. `inspect` sees each pass's actions before they run.
 */
export function converge(
  app: CompiledTargetApp,
  directory: Directory,
  target: MemoryTarget,
  inspect: (actions: readonly Action[]) => void = () => undefined,
): number {
  for (let pass = 0; pass < 4; pass++) {
    const actions = plan(app, directory, target);
    if (actions.length === 0) return pass;
    inspect(actions);
    target.apply(actions, app.app.patchStyle);
  }
  throw new Error('the plan did not converge in 3 passes');
}
