/**
 * Target attributes of a mapping, written as SCIM PATCH paths (`userName`, `name.givenName`,
 * `emails[type eq "work"].value`, `urn:…:enterprise:2.0:User:employeeNumber`): parsed with scim-core, bound
 * to the target's schemas, and used to read values out of and write them into SCIM resources.
 */
import {
  type AttributeDefinition,
  type AttributePath,
  type FilterNode,
  type FilterValue,
  type ResourceTypeDefinition,
  type SchemaRegistry,
  defineAttribute,
  formatAttributePath,
  parseValuePath,
  printFilter,
} from '@provisio/scim-core';

/** One element of a multi-valued complex attribute as sent: a `roles` entry. */
export type TargetElement = Readonly<Record<string, string | boolean>>;

/** A value as it is sent to the target for one mapped attribute. */
export type TargetValue = string | number | boolean | readonly string[] | readonly TargetElement[];

/** A JSON object as sent in a SCIM request body. */
export type JsonObject = Record<string, unknown>;

export interface TargetPath {
  /** Canonical text: schema spelling, URN only for extension attributes. The key of exported values. */
  readonly text: string;
  /** The extension schema URN holding the attribute; undefined for core and common attributes. */
  readonly extension?: string;
  readonly attribute: AttributeDefinition;
  /** For `attr[type eq "work"].sub`: the sub-attribute values that identify the element. */
  readonly element?: Readonly<Record<string, FilterValue>>;
  readonly subAttribute?: AttributeDefinition;
  /** The definition whose type the mapped value takes: `subAttribute ?? attribute`. */
  readonly leaf: AttributeDefinition;
}

/** A target path that does not parse, or names nothing in the target's schemas. */
export class TargetPathError extends Error {
  override readonly name = 'TargetPathError';
}

export interface TargetSchema {
  readonly registry: SchemaRegistry;
  readonly resourceType: ResourceTypeDefinition;
  /**
   * True when `registry` came from the target's own `/Schemas`: unknown attributes are then errors. Without
   * discovery the standard schemas are a guess, so an attribute of an unknown extension schema is accepted
   * as a string.
   */
  readonly discovered: boolean;
}

const lower = (s: string) => s.toLowerCase();
const findSub = (attribute: AttributeDefinition, name: string) =>
  attribute.subAttributes?.find((s) => lower(s.name) === lower(name));

/** Parses and binds a mapping's target attribute. */
export function compileTargetPath(text: string, schema: TargetSchema): TargetPath {
  let parsed: ReturnType<typeof parseValuePath>;
  try {
    parsed = parseValuePath(text);
  } catch (error) {
    throw new TargetPathError(`target attribute "${text}": ${(error as Error).message}`);
  }
  const { registry, resourceType } = schema;
  const top = { ...parsed.path, subAttribute: undefined };
  const resolved = registry.resolve(resourceType, top);
  if (!resolved && schema.discovered) {
    throw new TargetPathError(
      `target attribute "${text}" is not in the target's schemas for ${resourceType.name}`,
    );
  }
  const customExtension = parsed.path.schema !== undefined && !registry.schema(parsed.path.schema);
  if (!resolved && !customExtension) {
    // Without discovery only an extension we do not know is taken on trust (Entra's custom attributes,
    // B3); a name missing from a known schema is a typo.
    throw new TargetPathError(
      `target attribute "${text}" is not in RFC 7643's schemas for ${resourceType.name}; name a custom ` +
        `attribute with its extension URN, e.g. urn:ietf:params:scim:schemas:extension:<Name>:2.0:${resourceType.name}:<attribute>`,
    );
  }
  const attribute =
    resolved?.attribute ??
    defineAttribute({
      name: parsed.path.attribute,
      ...(parsed.path.subAttribute !== undefined || parsed.filter
        ? { subAttributes: [{ name: parsed.path.subAttribute ?? parsed.subAttribute ?? 'value' }] }
        : {}),
    });
  const extension = resolved
    ? resolved.core
      ? undefined
      : resolved.schema
    : parsed.path.schema !== undefined && lower(parsed.path.schema) !== lower(resourceType.schema)
      ? parsed.path.schema
      : undefined;
  const subName = parsed.path.subAttribute ?? parsed.subAttribute;
  const subAttribute = subName === undefined ? undefined : findSub(attribute, subName);
  if (subName !== undefined && !subAttribute) {
    throw new TargetPathError(
      `target attribute "${text}": "${attribute.name}" has no sub-attribute "${subName}"`,
    );
  }
  if (subAttribute === undefined && attribute.type === 'complex' && !parsed.filter) {
    // Only references (manager, members) are mapped onto a whole complex attribute: their `value` is the id.
    if (!findSub(attribute, 'value')) {
      throw new TargetPathError(`target attribute "${text}" is complex: name one of its sub-attributes`);
    }
  }
  let element: Record<string, FilterValue> | undefined;
  if (parsed.filter) {
    if (!attribute.multiValued) {
      throw new TargetPathError(`target attribute "${text}": a filter needs a multi-valued attribute`);
    }
    if (subAttribute === undefined) {
      throw new TargetPathError(`target attribute "${text}": name the sub-attribute after the filter`);
    }
    element = elementKeys(parsed.filter, attribute, text);
  }
  const name = formatAttributePath(attributePathOf({ extension, attribute }));
  const filterText = parsed.filter ? `[${printFilter(parsed.filter)}]` : '';
  return {
    text: `${name}${filterText}${subAttribute ? `.${subAttribute.name}` : ''}`,
    ...(extension === undefined ? {} : { extension }),
    attribute,
    ...(element ? { element } : {}),
    ...(subAttribute ? { subAttribute } : {}),
    leaf: subAttribute ?? attribute,
  };
}

/** The attribute a target path names, without its filter or sub-attribute: `emails`, `urn:…:User:manager`. */
export function attributePathOf(path: Pick<TargetPath, 'extension' | 'attribute'>): AttributePath {
  return {
    ...(path.extension === undefined ? {} : { schema: path.extension }),
    attribute: path.attribute.name,
  };
}

/** `type eq "work" and primary eq "True"` → `{type: "work", primary: true}`; anything else is refused. */
function elementKeys(
  filter: FilterNode,
  attribute: AttributeDefinition,
  text: string,
): Record<string, FilterValue> {
  if (filter.kind === 'and') {
    return { ...elementKeys(filter.left, attribute, text), ...elementKeys(filter.right, attribute, text) };
  }
  if (filter.kind !== 'compare' || filter.op !== 'eq' || filter.path.subAttribute !== undefined) {
    throw new TargetPathError(
      `target attribute "${text}": the filter may only join "<sub-attribute> eq <value>" with "and"`,
    );
  }
  const sub = findSub(attribute, filter.path.attribute);
  if (!sub) {
    throw new TargetPathError(
      `target attribute "${text}": "${attribute.name}" has no sub-attribute "${filter.path.attribute}"`,
    );
  }
  const value =
    sub.type === 'boolean' && typeof filter.value === 'string'
      ? lower(filter.value) === 'true'
      : filter.value;
  return { [sub.name]: value };
}

function container(resource: JsonObject, path: TargetPath, create: boolean): JsonObject | undefined {
  if (path.extension === undefined) return resource;
  const existing = resource[path.extension];
  if (isObject(existing)) return existing;
  if (!create) return undefined;
  const made: JsonObject = {};
  resource[path.extension] = made;
  return made;
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function matchesElement(
  element: unknown,
  keys: Readonly<Record<string, FilterValue>>,
): element is JsonObject {
  if (!isObject(element)) return false;
  return Object.entries(keys).every(([key, wanted]) => {
    const found = Object.keys(element).find((k) => lower(k) === lower(key));
    const actual = found === undefined ? undefined : element[found];
    return typeof actual === 'string' && typeof wanted === 'string'
      ? lower(actual) === lower(wanted)
      : actual === wanted;
  });
}

const valueKey = (object: JsonObject, name: string) =>
  Object.keys(object).find((k) => lower(k) === lower(name));

/** Reads the value a target path names from a SCIM resource (as returned by a matching query). */
export function readTargetValue(resource: JsonObject, path: TargetPath): unknown {
  const holder = container(resource, path, false);
  if (!holder) return undefined;
  const key = valueKey(holder, path.attribute.name);
  const value = key === undefined ? undefined : holder[key];
  if (path.element) {
    const found = Array.isArray(value) ? value.find((e) => matchesElement(e, path.element!)) : undefined;
    return found === undefined ? undefined : readSub(found, path.subAttribute!.name);
  }
  if (path.subAttribute) return isObject(value) ? readSub(value, path.subAttribute.name) : undefined;
  return value;
}

function readSub(object: JsonObject, name: string): unknown {
  const key = valueKey(object, name);
  return key === undefined ? undefined : object[key];
}

/**
 * Writes `value` at `path` into a request body being built. A new element of a multi-valued attribute with
 * a `primary` sub-attribute is marked primary when it is the attribute's first (Entra's create body, A3).
 */
export function writeTargetValue(resource: JsonObject, path: TargetPath, value: unknown): void {
  const holder = container(resource, path, true)!;
  const name = path.attribute.name;
  if (path.element) {
    const list = Array.isArray(holder[name]) ? (holder[name] as unknown[]) : [];
    holder[name] = list;
    let element = list.find((e) => matchesElement(e, path.element!));
    if (!element) {
      const made: JsonObject = {
        ...(list.length === 0 && findSub(path.attribute, 'primary') ? { primary: true } : {}),
        ...path.element,
      };
      list.push(made);
      element = made;
    }
    (element as JsonObject)[path.subAttribute!.name] = value;
    return;
  }
  if (path.subAttribute) {
    const object = isObject(holder[name]) ? (holder[name] as JsonObject) : {};
    holder[name] = object;
    object[path.subAttribute.name] = value;
    return;
  }
  holder[name] = value;
}
