/**
 * The tables as kysely sees them. Column names are snake_case SQL; `*_key` columns hold the JavaScript
 * `toLowerCase()` of a case-insensitive attribute (RFC 7643 §2.2 `caseExact: false`), so equality,
 * uniqueness, ranges and sorting on them are Unicode-correct and indexable.
 */
import type { ActivityTables } from './activity/tables.js';
import type { DirectoryTables } from './directory/tables.js';
import type { OAuthTables } from './oauth/tables.js';

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  /** 0 or 1. */
  provisioning_enabled: number;
  /** `entra` or `strict`: see `Tenant.scimCompat`. */
  scim_compat: 'entra' | 'strict';
  created: string;
  /** Bumped whenever the tenant's schema extensions change (migration 0004). */
  schema_version: number;
  /** ISO 8601 time of the soft delete, NULL while live (migration 0007). */
  deleted: string | null;
}

export interface TokensTable {
  id: string;
  tenant_id: string;
  description: string;
  scope: string;
  prefix: string;
  /** Hex SHA-256 of the secret; unique. */
  hash: string;
  created: string;
  last_used: string | null;
  /** The client IP of the use recorded in `last_used` (migration 0009). */
  last_client_ip: string | null;
  expires: string | null;
  revoked: string | null;
}

export interface AdminsTable {
  id: string;
  username: string;
  /** scrypt PHC string (`hashPassword`). */
  password_hash: string;
  /** 0 or 1: set for the generated first-start password. */
  must_change_password: number;
  created: string;
}

export interface AdminTokensTable {
  id: string;
  admin_id: string;
  description: string;
  prefix: string;
  /** Hex SHA-256 of the secret; unique. */
  hash: string;
  created: string;
  last_used: string | null;
  /** The client IP of the use recorded in `last_used` (migration 0009). */
  last_client_ip: string | null;
  expires: string | null;
  revoked: string | null;
}

/** A console session (migration 0007); `id` is the hex SHA-256 of the cookie secret. */
export interface AdminSessionsTable {
  id: string;
  admin_id: string;
  created: string;
  last_seen: string;
  /** The absolute end of the session, however active it is. */
  expires: string;
}

/** One failed console login, recorded under the username and under the client IP (migration 0007). */
export interface LoginAttemptsTable {
  id: string;
  kind: 'username' | 'ip';
  subject: string;
  attempted: string;
}

/** Columns shared by every SCIM resource table. */
export interface ResourceColumns {
  tenant_id: string;
  id: string;
  external_id: string | null;
  created: string;
  last_modified: string;
  version: number;
  /** The resource as JSON text, without id, meta and derived attributes. */
  data: string;
}

export interface UsersTable extends ResourceColumns {
  user_name: string;
  user_name_key: string;
  display_name: string | null;
  display_name_key: string | null;
  /** 0, 1 or NULL when absent. */
  active: number | null;
  employee_number_key: string | null;
  department_key: string | null;
  manager_key: string | null;
}

export interface GroupsTable extends ResourceColumns {
  display_name: string;
  display_name_key: string;
}

/** One row per (group, member); keyed both ways so either direction is an index range. */
export interface GroupMembersTable {
  tenant_id: string;
  group_id: string;
  member_id: string;
  member_type: 'User' | 'Group';
}

/** One row per `emails` element, so `emails.value`/`emails.type` filters are index lookups. */
export interface UserEmailsTable {
  tenant_id: string;
  user_id: string;
  ordinal: number;
  value_key: string | null;
  type_key: string | null;
  is_primary: number;
}

/** One custom schema extension of a tenant (migration 0004). */
export interface TenantSchemasTable {
  tenant_id: string;
  /** The extension's URN, as the admin spelled it. */
  schema_id: string;
  resource_type: 'User' | 'Group';
  /** 0 or 1: whether resources of the type must carry the extension (RFC 7643 §6 `required`). */
  required: number;
  /** scim-core's `SchemaDefinition` as JSON text, defaults filled. */
  definition: string;
  created: string;
}

/** Per tenant, the last event sequence number handed out (migration 0004-change-feed). */
export interface TenantEventSequencesTable {
  tenant_id: string;
  last_seq: number;
}

/** One SCIM change, numbered per tenant in commit order (migration 0004-change-feed). */
export interface EventsTable {
  tenant_id: string;
  seq: number;
  time: string;
  /** e.g. `user.created`: see `ChangeEventType`. */
  type: string;
  resource_type: 'User' | 'Group';
  resource_id: string;
  /** `ChangeEventData` as JSON text. */
  data: string;
}

/** A tenant's webhook endpoint and its place in the feed (migration 0004-change-feed). */
export interface WebhooksTable {
  id: string;
  tenant_id: string;
  url: string;
  description: string;
  /** Kept as given: signing needs the secret itself (see `WebhookRepository`). */
  secret: string;
  /** 0 or 1. */
  enabled: number;
  /** The last event sequence the endpoint acknowledged. */
  delivered_seq: number;
  consecutive_failures: number;
  next_attempt_at: string | null;
  disabled_reason: string | null;
  /** Which dispatcher may deliver, and until when: one process at a time per webhook. */
  lease_owner: string | null;
  lease_until: string | null;
  created: string;
}

/** One delivery attempt (migration 0004-change-feed). */
export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  /** NULL for a test ping, which is not part of the feed. */
  seq: number | null;
  event_type: string;
  attempt: number;
  time: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  /** 0 or 1. */
  ok: number;
}

/** The directory's tables (0008) are declared beside their repositories. */
export interface Database extends DirectoryTables, ActivityTables, OAuthTables {
  tenants: TenantsTable;
  tokens: TokensTable;
  users: UsersTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  user_emails: UserEmailsTable;
  admins: AdminsTable;
  admin_tokens: AdminTokensTable;
  admin_sessions: AdminSessionsTable;
  login_attempts: LoginAttemptsTable;
  tenant_schemas: TenantSchemasTable;
  tenant_event_sequences: TenantEventSequencesTable;
  events: EventsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
