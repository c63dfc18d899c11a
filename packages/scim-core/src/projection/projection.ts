/**
 * Which attributes a response carries (RFC 7644 §3.4.2.5, §3.9; RFC 7643 §7 `returned`).
 *
 * The request is compiled once into a per-attribute plan, so `apply` is a walk over the resource with map
 * look-ups, and `includes` lets a store skip reading what will not be returned (a group's members).
 */
import { InternalError, InvalidValue } from '../errors.js';
import type { AttributePath } from '../path/attribute-path.js';
import type { AttributeDefinition, ResourceTypeDefinition } from '../schema/definitions.js';
import type { SchemaRegistry } from '../schema/registry.js';
import { COMMON_ATTRIBUTES } from '../schema/standard.js';

/** The parsed `attributes` / `excludedAttributes` of a request; see {@link parseAttributeList}. */
export interface ProjectionRequest {
  readonly attributes?: readonly AttributePath[];
  readonly excludedAttributes?: readonly AttributePath[];
}

/** A compiled projection for one resource type. */
export interface Projection {
  /** The resource as the response shows it: canonical names, `schemas` listing only what is present. */
  apply(resource: Readonly<Record<string, unknown>>): Record<string, unknown>;
  /** Whether any part of the attribute at `path` (or of a whole extension schema) will be returned. */
  includes(path: AttributePath): boolean;
}

/** A request entry bound to the schema: lower-cased ids; no attribute means the whole schema. */
interface Target {
  readonly schema: string;
  readonly attribute?: string;
  readonly subAttribute?: string;
}

interface SubAttributePlan {
  readonly name: string;
  readonly keep: boolean;
}

interface AttributePlan {
  readonly name: string;
  readonly keep: boolean;
  /** Present for complex attributes, keyed by lower-cased sub-attribute name. */
  readonly subAttributes?: ReadonlyMap<string, SubAttributePlan>;
}

interface SchemaPlan {
  readonly id: string;
  readonly attributes: ReadonlyMap<string, AttributePlan>;
}

type Mode =
  | { readonly kind: 'attributes'; readonly targets: readonly Target[] }
  | { readonly kind: 'excluded'; readonly targets: readonly Target[] };

const lower = (s: string) => s.toLowerCase();

/**
 * Compiles `attributes`/`excludedAttributes` for a resource type.
 *
 * Rules: `returned: "always"` attributes (`id`) and `schemas` are always present, `never` (`password`) never;
 * `default` ones unless excluded, or unless an `attributes` list leaves them out; `request` ones only when
 * named. Naming a complex attribute or a whole extension URN names everything under it. `meta` is
 * `returned: "default"` (RFC 7643 §3.1), so it can be excluded and is dropped by an `attributes` list that
 * does not name it, as in the RFC 7644 §3.9 example. Names that match no attribute are ignored: RFC 7644
 * defines no error for them, and a resource without the attribute simply has nothing to return.
 *
 * @throws InvalidValue when both lists are non-empty (RFC 7644 §3.9 makes them mutually exclusive).
 */
export function compileProjection(
  request: ProjectionRequest,
  registry: SchemaRegistry,
  resourceType: ResourceTypeDefinition,
): Projection {
  const attributes = request.attributes ?? [];
  const excluded = request.excludedAttributes ?? [];
  if (attributes.length > 0 && excluded.length > 0) {
    throw new InvalidValue('"attributes" and "excludedAttributes" are mutually exclusive');
  }
  const bind = (paths: readonly AttributePath[]) =>
    paths.flatMap((p) => bindTarget(registry, resourceType, p));
  const mode: Mode =
    attributes.length > 0
      ? { kind: 'attributes', targets: bind(attributes) }
      : { kind: 'excluded', targets: bind(excluded) };
  const plans = planSchemas(registry, resourceType, mode);
  const core = plans.get(lower(resourceType.schema));
  // The registry guarantees a resource type's core schema; a miss is a server fault, not the client's.
  if (!core) throw new InternalError(`core schema "${resourceType.schema}" is not registered`);
  return {
    apply: (resource) => applyPlans(core, plans, resource),
    includes: (path) => includesPath(registry, resourceType, plans, path),
  };
}

function bindTarget(
  registry: SchemaRegistry,
  resourceType: ResourceTypeDefinition,
  path: AttributePath,
): Target[] {
  const whole = registry.wholeSchema(resourceType, path);
  if (whole) return [{ schema: lower(whole.id) }];
  const resolved = registry.resolve(resourceType, path);
  if (!resolved) return [];
  return [
    {
      schema: lower(resolved.schema),
      attribute: lower(resolved.attribute.name),
      ...(resolved.subAttribute ? { subAttribute: lower(resolved.subAttribute.name) } : {}),
    },
  ];
}

/** True when a target covers the schema, the attribute, or (given `sub`) that sub-attribute. */
function covers(targets: readonly Target[], schema: string, attribute: string, sub?: string): boolean {
  return targets.some(
    (t) =>
      t.schema === schema &&
      (t.attribute === undefined ||
        (t.attribute === attribute && (t.subAttribute === undefined || t.subAttribute === sub))),
  );
}

/** A sub-attribute left at the default inherits `always`/`request` from its parent (RFC 7643 §7). */
function effectiveReturned(definition: AttributeDefinition, parent?: AttributeDefinition) {
  if (definition.returned === 'default' && parent && parent.returned !== 'never') return parent.returned;
  return definition.returned;
}

function decide(
  mode: Mode,
  schema: string,
  chain: readonly [AttributeDefinition, AttributeDefinition?],
): boolean {
  const [attribute, sub] = chain;
  if (attribute.returned === 'never') return false;
  const returned = sub ? effectiveReturned(sub, attribute) : attribute.returned;
  if (returned === 'never') return false;
  if (returned === 'always') return true;
  const named = covers(mode.targets, schema, lower(attribute.name), sub && lower(sub.name));
  if (mode.kind === 'attributes') return named;
  return returned === 'default' && !named;
}

function planAttribute(mode: Mode, schema: string, attribute: AttributeDefinition): AttributePlan {
  if (!attribute.subAttributes) {
    return { name: attribute.name, keep: decide(mode, schema, [attribute]) };
  }
  const subAttributes = new Map(
    attribute.subAttributes.map((sub) => [
      lower(sub.name),
      { name: sub.name, keep: decide(mode, schema, [attribute, sub]) },
    ]),
  );
  const keep = [...subAttributes.values()].some((s) => s.keep);
  return { name: attribute.name, keep, subAttributes };
}

function planSchemas(
  registry: SchemaRegistry,
  resourceType: ResourceTypeDefinition,
  mode: Mode,
): ReadonlyMap<string, SchemaPlan> {
  const plans = new Map<string, SchemaPlan>();
  for (const id of registry.schemaIds(resourceType)) {
    const schema = registry.schema(id);
    if (!schema) continue;
    const key = lower(schema.id);
    const definitions =
      key === lower(resourceType.schema) ? [...COMMON_ATTRIBUTES, ...schema.attributes] : schema.attributes;
    const attributes = new Map(definitions.map((a) => [lower(a.name), planAttribute(mode, key, a)]));
    plans.set(key, { id: schema.id, attributes });
  }
  return plans;
}

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Absent, `null` and `[]` are all "unassigned" (RFC 7643 §2.5), so none of them is returned. */
const isUnassigned = (value: unknown) =>
  value === undefined || value === null || (Array.isArray(value) && value.length === 0);

function projectComplexValue(
  plan: ReadonlyMap<string, SubAttributePlan>,
  value: unknown,
): Record<string, unknown> | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(value)) {
    const subPlan = plan.get(lower(key));
    if (subPlan?.keep && !isUnassigned(sub)) out[subPlan.name] = sub;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function projectAttribute(plan: AttributePlan, value: unknown): unknown {
  if (!plan.keep || isUnassigned(value)) return undefined;
  const subs = plan.subAttributes;
  if (!subs) return Array.isArray(value) ? value.filter((v) => v !== null) : value;
  if (!Array.isArray(value)) return projectComplexValue(subs, value);
  const values = value.map((v) => projectComplexValue(subs, v)).filter((v) => v !== undefined);
  return values.length > 0 ? values : undefined;
}

function projectObject(plan: SchemaPlan, value: unknown): Record<string, unknown> | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, attributeValue] of Object.entries(value)) {
    const attribute = plan.attributes.get(lower(key));
    const projected = attribute && projectAttribute(attribute, attributeValue);
    if (attribute && projected !== undefined) out[attribute.name] = projected;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function applyPlans(
  core: SchemaPlan,
  plans: ReadonlyMap<string, SchemaPlan>,
  resource: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const schemas = [core.id];
  // `schemas` goes first; its value is filled in once we know which extensions survived.
  const out: Record<string, unknown> = { schemas };
  for (const [key, value] of Object.entries(resource)) {
    const extension = lower(key) === lower(core.id) ? undefined : plans.get(lower(key));
    if (extension) {
      const projected = projectObject(extension, value);
      if (projected) out[extension.id] = projected;
      continue;
    }
    const attribute = core.attributes.get(lower(key));
    const projected = attribute && projectAttribute(attribute, value);
    if (attribute && projected !== undefined) out[attribute.name] = projected;
  }
  // RFC 7643 §3: `schemas` names the schemas whose attributes are present, so emptied extensions go.
  for (const plan of plans.values()) {
    if (plan !== core && plan.id in out) schemas.push(plan.id);
  }
  return out;
}

function includesPath(
  registry: SchemaRegistry,
  resourceType: ResourceTypeDefinition,
  plans: ReadonlyMap<string, SchemaPlan>,
  path: AttributePath,
): boolean {
  if (path.schema === undefined && path.subAttribute === undefined && lower(path.attribute) === 'schemas') {
    return true;
  }
  const whole = registry.wholeSchema(resourceType, path);
  if (whole) return [...(plans.get(lower(whole.id))?.attributes.values() ?? [])].some((a) => a.keep);
  const resolved = registry.resolve(resourceType, path);
  if (!resolved) return false;
  const attribute = plans.get(lower(resolved.schema))?.attributes.get(lower(resolved.attribute.name));
  if (!attribute) return false;
  if (!resolved.subAttribute) return attribute.keep;
  return attribute.subAttributes?.get(lower(resolved.subAttribute.name))?.keep ?? false;
}
