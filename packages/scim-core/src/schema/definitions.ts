/**
 * RFC 7643 schema and resource-type shapes, as data. One definition drives validation, projection, filter
 * resolution, SQL compilation and the `/Schemas` and `/ResourceTypes` bodies.
 */

export type AttributeType =
  | 'string'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'dateTime'
  | 'reference'
  | 'complex'
  | 'binary';
export type AttributeMutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type AttributeReturned = 'always' | 'never' | 'default' | 'request';
export type AttributeUniqueness = 'none' | 'server' | 'global';

/** RFC 7643 §7 attribute characteristics, all present (defaults filled by {@link defineAttribute}). */
export interface AttributeDefinition {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly description: string;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: AttributeMutability;
  readonly returned: AttributeReturned;
  readonly uniqueness: AttributeUniqueness;
  readonly canonicalValues?: readonly string[];
  readonly referenceTypes?: readonly string[];
  readonly subAttributes?: readonly AttributeDefinition[];
}

export interface SchemaDefinition {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly AttributeDefinition[];
}

export interface SchemaExtensionRef {
  readonly schema: string;
  readonly required: boolean;
}

export interface ResourceTypeDefinition {
  readonly id: string;
  readonly name: string;
  readonly endpoint: string;
  readonly description: string;
  readonly schema: string;
  readonly schemaExtensions: readonly SchemaExtensionRef[];
}

/** What a caller may leave out when defining an attribute: RFC 7643 §2.2 gives the defaults. */
export type AttributeInput = Partial<Omit<AttributeDefinition, 'name' | 'subAttributes'>> & {
  readonly name: string;
  readonly subAttributes?: readonly AttributeInput[];
};

/** Fills RFC 7643 §2.2 defaults: string, single-valued, optional, not case-exact, readWrite, default, none. */
export function defineAttribute(input: AttributeInput): AttributeDefinition {
  const type = input.type ?? (input.subAttributes ? 'complex' : 'string');
  const base: AttributeDefinition = {
    name: input.name,
    type,
    multiValued: input.multiValued ?? false,
    description: input.description ?? '',
    required: input.required ?? false,
    caseExact: input.caseExact ?? false,
    mutability: input.mutability ?? 'readWrite',
    returned: input.returned ?? 'default',
    uniqueness: input.uniqueness ?? 'none',
    ...(input.canonicalValues ? { canonicalValues: [...input.canonicalValues] } : {}),
    ...(input.referenceTypes ? { referenceTypes: [...input.referenceTypes] } : {}),
    ...(input.subAttributes ? { subAttributes: input.subAttributes.map(defineAttribute) } : {}),
  };
  return base;
}

export interface SchemaInput {
  readonly id: string;
  readonly name?: string;
  readonly description?: string;
  readonly attributes: readonly AttributeInput[];
}

export function defineSchema(input: SchemaInput): SchemaDefinition {
  return {
    id: input.id,
    name: input.name ?? input.id.slice(input.id.lastIndexOf(':') + 1),
    description: input.description ?? '',
    attributes: input.attributes.map(defineAttribute),
  };
}
