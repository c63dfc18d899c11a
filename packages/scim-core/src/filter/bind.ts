/**
 * Binding a parsed filter to a resource type's schemas (RFC 7644 §3.4.2.2): every path resolved and spelled
 * as the schema spells it, implied `.value` sub-attributes made explicit, literals checked against the
 * attribute type and converted where clients are known to be loose (`"True"` for booleans). The bound tree
 * is what every back end (in-memory evaluator, SQL compiler) consumes.
 */
import { InvalidFilter, type ScimError } from '../errors.js';
import { type AttributePath, formatAttributePath } from '../path/attribute-path.js';
import {
  type AttributeDefinition,
  type AttributeType,
  type ResourceTypeDefinition,
  defineAttribute,
} from '../schema/definitions.js';
import type { SchemaRegistry } from '../schema/registry.js';
import type { CompareNode, CompareOperator, FilterNode, FilterValue } from './nodes.js';

type ErrorClass = new (detail: string) => ScimError;

/** A filter path bound to its definitions. */
export interface FilterAttribute {
  /** Canonical path: names in schema spelling, `schema` only for extension attributes. */
  readonly path: AttributePath;
  /** The attribute the path names first (the complex one, for `emails.value`). */
  readonly attribute: AttributeDefinition;
  /** The leaf: the sub-attribute when there is one, else `attribute`. */
  readonly definition: AttributeDefinition;
}

/** Where filter paths resolve: a resource type, or (inside a valuePath) one complex attribute's elements. */
export interface FilterScope {
  /** True inside a valuePath, where paths are bare sub-attribute names and valuePaths cannot nest. */
  readonly element: boolean;
  readonly ErrorClass: ErrorClass;
  /** Binds `path`, throwing `ErrorClass` naming it when it does not exist here. */
  resolve(path: AttributePath): FilterAttribute;
}

/**
 * RFC 7643 §3 `schemas` is on every resource but in no schema; the RFC 7644 §3.4.2.2 examples filter on it.
 * URIs are compared case-insensitively, as the registry compares schema ids.
 */
const SCHEMAS_ATTRIBUTE = defineAttribute({
  name: 'schemas',
  type: 'reference',
  referenceTypes: ['uri'],
  multiValued: true,
  required: true,
  description: 'The schema URIs the resource conforms to.',
});

/** Paths of a resource type, including extension attributes (qualified, or unqualified when unambiguous). */
export function resourceScope(
  registry: SchemaRegistry,
  resourceType: ResourceTypeDefinition,
  ErrorClass: ErrorClass = InvalidFilter,
): FilterScope {
  return {
    element: false,
    ErrorClass,
    resolve(path) {
      const resolved = registry.resolve(resourceType, path);
      if (resolved) {
        const { attribute, subAttribute, definition } = resolved;
        // A filter on a value that is never returned (password) would be an oracle for guessing it.
        if (definition.mutability === 'writeOnly' || definition.returned === 'never') {
          throw new ErrorClass(`"${definition.name}" is never returned, so it cannot be used in a filter`);
        }
        const names = {
          attribute: attribute.name,
          ...(subAttribute ? { subAttribute: subAttribute.name } : {}),
        };
        return { path: resolved.core ? names : { schema: resolved.schema, ...names }, attribute, definition };
      }
      if (path.schema === undefined && path.subAttribute === undefined && /^schemas$/i.test(path.attribute)) {
        return {
          path: { attribute: 'schemas' },
          attribute: SCHEMAS_ATTRIBUTE,
          definition: SCHEMAS_ATTRIBUTE,
        };
      }
      throw new ErrorClass(
        `unknown attribute "${formatAttributePath(path)}" for resource type ${resourceType.name}`,
      );
    },
  };
}

/** Paths inside `attribute[…]`: bare names of its sub-attributes. */
export function elementScope(
  attribute: AttributeDefinition,
  ErrorClass: ErrorClass = InvalidFilter,
): FilterScope {
  return {
    element: true,
    ErrorClass,
    resolve(path) {
      const wanted = path.attribute.toLowerCase();
      const found =
        path.schema === undefined && path.subAttribute === undefined
          ? attribute.subAttributes?.find((s) => s.name.toLowerCase() === wanted)
          : undefined;
      if (!found) {
        throw new ErrorClass(
          `"${formatAttributePath(path)}" is not a sub-attribute of "${attribute.name}" inside its valuePath filter`,
        );
      }
      return { path: { attribute: found.name }, attribute: found, definition: found };
    },
  };
}

const XSD_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/**
 * Parses an xsd:dateTime (RFC 7643 §2.3.5) to epoch milliseconds; undefined when it is not one. A value
 * without a zone is taken as UTC (never the host's zone: the core has no clock or locale).
 */
export function parseDateTime(text: string): number | undefined {
  const m = XSD_DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = m[7] ? Number(m[7].slice(1, 4).padEnd(3, '0')) : 0;
  const zone = m[8] ?? 'Z';
  let offset = 0;
  if (zone.toUpperCase() !== 'Z') {
    const zoneHours = Number(zone.slice(1, 3));
    const zoneMinutes = Number(zone.slice(4, 6));
    if (zoneHours > 14 || zoneMinutes > 59) return undefined;
    offset = (zone[0] === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes) * 60_000;
  }
  // Date.UTC maps years 0–99 to 1900–1999, so the year is set separately.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  date.setUTCFullYear(year);
  return date.getTime() - offset;
}

const ORDERING: ReadonlySet<CompareOperator> = new Set(['gt', 'ge', 'lt', 'le']);
const SUBSTRING: ReadonlySet<CompareOperator> = new Set(['co', 'sw', 'ew']);
const STRING_TYPES: ReadonlySet<AttributeType> = new Set(['string', 'reference', 'binary']);
/** RFC 7644 §3.4.2.2: gt/ge/lt/le on Boolean and Binary attributes SHALL fail with invalidFilter. */
const UNORDERED_TYPES: ReadonlySet<AttributeType> = new Set(['boolean', 'binary']);

function describe(target: FilterAttribute): string {
  return `"${formatAttributePath(target.path)}" (${target.definition.type})`;
}

/** Checks `op` against the attribute type; returns the literal converted to that type. */
function bindLiteral(op: CompareOperator, value: FilterValue, target: FilterAttribute, scope: FilterScope) {
  const { type } = target.definition;
  const reject = (why: string): never => {
    throw new scope.ErrorClass(`${describe(target)} ${why}`);
  };
  if (ORDERING.has(op) && UNORDERED_TYPES.has(type)) reject(`has no order, so "${op}" is not supported`);
  // RFC 7644 §3.4.2.2 defines co/sw/ew as substring matches; only string-valued types have substrings.
  if (SUBSTRING.has(op) && !STRING_TYPES.has(type)) reject(`is not a string, so "${op}" is not supported`);
  if (value === null) {
    // RFC 7643 §2.5: null means "unassigned", which is equal or not equal but never ordered or a substring.
    return op === 'eq' || op === 'ne' ? null : reject(`cannot be compared with null using "${op}"`);
  }
  const shown = JSON.stringify(value);
  switch (type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      // Entra sends "True"/"False"; RFC 7644 leaves literal typing to the attribute, so accept the words.
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      return reject(`needs true or false, not ${shown}`);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value)
        ? value
        : reject(`needs an integer, not ${shown}`);
    case 'decimal':
      return typeof value === 'number' ? value : reject(`needs a number, not ${shown}`);
    case 'dateTime':
      return typeof value === 'string' && parseDateTime(value) !== undefined
        ? value
        : reject(`needs an xsd:dateTime string such as "2024-01-31T12:00:00Z", not ${shown}`);
    case 'complex':
      return reject('has no "value" sub-attribute to compare; name one of its sub-attributes');
    default:
      return typeof value === 'string' ? value : reject(`needs a string, not ${shown}`);
  }
}

/**
 * RFC 7644 §3.4.2.2: a comparison on a complex attribute without a sub-attribute means its `value`
 * sub-attribute (`emails eq "x"`, Entra's `manager eq "m1"`).
 */
function impliedValue(target: FilterAttribute): FilterAttribute {
  if (target.definition.type !== 'complex') return target;
  const value = target.attribute.subAttributes?.find((s) => s.name.toLowerCase() === 'value');
  if (!value) return target;
  return {
    path: { ...target.path, subAttribute: value.name },
    attribute: target.attribute,
    definition: value,
  };
}

function bindComparison(node: CompareNode, scope: FilterScope): CompareNode {
  const target = impliedValue(scope.resolve(node.path));
  return {
    kind: 'compare',
    path: target.path,
    op: node.op,
    value: bindLiteral(node.op, node.value, target, scope),
  };
}

/** Binds `node` in `scope`; see {@link bindFilter}. */
export function bindInScope(node: FilterNode, scope: FilterScope): FilterNode {
  switch (node.kind) {
    case 'compare':
      return bindComparison(node, scope);
    case 'present':
      return { kind: 'present', path: scope.resolve(node.path).path };
    case 'not':
      return { kind: 'not', filter: bindInScope(node.filter, scope) };
    case 'and':
    case 'or':
      return { kind: node.kind, left: bindInScope(node.left, scope), right: bindInScope(node.right, scope) };
    case 'valuePath': {
      if (scope.element) throw new scope.ErrorClass('a valuePath cannot be nested inside another valuePath');
      const target = scope.resolve(node.path);
      if (target.definition.type !== 'complex') {
        throw new scope.ErrorClass(
          `${describe(target)} is not complex, so it cannot take a valuePath filter`,
        );
      }
      const inner = elementScope(target.attribute, scope.ErrorClass);
      return { kind: 'valuePath', path: target.path, filter: bindInScope(node.filter, inner) };
    }
  }
}

/**
 * Validates and canonicalises a parsed filter for a resource type: unknown attributes, unsupported
 * operator/type combinations and ill-typed literals throw `InvalidFilter`. Returns a new tree.
 */
export function bindFilter(
  node: FilterNode,
  registry: SchemaRegistry,
  resourceType: ResourceTypeDefinition,
): FilterNode {
  return bindInScope(node, resourceScope(registry, resourceType));
}
