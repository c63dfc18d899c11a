/**
 * Fixed-shape queries compiled once and run with fresh parameters. Building and compiling a kysely query
 * costs more than SQLite takes to answer a point lookup, and the hot statements (a token with its tenant,
 * a user by id, a user's groups, inserting a user) never change shape: only their values do.
 */
import { InternalError } from '@provisio/scim-core';
import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Database } from './database.js';

/** Where each bound parameter of the compiled SQL comes from: a named argument, or a value fixed at build. */
type Slot = { readonly name: string } | { readonly fixed: unknown };

interface Shape {
  readonly compiled: CompiledQuery;
  readonly slots: readonly Slot[];
}

/** Stands in for parameter `name` while the query is built, so it can be found among the parameters. */
function placeholderOf(name: string): string {
  return `\u0000prepared-parameter:${name}\u0000`;
}

function slotsOf(parameters: readonly unknown[], names: readonly string[]): Slot[] {
  const byPlaceholder = new Map(names.map((name) => [placeholderOf(name), name]));
  const slots = parameters.map((value): Slot => {
    const name = typeof value === 'string' ? byPlaceholder.get(value) : undefined;
    return name === undefined ? { fixed: value } : { name };
  });
  const bound = new Set(slots.flatMap((slot) => ('name' in slot ? [slot.name] : [])));
  // A parameter that did not come out as a bound parameter (unused, or inlined into the SQL text) would
  // silently run every call with its placeholder.
  const unbound = names.filter((name) => !bound.has(name));
  if (unbound.length > 0) throw new InternalError(`a prepared query does not bind ${unbound.join(', ')}`);
  return slots;
}

/** A fixed-shape query: call it with the connection (or transaction) and its parameters. */
export type PreparedQuery<P extends object, R> = (
  db: Kysely<Database>,
  parameters: P,
) => Promise<QueryResult<R>>;

/**
 * Compiles `build`'s query the first time it runs on a store (the SQL is its dialect's), then runs that
 * SQL with each call's parameters through `db.executeQuery`: on the store's connection or inside the
 * caller's transaction, like any kysely query. `build` may read only the parameters `names` lists, and must
 * use each as a plain value (a bound parameter), never to decide the query's shape.
 */
export function preparedQuery<P extends object, R>(
  names: readonly (keyof P & string)[],
  build: (db: Kysely<Database>, parameters: P) => Compilable<R>,
): PreparedQuery<P, R> {
  // Keyed by the dialect adapter, which a store's kysely instance and its transactions share.
  const shapes = new WeakMap<object, Shape>();
  const shapeFor = (db: Kysely<Database>): Shape => {
    const adapter = db.getExecutor().adapter;
    let shape = shapes.get(adapter);
    if (!shape) {
      const placeholders = Object.fromEntries(names.map((name) => [name, placeholderOf(name)]));
      const compiled = build(db, placeholders as P).compile();
      shape = { compiled, slots: slotsOf(compiled.parameters, names) };
      shapes.set(adapter, shape);
    }
    return shape;
  };
  return (db, parameters) => {
    const { compiled, slots } = shapeFor(db);
    const named = parameters as Readonly<Record<string, unknown>>;
    const values = slots.map((slot) => ('name' in slot ? named[slot.name] : slot.fixed));
    return db.executeQuery<R>({ ...compiled, parameters: values } as CompiledQuery<R>);
  };
}
