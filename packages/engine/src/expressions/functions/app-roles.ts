/**
 * App-role functions (B1): turn `[appRoleAssignments]` into a role value or SCIM `roles` elements.
 * Default Access assignments carry no role, so they are left out (Entra sends `"roles":[]` for them).
 */
import { valuesOf } from '../coerce.js';
import type { FunctionDefinition, Invocation, RolesPatchOperation } from '../function-definition.js';
import type { AppRoleValue, ExpressionValue, RoleValue } from '../values.js';

function assignedRoles(call: Invocation): AppRoleValue[] {
  const roles: AppRoleValue[] = [];
  for (const value of valuesOf(call.arg(0))) {
    if (!isAppRoleValue(value)) call.fail('expects [appRoleAssignments]');
    if (!value.isDefaultAccess) roles.push(value);
  }
  return roles;
}

function isAppRoleValue(value: ExpressionValue): value is AppRoleValue {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'appRoleAssignment';
}

/** One element per distinct role: a user holding a role directly and through a group gets it once. */
function complexRoles(call: Invocation): RoleValue[] {
  const byRole = new Map<string, RoleValue>();
  for (const role of assignedRoles(call)) {
    if (byRole.has(role.appRoleId)) continue;
    byRole.set(role.appRoleId, {
      kind: 'role',
      primary: false,
      type: 'WindowsAzureActiveDirectoryRole',
      display: role.displayName,
      value: role.value,
    });
  }
  return [...byRole.values()];
}

const complex = (name: string, rolesPatchOperation: RolesPatchOperation): FunctionDefinition => ({
  name,
  parameters: [{ name: 'appRoleAssignments', type: 'roles' }],
  result: 'roles',
  rolesPatchOperation,
  evaluate: complexRoles,
});

export const APP_ROLE_FUNCTIONS: readonly FunctionDefinition[] = [
  complex('AppRoleAssignmentsComplex', 'add'),
  complex('AssertiveAppRoleAssignmentsComplex', 'replace'),
  {
    name: 'SingleAppRoleAssignment',
    parameters: [{ name: 'appRoleAssignments', type: 'roles' }],
    result: 'string',
    // Entra gives no guarantee which role wins when there are several; the source's first one does here.
    evaluate: (call) => assignedRoles(call)[0]?.value ?? null,
  },
];
