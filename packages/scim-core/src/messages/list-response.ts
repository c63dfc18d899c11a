/** The query response message (RFC 7644 §3.4.2) with RFC 9865's cursor attributes. */

export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

/** What the server knows about one page of results. */
export interface ListPage<T> {
  /** The resources of this page, already projected. */
  readonly resources: readonly T[];
  /** All matches of the query, across pages. */
  readonly totalResults: number;
  /** Index pagination: the 1-based index of the first resource of this page. */
  readonly startIndex?: number;
  /** Cursor pagination: the cursor of the next page, absent on the last page (RFC 9865). */
  readonly nextCursor?: string;
  /** Cursor pagination: the cursor of the previous page, when the server can page backwards. */
  readonly previousCursor?: string;
}

/** The ListResponse body. */
export interface ListResponse<T> {
  readonly schemas: readonly [typeof LIST_RESPONSE_SCHEMA];
  readonly totalResults: number;
  readonly itemsPerPage: number;
  readonly startIndex?: number;
  readonly nextCursor?: string;
  readonly previousCursor?: string;
  readonly Resources: readonly T[];
}

/**
 * Builds a ListResponse. `Resources` is always present, `[]` when nothing matched: RFC 7644 §3.4.2 only
 * requires it for non-zero totals, but Entra's probe expects `totalResults: 0` with `Resources: []`.
 *
 * @example listResponse({ resources: [], totalResults: 0, startIndex: 1 })
 */
export function listResponse<T>(page: ListPage<T>): ListResponse<T> {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: page.totalResults,
    itemsPerPage: page.resources.length,
    ...(page.startIndex !== undefined ? { startIndex: page.startIndex } : {}),
    ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}),
    ...(page.previousCursor !== undefined ? { previousCursor: page.previousCursor } : {}),
    Resources: [...page.resources],
  };
}
