/**
 * The change feed's contract (issue 5): every SCIM write appends events in its own transaction, numbered
 * per tenant without gaps in commit order. Events are thin: they name the resource and what changed, and
 * a consumer that needs the attributes reads the resource (a later event tells it if that is gone).
 */

/**
 * What happened. `user.deactivated` is an update that turned `active` from true (or absent) to false;
 * `group.renamed` one that changed `displayName`. Deleting a user or group also takes it out of every group:
 * that is implied by `*.deleted`, with no `group.member_removed` of its own.
 */
export type ChangeEventType =
  | 'user.created'
  | 'user.updated'
  | 'user.deactivated'
  | 'user.deleted'
  | 'group.created'
  | 'group.updated'
  | 'group.renamed'
  | 'group.deleted'
  | 'group.member_added'
  | 'group.member_removed';

export const CHANGE_EVENT_TYPES: readonly ChangeEventType[] = [
  'user.created',
  'user.updated',
  'user.deactivated',
  'user.deleted',
  'group.created',
  'group.updated',
  'group.renamed',
  'group.deleted',
  'group.member_added',
  'group.member_removed',
];

/** What changed. Never attribute values such as passwords: only ids, versions and a group's new name. */
export interface ChangeEventData {
  /** The resource's version after the change (absent for deletions). */
  readonly version?: number;
  /** Member ids added or removed (`group.member_*`), lower-case. */
  readonly members?: readonly string[];
  /** The new name (`group.renamed`). */
  readonly displayName?: string;
}

export interface ChangeEvent {
  readonly tenantId: string;
  /** 1, 2, 3…: per tenant, gap-free, in commit order. */
  readonly seq: number;
  /** ISO 8601. */
  readonly time: string;
  readonly type: ChangeEventType;
  readonly resourceType: 'User' | 'Group';
  readonly resourceId: string;
  readonly data: ChangeEventData;
}

export interface EventRepository {
  /** The tenant's events with `seq > after`, oldest first, at most `limit`. */
  list(tenantId: string, after: number, limit: number): Promise<readonly ChangeEvent[]>;
  /** The tenant's last sequence number; 0 before its first event. */
  latest(tenantId: string): Promise<number>;
  /**
   * Calls `listener` when events for the tenant have been appended (no payload: read with {@link list});
   * a listener may also be called with nothing new. Returns the function that stops it. On SQLite it
   * hears this store's writes only; on PostgreSQL, after their commit, every process's (LISTEN/NOTIFY).
   */
  watch(tenantId: string, listener: () => void): () => void;
  /** {@link watch} for every tenant at once. */
  watchAll(listener: () => void): () => void;
}
