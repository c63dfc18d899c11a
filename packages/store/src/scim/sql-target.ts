/**
 * Binding SCIM attribute paths to SQL operands for one resource table of one tenant: shared by the filter
 * and sort compilers.
 */
import {
  type AttributeDefinition,
  type AttributePath,
  type ResolvedAttribute,
  type ResourceTypeDefinition,
  type SchemaRegistry,
  type ScimError,
  defineAttribute,
  formatAttributePath,
} from '@provisio/scim-core';
import { sql } from 'kysely';
import type { JsonScalarType, SqlDialect } from '../dialect/sql-dialect.js';
import { type Operand, type ResourceStorage, jsonOperand, storageKey } from './storage-map.js';

/** What a query is compiled against. */
export interface SqlTarget {
  readonly dialect: SqlDialect;
  readonly registry: SchemaRegistry;
  readonly storage: ResourceStorage;
  readonly tenantId: string;
}

function resourceTypeOf(target: SqlTarget): ResourceTypeDefinition {
  return target.registry.resourceType(target.storage.resourceType);
}

/**
 * RFC 7643 §3 `schemas` is on every resource but in no schema; scim-core's binder accepts it in filters
 * (the RFC 7644 §3.4.2.2 examples use it), as a multi-valued URI compared case-insensitively.
 */
const SCHEMAS = defineAttribute({ name: 'schemas', type: 'reference', multiValued: true });

function isSchemasPath(path: AttributePath): boolean {
  return (
    path.schema === undefined && path.subAttribute === undefined && path.attribute.toLowerCase() === 'schemas'
  );
}

export function resolvePath(
  target: SqlTarget,
  path: AttributePath,
  ErrorClass: new (detail: string) => ScimError,
): ResolvedAttribute {
  const resourceType = resourceTypeOf(target);
  if (isSchemasPath(path) && !target.registry.resolve(resourceType, path)) {
    const schema = resourceType.schema;
    return {
      schema,
      core: true,
      attribute: SCHEMAS,
      definition: SCHEMAS,
      path: { schema, attribute: 'schemas' },
    };
  }
  return target.registry.require(resourceType, path, ErrorClass);
}

/** The canonical path as written in messages: URN only for extension attributes. */
export function showPath(resolved: ResolvedAttribute): string {
  return formatAttributePath({
    ...(resolved.core ? {} : { schema: resolved.schema }),
    attribute: resolved.attribute.name,
    ...(resolved.subAttribute ? { subAttribute: resolved.subAttribute.name } : {}),
  });
}

/** {@link storageKey} of the attribute itself (without the sub-attribute). */
export function attributeKey(resolved: ResolvedAttribute): string {
  return storageKey(resolved.core ? undefined : resolved.schema, resolved.attribute.name);
}

/** Where the attribute sits in the `data` document: extension attributes live under their schema URN. */
export function jsonPathOf(resolved: ResolvedAttribute, withSubAttribute = true): string[] {
  return [
    ...(resolved.core ? [] : [resolved.schema]),
    resolved.attribute.name,
    ...(withSubAttribute && resolved.subAttribute ? [resolved.subAttribute.name] : []),
  ];
}

/** How a JSON value of `definition`'s type compares in SQL (dateTimes as text, normalised after). */
export function jsonScalarType(definition: AttributeDefinition): JsonScalarType {
  if (definition.type === 'boolean') return 'boolean';
  return definition.type === 'integer' || definition.type === 'decimal' ? 'number' : 'string';
}

export function dataColumn(target: SqlTarget) {
  return sql.ref(`${target.storage.table}.data`);
}

/** The resource's common `meta` is kept in columns; what has none (location) is not stored at all. */
function isUnstoredMeta(resolved: ResolvedAttribute): boolean {
  return resolved.core && resolved.attribute.name === 'meta';
}

/**
 * The operand of a single-valued path: its column when it has one, else its JSON value. Returns undefined
 * for values the store does not keep (`meta.location`, which depends on the server's base URL).
 */
export function rowOperand(target: SqlTarget, resolved: ResolvedAttribute): Operand | undefined {
  const key = storageKey(
    resolved.core ? undefined : resolved.schema,
    resolved.attribute.name,
    resolved.subAttribute?.name,
  );
  const column = target.storage.columns.get(key);
  if (column) return column;
  if (isUnstoredMeta(resolved)) return undefined;
  return jsonOperand(target.dialect.jsonValue(dataColumn(target), jsonPathOf(resolved)));
}
