/**
 * Who is in scope (entra-scim-behaviour.md B1, A8, A9): assignment (direct, or direct membership of an
 * assigned group, never nested), the scoping filter, and the object's own state. An object out of scope for
 * any reason has `IsSoftDeleted` true, which the default `active` mapping turns into `active=false`.
 */
import type {
  AppRole,
  AppRoleAssignment,
  Application,
  DirectoryGroup,
  DirectoryUser,
} from '../directory/model.js';
import type { AppRoleValue } from '../expressions/values.js';
import { type ScopingFilterGroup, evaluateScopingFilter } from './scoping-filter.js';

/** Sync only assigned users and groups (recommended), or all of them. */
export type ScopeMode = 'assignedOnly' | 'all';

/** Why an object is out of scope; `hardDeleted` is the one that leads to DELETE rather than a disable. */
export type OutOfScopeReason = 'hardDeleted' | 'softDeleted' | 'disabled' | 'notAssigned' | 'scopingFilter';

export interface ScopeDecision {
  readonly inScope: boolean;
  readonly reason?: OutOfScopeReason;
  /** What the provisioning log shows in the scoping step (B6 "Determine scope"). */
  readonly detail: string;
}

/** The principals an application's assignments reach, computed once per cycle. */
export interface AssignmentIndex {
  readonly users: ReadonlySet<string>;
  readonly groups: ReadonlySet<string>;
  /**
   * Each user's `[appRoleAssignments]` (B1): direct assignments first, then those of assigned groups it is
   * a direct member of, each with its role. Default Access ones included: the role functions drop them.
   */
  readonly appRoleAssignments: ReadonlyMap<string, readonly AppRoleValue[]>;
}

/**
 * Resolves assignments to the users and groups they put in scope. Group assignments reach the group's
 * direct user members only (B1). With `excludeDefaultAccess`, assignments of the Default Access role count
 * for nothing (A9: tutorials such as Promapp's require that). Removed assignments (delta reads) grant
 * nothing.
 */
export function indexAssignments(
  application: Application,
  assignments: readonly AppRoleAssignment[],
  groupsById: ReadonlyMap<string, DirectoryGroup>,
  excludeDefaultAccess: boolean,
): AssignmentIndex {
  const roles = new Map(application.appRoles.map((role) => [role.id, role]));
  const users = new Set<string>();
  const groups = new Set<string>();
  const direct = new Map<string, AppRoleValue[]>();
  const throughGroups = new Map<string, AppRoleValue[]>();
  const grant = (into: Map<string, AppRoleValue[]>, userId: string, value: AppRoleValue | undefined) => {
    if (!value) return;
    const list = into.get(userId);
    if (list) list.push(value);
    else into.set(userId, [value]);
  };
  for (const assignment of assignments) {
    if (assignment.applicationId !== application.id || assignment.removed) continue;
    const role = roles.get(assignment.appRoleId);
    const value = role && appRoleValue(assignment, role);
    const scoped = !(excludeDefaultAccess && role?.isDefaultAccess);
    if (assignment.principalType === 'User') {
      grant(direct, assignment.principalId, value);
      if (scoped) users.add(assignment.principalId);
      continue;
    }
    if (scoped) groups.add(assignment.principalId);
    const group = groupsById.get(assignment.principalId);
    if (!group || group.lifecycle !== 'active') continue;
    for (const member of group.members) {
      if (member.objectType !== 'User') continue;
      grant(throughGroups, member.objectId, value);
      if (scoped) users.add(member.objectId);
    }
  }
  const appRoleAssignments = new Map(direct);
  for (const [userId, values] of throughGroups)
    appRoleAssignments.set(userId, [...(direct.get(userId) ?? []), ...values]);
  return { users, groups, appRoleAssignments };
}

function appRoleValue(assignment: AppRoleAssignment, role: AppRole): AppRoleValue {
  return {
    kind: 'appRoleAssignment',
    id: assignment.id,
    appRoleId: role.id,
    value: role.value,
    displayName: role.displayName,
    isDefaultAccess: role.isDefaultAccess,
  };
}

export interface ScopeSettings {
  readonly mode: ScopeMode;
  readonly assignments: AssignmentIndex;
  readonly scopingFilter: readonly ScopingFilterGroup[];
}

const out = (reason: OutOfScopeReason, detail: string): ScopeDecision => ({ inScope: false, reason, detail });

/** Decides the scope of one user. */
export function decideUserScope(user: DirectoryUser, settings: ScopeSettings): ScopeDecision {
  if (user.lifecycle === 'hardDeleted') return out('hardDeleted', 'deleted permanently in the directory');
  if (user.lifecycle === 'softDeleted') return out('softDeleted', 'deleted (in the recycle bin)');
  if (user.attributes.accountEnabled === false) return out('disabled', 'accountEnabled is false');
  return decideAssignmentAndFilter(user.objectId, settings.assignments.users, user.attributes, settings);
}

/** Decides the scope of one group (as an object to provision; its members are scoped as users). */
export function decideGroupScope(group: DirectoryGroup, settings: ScopeSettings): ScopeDecision {
  if (group.lifecycle === 'hardDeleted') return out('hardDeleted', 'deleted permanently in the directory');
  if (group.lifecycle === 'softDeleted') return out('softDeleted', 'deleted (in the recycle bin)');
  return decideAssignmentAndFilter(group.objectId, settings.assignments.groups, group.attributes, settings);
}

function decideAssignmentAndFilter(
  objectId: string,
  assigned: ReadonlySet<string>,
  attributes: DirectoryUser['attributes'],
  settings: ScopeSettings,
): ScopeDecision {
  if (settings.mode === 'assignedOnly' && !assigned.has(objectId)) {
    return out('notAssigned', 'not assigned to the application');
  }
  const filter = evaluateScopingFilter(settings.scopingFilter, attributes);
  if (!filter.inScope) return out('scopingFilter', filter.detail);
  const assignment = settings.mode === 'all' ? 'scope is all users and groups' : 'assigned';
  return { inScope: true, detail: `${assignment}; ${filter.detail}` };
}
