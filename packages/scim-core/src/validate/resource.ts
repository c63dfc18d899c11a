/**
 * Validation of POST and PUT bodies (RFC 7643 §2, §3, §7; RFC 7644 §3.3, §3.5.1) into the normalised
 * resource the store keeps: canonical attribute names, extension attributes under their schema URN, and a
 * `schemas` array that lists exactly the schemas present.
 */
import { InvalidSyntax, InvalidValue } from '../errors.js';
import type { AttributeDefinition, ResourceTypeDefinition } from '../schema/definitions.js';
import type { SchemaRegistry } from '../schema/registry.js';
import { COMMON_ATTRIBUTES } from '../schema/standard.js';
import { enforceImmutability } from './immutable.js';
import type { ValueOptions } from './scalar.js';
import {
  type JsonObject,
  checkDistinctKeys,
  checkRequired,
  isJsonObject,
  readByName,
  validateAttributes,
} from './value.js';

/** Where and how a body is validated. */
export interface ValidationContext extends ValueOptions {
  readonly registry: SchemaRegistry;
  readonly resourceType: ResourceTypeDefinition;
  /** `create` for POST; `replace` for PUT, which checks `immutable` attributes against `existing`. */
  readonly mode: 'create' | 'replace';
  /** The stored resource a PUT replaces. */
  readonly existing?: JsonObject;
  /**
   * What to do with a schema URI the resource type does not have. `reject` (default) answers 400;
   * `ignore` drops it, for Entra's group create, which lists a non-standard `…/ADSCIM/2.0/Group` URI.
   */
  readonly unknownSchemas?: 'reject' | 'ignore';
}

interface ExtensionSchema {
  readonly id: string;
  readonly required: boolean;
  readonly attributes: readonly AttributeDefinition[];
}

const lower = (s: string) => s.toLowerCase();

/**
 * Validates a POST/PUT body and returns the normalised resource (without `id` and `meta`, which the
 * server assigns). Unknown attributes are dropped, not rejected: RFC 7644 §3.3 says the server "is free to
 * alter and/or ignore POSTed content". `readOnly` attributes (`id`, `meta`, `groups`) are ignored, as
 * RFC 7644 §3.3 requires; `null` and `[]` leave an attribute unassigned.
 *
 * @throws InvalidSyntax for a body that is not an object or whose `schemas` is missing or wrong.
 * @throws InvalidValue naming the attribute path for a missing required value or a value of the wrong type.
 * @throws Mutability when a PUT changes an `immutable` attribute that is already set.
 */
export function validateResource(body: unknown, ctx: ValidationContext): Record<string, unknown> {
  if (!isJsonObject(body)) throw new InvalidSyntax('the request body must be a JSON object');
  checkDistinctKeys(body, 'request body');
  const { resourceType } = ctx;
  const declared = readSchemas(body, ctx);
  const extensions = extensionSchemas(ctx);
  const coreAttributes = [
    ...COMMON_ATTRIBUTES,
    ...(ctx.registry.schema(resourceType.schema)?.attributes ?? []),
  ];
  const coreEntries: [string, unknown][] = [];
  const extensionValues = new Map<string, unknown>();
  for (const [key, value] of Object.entries(body)) {
    const folded = lower(key);
    if (folded === 'schemas') continue;
    if (folded === lower(resourceType.schema)) {
      throw new InvalidSyntax(
        `"${key}": core attributes belong at the top level, not under their schema URN`,
      );
    }
    if (extensions.some((e) => lower(e.id) === folded)) extensionValues.set(folded, value);
    else if (/^urn:/i.test(key)) checkUnknownSchema(key, ctx);
    else coreEntries.push([key, value]);
  }
  const schemas = [resourceType.schema];
  const out: Record<string, unknown> = { schemas };
  Object.assign(
    out,
    validateAttributes(coreAttributes, coreEntries, (name) => name, ctx),
  );
  if (ctx.mode === 'replace') enforceImmutability(coreAttributes, out, ctx.existing, (name) => name);
  checkRequired(coreAttributes, out, (name) => name);
  for (const extension of extensions) {
    const values = validateExtension(extension, extensionValues.get(lower(extension.id)), declared, ctx);
    if (values) {
      out[extension.id] = values;
      schemas.push(extension.id);
    } else if (extension.required) {
      throw new InvalidValue(`"${extension.id}" is a required extension of ${resourceType.name}`);
    }
  }
  return out;
}

function extensionSchemas(ctx: ValidationContext): ExtensionSchema[] {
  return ctx.resourceType.schemaExtensions.flatMap((e) => {
    const schema = ctx.registry.schema(e.schema);
    return schema ? [{ id: schema.id, required: e.required, attributes: schema.attributes }] : [];
  });
}

function checkUnknownSchema(uri: string, ctx: ValidationContext): void {
  if (ctx.unknownSchemas === 'ignore') return;
  const known = ctx.registry.schemaIds(ctx.resourceType).join(', ');
  throw new InvalidSyntax(`"${uri}" is not a schema of ${ctx.resourceType.name}; expected one of ${known}`);
}

/**
 * RFC 7643 §3: `schemas` is REQUIRED, holds the core schema, MUST "only contain values defined as 'schema'
 * and 'schemaExtensions' for the resource's defined 'resourceType'", and has no duplicates.
 * Returns the lower-cased URIs it declares.
 */
function readSchemas(body: JsonObject, ctx: ValidationContext): ReadonlySet<string> {
  const raw = readByName(body, 'schemas');
  if (!Array.isArray(raw) || raw.length === 0 || !raw.every((s) => typeof s === 'string')) {
    throw new InvalidSyntax('"schemas" must be a non-empty array of schema URIs');
  }
  const known = new Set(ctx.registry.schemaIds(ctx.resourceType).map(lower));
  const declared = new Set<string>();
  for (const uri of raw as string[]) {
    const folded = lower(uri);
    if (!known.has(folded)) checkUnknownSchema(uri, ctx);
    else if (declared.has(folded)) throw new InvalidSyntax(`"schemas" lists "${uri}" twice`);
    else declared.add(folded);
  }
  const core = ctx.resourceType.schema;
  if (!declared.has(lower(core))) throw new InvalidSyntax(`"schemas" must include "${core}"`);
  return declared;
}

/** The extension's validated attributes, or undefined when it has none. */
function validateExtension(
  extension: ExtensionSchema,
  raw: unknown,
  declared: ReadonlySet<string>,
  ctx: ValidationContext,
): Record<string, unknown> | undefined {
  const pathOf = (name: string) => `${extension.id}:${name}`;
  let values: Record<string, unknown> = {};
  if (raw !== undefined && raw !== null) {
    if (!isJsonObject(raw)) throw new InvalidValue(`"${extension.id}": expected an object of its attributes`);
    // RFC 7643 §3: `schemas` names the schemas "that define the attributes present".
    if (!declared.has(lower(extension.id))) {
      throw new InvalidSyntax(`"${extension.id}" attributes are present but "schemas" does not list it`);
    }
    checkDistinctKeys(raw, extension.id);
    values = validateAttributes(extension.attributes, Object.entries(raw), pathOf, ctx);
  }
  if (ctx.mode === 'replace') {
    const stored = readByName(ctx.existing, extension.id);
    enforceImmutability(extension.attributes, values, isJsonObject(stored) ? stored : undefined, pathOf);
  }
  if (Object.keys(values).length === 0) return undefined;
  checkRequired(extension.attributes, values, pathOf);
  return values;
}
