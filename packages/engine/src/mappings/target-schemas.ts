/**
 * The target's own schemas, read from its `GET /Schemas` ListResponse (entra-scim-behaviour.md A3, A6), so
 * mapping targets are checked against what the target really has: a custom extension attribute is
 * accepted, an attribute it lacks is refused by name. Without discovery, RFC 7643's standard schemas stand.
 */
import {
  type AttributeInput,
  GROUP_RESOURCE_TYPE,
  GROUP_SCHEMA,
  type ResourceTypeDefinition,
  SchemaRegistry,
  USER_RESOURCE_TYPE,
  USER_SCHEMA,
  defineSchema,
} from '@provisio/scim-core';
import type { TargetSchemas } from './target-app.js';

/** A `/Schemas` response the engine cannot read: a fault of the target, shown on its connection test. */
export class TargetSchemasError extends Error {
  override readonly name = 'TargetSchemasError';
}

const ATTRIBUTE_TYPES = new Map(
  ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'complex', 'binary'].map((t) => [
    t.toLowerCase(),
    t as AttributeInput['type'],
  ]),
);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads an attribute leniently: a server's schema is data we do not control, and only name, type,
 * multiValued and sub-attributes matter for mappings. An unknown type reads as RFC 7643's default, string.
 */
function readAttribute(value: unknown, where: string): AttributeInput {
  if (!isObject(value) || typeof value.name !== 'string' || value.name === '') {
    throw new TargetSchemasError(`${where}: an attribute without a name`);
  }
  const type = typeof value.type === 'string' ? ATTRIBUTE_TYPES.get(value.type.toLowerCase()) : undefined;
  const subAttributes = Array.isArray(value.subAttributes)
    ? value.subAttributes.map((sub, i) => readAttribute(sub, `${where}.${value.name}[${i}]`))
    : undefined;
  return {
    name: value.name,
    ...(type ? { type } : {}),
    multiValued: value.multiValued === true || value.multiValued === 'true',
    ...(subAttributes ? { subAttributes } : {}),
  };
}

/**
 * Builds the registry a target's `/Schemas` response describes. The core User and Group schemas make the
 * resource types; any other schema whose URN ends in `:User` or `:Group` (Entra's naming for extensions,
 * B3) extends that resource type. Throws {@link TargetSchemasError} when the response is not a
 * ListResponse of schemas or lacks the User schema.
 */
export function readTargetSchemas(response: unknown): TargetSchemas {
  if (!isObject(response) || !Array.isArray(response.Resources)) {
    throw new TargetSchemasError('the /Schemas response is not a ListResponse with Resources');
  }
  const schemas = response.Resources.map((resource, index) => {
    if (!isObject(resource) || typeof resource.id !== 'string' || !Array.isArray(resource.attributes)) {
      throw new TargetSchemasError(`/Schemas Resources[${index}] is not a schema with an id and attributes`);
    }
    const attributes = resource.attributes.map((a, i) => readAttribute(a, `${resource.id} attributes[${i}]`));
    return defineSchema({ id: resource.id, attributes });
  });
  const has = (id: string) => schemas.some((s) => s.id.toLowerCase() === id.toLowerCase());
  if (!has(USER_SCHEMA)) throw new TargetSchemasError(`the /Schemas response has no ${USER_SCHEMA} schema`);
  const extending = (core: string, suffix: string): ResourceTypeDefinition['schemaExtensions'] =>
    schemas
      .filter((s) => s.id.toLowerCase() !== core.toLowerCase() && s.id.endsWith(suffix))
      .map((s) => ({ schema: s.id, required: false }));
  const resourceTypes = [
    { ...USER_RESOURCE_TYPE, schemaExtensions: extending(USER_SCHEMA, ':User') },
    ...(has(GROUP_SCHEMA)
      ? [{ ...GROUP_RESOURCE_TYPE, schemaExtensions: extending(GROUP_SCHEMA, ':Group') }]
      : []),
  ];
  return { registry: new SchemaRegistry(schemas, resourceTypes), discovered: true };
}
