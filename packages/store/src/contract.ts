/**
 * The storage contract the HTTP server codes against. Everything is tenant-scoped: a call with tenant B's
 * id never sees, changes or deletes tenant A's rows. Client mistakes surface as scim-core's typed errors
 * (`NotFound`, `Uniqueness`, `PreconditionFailed`, `InvalidValue`, `InvalidFilter`, `InvalidCursor`).
 */
import type {
  AttributePath,
  FilterNode,
  MembershipDelta,
  SchemaDefinition,
  SchemaInput,
  SchemaRegistry,
} from '@provisio/scim-core';
import type { ActivityLogRepository } from './activity/activity-contract.js';
import type { DirectoryRepositories } from './directory/contract.js';
import type { EventRepository } from './events/event-contract.js';
import type { OAuthClientRepository, SigningKeyRepository } from './oauth/oauth-contract.js';
import type { WebhookRepository } from './webhooks/webhook-contract.js';

export type * from './activity/activity-contract.js';
export type * from './events/event-contract.js';
export type * from './oauth/oauth-contract.js';
export type * from './webhooks/webhook-contract.js';

/** A SCIM resource body as JSON: attribute names canonical (schema spelling), extensions under their URN. */
export type ScimResource = Readonly<Record<string, unknown>>;

export interface Tenant {
  readonly id: string;
  /** URL-safe, unique across tenants. */
  readonly slug: string;
  readonly name: string;
  /** When false the server refuses SCIM calls for the tenant (an admin kill switch). */
  readonly provisioningEnabled: boolean;
  /**
   * How the server reads the tenant's requests: `entra` (default) accepts Microsoft Entra ID's dialect
   * (PATCH shapes, "True"/"False" strings, unknown schema URIs); `strict` is RFC 7644 as written.
   */
  readonly scimCompat: ScimCompat;
  /** ISO 8601 timestamps, as `Date.toISOString()` prints them. */
  readonly created: string;
  /**
   * Changes whenever the tenant's schema extensions do: a server caches the tenant's registry under
   * (id, schemaVersion) and rebuilds it when a request brings a new version.
   */
  readonly schemaVersion: number;
  /**
   * When the tenant was soft-deleted (ISO 8601); absent while it is live. SCIM treats a deleted tenant as
   * gone (its tokens stop working) until it is restored; its rows stay until it is purged.
   */
  readonly deleted?: string;
}

export type ScimCompat = 'entra' | 'strict';

export interface NewTenant {
  readonly slug: string;
  readonly name: string;
  readonly provisioningEnabled?: boolean;
  readonly scimCompat?: ScimCompat;
}

export interface TenantListOptions {
  /** Include soft-deleted tenants too (default: live ones only). */
  readonly includeDeleted?: boolean;
}

export type TenantChanges = Partial<Pick<Tenant, 'slug' | 'name' | 'provisioningEnabled' | 'scimCompat'>>;

export interface TenantRepository {
  /** Throws `Uniqueness` when the slug is taken. */
  create(input: NewTenant): Promise<Tenant>;
  /** Throws `NotFound`. */
  get(id: string): Promise<Tenant>;
  /** Soft-deleted tenants are found too: see {@link Tenant.deleted}. */
  findBySlug(slug: string): Promise<Tenant | undefined>;
  /** By slug. */
  list(options?: TenantListOptions): Promise<readonly Tenant[]>;
  update(id: string, changes: TenantChanges): Promise<Tenant>;
  /** Deletes the tenant with all its tokens, users, groups and memberships. */
  delete(id: string): Promise<void>;
  /** Marks the tenant deleted (a second call keeps the first time). Throws `NotFound`. */
  softDelete(id: string): Promise<Tenant>;
  /** Undoes {@link softDelete}. Throws `NotFound`. */
  restore(id: string): Promise<Tenant>;
  /**
   * {@link delete} for a soft-deleted tenant only, checked in the same statement: throws `Conflict` when
   * the tenant is live, `NotFound` when there is none.
   */
  purge(id: string): Promise<void>;
}

/** The resource types a tenant's extension may attach to. */
export type ExtensibleResourceType = 'User' | 'Group';

/** A tenant's custom schema extension (issue 5), as stored. */
export interface TenantSchema {
  readonly tenantId: string;
  /** The extension's URN, e.g. `urn:ietf:params:scim:schemas:extension:proware:2.0:User`. */
  readonly id: string;
  readonly resourceType: ExtensibleResourceType;
  /** Whether every resource of the type must carry the extension (RFC 7643 §6 `schemaExtensions.required`). */
  readonly required: boolean;
  /** The schema with RFC 7643 §2.2 defaults filled in. */
  readonly definition: SchemaDefinition;
  readonly created: string;
}

export interface NewTenantSchema {
  readonly definition: SchemaInput;
  readonly resourceType: ExtensibleResourceType;
  readonly required?: boolean;
}

/** A tenant's schema extensions. Every change bumps the tenant's `schemaVersion` in the same transaction. */
export interface TenantSchemaRepository {
  /**
   * Validates the definition as scim-core's `SchemaRegistry.withExtension` does (`InvalidValue`), and
   * throws `Uniqueness` when the tenant already has the URN (compared case-insensitively, RFC 7643 §2.1),
   * `NotFound` when there is no such tenant.
   */
  add(tenantId: string, input: NewTenantSchema): Promise<TenantSchema>;
  /** In the order they were added. */
  list(tenantId: string): Promise<readonly TenantSchema[]>;
  /** Throws `NotFound` when the tenant has no such extension. Stored resources keep their values. */
  remove(tenantId: string, id: string): Promise<void>;
}

/** What every bearer credential records about its life (ISO 8601 times; absent when unset). */
export interface TokenLifecycle {
  readonly created: string;
  readonly lastUsed?: string;
  /** The client IP of the use recorded in {@link lastUsed}. */
  readonly lastClientIp?: string;
  readonly expires?: string;
  readonly revoked?: string;
}

/** A bearer token's record. The secret itself is never stored: only its SHA-256 ({@link NewToken.hash}). */
export interface Token extends TokenLifecycle {
  readonly id: string;
  readonly tenantId: string;
  readonly description: string;
  /** Space-separated scopes, as in OAuth 2.0 (e.g. `"scim"`). */
  readonly scope: string;
  /** The first characters of the secret, shown to admins so they can tell tokens apart. */
  readonly prefix: string;
  /** Hex SHA-256 of the secret, for the server's constant-time comparison with the presented one. */
  readonly hash: string;
}

export interface NewToken {
  readonly description: string;
  readonly scope: string;
  readonly prefix: string;
  /** Hex SHA-256 of the secret: see `hashTokenSecret`. */
  readonly hash: string;
  readonly expires?: string;
}

/** A token with the tenant it belongs to. */
export interface TokenCredential {
  readonly token: Token;
  readonly tenant: Tenant;
}

export interface TokenRepository {
  create(tenantId: string, input: NewToken): Promise<Token>;
  /** Looks a presented secret's hash up across tenants. Revoked and expired tokens are returned too. */
  findByHash(hash: string): Promise<Token | undefined>;
  /**
   * {@link findByHash} with the token's tenant, in one query: what authenticating a request needs. A token
   * of a soft-deleted tenant is not found.
   */
  findCredential(hash: string): Promise<TokenCredential | undefined>;
  list(tenantId: string): Promise<readonly Token[]>;
  /** Records a use from `clientIp` now; one write, so callers record at most one use a minute. */
  markUsed(id: string, clientIp: string): Promise<void>;
  /** Throws `NotFound` when the tenant has no such token. */
  revoke(tenantId: string, id: string): Promise<Token>;
  /** Throws `NotFound` when the tenant has no such token. */
  get(tenantId: string, id: string): Promise<Token>;
  /**
   * Makes the token expire at `at` (ISO 8601) unless it already expires earlier: how the overlap of a
   * rotated token ends. Throws `NotFound` when the tenant has no such token.
   */
  expireBy(tenantId: string, id: string, at: string): Promise<Token>;
}

/** A person who manages tenants and tokens (the admin API and CLI). Not tenant-scoped. */
export interface Admin {
  readonly id: string;
  /** Unique, compared as given. */
  readonly username: string;
  /** scrypt PHC string from `hashPassword`; never a plain password. */
  readonly passwordHash: string;
  /** True for the generated first-start password, until the admin sets their own. */
  readonly mustChangePassword: boolean;
  readonly created: string;
}

export interface NewAdmin {
  readonly username: string;
  readonly passwordHash: string;
  readonly mustChangePassword?: boolean;
}

export interface AdminRepository {
  /** Throws `Uniqueness` when the username is taken, `InvalidValue` when `passwordHash` is not a hash. */
  create(input: NewAdmin): Promise<Admin>;
  /** Throws `NotFound`. */
  get(id: string): Promise<Admin>;
  findByUsername(username: string): Promise<Admin | undefined>;
  list(): Promise<readonly Admin[]>;
  /**
   * Replaces the password hash and clears `mustChangePassword`. Throws `InvalidValue` when `passwordHash`
   * is not a hash, `NotFound` when there is no such admin.
   */
  setPassword(id: string, passwordHash: string): Promise<Admin>;
}

/** An admin API token's record; as for {@link Token}, only the secret's SHA-256 is stored. */
export interface AdminToken extends TokenLifecycle {
  readonly id: string;
  readonly adminId: string;
  readonly description: string;
  readonly prefix: string;
  readonly hash: string;
}

export type NewAdminToken = Omit<NewToken, 'scope'>;

export interface AdminTokenRepository {
  create(adminId: string, input: NewAdminToken): Promise<AdminToken>;
  /** Revoked and expired tokens are returned too: the caller decides. */
  findByHash(hash: string): Promise<AdminToken | undefined>;
  list(adminId: string): Promise<readonly AdminToken[]>;
  /** Records a use from `clientIp` now, as {@link TokenRepository.markUsed}. */
  markUsed(id: string, clientIp: string): Promise<void>;
  /** Throws `NotFound` when the admin has no such token. */
  revoke(adminId: string, id: string): Promise<AdminToken>;
}

/** A console login (issue 5). The cookie secret is never stored: `id` is its SHA-256. */
export interface AdminSession {
  /** Hex SHA-256 of the cookie secret. */
  readonly id: string;
  readonly adminId: string;
  readonly created: string;
  /** Last request seen, to the minute: what an idle timeout is measured from. */
  readonly lastSeen: string;
  /** The absolute end of the session, however active it is. */
  readonly expires: string;
}

export interface NewAdminSession {
  /** Hex SHA-256 of the cookie secret: see `hashTokenSecret`. */
  readonly hash: string;
  readonly expires: string;
}

export interface AdminSessionRepository {
  create(adminId: string, input: NewAdminSession): Promise<AdminSession>;
  /** The session and its admin, in one query. Expired sessions are returned too: the caller decides. */
  findWithAdmin(hash: string): Promise<{ readonly session: AdminSession; readonly admin: Admin } | undefined>;
  markSeen(id: string): Promise<void>;
  /** Ends one session; nothing happens when it has already ended. */
  delete(id: string): Promise<void>;
  /** Ends every session of the admin except `keepId`; returns how many ended. */
  deleteForAdmin(adminId: string, keepId?: string): Promise<number>;
  /** Forgets sessions whose absolute end is before `at`; returns how many. */
  deleteExpired(at: string): Promise<number>;
}

/** Failed console logins are counted per username and per client IP. */
export interface LoginAttemptKey {
  readonly kind: 'username' | 'ip';
  readonly subject: string;
}

/** Failed console logins, shared by every server process on the database. */
export interface LoginAttemptRepository {
  /** The times of at most `limit` failures under `key` after `since`, newest first. */
  recentFailures(key: LoginAttemptKey, since: string, limit: number): Promise<readonly string[]>;
  /** Records one failure under each key, and forgets every failure from before `forgetBefore`. */
  recordFailure(keys: readonly LoginAttemptKey[], forgetBefore: string): Promise<void>;
  /** Forgets the failures recorded under `key` (after a successful login). */
  clear(key: LoginAttemptKey): Promise<void>;
}

/** A stored SCIM resource and its bookkeeping. */
export interface StoredResource {
  readonly id: string;
  /** Bumped on every write: the ETag source. `resource.meta.version` is `W/"<version>"`. */
  readonly version: number;
  readonly created: string;
  readonly lastModified: string;
  /**
   * The resource with `id` and `meta` (resourceType, created, lastModified, version) filled in. The server
   * adds `meta.location` and `$ref`s, which depend on its base URL.
   */
  readonly resource: ScimResource;
}

export interface WriteOptions {
  /** Optimistic concurrency (RFC 7644 §3.14): the write fails with `PreconditionFailed` unless it matches. */
  readonly ifVersion?: number;
}

export type SortOrder = 'ascending' | 'descending';

/** RFC 7644 §3.4.2 query parameters, already parsed and bound. */
export interface ListQuery {
  /** A BOUND filter (scim-core `bindFilter`): canonical paths, `emails eq x` rewritten to `emails.value`. */
  readonly filter?: FilterNode;
  readonly sortBy?: AttributePath;
  readonly sortOrder?: SortOrder;
  /** 1-based (RFC 7644 §3.4.2.4). Ignored when `cursor` is set. */
  readonly startIndex?: number;
  /** Page size; 0 returns only `totalResults`. Unlimited when absent: the server applies its maximum. */
  readonly count?: number;
  /** RFC 9865: `''` asks for the first page; later pages pass a page's `nextCursor` or `previousCursor`. */
  readonly cursor?: string;
  /** The tenant's schemas, for case-exactness and types. Defaults to `SchemaRegistry.standard()`. */
  readonly registry?: SchemaRegistry;
}

export interface ListPage {
  readonly resources: readonly StoredResource[];
  readonly totalResults: number;
  /** Present in cursor mode while more results follow (RFC 9865). */
  readonly nextCursor?: string;
  /** Present in cursor mode on a page that has results before it. */
  readonly previousCursor?: string;
}

export interface UserReadOptions {
  /** Derive the readOnly `groups` attribute (RFC 7643 §4.1.2) from memberships. Default true. */
  readonly groups?: boolean;
}

/**
 * Turns the current resource into the next one, e.g. by applying a PATCH request. Returning
 * `current.resource` itself means "no change": nothing is written and the version stays (RFC 7644 §3.5.2).
 */
export type ResourceChange = (current: StoredResource) => ScimResource | Promise<ScimResource>;

/** Shared by Users and Groups. Incoming resources are validated by scim-core; `id`/`meta` are ignored. */
export interface ResourceRepository<ReadOptions> {
  /** Throws `Uniqueness` naming the attribute (userName for users, displayName for groups). */
  create(tenantId: string, resource: ScimResource): Promise<StoredResource>;
  /** Throws `NotFound`. */
  get(tenantId: string, id: string, options?: ReadOptions): Promise<StoredResource>;
  /** PUT: the resource replaces the stored one entirely. */
  replace(
    tenantId: string,
    id: string,
    resource: ScimResource,
    options?: WriteOptions & ReadOptions,
  ): Promise<StoredResource>;
  /** PATCH: read, change and write in one transaction, so concurrent updates cannot interleave. */
  update(
    tenantId: string,
    id: string,
    change: ResourceChange,
    options?: WriteOptions & ReadOptions,
  ): Promise<StoredResource>;
  delete(tenantId: string, id: string, options?: WriteOptions): Promise<void>;
  list(tenantId: string, query: ListQuery, options?: ReadOptions): Promise<ListPage>;
}

export type UserRepository = ResourceRepository<UserReadOptions>;

export interface GroupReadOptions {
  /**
   * Load `members` (default true). A group can have 100,000 of them: pass false for
   * `excludedAttributes=members` and group_members is never touched.
   */
  readonly members?: boolean;
}

export interface MemberDeltaOptions extends WriteOptions {
  /** As scim-core's PatchOptions: a remove that matches no member succeeds instead of failing noTarget. */
  readonly ignoreUnmatchedRemove?: boolean;
}

export interface GroupRepository extends ResourceRepository<GroupReadOptions> {
  /**
   * Applies scim-core's membership deltas (`planGroupPatch`) with the semantics of its
   * `applyMembershipDeltas`, as set-based SQL in one transaction that also bumps version and lastModified:
   * the cost does not grow with the group's size. Throws `InvalidValue` naming member ids that do not
   * exist in the tenant, `NoTarget` when a remove matches no member. Returns the group without members.
   */
  applyMemberDeltas(
    tenantId: string,
    groupId: string,
    deltas: readonly MembershipDelta[],
    options?: MemberDeltaOptions,
  ): Promise<StoredResource>;
}

/** The repositories, bound to one connection or one transaction. */
export interface Repositories {
  readonly tenants: TenantRepository;
  readonly schemas: TenantSchemaRepository;
  readonly tokens: TokenRepository;
  readonly users: UserRepository;
  readonly groups: GroupRepository;
  readonly admins: AdminRepository;
  readonly adminTokens: AdminTokenRepository;
  readonly adminSessions: AdminSessionRepository;
  readonly loginAttempts: LoginAttemptRepository;
  /** The change feed: read it; the resource repositories append to it. */
  readonly events: EventRepository;
  readonly webhooks: WebhookRepository;
  /** What each SCIM request did (issue 5); the server writes it in batches. */
  readonly activity: ActivityLogRepository;
  readonly oauthClients: OAuthClientRepository;
  readonly signingKeys: SigningKeyRepository;
  /** The identity provider's side (issue 7): see `directory/contract.ts`. */
  readonly directory: DirectoryRepositories;
}

export interface Store extends Repositories {
  /**
   * Applies pending migrations, or migrates up or down `to` a named one (`'none'` reverts all). Returns the
   * names of the migrations run. Safe to run from several processes at once.
   */
  migrate(options?: { readonly to?: string }): Promise<readonly string[]>;
  /** Runs `work` in one transaction: all its repository calls commit together or not at all. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
