/**
 * The directory's storage contract: the identity provider's side (issue 7) that the engine provisions
 * from. Not tenant-scoped: an installation has one directory. Every write to a user, a group, a membership
 * or an assignment takes the directory's next change sequence in its own transaction and stamps it on
 * each row it changes, so `changedAfter` reads exactly what changed since a watermark. Client mistakes
 * surface as scim-core's typed errors (`NotFound`, `Uniqueness`, `InvalidValue`).
 */
import type { DirectoryObjectType } from './tables.js';

export type { DirectoryObjectType } from './tables.js';

/** An attribute value: Entra's single-valued types, or a multi-valued string list. */
export type DirectoryAttributeValue = string | number | boolean | null | readonly string[];

export type DirectoryAttributes = Readonly<Record<string, DirectoryAttributeValue>>;

/**
 * `softDeleted`: in the recycle bin (name kept, restorable); `hardDeleted`: a tombstone kept for deltas,
 * its name free again, no memberships or assignments left.
 */
export type DirectoryLifecycle = 'active' | 'softDeleted' | 'hardDeleted';

/** A user or group as stored. */
export interface DirectoryObject {
  /** Lower-case UUID. */
  readonly objectId: string;
  /** Every attribute, `userPrincipalName` (users) or `displayName` (groups) included. */
  readonly attributes: DirectoryAttributes;
  readonly lifecycle: DirectoryLifecycle;
  /** The change sequence of the object's last write (memberships count as the group's writes). */
  readonly changeSequence: number;
  /** ISO 8601. */
  readonly created: string;
  readonly lastModified: string;
}

export interface DirectoryListOptions {
  /** Keyset paging: only objects whose objectId sorts after this one. */
  readonly after?: string;
  /** Page size; default and maximum 1000. */
  readonly limit?: number;
  /** Only objects changed after this sequence (tombstones included): an incremental cycle's delta. */
  readonly changedAfter?: number;
  /** Only these lifecycles; default all. */
  readonly lifecycles?: readonly DirectoryLifecycle[];
}

export interface DirectoryPage<T> {
  /** In objectId order. */
  readonly items: readonly T[];
  /** Pass as `after` for the next page; absent on the last page. */
  readonly next?: string;
}

export interface NewDirectoryObjectOptions {
  /** Keeps an identity from elsewhere (an Entra export); must be a UUID. Default: a fresh one. */
  readonly objectId?: string;
}

/** Users and groups alike. Tombstones (`hardDeleted`) are readable but refuse every write (`NotFound`). */
export interface DirectoryObjectRepository {
  /**
   * Throws `InvalidValue` when the name attribute is missing or a value has the wrong shape, `Uniqueness`
   * when another live or soft-deleted object of the type has the name (case-insensitive).
   */
  create(attributes: DirectoryAttributes, options?: NewDirectoryObjectOptions): Promise<DirectoryObject>;
  /** Throws `NotFound`; tombstones are returned. */
  get(objectId: string): Promise<DirectoryObject>;
  /** By `userPrincipalName`/`displayName`, case-insensitive; never a tombstone. */
  findByName(name: string): Promise<DirectoryObject | undefined>;
  /**
   * Sets the given attributes (`null` removes one) and keeps the others. Changing nothing writes nothing
   * and takes no sequence.
   */
  update(objectId: string, changes: DirectoryAttributes): Promise<DirectoryObject>;
  /** Moves an active object to the recycle bin; a no-op when it is there already. */
  softDelete(objectId: string): Promise<DirectoryObject>;
  /** Brings a soft-deleted object back; a no-op when active. */
  restore(objectId: string): Promise<DirectoryObject>;
  /**
   * Leaves a tombstone: removes the object's memberships (both ways, stamping the groups that lose a
   * member) and marks its assignments removed, all under one sequence.
   */
  hardDelete(objectId: string): Promise<DirectoryObject>;
  list(options?: DirectoryListOptions): Promise<DirectoryPage<DirectoryObject>>;
}

/** A member as listed: enough to show it without reading every member object. */
export interface DirectoryMember {
  readonly objectId: string;
  readonly objectType: DirectoryObjectType;
}

export interface DirectoryGroupRepository extends DirectoryObjectRepository {
  /**
   * Adds direct members (users or groups); ones already there are skipped. Throws `InvalidValue` naming
   * ids that are no live object or the group itself. Stamps the group only when something was added.
   */
  addMembers(groupId: string, memberIds: readonly string[]): Promise<DirectoryObject>;
  /** Throws `NotFound` naming ids that are not members; removes nothing then. */
  removeMembers(groupId: string, memberIds: readonly string[]): Promise<DirectoryObject>;
  /** A group's direct members in objectId order, keyset-paged like `list`. */
  listMembers(
    groupId: string,
    options?: Pick<DirectoryListOptions, 'after' | 'limit'>,
  ): Promise<DirectoryPage<DirectoryMember>>;
  /**
   * Each group's direct members with their kind (groups without members are absent): for a page of
   * groups at once.
   */
  membersOf(groupIds: readonly string[]): Promise<ReadonlyMap<string, readonly DirectoryMember[]>>;
}

export interface DirectoryAppRole {
  readonly id: string;
  readonly value: string;
  readonly displayName: string;
  readonly isDefaultAccess: boolean;
}

export interface DirectoryApplication {
  readonly id: string;
  readonly name: string;
  /** Default Access first, then by value. */
  readonly appRoles: readonly DirectoryAppRole[];
  readonly created: string;
}

export interface NewAppRole {
  /** Non-empty, unique within the application. */
  readonly value: string;
  readonly displayName?: string;
}

/** Entra gives every application's Default Access role the nil GUID, and so does Provisio. */
export const DEFAULT_ACCESS_ROLE_ID = '00000000-0000-0000-0000-000000000000';

export interface ApplicationRepository {
  /** Creates the application with its Default Access role (and `appRoles`). Names are unique. */
  create(input: {
    readonly name: string;
    readonly appRoles?: readonly NewAppRole[];
  }): Promise<DirectoryApplication>;
  /** Throws `NotFound`. */
  get(id: string): Promise<DirectoryApplication>;
  /** By name. */
  list(): Promise<readonly DirectoryApplication[]>;
  rename(id: string, name: string): Promise<DirectoryApplication>;
  /** Deletes the application, its roles and its assignments. */
  delete(id: string): Promise<void>;
  /** Throws `Uniqueness` when the value is taken in the application. */
  addRole(applicationId: string, role: NewAppRole): Promise<DirectoryAppRole>;
  /** Default Access cannot change or go (`InvalidValue`). */
  updateRole(applicationId: string, roleId: string, changes: Partial<NewAppRole>): Promise<DirectoryAppRole>;
  /** Marks the role's assignments removed (one sequence) before deleting it. */
  removeRole(applicationId: string, roleId: string): Promise<void>;
}

export interface DirectoryAssignment {
  readonly id: string;
  readonly applicationId: string;
  readonly appRoleId: string;
  readonly principalId: string;
  readonly principalType: DirectoryObjectType;
  /** True for an assignment taken away: kept so deltas can see the removal. */
  readonly removed: boolean;
  readonly changeSequence: number;
  readonly created: string;
}

export interface NewAssignment {
  readonly applicationId: string;
  /** Default: the application's Default Access role. */
  readonly appRoleId?: string;
  /** A live user or group. */
  readonly principalId: string;
}

export interface AssignmentListOptions {
  readonly applicationId?: string;
  readonly principalId?: string;
  /** Only assignments changed after this sequence, removed ones included; otherwise only current ones. */
  readonly changedAfter?: number;
}

export interface AssignmentRepository {
  /**
   * Throws `NotFound` for an unknown application or role, `InvalidValue` when the principal is no live
   * user or group, `Uniqueness` when the principal already has the role. Re-assigning a removed
   * assignment brings the same row back under a new sequence.
   */
  add(input: NewAssignment): Promise<DirectoryAssignment>;
  /** Throws `NotFound` for unknown or already removed ones. */
  get(id: string): Promise<DirectoryAssignment>;
  remove(id: string): Promise<DirectoryAssignment>;
  /** In id order. */
  list(options?: AssignmentListOptions): Promise<readonly DirectoryAssignment[]>;
}

export interface DirectoryRepositories {
  /** The highest change sequence handed out so far (0 for a new directory). */
  currentSequence(): Promise<number>;
  readonly users: DirectoryObjectRepository;
  readonly groups: DirectoryGroupRepository;
  readonly applications: ApplicationRepository;
  readonly assignments: AssignmentRepository;
}
