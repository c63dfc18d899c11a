/**
 * The SQL of an index-paged list page (`filter` + `sortBy` + `startIndex`/`count`), compiled once per
 * shape. Building and compiling that kysely query costs more than SQLite takes to answer it, and Entra ID
 * asks the same shape (`userName eq "…"`) before every create: only the literals change.
 *
 * The shape is the compiled SQL text of the filter predicate and of the sort key, so a literal that ever
 * reached the SQL text (rather than a bound parameter) is part of the key and is never reused for another
 * value. The page query's parameters are rebuilt from the predicate's and the sort key's own, in the
 * order the page query binds them; a shape whose compiled parameters do not follow that order is not
 * cached but built every time.
 */
import { type CompiledQuery, type Expression, type Kysely, type QueryResult, sql } from 'kysely';
import type { Database } from '../database.js';
import { LruMap } from '../lru-map.js';

/** Distinct page shapes kept per store: filters differ by structure, not by value, so few are in use. */
export const PAGE_STATEMENT_CACHE_SIZE = 256;

export interface PageShape {
  readonly table: string;
  readonly tenantId: string;
  /** Compiled on its own: its SQL text is part of the key, its parameters are bound per call. */
  readonly filter: Expression<unknown> | undefined;
  /**
   * The `sortBy` key, selected and ordered by (so its parameters are bound twice); undefined for the
   * default order by id, whose SQL is the same for every page of the table.
   */
  readonly sortKey: Expression<unknown> | undefined;
  readonly descending: boolean;
  /** Written into the SQL text (see listRows), so part of the key. */
  readonly limit: number;
  readonly offset: number;
}

/** `undefined`: not cached yet; `null`: this shape's parameters are not laid out as expected. */
type Cached = CompiledQuery | null;

// Keyed by the dialect adapter, which a store's kysely instance and its transactions share (as preparedQuery).
const caches = new WeakMap<object, LruMap<string, Cached>>();

function cacheOf(db: Kysely<Database>): LruMap<string, Cached> {
  const adapter = db.getExecutor().adapter;
  let cache = caches.get(adapter);
  if (!cache) {
    cache = new LruMap(PAGE_STATEMENT_CACHE_SIZE);
    caches.set(adapter, cache);
  }
  return cache;
}

/** The distinct page shapes `db`'s store holds compiled. */
export function cachedPageShapes(db: Kysely<Database>): number {
  return cacheOf(db).size;
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}

/**
 * Runs the page `build` makes for `shape` (which must be the query `shape` describes), from the SQL
 * compiled for an earlier page of the same shape when there is one.
 */
export async function runPage<R>(
  db: Kysely<Database>,
  shape: PageShape,
  build: () => { compile(): CompiledQuery<R> },
): Promise<readonly R[]> {
  const filter = shape.filter ? sql`${shape.filter}`.compile(db) : undefined;
  const sort = shape.sortKey ? sql`${shape.sortKey}`.compile(db) : undefined;
  const key = [shape.table, shape.descending, shape.limit, sort?.sql ?? '', filter?.sql ?? ''].join('\u0000');
  const sortParameters = sort?.parameters ?? [];
  const parameters = [
    ...sortParameters,
    shape.tenantId,
    ...(filter?.parameters ?? []),
    ...sortParameters,
    shape.offset,
  ];
  const cache = cacheOf(db);
  let compiled = cache.get(key);
  if (compiled === undefined) {
    const fresh = build().compile();
    compiled = sameValues(fresh.parameters, parameters) ? fresh : null;
    cache.set(key, compiled);
    return (await db.executeQuery(fresh)).rows;
  }
  if (compiled === null) return (await db.executeQuery(build().compile())).rows;
  const result: QueryResult<R> = await db.executeQuery({ ...compiled, parameters } as CompiledQuery<R>);
  return result.rows;
}
