/**
 * What expressions compute with, what `[attribute]` reads, and the injectable clock and randomness.
 */

/**
 * One app role assignment of the object, as `[appRoleAssignments]` yields them (B1): the role's value
 * and display name travel with the assignment so the role functions need no directory access.
 */
export interface AppRoleValue {
  readonly kind: 'appRoleAssignment';
  /** The assignment's id. */
  readonly id: string;
  readonly appRoleId: string;
  /** The role's `value` (what `SingleAppRoleAssignment` returns). */
  readonly value: string;
  readonly displayName: string;
  /** Default Access grants access but no role: Entra sends `"roles":[]` for it (A3, A9). */
  readonly isDefaultAccess: boolean;
}

/** One element of SCIM `roles`, as the `…AppRoleAssignmentsComplex` functions build it (B1). */
export interface RoleValue {
  readonly kind: 'role';
  readonly primary: boolean;
  readonly type: 'WindowsAzureActiveDirectoryRole';
  readonly display: string;
  readonly value: string;
}

export type ExpressionValue =
  | string
  | number
  | boolean
  | Date
  | null
  | AppRoleValue
  | RoleValue
  | readonly ExpressionValue[];

/** The result meaning "do not send this attribute" (`IgnoreFlowIfNullOrEmpty`). */
export const IGNORE_FLOW: unique symbol = Symbol('IgnoreFlow');

export type ExpressionResult = ExpressionValue | typeof IGNORE_FLOW;

/** What `[attribute]` reads. `undefined` and `null` both mean absent. */
export interface ExpressionSource {
  get(attribute: string): ExpressionValue | undefined;
  /**
   * Whether `value` is still free in the target, for `SelectUniqueValue`. Entra offers that function for
   * Active Directory targets only (B4); without this method it fails with an evaluation error.
   */
  isUnique?(value: string): boolean;
}

/** Everything nondeterministic an expression may use, so tests can pin it. */
export interface ExpressionEnvironment {
  now(): Date;
  /** A uniformly distributed number in [0, 1). */
  random(): number;
  newGuid(): string;
}

/**
 * The real clock, and the platform's cryptographic generator: `RandomString` output often becomes an
 * initial password, so `Math.random` is not good enough.
 */
export const systemEnvironment: ExpressionEnvironment = {
  now: () => new Date(),
  random: () => {
    const [word] = crypto.getRandomValues(new Uint32Array(1));
    return (word ?? 0) / 0x1_0000_0000;
  },
  newGuid: () => crypto.randomUUID(),
};

export function isList(value: ExpressionValue): value is readonly ExpressionValue[] {
  return Array.isArray(value);
}

/** Absent: null, or a multi-valued attribute with no values. */
export function isAbsent(value: ExpressionValue | undefined): boolean {
  return value === null || value === undefined || (isList(value) && value.length === 0);
}

export function isNullOrEmpty(value: ExpressionValue | undefined): boolean {
  return isAbsent(value) || value === '';
}
