/** Small builders for SCIM bodies in tests. */
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from '@provisio/scim-core';

export function user(userName: string, attributes: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemas: [USER_SCHEMA], userName, ...attributes };
}

export function enterpriseUser(
  userName: string,
  enterprise: Record<string, unknown>,
  attributes: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    userName,
    ...attributes,
    [ENTERPRISE_USER_SCHEMA]: enterprise,
  };
}

export function group(displayName: string, members: readonly string[] = []): Record<string, unknown> {
  return {
    schemas: [GROUP_SCHEMA],
    displayName,
    ...(members.length ? { members: members.map((value) => ({ value })) } : {}),
  };
}
