/**
 * The directory's tables (migration 0008). Users and groups share `directory_objects`: one lifecycle, one
 * change-sequence stamp and one keyset listing for both, and a membership's `member_id` can be a real
 * foreign key whichever kind the member is. Every table leads with `directory_id` so more directories
 * can come; today there is one, `'default'`.
 */

export type DirectoryObjectType = 'User' | 'Group';

export interface DirectoryObjectsTable {
  directory_id: string;
  /** Lower-case UUID. */
  object_id: string;
  object_type: DirectoryObjectType;
  /** userPrincipalName of a user, displayName of a group, as given. */
  name: string;
  /** JavaScript `toLowerCase()` of `name`; NULL on tombstones, so a purged name can be used again. */
  name_key: string | null;
  /** Every attribute (the name included) as JSON text. */
  attributes: string;
  lifecycle: 'active' | 'softDeleted' | 'hardDeleted';
  change_sequence: number;
  created: string;
  last_modified: string;
}

/** Direct memberships only, one row per (group, member); keyed both ways. */
export interface DirectoryMembersTable {
  directory_id: string;
  group_id: string;
  member_id: string;
}

export interface DirectoryApplicationsTable {
  directory_id: string;
  id: string;
  name: string;
  name_key: string;
  created: string;
}

export interface DirectoryAppRolesTable {
  directory_id: string;
  application_id: string;
  id: string;
  value: string;
  display_name: string;
  /** 0 or 1. */
  is_default_access: number;
}

/** Removed assignments stay as rows (`removed` = 1) so deltas see the removal. */
export interface DirectoryAssignmentsTable {
  directory_id: string;
  id: string;
  application_id: string;
  app_role_id: string;
  principal_id: string;
  principal_type: DirectoryObjectType;
  /** 0 or 1. */
  removed: number;
  change_sequence: number;
  created: string;
}

/** The last change sequence handed out, one row per directory. */
export interface DirectorySequencesTable {
  directory_id: string;
  last_sequence: number;
}

export interface DirectoryTables {
  directory_objects: DirectoryObjectsTable;
  directory_members: DirectoryMembersTable;
  directory_applications: DirectoryApplicationsTable;
  directory_app_roles: DirectoryAppRolesTable;
  directory_assignments: DirectoryAssignmentsTable;
  directory_sequences: DirectorySequencesTable;
}
