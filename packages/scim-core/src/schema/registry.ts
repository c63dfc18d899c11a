/**
 * A tenant's schemas and resource types. Immutable: adding or removing an extension returns a new
 * registry, so a server can cache one per tenant and swap it atomically.
 */
import { InvalidValue, NotFound, type ScimError } from '../errors.js';
import type { AttributePath } from '../path/attribute-path.js';
import {
  type AttributeDefinition,
  type ResourceTypeDefinition,
  type SchemaDefinition,
  type SchemaInput,
  defineSchema,
} from './definitions.js';
import {
  COMMON_ATTRIBUTES,
  ENTERPRISE_USER,
  GROUP,
  GROUP_RESOURCE_TYPE,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  USER,
  USER_RESOURCE_TYPE,
} from './standard.js';

/** A path bound to its definitions, with canonical names (as the schema spells them). */
export interface ResolvedAttribute {
  /** URN of the schema that owns the attribute; the resource's core schema for common attributes. */
  readonly schema: string;
  /** True for the core schema and the common attributes: printed without a URN prefix. */
  readonly core: boolean;
  readonly attribute: AttributeDefinition;
  readonly subAttribute?: AttributeDefinition;
  /** The leaf: `subAttribute ?? attribute`. */
  readonly definition: AttributeDefinition;
  /** Canonical path: schema always set, names in schema spelling. */
  readonly path: Required<Pick<AttributePath, 'schema' | 'attribute'>> & Pick<AttributePath, 'subAttribute'>;
}

const lower = (s: string) => s.toLowerCase();

/** Attribute lists are immutable data, so each gets one case-insensitive index, built on first lookup. */
const nameIndexes = new WeakMap<readonly AttributeDefinition[], ReadonlyMap<string, AttributeDefinition>>();
const byName = (attributes: readonly AttributeDefinition[], name: string) => {
  let index = nameIndexes.get(attributes);
  if (!index) {
    index = new Map(attributes.map((a) => [lower(a.name), a]));
    nameIndexes.set(attributes, index);
  }
  return index.get(lower(name));
};

export interface ExtensionOptions {
  /** Resource type the extension attaches to, e.g. "User". */
  readonly resourceType: string;
  readonly required?: boolean;
}

export class SchemaRegistry {
  readonly #schemas: ReadonlyMap<string, SchemaDefinition>;
  readonly #resourceTypes: readonly ResourceTypeDefinition[];

  constructor(schemas: readonly SchemaDefinition[], resourceTypes: readonly ResourceTypeDefinition[]) {
    this.#schemas = new Map(schemas.map((s) => [lower(s.id), s]));
    this.#resourceTypes = resourceTypes;
  }

  /** User (with the enterprise extension) and Group, as RFC 7643 defines them. */
  static standard(): SchemaRegistry {
    return STANDARD;
  }

  schema(id: string): SchemaDefinition | undefined {
    return this.#schemas.get(lower(id));
  }

  schemas(): readonly SchemaDefinition[] {
    return [...this.#schemas.values()];
  }

  resourceTypes(): readonly ResourceTypeDefinition[] {
    return this.#resourceTypes;
  }

  /** Looks a resource type up by id or name (case-insensitive). */
  resourceType(name: string): ResourceTypeDefinition {
    const wanted = lower(name);
    const found = this.#resourceTypes.find((r) => lower(r.id) === wanted || lower(r.name) === wanted);
    if (!found) throw new NotFound(`resource type "${name}" does not exist`);
    return found;
  }

  /** The schema URNs a resource of this type may carry: core first, then extensions. */
  schemaIds(resourceType: ResourceTypeDefinition): readonly string[] {
    return [resourceType.schema, ...resourceType.schemaExtensions.map((e) => e.schema)];
  }

  /**
   * If the path names a whole extension schema (`urn:…:enterprise:2.0:User` splits as schema
   * `urn:…:2.0`, attribute `User`), returns that schema.
   */
  wholeSchema(resourceType: ResourceTypeDefinition, path: AttributePath): SchemaDefinition | undefined {
    if (path.schema === undefined || path.subAttribute !== undefined) return undefined;
    const id = lower(`${path.schema}:${path.attribute}`);
    const owned = this.schemaIds(resourceType).some((s) => lower(s) === id);
    return owned ? this.#schemas.get(id) : undefined;
  }

  /** Binds a path to its definitions; undefined when no such attribute exists for the resource type. */
  resolve(resourceType: ResourceTypeDefinition, path: AttributePath): ResolvedAttribute | undefined {
    const found =
      path.schema === undefined
        ? this.#findUnqualified(resourceType, path.attribute)
        : this.#findQualified(resourceType, path.schema, path.attribute);
    if (!found) return undefined;
    const { schema, attribute } = found;
    const core = lower(schema) === lower(resourceType.schema);
    if (path.subAttribute === undefined) {
      return { schema, core, attribute, definition: attribute, path: { schema, attribute: attribute.name } };
    }
    const subAttribute = attribute.subAttributes && byName(attribute.subAttributes, path.subAttribute);
    if (!subAttribute) return undefined;
    return {
      schema,
      core,
      attribute,
      subAttribute,
      definition: subAttribute,
      path: { schema, attribute: attribute.name, subAttribute: subAttribute.name },
    };
  }

  /** As {@link resolve}, but throws `ErrorClass` naming the path when it does not resolve. */
  require(
    resourceType: ResourceTypeDefinition,
    path: AttributePath,
    ErrorClass: new (detail: string) => ScimError,
  ): ResolvedAttribute {
    const resolved = this.resolve(resourceType, path);
    if (resolved) return resolved;
    const shown =
      [path.schema, path.attribute].filter(Boolean).join(':') +
      (path.subAttribute ? `.${path.subAttribute}` : '');
    throw new ErrorClass(`unknown attribute "${shown}" for resource type ${resourceType.name}`);
  }

  #findQualified(resourceType: ResourceTypeDefinition, schemaId: string, name: string) {
    const id = lower(schemaId);
    if (!this.schemaIds(resourceType).some((s) => lower(s) === id)) return undefined;
    const schema = this.#schemas.get(id);
    if (!schema) return undefined;
    const isCore = id === lower(resourceType.schema);
    const attribute =
      byName(schema.attributes, name) ?? (isCore ? byName(COMMON_ATTRIBUTES, name) : undefined);
    return attribute ? { schema: schema.id, attribute } : undefined;
  }

  #findUnqualified(resourceType: ResourceTypeDefinition, name: string) {
    const common = byName(COMMON_ATTRIBUTES, name);
    if (common) return { schema: resourceType.schema, attribute: common };
    const core = this.#schemas.get(lower(resourceType.schema));
    const inCore = core && byName(core.attributes, name);
    if (inCore) return { schema: resourceType.schema, attribute: inCore };
    // Clients often leave extension attributes unqualified; accept that only when it is unambiguous.
    const hits = resourceType.schemaExtensions.flatMap((e) => {
      const schema = this.#schemas.get(lower(e.schema));
      const attribute = schema && byName(schema.attributes, name);
      return attribute ? [{ schema: schema.id, attribute }] : [];
    });
    return hits.length === 1 ? hits[0] : undefined;
  }

  /** A new registry with `input` attached to a resource type as an extension schema. */
  withExtension(input: SchemaInput, options: ExtensionOptions): SchemaRegistry {
    const schema = defineSchema(input);
    checkExtension(schema);
    if (this.#schemas.has(lower(schema.id)))
      throw new InvalidValue(`schema "${schema.id}" is already registered`);
    const target = this.resourceType(options.resourceType);
    const resourceTypes = this.#resourceTypes.map((r) =>
      r === target
        ? {
            ...r,
            schemaExtensions: [
              ...r.schemaExtensions,
              { schema: schema.id, required: options.required ?? false },
            ],
          }
        : r,
    );
    return new SchemaRegistry([...this.#schemas.values(), schema], resourceTypes);
  }

  /** A new registry without the extension schema `id`; core schemas cannot be removed. */
  withoutExtension(id: string): SchemaRegistry {
    const key = lower(id);
    if (this.#resourceTypes.some((r) => lower(r.schema) === key))
      throw new InvalidValue(`"${id}" is a core schema`);
    if (!this.#schemas.has(key)) throw new NotFound(`schema "${id}" is not registered`);
    const resourceTypes = this.#resourceTypes.map((r) => ({
      ...r,
      schemaExtensions: r.schemaExtensions.filter((e) => lower(e.schema) !== key),
    }));
    return new SchemaRegistry(
      [...this.#schemas.values()].filter((s) => lower(s.id) !== key),
      resourceTypes,
    );
  }

  /** RFC 7643 §7: one `/Schemas/{id}` resource. */
  schemaResource(schema: SchemaDefinition, baseUrl: string) {
    return {
      schemas: [SCHEMA_SCHEMA],
      id: schema.id,
      name: schema.name,
      description: schema.description,
      attributes: schema.attributes,
      meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${schema.id}` },
    };
  }

  /** RFC 7643 §6: one `/ResourceTypes/{id}` resource. */
  resourceTypeResource(resourceType: ResourceTypeDefinition, baseUrl: string) {
    return {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: resourceType.id,
      name: resourceType.name,
      endpoint: resourceType.endpoint,
      description: resourceType.description,
      schema: resourceType.schema,
      schemaExtensions: resourceType.schemaExtensions,
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${resourceType.id}` },
    };
  }
}

const STANDARD = new SchemaRegistry(
  [USER, ENTERPRISE_USER, GROUP],
  [USER_RESOURCE_TYPE, GROUP_RESOURCE_TYPE],
);

const SCHEMA_URN = /^urn:[a-z0-9][a-z0-9-]{0,31}:[^\s"[\]()]+$/i;
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** Extension schemas arrive as JSON from admins, so every characteristic is checked against RFC 7643 §7. */
const ALLOWED: ReadonlyArray<[keyof AttributeDefinition, readonly unknown[]]> = [
  ['type', ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'complex', 'binary']],
  ['mutability', ['readOnly', 'readWrite', 'immutable', 'writeOnly']],
  ['returned', ['always', 'never', 'default', 'request']],
  ['uniqueness', ['none', 'server', 'global']],
  ['multiValued', [true, false]],
  ['required', [true, false]],
  ['caseExact', [true, false]],
];

function checkExtension(schema: SchemaDefinition): void {
  if (!SCHEMA_URN.test(schema.id)) throw new InvalidValue(`schema id "${schema.id}" is not a URN`);
  checkAttributes(schema.attributes, schema.id, true);
}

function checkAttributes(attributes: readonly AttributeDefinition[], where: string, topLevel: boolean): void {
  const seen = new Set<string>();
  for (const a of attributes) {
    if (!ATTRIBUTE_NAME.test(a.name))
      throw new InvalidValue(`attribute name "${a.name}" in ${where} is not valid`);
    if (seen.has(lower(a.name))) throw new InvalidValue(`attribute "${a.name}" is defined twice in ${where}`);
    seen.add(lower(a.name));
    for (const [key, values] of ALLOWED) {
      if (!values.includes(a[key])) {
        throw new InvalidValue(
          `attribute "${a.name}" in ${where}: ${key} must be one of ${values.join(', ')}`,
        );
      }
    }
    if (a.type === 'complex') {
      if (!topLevel) throw new InvalidValue(`complex attribute "${a.name}" in ${where} cannot be nested`);
      if (!a.subAttributes?.length)
        throw new InvalidValue(`complex attribute "${a.name}" needs subAttributes`);
      checkAttributes(a.subAttributes, `${where}:${a.name}`, false);
    } else if (a.subAttributes?.length) {
      throw new InvalidValue(`attribute "${a.name}" of type ${a.type} cannot have subAttributes`);
    }
  }
}
