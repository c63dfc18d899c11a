/**
 * Bound filter AST (RFC 7644 §3.4.2.2) → one SQL boolean expression. Every filter is answered in SQL: key
 * columns for indexed attributes, side tables for emails/groups/members, JSON for the rest.
 *
 * Three-valued logic: leaves may be NULL when a value is absent, which WHERE treats as false, as does SCIM
 * (no value, no match). Only `not` would turn that NULL into a wrong answer, so it negates
 * `coalesce(…, false)`: `ne` is `not eq`, so an absent value matches `ne` (RFC 7644 §3.4.2.2).
 */
import {
  type AttributeDefinition,
  type AttributePath,
  type CompareNode,
  type CompareOperator,
  type FilterNode,
  InvalidFilter,
  type ResolvedAttribute,
  type ValuePathNode,
  formatAttributePath,
} from '@provisio/scim-core';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { MatchOperator, SqlDialect } from '../dialect/sql-dialect.js';
import { normalizeDateTime } from './date-time.js';
import {
  type SqlTarget,
  attributeKey,
  dataColumn,
  jsonPathOf,
  jsonScalarType,
  resolvePath,
  rowOperand,
  showPath,
} from './sql-target.js';
import { type Operand, type SideTable, jsonOperand } from './storage-map.js';

export type Predicate = RawBuilder<SqlBool>;
type Leaf = (operand: Operand, definition: AttributeDefinition) => Predicate;
type Literal = string | number | boolean;

/** Alias of the element row inside EXISTS / IN subqueries. valuePaths do not nest, so one suffices. */
const ELEMENT = 'el';

const ORDERING: Readonly<Record<'eq' | 'gt' | 'ge' | 'lt' | 'le', string>> = {
  eq: '=',
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
};

/** Compiles a bound filter over the resource table of `target` (which must also be scoped by tenant). */
export function filterToSql(filter: FilterNode, target: SqlTarget): Predicate {
  return compileNode(filter, new RowScope(target));
}

/**
 * Compiles the filter of `attribute[filter]` against rows of the attribute's side table aliased `alias`,
 * e.g. PATCH `members[value eq "…"]` as a DELETE condition on group_members.
 */
export function elementFilterToSql(
  filter: FilterNode,
  target: SqlTarget,
  attribute: AttributePath,
  alias: string,
): Predicate {
  const resolved = resolvePath(target, attribute, InvalidFilter);
  const side = target.storage.sideTables.get(attributeKey(resolved));
  if (!side) throw new InvalidFilter(`${showPath(resolved)} is not stored one row per value`);
  requireSideColumns(side, resolved, innerSubAttributes(filter, resolved));
  return compileNode(filter, new ElementScope(resolved, sideTableSource(target.dialect, side, alias)));
}

/** A place filter paths resolve in: the resource row, or one value of a multi-valued attribute. */
interface Scope {
  readonly dialect: SqlDialect;
  /**
   * `leaf` over the path's operand; for a multi-valued path, true when some value satisfies it. `op` is
   * the leaf's operator, which decides how a side table is searched.
   */
  compare(path: AttributePath, leaf: Leaf, op: CompareOperator): Predicate;
  present(path: AttributePath): Predicate;
  valuePath(node: ValuePathNode): Predicate;
}

function compileNode(node: FilterNode, scope: Scope): Predicate {
  switch (node.kind) {
    case 'and':
      return sql<SqlBool>`(${compileNode(node.left, scope)} and ${compileNode(node.right, scope)})`;
    case 'or':
      return sql<SqlBool>`(${compileNode(node.left, scope)} or ${compileNode(node.right, scope)})`;
    case 'not':
      return negate(compileNode(node.filter, scope));
    case 'present':
      return scope.present(node.path);
    case 'valuePath':
      return scope.valuePath(node);
    case 'compare':
      return compileCompare(node, scope);
  }
}

function negate(predicate: Predicate): Predicate {
  return sql<SqlBool>`not coalesce(${predicate}, false)`;
}

function compileCompare(node: CompareNode, scope: Scope): Predicate {
  const { path, op, value } = node;
  if (value === null) {
    // RFC 7644 §3.4.2.2 defines no null comparison; `eq null` reads naturally as "has no value".
    if (op === 'eq') return negate(scope.present(path));
    if (op === 'ne') return scope.present(path);
    throw new InvalidFilter(`"${formatAttributePath(path)} ${op} null": only eq and ne compare with null`);
  }
  if (op === 'ne') return negate(compileCompare({ ...node, op: 'eq' }, scope));
  const shown = formatAttributePath(path);
  return scope.compare(
    path,
    (operand, definition) => compareOperand(scope, operand, definition, op, value, shown),
    op,
  );
}

function isMatch(op: CompareOperator): op is MatchOperator {
  return op === 'co' || op === 'sw' || op === 'ew';
}

function typeError(shown: string, definition: AttributeDefinition, value: Literal): InvalidFilter {
  return new InvalidFilter(`${shown} is of type ${definition.type}; ${JSON.stringify(value)} is not`);
}

/** One comparison on one operand, typed by the attribute's schema (RFC 7644 §3.4.2.2 operator rules). */
function compareOperand(
  scope: Scope,
  stored: Operand,
  definition: AttributeDefinition,
  op: Exclude<CompareOperator, 'ne'>,
  value: Literal,
  shown: string,
): Predicate {
  const { dialect } = scope;
  const operand = asScalar(dialect, stored, definition);
  const unsupported = () =>
    new InvalidFilter(`operator ${op} does not apply to ${shown}, of type ${definition.type}`);
  switch (definition.type) {
    case 'complex':
      throw new InvalidFilter(`${shown} is complex: compare one of its sub-attributes`);
    case 'boolean':
      if (op !== 'eq') throw unsupported();
      if (typeof value !== 'boolean') throw typeError(shown, definition, value);
      return sql<SqlBool>`${operand.sql} = ${dialect.booleanValue(value)}`;
    case 'integer':
    case 'decimal':
      if (isMatch(op)) throw unsupported();
      if (typeof value !== 'number') throw typeError(shown, definition, value);
      return ordered(operand, op, value);
    case 'dateTime': {
      if (isMatch(op)) throw unsupported();
      if (typeof value !== 'string') throw typeError(shown, definition, value);
      const normalized = operand.isoTimestamps ? operand : { ...operand, sql: dialect.dateTime(operand.sql) };
      return ordered(normalized, op, normalizeDateTime(value));
    }
    default: {
      if (typeof value !== 'string') throw typeError(shown, definition, value);
      // RFC 7644 §3.4.2.2: gt/ge/lt/le on binary attributes fail with invalidFilter.
      if (definition.type === 'binary' && !isMatch(op) && op !== 'eq') throw unsupported();
      const exact = definition.caseExact;
      const lhs = exact || operand.folded ? operand : { ...operand, sql: dialect.lower(operand.sql) };
      const literal = exact ? value : value.toLowerCase();
      if (op === 'sw' && operand.indexed) return prefixRange(lhs, literal);
      if (isMatch(op)) {
        return exact
          ? dialect.matchCaseExact(lhs.sql, op, literal)
          : dialect.matchFolded(lhs.sql, op, literal);
      }
      return ordered(lhs, op, literal);
    }
  }
}

function ordered(operand: Operand, op: keyof typeof ORDERING, value: Literal): Predicate {
  return sql<SqlBool>`${operand.sql} ${sql.raw(ORDERING[op])} ${value}`;
}

/** `sw` as an index range: [prefix, successor of prefix). Text compares by code point (UTF-8 bytes). */
function prefixRange(operand: Operand, prefix: string): Predicate {
  const upper = prefixSuccessor(prefix);
  return upper === undefined
    ? sql<SqlBool>`${operand.sql} >= ${prefix}`
    : sql<SqlBool>`(${operand.sql} >= ${prefix} and ${operand.sql} < ${upper})`;
}

/** The least string greater than every string starting with `prefix`; undefined if there is none. */
function prefixSuccessor(prefix: string): string | undefined {
  const points = Array.from(prefix, (c) => c.codePointAt(0)!);
  while (points.length > 0) {
    const last = points.pop()!;
    if (last < 0x10ffff) {
      // Surrogate code points cannot appear in UTF-8 text, so the next one after 0xD7FF is 0xE000.
      return String.fromCodePoint(...points, last + 1 === 0xd800 ? 0xe000 : last + 1);
    }
  }
  return undefined;
}

/** A JSON operand as the SQL scalar its attribute's type compares as; columns are scalars already. */
function asScalar(dialect: SqlDialect, operand: Operand, definition: AttributeDefinition): Operand {
  return operand.column
    ? operand
    : { ...operand, sql: dialect.jsonScalar(operand.sql, jsonScalarType(definition)) };
}

/** `pr` on one operand: columns hold NULL for absent values; JSON strings may also be `""`. */
function presentOperand(dialect: SqlDialect, stored: Operand, definition: AttributeDefinition): Predicate {
  const stringLike = ['string', 'reference', 'binary'].includes(definition.type);
  const operand = asScalar(dialect, stored, definition);
  return !operand.column && stringLike
    ? sql<SqlBool>`${operand.sql} <> ''`
    : sql<SqlBool>`${operand.sql} is not null`;
}

/** The resource row. */
class RowScope implements Scope {
  readonly dialect: SqlDialect;
  constructor(private readonly target: SqlTarget) {
    this.dialect = target.dialect;
  }

  compare(path: AttributePath, leaf: Leaf, op: CompareOperator): Predicate {
    const resolved = resolvePath(this.target, path, InvalidFilter);
    if (resolved.attribute.multiValued) {
      const sub = elementSubAttribute(resolved);
      const element = { attribute: sub?.name ?? 'value' };
      return this.#collection(
        resolved,
        sub ? [sub] : [],
        (scope) => scope.compare(element, leaf),
        (side) => seeksIndex({ kind: 'compare', path: element, op, value: true }, resolved, side),
      );
    }
    return leaf(this.#operand(resolved), resolved.definition);
  }

  present(path: AttributePath): Predicate {
    const resolved = resolvePath(this.target, path, InvalidFilter);
    if (resolved.attribute.multiValued) {
      const sub = resolved.subAttribute;
      if (!sub) return this.#collection(resolved, [], undefined);
      return this.#collection(resolved, [sub], (element) => element.present({ attribute: sub.name }));
    }
    const operand = this.#operand(resolved);
    return operand.column
      ? presentOperand(this.dialect, operand, resolved.definition)
      : this.target.dialect.jsonPresent(dataColumn(this.target), jsonPathOf(resolved));
  }

  valuePath(node: ValuePathNode): Predicate {
    const resolved = resolvePath(this.target, node.path, InvalidFilter);
    if (resolved.subAttribute || resolved.attribute.type !== 'complex') {
      throw new InvalidFilter(`${showPath(resolved)}[…]: a value filter needs a complex attribute`);
    }
    if (!resolved.attribute.multiValued) {
      // `name[givenName eq "x"]` is `name.givenName eq "x"`: the same value either way.
      return compileNode(node.filter, new ComplexScope(this, resolved));
    }
    const subs = innerSubAttributes(node.filter, resolved);
    return this.#collection(
      resolved,
      subs,
      (element) => compileNode(node.filter, element),
      (side) => seeksIndex(node.filter, resolved, side),
    );
  }

  #operand(resolved: ResolvedAttribute): Operand {
    const operand = rowOperand(this.target, resolved);
    if (!operand) throw new InvalidFilter(`${showPath(resolved)} is not stored and cannot be filtered`);
    return operand;
  }

  /**
   * True when some value of the multi-valued attribute satisfies `build` (any value at all without it).
   * A side table answers when it stores every sub-attribute used; otherwise the JSON array does.
   */
  #collection(
    resolved: ResolvedAttribute,
    subs: readonly AttributeDefinition[],
    build: ((element: ElementScope) => Predicate) | undefined,
    seeks: (side: SideTable) => boolean = () => false,
  ): Predicate {
    const { dialect, storage, tenantId } = this.target;
    const side = storage.sideTables.get(attributeKey(resolved));
    const sideCovers =
      side !== undefined && subs.every((s) => side.subAttribute(s.name.toLowerCase(), ELEMENT));
    if (side && (sideCovers || !side.alsoInJson)) {
      requireSideColumns(side, resolved, subs);
      const source = sideTableSource(dialect, side, ELEMENT);
      const condition = build ? sql` and ${build(new ElementScope(resolved, source))}` : sql``;
      const owner = sql.ref(`${ELEMENT}.${side.owner}`);
      const values = sql`from ${sql.table(side.table)} as ${sql.table(ELEMENT)} where ${sql.ref(`${ELEMENT}.tenant_id`)} = ${tenantId}`;
      const id = sql.ref(`${storage.table}.id`);
      // A condition that seeks an index is answered once, uncorrelated: the planner starts from that index.
      if (seeks(side)) return sql<SqlBool>`${id} in (select ${owner} ${values}${condition})`;
      // Any other condition reads values one by one: reading only each candidate's own (an index range by
      // owner) beats reading every value in the tenant whenever the rest of the filter narrows candidates.
      return sql<SqlBool>`exists (select 1 ${values} and ${owner} = ${id}${condition})`;
    }
    const elements = dialect.jsonElements(dataColumn(this.target), jsonPathOf(resolved, false), ELEMENT);
    const condition = build
      ? sql` where ${build(new ElementScope(resolved, jsonElementSource(dialect)))}`
      : sql``;
    return sql<SqlBool>`exists (select 1 from ${elements}${condition})`;
  }
}

/** Inside `complexAttribute[…]` of a single-valued attribute: paths gain the attribute as prefix. */
class ComplexScope implements Scope {
  readonly dialect: SqlDialect;
  constructor(
    private readonly row: RowScope,
    private readonly attribute: ResolvedAttribute,
  ) {
    this.dialect = row.dialect;
  }

  #full(path: AttributePath): AttributePath {
    const sub = subAttributeOf(path, this.attribute);
    return {
      ...(this.attribute.core ? {} : { schema: this.attribute.schema }),
      attribute: this.attribute.attribute.name,
      subAttribute: sub.name,
    };
  }

  compare(path: AttributePath, leaf: Leaf, op: CompareOperator): Predicate {
    return this.row.compare(this.#full(path), leaf, op);
  }
  present(path: AttributePath): Predicate {
    return this.row.present(this.#full(path));
  }
  valuePath(): Predicate {
    throw new InvalidFilter('value filters cannot be nested (RFC 7644 §3.4.2.2 valFilter)');
  }
}

/** How an element row exposes its sub-attributes. */
interface ElementSource {
  readonly dialect: SqlDialect;
  /** `sub` undefined: the element itself (multi-valued attributes without sub-attributes). */
  operand(sub: string | undefined): Operand;
  present(sub: string | undefined, definition: AttributeDefinition): Predicate;
}

function sideTableSource(dialect: SqlDialect, side: SideTable, alias: string): ElementSource {
  const operand = (sub: string | undefined) => side.subAttribute((sub ?? 'value').toLowerCase(), alias)!;
  return {
    dialect,
    operand,
    present: (sub, definition) => presentOperand(dialect, operand(sub), definition),
  };
}

function jsonElementSource(dialect: SqlDialect): ElementSource {
  const operand = (sub: string | undefined) => jsonOperand(dialect.elementValue(ELEMENT, sub));
  return {
    dialect,
    operand,
    present: (sub, definition) =>
      sub === undefined
        ? presentOperand(dialect, operand(sub), definition)
        : dialect.jsonPresent(sql.ref(`${ELEMENT}.value`), [sub]),
  };
}

/** One value of a multi-valued attribute; paths name its sub-attributes. */
class ElementScope implements Scope {
  readonly dialect: SqlDialect;
  constructor(
    private readonly attribute: ResolvedAttribute,
    private readonly source: ElementSource,
  ) {
    this.dialect = source.dialect;
  }

  /** The sub-attribute a path names, or undefined for a multi-valued attribute with none (`value`). */
  #sub(path: AttributePath): { name: string | undefined; definition: AttributeDefinition } {
    if (!this.attribute.attribute.subAttributes)
      return { name: undefined, definition: this.attribute.attribute };
    const sub = subAttributeOf(path, this.attribute);
    return { name: sub.name, definition: sub };
  }

  compare(path: AttributePath, leaf: Leaf): Predicate {
    const { name, definition } = this.#sub(path);
    return leaf(this.source.operand(name), definition);
  }
  present(path: AttributePath): Predicate {
    const { name, definition } = this.#sub(path);
    return this.source.present(name, definition);
  }
  valuePath(): Predicate {
    throw new InvalidFilter('value filters cannot be nested (RFC 7644 §3.4.2.2 valFilter)');
  }
}

/**
 * The sub-attribute an inner path names. Paths inside `attr[…]` are relative (`type`), though a binder
 * may also spell them in full (`emails.type`).
 */
function subAttributeOf(path: AttributePath, attribute: ResolvedAttribute): AttributeDefinition {
  const sameAttribute = path.attribute.toLowerCase() === attribute.attribute.name.toLowerCase();
  const name = path.subAttribute !== undefined && sameAttribute ? path.subAttribute : path.attribute;
  const wanted = name.toLowerCase();
  const sub = attribute.attribute.subAttributes?.find((s) => s.name.toLowerCase() === wanted);
  if (!sub || (path.subAttribute !== undefined && !sameAttribute)) {
    throw new InvalidFilter(
      `"${formatAttributePath(path)}" is not a sub-attribute of ${showPath(attribute)}`,
    );
  }
  return sub;
}

/**
 * Whether `filter`, over one value of `resolved` stored in `side`, can start from an index: some
 * conjunct is `eq` or `sw` (a range) on an indexed column.
 */
function seeksIndex(filter: FilterNode, resolved: ResolvedAttribute, side: SideTable): boolean {
  switch (filter.kind) {
    case 'and':
      return seeksIndex(filter.left, resolved, side) || seeksIndex(filter.right, resolved, side);
    case 'or':
      return seeksIndex(filter.left, resolved, side) && seeksIndex(filter.right, resolved, side);
    case 'compare': {
      if (filter.value === null || (filter.op !== 'eq' && filter.op !== 'sw')) return false;
      const name = resolved.attribute.subAttributes ? subAttributeOf(filter.path, resolved).name : 'value';
      return side.subAttribute(name.toLowerCase(), ELEMENT)?.indexed === true;
    }
    default:
      return false;
  }
}

/** The sub-attribute compared on a multi-valued path; none for multi-valued simple attributes. */
function elementSubAttribute(resolved: ResolvedAttribute): AttributeDefinition | undefined {
  if (resolved.subAttribute) return resolved.subAttribute;
  if (resolved.attribute.subAttributes) {
    throw new InvalidFilter(`${showPath(resolved)} is complex: compare one of its sub-attributes`);
  }
  return undefined;
}

/** Sub-attributes used by the filter inside `attr[…]`, to choose a side table or JSON. */
function innerSubAttributes(filter: FilterNode, attribute: ResolvedAttribute): AttributeDefinition[] {
  if (!attribute.attribute.subAttributes) return [];
  switch (filter.kind) {
    case 'and':
    case 'or':
      return [...innerSubAttributes(filter.left, attribute), ...innerSubAttributes(filter.right, attribute)];
    case 'not':
      return innerSubAttributes(filter.filter, attribute);
    case 'valuePath':
      throw new InvalidFilter('value filters cannot be nested (RFC 7644 §3.4.2.2 valFilter)');
    default:
      return [subAttributeOf(filter.path, attribute)];
  }
}

function requireSideColumns(
  side: SideTable,
  resolved: ResolvedAttribute,
  subs: readonly AttributeDefinition[],
): void {
  const missing = subs.find((s) => !side.subAttribute(s.name.toLowerCase(), ELEMENT));
  if (missing) {
    throw new InvalidFilter(`${showPath(resolved)}.${missing.name} is not stored and cannot be filtered`);
  }
}
