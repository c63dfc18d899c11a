/**
 * In-memory filter evaluation (RFC 7644 §3.4.2.2). A bound tree is compiled once into closures, with every
 * path resolved and every literal prepared up front, then run against many plain-JSON resources. Never
 * throws on resource data: values of the wrong type simply do not match.
 */
import { InvalidPath } from '../errors.js';
import type { AttributePath } from '../path/attribute-path.js';
import type { AttributeDefinition, ResourceTypeDefinition } from '../schema/definitions.js';
import type { SchemaRegistry } from '../schema/registry.js';
import {
  type FilterScope,
  bindFilter,
  bindInScope,
  elementScope,
  parseDateTime,
  resourceScope,
} from './bind.js';
import type { CompareNode, CompareOperator, FilterNode, FilterValue } from './nodes.js';

type Matcher = (value: unknown) => boolean;
type JsonRecord = Readonly<Record<string, unknown>>;

/** One step of a path; `folded` serves the case-insensitive fallback lookup. */
interface Key {
  readonly name: string;
  readonly folded: string;
}

const NEVER: Matcher = () => false;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7643 §2.1: attribute names are case-insensitive, so `USERNAME` in stored JSON still counts. */
function lookup(record: JsonRecord, key: Key): unknown {
  if (Object.hasOwn(record, key.name)) return record[key.name];
  for (const name of Object.keys(record)) {
    if (name.toLowerCase() === key.folded) return record[name];
  }
  return undefined;
}

/** Extension attributes live under their schema URN (RFC 7643 §3.3), so that is the first step. */
function keysOf(path: AttributePath): readonly Key[] {
  const names = [path.schema, path.attribute, path.subAttribute].filter((n): n is string => n !== undefined);
  return names.map((name) => ({ name, folded: name.toLowerCase() }));
}

/**
 * True when some value reached by following `keys` from `value` passes `test`: multi-valued attributes
 * match when ANY value does (RFC 7644 §3.4.2.2). Recursion is bounded by the number of keys.
 */
function anyValue(value: unknown, keys: readonly Key[], index: number, test: Matcher): boolean {
  const key = keys[index];
  if (key === undefined) return Array.isArray(value) ? value.some((item) => test(item)) : test(value);
  if (Array.isArray(value)) {
    return value.some((item) => isRecord(item) && anyValue(lookup(item, key), keys, index + 1, test));
  }
  return isRecord(value) && anyValue(lookup(value, key), keys, index + 1, test);
}

/** Schemas nest at most multi-valued → complex → simple; below that only emptiness is looked at. */
const PRESENCE_DEPTH = 3;

/** RFC 7643 §2.5: unassigned, null, "" and [] are all "no value"; a complex value needs one present part. */
function hasValue(value: unknown, depth = 0): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (typeof value !== 'object') return true;
  const items = Array.isArray(value) ? value : Object.values(value);
  return depth >= PRESENCE_DEPTH ? items.length > 0 : items.some((item) => hasValue(item, depth + 1));
}

type Ordered = number | string;

/** eq and the orderings over values `read` extracts (undefined = wrong type, which never matches). */
function orderTest<T extends Ordered>(
  op: CompareOperator,
  literal: T,
  read: (leaf: unknown) => T | undefined,
) {
  const test = (predicate: (actual: T) => boolean): Matcher => {
    return (leaf) => {
      const actual = read(leaf);
      return actual !== undefined && predicate(actual);
    };
  };
  switch (op) {
    case 'eq':
      return test((actual) => actual === literal);
    case 'gt':
      return test((actual) => actual > literal);
    case 'ge':
      return test((actual) => actual >= literal);
    case 'lt':
      return test((actual) => actual < literal);
    case 'le':
      return test((actual) => actual <= literal);
    case 'co':
      return typeof literal === 'string' ? test((actual) => (actual as string).includes(literal)) : NEVER;
    case 'sw':
      return typeof literal === 'string' ? test((actual) => (actual as string).startsWith(literal)) : NEVER;
    case 'ew':
      return typeof literal === 'string' ? test((actual) => (actual as string).endsWith(literal)) : NEVER;
    default:
      return NEVER;
  }
}

const asNumber = (leaf: unknown) => (typeof leaf === 'number' ? leaf : undefined);
const asInstant = (leaf: unknown) => (typeof leaf === 'string' ? parseDateTime(leaf) : undefined);

/** The test for ONE simple value: type rules of RFC 7644 §3.4.2.2 (caseExact, numeric, chronological). */
function compileValueTest(
  op: CompareOperator,
  literal: FilterValue,
  definition: AttributeDefinition,
): Matcher {
  switch (definition.type) {
    case 'boolean':
      return op === 'eq' && typeof literal === 'boolean' ? (leaf) => leaf === literal : NEVER;
    case 'integer':
    case 'decimal':
      return typeof literal === 'number' ? orderTest(op, literal, asNumber) : NEVER;
    case 'dateTime': {
      const instant = typeof literal === 'string' ? parseDateTime(literal) : undefined;
      return instant === undefined ? NEVER : orderTest(op, instant, asInstant);
    }
    case 'complex':
      return NEVER;
    default: {
      if (typeof literal !== 'string') return NEVER;
      if (definition.caseExact)
        return orderTest(op, literal, (leaf) => (typeof leaf === 'string' ? leaf : undefined));
      const folded = literal.toLowerCase();
      return orderTest(op, folded, (leaf) => (typeof leaf === 'string' ? leaf.toLowerCase() : undefined));
    }
  }
}

function compileComparison(node: CompareNode, scope: FilterScope): Matcher {
  const { path, definition } = scope.resolve(node.path);
  const keys = keysOf(path);
  const present: Matcher = (input) => anyValue(input, keys, 0, (leaf) => hasValue(leaf));
  // `eq null` is "unassigned" (RFC 7643 §2.5), and `ne` is exactly the negation of `eq`.
  if (node.value === null) return node.op === 'ne' ? present : (input) => !present(input);
  const test = compileValueTest(node.op === 'ne' ? 'eq' : node.op, node.value, definition);
  const matches: Matcher = (input) => anyValue(input, keys, 0, test);
  return node.op === 'ne' ? (input) => !matches(input) : matches;
}

function compileNode(node: FilterNode, scope: FilterScope): Matcher {
  switch (node.kind) {
    case 'compare':
      return compileComparison(node, scope);
    case 'present': {
      const keys = keysOf(scope.resolve(node.path).path);
      return (input) => anyValue(input, keys, 0, (leaf) => hasValue(leaf));
    }
    case 'not': {
      const inner = compileNode(node.filter, scope);
      return (input) => !inner(input);
    }
    case 'and': {
      const left = compileNode(node.left, scope);
      const right = compileNode(node.right, scope);
      return (input) => left(input) && right(input);
    }
    case 'or': {
      const left = compileNode(node.left, scope);
      const right = compileNode(node.right, scope);
      return (input) => left(input) || right(input);
    }
    case 'valuePath': {
      const target = scope.resolve(node.path);
      const keys = keysOf(target.path);
      const element = compileNode(node.filter, elementScope(target.attribute, scope.ErrorClass));
      return (input) => anyValue(input, keys, 0, (item) => isRecord(item) && element(item));
    }
  }
}

/**
 * Compiles a bound filter (see `bindFilter`) into a predicate over plain-JSON resources, with extension
 * attributes under their URN key. Resolution happens once, here; the predicate never throws.
 */
export function compileFilter(
  bound: FilterNode,
  registry: SchemaRegistry,
  resourceType: ResourceTypeDefinition,
): (resource: Readonly<Record<string, unknown>>) => boolean {
  return compileNode(bound, resourceScope(registry, resourceType));
}

/** Binds, compiles and runs `node` against one resource; compile once with `compileFilter` for many. */
export function evaluateFilter(
  node: FilterNode,
  resource: Readonly<Record<string, unknown>>,
  registry: SchemaRegistry,
  resourceType: ResourceTypeDefinition,
): boolean {
  return compileFilter(bindFilter(node, registry, resourceType), registry, resourceType)(resource);
}

/**
 * For PATCH valuePath selection (RFC 7644 §3.5.2): binds `filter` to the sub-attributes of the complex
 * `attribute` and returns a matcher for ONE element (one email, one member). Binding errors are
 * `InvalidPath`, since the filter is part of the PATCH `path`.
 */
export function compileElementFilter(
  filter: FilterNode,
  attribute: AttributeDefinition,
): (element: unknown) => boolean {
  const scope = elementScope(attribute, InvalidPath);
  const match = compileNode(bindInScope(filter, scope), scope);
  return (element) => isRecord(element) && match(element);
}
