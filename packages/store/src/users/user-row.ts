/**
 * A User resource → the columns of `users` and rows of `user_emails`: the one mapping both the repository
 * and `seedUsers` write, matching what `scim/storage-map.ts` reads.
 */
import { ENTERPRISE_USER_SCHEMA, InternalError, InvalidValue } from '@provisio/scim-core';
import type { ScimResource } from '../contract.js';
import type { UserEmailsTable, UsersTable } from '../database.js';
import { resourceData } from '../resources/stored-resource.js';
import { isPasswordHash } from './password.js';

export type UserColumns = Omit<UsersTable, 'tenant_id' | 'id' | 'created' | 'last_modified' | 'version'>;
export type EmailRow = Omit<UserEmailsTable, 'tenant_id' | 'user_id'>;

/** Derived at read time from group_members (RFC 7643 §4.1.2), so never stored. */
export const USER_DERIVED = ['groups'];

/** Non-empty text, else NULL: absent and `""` are the same to `pr` (RFC 7644 §3.4.2.2). */
function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The case-insensitive key of a value: JavaScript lower-casing is Unicode-aware, SQLite's is not. */
export function keyOf(value: unknown): string | null {
  return text(value)?.toLowerCase() ?? null;
}

function record(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Entra sends `manager` as a bare id as well as `{ value }` (A3); both index the same way. */
function managerValue(manager: unknown): unknown {
  return typeof manager === 'string' ? manager : record(manager).value;
}

export function toUserColumns(resource: ScimResource): UserColumns {
  // A last line of defence: every write path must hash first (see password.ts), and a plain password that
  // slipped through would be a leak, so it is a server fault, not a client error.
  if (resource.password !== undefined && !isPasswordHash(resource.password)) {
    throw new InternalError('refusing to store a password that is not hashed');
  }
  const userName = text(resource.userName);
  if (userName === null) throw new InvalidValue('userName is required (RFC 7643 §4.1.1)');
  const enterprise = record(resource[ENTERPRISE_USER_SCHEMA]);
  const displayName = text(resource.displayName);
  return {
    user_name: userName,
    user_name_key: userName.toLowerCase(),
    external_id: text(resource.externalId),
    display_name: displayName,
    display_name_key: keyOf(displayName),
    active: typeof resource.active === 'boolean' ? Number(resource.active) : null,
    employee_number_key: keyOf(enterprise.employeeNumber),
    department_key: keyOf(enterprise.department),
    manager_key: keyOf(managerValue(enterprise.manager)),
    data: resourceData(resource, USER_DERIVED),
  };
}

export function toEmailRows(resource: ScimResource): EmailRow[] {
  const emails = Array.isArray(resource.emails) ? resource.emails : [];
  return emails.map((email, ordinal) => {
    const { value, type, primary } = record(email);
    return { ordinal, value_key: keyOf(value), type_key: keyOf(type), is_primary: primary === true ? 1 : 0 };
  });
}
