/** How the admin API shows a tenant's schema extension: its definition, where it attaches, and when. */
import type { AttributeDefinition } from '@provisio/scim-core';
import type { TenantSchema } from '@provisio/store';
import { BOOLEAN, STRING } from './json-schema.js';

export interface SchemaView {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly resourceType: string;
  readonly required: boolean;
  readonly attributes: readonly AttributeDefinition[];
  readonly createdAt: string;
}

export function viewSchema(schema: TenantSchema): SchemaView {
  return {
    id: schema.id,
    name: schema.definition.name,
    description: schema.definition.description,
    resourceType: schema.resourceType,
    required: schema.required,
    attributes: schema.definition.attributes,
    createdAt: schema.created,
  };
}

const STRINGS = { type: 'array', items: STRING } as const;

/** RFC 7643 §7 characteristics; their allowed values are checked by scim-core, which names the culprit. */
const CHARACTERISTICS = {
  name: STRING,
  type: STRING,
  multiValued: BOOLEAN,
  description: STRING,
  required: BOOLEAN,
  caseExact: BOOLEAN,
  mutability: STRING,
  returned: STRING,
  uniqueness: STRING,
  canonicalValues: STRINGS,
  referenceTypes: STRINGS,
} as const;

/**
 * One attribute in a request. `propertyNames` refuses unknown keys (a typo such as `multivalued` would
 * otherwise define a single-valued attribute without complaint); sub-attributes cannot nest further.
 */
function attributeSchema<P extends Record<string, unknown>>(properties: P) {
  return {
    type: 'object',
    required: ['name'],
    propertyNames: { enum: Object.keys(properties) },
    properties,
  } as const;
}

/** The JSON schema of scim-core's `AttributeInput`. */
export const ATTRIBUTE_INPUT_SCHEMA = attributeSchema({
  ...CHARACTERISTICS,
  subAttributes: { type: 'array', items: attributeSchema(CHARACTERISTICS) },
});

/** The JSON schema of {@link SchemaView}; attributes are shown with every characteristic filled in. */
export const SCHEMA_VIEW_SCHEMA = {
  type: 'object',
  required: ['id', 'name', 'description', 'resourceType', 'required', 'attributes', 'createdAt'],
  properties: {
    id: STRING,
    name: STRING,
    description: STRING,
    resourceType: { type: 'string', enum: ['User', 'Group'] },
    required: BOOLEAN,
    attributes: { type: 'array', items: { type: 'object', additionalProperties: true } },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;
