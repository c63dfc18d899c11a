/**
 * Matching (entra-scim-behaviour.md B3, B5): an unlinked source object is looked up in the target with
 * `filter=<attr> eq "<value>"`, one matching attribute at a time in precedence order, stopping at the first
 * hit. The queries and the decision are pure; `lookUpTarget` runs them through the caller's search.
 */
import { type FilterNode, type FilterValue, printFilter } from '@provisio/scim-core';
import type { CompiledObjectMapping, MappedObject } from '../mappings/compile.js';
import { type JsonObject, type TargetPath, attributePathOf } from '../mappings/target-path.js';

export interface MatchingQuery {
  /** The matching attribute (canonical target path). */
  readonly attribute: string;
  readonly value: string | number | boolean;
  /** The SCIM filter to send, e.g. `userName eq "alice@contoso.com"`. */
  readonly filter: string;
}

/** What one query returned: the resources of the ListResponse. */
export interface TargetLookup {
  readonly filter: string;
  readonly resources: readonly JsonObject[];
}

export type MatchOutcome =
  | { readonly kind: 'matched'; readonly query: MatchingQuery; readonly resource: JsonObject }
  /** Every query ran and none found anything: the object is created. */
  | { readonly kind: 'none'; readonly queries: readonly MatchingQuery[] }
  /** More than one resource answered a query (Entra's `DuplicateTargetEntries`). */
  | { readonly kind: 'duplicate'; readonly query: MatchingQuery; readonly count: number }
  /** The object has no value for any matching attribute (Entra's `ImportSkipped`). */
  | { readonly kind: 'noMatchingValue' };

/**
 * The queries for one object, in precedence order; attributes without a value of the object's own (none,
 * or only the mapping's default) are left out.
 */
export function matchingQueries(compiled: CompiledObjectMapping, mapped: MappedObject): MatchingQuery[] {
  const queries: MatchingQuery[] = [];
  for (const { target } of compiled.matching) {
    const value = mapped.values.get(target.text);
    if (value === undefined || Array.isArray(value) || mapped.defaulted.has(target.text)) continue;
    const scalar = value as string | number | boolean;
    queries.push({
      attribute: target.text,
      value: scalar,
      filter: printFilter(equalityFilter(target, scalar)),
    });
  }
  return queries;
}

/** `userName eq "x"`, or for a value path `emails[type eq "work" and value eq "x"]`. */
function equalityFilter(target: TargetPath, value: FilterValue): FilterNode {
  const compare = (attribute: string, wanted: FilterValue): FilterNode => ({
    kind: 'compare',
    path: { attribute },
    op: 'eq',
    value: wanted,
  });
  if (!target.element) {
    const sub = target.subAttribute ? { subAttribute: target.subAttribute.name } : {};
    return {
      kind: 'compare',
      path: { ...attributePathOf(target), ...sub },
      op: 'eq',
      value,
    };
  }
  const filter = [
    ...Object.entries(target.element).map(([name, wanted]) => compare(name, wanted)),
    compare(target.subAttribute!.name, value),
  ].reduce((left, right): FilterNode => ({ kind: 'and', left, right }));
  return { kind: 'valuePath', path: attributePathOf(target), filter };
}

/**
 * Decides from the lookups made so far. Lookups must follow the query order; a query with no lookup yet
 * means the caller has not run it, which `lookUpTarget` never leaves.
 */
export function decideMatch(
  queries: readonly MatchingQuery[],
  lookups: readonly TargetLookup[],
): MatchOutcome {
  if (queries.length === 0) return { kind: 'noMatchingValue' };
  for (const query of queries) {
    const lookup = lookups.find((l) => l.filter === query.filter);
    if (!lookup) throw new MatchingInputError(`the target was not queried with ${query.filter}`);
    if (lookup.resources.length > 1) return { kind: 'duplicate', query, count: lookup.resources.length };
    if (lookup.resources.length === 1) return { kind: 'matched', query, resource: lookup.resources[0]! };
  }
  return { kind: 'none', queries };
}

/** The caller did not run the queries the decision needs: a fault of the cycle runner, not of the data. */
export class MatchingInputError extends Error {
  override readonly name = 'MatchingInputError';
}

/** Runs the queries in order through `search`, stopping at the first that finds anything. */
export async function lookUpTarget(
  queries: readonly MatchingQuery[],
  search: (filter: string) => Promise<readonly JsonObject[]>,
): Promise<TargetLookup[]> {
  const lookups: TargetLookup[] = [];
  for (const query of queries) {
    const resources = await search(query.filter);
    lookups.push({ filter: query.filter, resources });
    if (resources.length > 0) break;
  }
  return lookups;
}
