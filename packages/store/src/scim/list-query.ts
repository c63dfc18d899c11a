/**
 * RFC 7644 §3.4.2 listing in SQL: filter, sort, `startIndex`/`count` as OFFSET/LIMIT, `totalResults` as
 * COUNT, and RFC 9865 cursors as keyset predicates — a later page is an index range, not a longer scan.
 */
import { InvalidValue } from '@provisio/scim-core';
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { ListQuery } from '../contract.js';
import type { Database } from '../database.js';
import { STORED_COLUMNS, type StoredRow } from '../resources/stored-resource.js';
import {
  type CursorDirection,
  type CursorPosition,
  decodeCursor,
  encodeCursor,
  fingerprintOf,
} from './cursor.js';
import { filterToSql } from './filter-to-sql.js';
import { runPage } from './page-statement.js';
import { type SortKey, compileSortKey } from './sort-key.js';
import type { SqlTarget } from './sql-target.js';

type Predicate = RawBuilder<SqlBool>;

export interface RowPage {
  readonly rows: readonly StoredRow[];
  readonly totalResults: number;
  readonly nextCursor?: string;
  readonly previousCursor?: string;
}

/** Without `count`, "all": a LIMIT both dialects accept (SQLite needs one before OFFSET). */
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/**
 * The rows after `position` in walking order, as consecutive segments that are each one index range. A walk
 * goes in page order, (`sort` ascending with NULL first, id) or its exact reverse, or against it when it
 * reads a previous page; a position among the NULL keys
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
  const position = query.cursor ? decodeCursor(query.cursor, fingerprint()) : undefined;

  // Built on demand: a page whose SQL is cached needs no query builder.
  const matching = () =>
    db
      .selectFrom(table)
      .where(`${table}.tenant_id`, '=', target.tenantId)
      .$if(filter !== undefined, (q) => q.where(filter!));
  const countAll = async () => {
    const { total } = await matching()
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    return Number(total);
  };
  if (count === 0) return { rows: [], totalResults: await countAll() };

  const orderedBy = (walkDescending: boolean) =>
    matching()
      .select(STORED_COLUMNS)
      .select(sql<string | number | null>`${sort.sql}`.as('sort_key'))
      .$if(!sort.isId, (q) =>
        q.orderBy(sort.sql, (ob) => (walkDescending ? ob.desc().nullsLast() : ob.asc().nullsFirst())),
      )
      .orderBy(`${table}.id`, walkDescending ? 'desc' : 'asc');

  if (query.cursor === undefined) {
    const offset = Math.max(1, Math.trunc(query.startIndex ?? 1)) - 1;
    const limit = count ?? NO_LIMIT;
    const shape = {
      table,
      tenantId: target.tenantId,
      filter,
      sortKey: sort.isId ? undefined : sort.sql,
      descending,
      limit,
      offset,
    };
    // Written into the SQL: with a bound LIMIT, SQLite (3.53, as better-sqlite3 builds it) takes three times
    // as long to answer a one-row page. Page sizes are few (the client's count or the server's maximum).
    const page = () => orderedBy(descending).limit(sql.lit(limit)).offset(offset);
    const rows = await runPage(db, shape, page);
    // A page that is not full and not past the end holds the last match: the total is known without COUNT.
    const endSeen = rows.length < limit && (rows.length > 0 || offset === 0);
    const totalResults = endSeen ? offset + rows.length : await countAll();
    return { rows, totalResults };
  }
  // A previous page is read by walking backwards from its boundary row, then turned back into page order.
  const backwards = position?.direction === 'before';
  const walkDescending = backwards ? !descending : descending;
  // One row beyond the page tells whether the walk goes on.
  const wanted = count === undefined ? NO_LIMIT : count + 1;
  const segments = position ? keysetSegments(table, sort, walkDescending, position) : [undefined];
  const walked = [];
  for (const segment of segments) {
    if (walked.length >= wanted) break;
    const range = orderedBy(walkDescending).$if(segment !== undefined, (q) => q.where(segment!));
    walked.push(...(await range.limit(wanted - walked.length).execute()));
  }

  const walkGoesOn = count !== undefined && walked.length > count;
  const inWalkOrder = walkGoesOn ? walked.slice(0, count) : walked;
  const page = backwards ? inWalkOrder.reverse() : inWalkOrder;
  // A walk counts once, on its first page, and its cursors carry that total: counting every page would
  // make a walk over N rows cost O(N) per page. Results may change between pages anyway (RFC 7644
  // §3.4.2.4: clients "SHOULD never assume repeatable results"). A first page holding every match is the
  // whole result, with nothing to count.
  const totalResults = position?.total ?? (walkGoesOn ? await countAll() : page.length);
  // Walking forwards from a boundary, that boundary row lies before the page; walking backwards, after it.
  const hasNext = backwards ? page.length > 0 : walkGoesOn;
  const hasPrevious = backwards ? walkGoesOn : position !== undefined && page.length > 0;
  const cursorAt = (row: StoredRow & { sort_key: string | number | null }, direction: CursorDirection) =>
    encodeCursor({ key: row.sort_key, id: row.id, total: totalResults, direction }, fingerprint());
  const first = page[0];
  const last = page.at(-1);
  return {
    rows: page,
    totalResults,
    ...(hasNext && last ? { nextCursor: cursorAt(last, 'after') } : {}),
    ...(hasPrevious && first ? { previousCursor: cursorAt(first, 'before') } : {}),
  };
}
