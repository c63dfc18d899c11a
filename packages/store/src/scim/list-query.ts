/**
 * RFC 7644 §3.4.2 listing in SQL: filter, sort, `startIndex`/`count` as OFFSET/LIMIT, `totalResults` as
 * COUNT, and RFC 9865 cursors as keyset predicates — a later page is an index range, not a longer scan.
 */
import { InvalidValue } from '@provisio/scim-core';
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { ListQuery } from '../contract.js';
import type { Database } from '../database.js';
import { STORED_COLUMNS, type StoredRow } from '../resources/stored-resource.js';
import { type CursorPosition, decodeCursor, encodeCursor, fingerprintOf } from './cursor.js';
import { filterToSql } from './filter-to-sql.js';
import { type SortKey, compileSortKey } from './sort-key.js';
import type { SqlTarget } from './sql-target.js';

type Predicate = RawBuilder<SqlBool>;

export interface RowPage {
  readonly rows: readonly StoredRow[];
  readonly totalResults: number;
  readonly nextCursor?: string;
}

/** Without `count`, "all": a LIMIT both dialects accept (SQLite needs one before OFFSET). */
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/**
 * The rows after `position`, in page order, as consecutive segments that are each one index range. Page
 * order is (`sort` ascending with NULL first, id) or its exact reverse; a position among the NULL keys
 * continues with the non-NULL ones (ascending) and a non-NULL position is followed by the NULL keys
 * (descending). One `… or key is null` predicate instead would force SQLite to walk the index from the start.
 */
function keysetSegments(
  table: string,
  sort: SortKey,
  descending: boolean,
  position: CursorPosition,
): Predicate[] {
  const id = sql.ref(`${table}.id`);
  const key = sort.sql;
  if (sort.isId)
    return [descending ? sql<SqlBool>`${id} < ${position.id}` : sql<SqlBool>`${id} > ${position.id}`];
  if (position.key === null) {
    return descending
      ? [sql<SqlBool>`(${key} is null and ${id} < ${position.id})`]
      : [sql<SqlBool>`(${key} is null and ${id} > ${position.id})`, sql<SqlBool>`${key} is not null`];
  }
  if (!descending) return [sql<SqlBool>`(${key}, ${id}) > (${position.key}, ${position.id})`];
  const before = sql<SqlBool>`(${key}, ${id}) < (${position.key}, ${position.id})`;
  return sort.notNull ? [before] : [before, sql<SqlBool>`${key} is null`];
}

function pageSize(count: number | undefined): number | undefined {
  if (count === undefined) return undefined;
  if (!Number.isInteger(count)) throw new InvalidValue(`count must be an integer, not ${count}`);
  // RFC 7644 §3.4.2.4: a negative count is taken as 0.
  return Math.max(0, count);
}

/** Lists the rows of `target`'s table for its tenant: the columns a resource is rebuilt from. */
export async function listRows(db: Kysely<Database>, target: SqlTarget, query: ListQuery): Promise<RowPage> {
  // Both resource tables share ResourceColumns; kysely's types want one concrete table name.
  const table = target.storage.table as 'users';
  const filter = query.filter ? filterToSql(query.filter, target) : undefined;
  const sort = compileSortKey(target, query.sortBy);
  const descending = query.sortOrder === 'descending';
  const count = pageSize(query.count);
  // Only cursor paging needs it, and hashing the filter is not free.
  const fingerprint = () =>
    fingerprintOf([target.storage.resourceType, query.filter ?? null, sort.name, descending]);
  const after = query.cursor ? decodeCursor(query.cursor, fingerprint()) : undefined;

  const matching = db
    .selectFrom(table)
    .where(`${table}.tenant_id`, '=', target.tenantId)
    .$if(filter !== undefined, (q) => q.where(filter!));
  const countAll = async () => {
    const { total } = await matching
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    return Number(total);
  };
  if (count === 0) return { rows: [], totalResults: await countAll() };

  const direction = descending ? 'desc' : 'asc';
  const ordered = matching
    .select(STORED_COLUMNS)
    .select(sql<string | number | null>`${sort.sql}`.as('sort_key'))
    .$if(!sort.isId, (q) =>
      q.orderBy(sort.sql, (ob) => (descending ? ob.desc().nullsLast() : ob.asc().nullsFirst())),
    )
    .orderBy(`${table}.id`, direction);

  if (query.cursor === undefined) {
    const offset = Math.max(1, Math.trunc(query.startIndex ?? 1)) - 1;
    const limit = count ?? NO_LIMIT;
    const rows = await ordered.limit(limit).offset(offset).execute();
    // A page that is not full and not past the end holds the last match: the total is known without COUNT.
    const endSeen = rows.length < limit && (rows.length > 0 || offset === 0);
    const totalResults = endSeen ? offset + rows.length : await countAll();
    return { rows, totalResults };
  }
  // One row beyond the page tells whether a next page exists.
  const wanted = count === undefined ? NO_LIMIT : count + 1;
  const segments = after ? keysetSegments(table, sort, descending, after) : [undefined];
  const rows = [];
  for (const segment of segments) {
    if (rows.length >= wanted) break;
    const range = ordered.$if(segment !== undefined, (q) => q.where(segment!));
    rows.push(...(await range.limit(wanted - rows.length).execute()));
  }

  const hasMore = count !== undefined && rows.length > count;
  const page = hasMore ? rows.slice(0, count) : rows;
  const last = page.at(-1);
  // A walk counts once, on its first page, and its cursors carry that total: counting every page would
  // make a walk over N rows cost O(N) per page. Results may change between pages anyway (RFC 7644
  // §3.4.2.4: clients "SHOULD never assume repeatable results"). A first page holding every match is the
  // whole result, with nothing to count.
  const totalResults = after?.total ?? (hasMore ? await countAll() : page.length);
  return {
    rows: page,
    totalResults,
    ...(hasMore && last
      ? { nextCursor: encodeCursor({ key: last.sort_key, id: last.id, total: totalResults }, fingerprint()) }
      : {}),
  };
}
