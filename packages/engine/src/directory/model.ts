/**
 * The identity provider's side: what the engine reads to decide what to provision. Shapes follow Entra ID
 * (`../shared/docs/entra-scim-behaviour.md` part B) so mappings written for Entra read the same attributes.
 */

/** A directory attribute value: Entra's single-valued types, or a multi-valued string list. */
export type DirectoryValue = string | number | boolean | null | readonly string[];

/** Well-known user attributes (Entra names). Others, e.g. `extension_<appId>_<name>`, are allowed too. */
export const USER_ATTRIBUTES = [
  'userPrincipalName',
  'mail',
  'mailNickname',
  'givenName',
  'surname',
  'displayName',
  'jobTitle',
  'department',
  'employeeId',
  'preferredLanguage',
  'physicalDeliveryOfficeName',
  'streetAddress',
  'city',
  'state',
  'postalCode',
  'country',
  'telephoneNumber',
  'mobile',
  'facsimileTelephoneNumber',
  'accountEnabled',
  /** The manager's objectId (a reference). */
  'manager',
] as const;

/** User attributes that hold a list of strings (`;`-separated in CSV imports). */
export const MULTI_VALUED_USER_ATTRIBUTES = ['otherMails', 'proxyAddresses', 'businessPhones'] as const;

/**
 * Directory extension attributes as Entra names them: `extension_<application id without dashes>_<name>`.
 * Their values may be any {@link DirectoryValue}.
 */
export const EXTENSION_ATTRIBUTE = /^extension_[0-9a-f]{32}_[A-Za-z0-9_]+$/i;

export const GROUP_ATTRIBUTES = ['displayName', 'mailNickname', 'description', 'mail'] as const;

/**
 * How an object stands in the directory. `softDeleted` objects are in the recycle bin (they are
 * deprovisioned by disabling); `hardDeleted` ones are tombstones kept so incremental cycles can send DELETE.
 */
export type Lifecycle = 'active' | 'softDeleted' | 'hardDeleted';

export interface DirectoryUser {
  readonly objectId: string;
  readonly attributes: Readonly<Record<string, DirectoryValue>>;
  readonly lifecycle: Lifecycle;
  /** The directory's change sequence when this object last changed. */
  readonly changeSequence: number;
}

/** A direct member of a group, with its kind: a nested group is never sent as a member (B1). */
export interface GroupMember {
  readonly objectId: string;
  readonly objectType: 'User' | 'Group';
}

export interface DirectoryGroup {
  readonly objectId: string;
  readonly attributes: Readonly<Record<string, DirectoryValue>>;
  /** Direct members only (users or groups): Entra never expands nesting (B1). */
  readonly members: readonly GroupMember[];
  readonly lifecycle: Lifecycle;
  readonly changeSequence: number;
}

export interface AppRole {
  readonly id: string;
  readonly value: string;
  readonly displayName: string;
  /** Every application has exactly one Default Access role (A9). */
  readonly isDefaultAccess: boolean;
}

export interface Application {
  readonly id: string;
  readonly name: string;
  readonly appRoles: readonly AppRole[];
}

export interface AppRoleAssignment {
  readonly id: string;
  readonly applicationId: string;
  readonly principalId: string;
  readonly principalType: 'User' | 'Group';
  readonly appRoleId: string;
  readonly changeSequence: number;
  /** Set on an assignment taken away; only delta reads (`changedAfter`) return such ones. */
  readonly removed?: boolean;
}

/**
 * Where the engine reads the directory from. The built-in source is Provisio's own directory tables; an
 * LDAP or SCIM-pull source implements the same interface.
 */
export interface DirectorySource {
  /** The highest change sequence so far: the watermark a cycle records when it starts reading. */
  currentSequence(): Promise<number>;
  /** Every user, group and assignment of the application (initial cycle), including tombstones. */
  users(options?: { readonly changedAfter?: number }): AsyncIterable<DirectoryUser>;
  groups(options?: { readonly changedAfter?: number }): AsyncIterable<DirectoryGroup>;
  application(applicationId: string): Promise<Application>;
  /**
   * The application's current assignments; with `changedAfter`, those added or removed since (removed
   * ones flagged), so an incremental cycle can disable whoever lost access.
   */
  assignments(
    applicationId: string,
    options?: { readonly changedAfter?: number },
  ): Promise<readonly AppRoleAssignment[]>;
}
