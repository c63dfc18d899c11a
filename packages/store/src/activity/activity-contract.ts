/** The activity log (issue 5): what each SCIM request did, per tenant. Bodies are never recorded. */

export interface ActivityEntry {
  readonly id: string;
  readonly tenantId: string;
  /** When the request arrived (ISO 8601, `toISOString`). */
  readonly time: string;
  /** The bearer token's id, or the OAuth client's id for an OAuth access token. */
  readonly tokenId?: string;
  readonly method: string;
  /** The request path, without its query string (filters can hold personal data). */
  readonly path: string;
  /** The resource the request addressed: from the route, or the `Location` of a created one. */
  readonly resourceId?: string;
  readonly status: number;
  /** RFC 7644 §3.12 `scimType` of an error answer. */
  readonly scimType?: string;
  readonly durationMs: number;
  readonly clientIp?: string;
}

export type NewActivityEntry = Omit<ActivityEntry, 'id'>;

/** Filters of {@link ActivityLogRepository.list}; every one given must match. */
export interface ActivityQuery {
  readonly method?: string;
  readonly status?: number;
  /** Inclusive lower bound on `time` (ISO 8601). */
  readonly since?: string;
  /** Exclusive upper bound on `time` (ISO 8601). */
  readonly until?: string;
  readonly tokenId?: string;
  readonly resourceId?: string;
  /** A previous page's `nextCursor`; throws `InvalidCursor` when it is not one. */
  readonly cursor?: string;
  /** Page size, 1 or more. */
  readonly limit: number;
}

export interface ActivityPage {
  /** Newest first. */
  readonly entries: readonly ActivityEntry[];
  /** Present while older entries follow. */
  readonly nextCursor?: string;
}

export interface ActivityLogRepository {
  /** Writes the entries in one transaction: all of them or none. */
  record(entries: readonly NewActivityEntry[]): Promise<void>;
  /** A tenant's entries, newest first, by keyset on (time, id): stable while new rows arrive. */
  list(tenantId: string, query: ActivityQuery): Promise<ActivityPage>;
  /** Deletes every tenant's entries older than `before` (ISO 8601); returns how many. */
  prune(before: string): Promise<number>;
}
