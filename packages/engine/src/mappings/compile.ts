/**
 * Mappings compiled once per cycle and evaluated per object (B3): target paths bound to the target's
 * schemas, expressions compiled, values coerced to the target attribute's type. Null and empty results are
 * not sent; `IGNORE_FLOW` drops the attribute; the default value fills a null on create only.
 */
import { isKnownAttribute } from '../directory/attributes.js';
import {
  type DirectoryValue,
  GROUP_ATTRIBUTES,
  type GroupMember,
  MULTI_VALUED_USER_ATTRIBUTES,
  USER_ATTRIBUTES,
} from '../directory/model.js';
import { checkExpression } from '../expressions/check.js';
import { compileExpression } from '../expressions/compile.js';
import { ExpressionError } from '../expressions/errors.js';
import type { RolesPatchOperation } from '../expressions/function-definition.js';
import type { ArgumentNode, ExpressionNode } from '../expressions/nodes.js';
import { parseExpression } from '../expressions/parse.js';
import { rolesPatchOperation } from '../expressions/registry.js';
import {
  type AppRoleValue,
  type ExpressionSource,
  type ExpressionValue,
  IGNORE_FLOW,
  type RoleValue,
} from '../expressions/values.js';
import type { ScopeMode } from '../scoping/scope.js';
import {
  type AttributeMapping,
  type ObjectMapping,
  type ObjectType,
  REFERENCE_SOURCES,
} from './attribute-mapping.js';
import {
  type TargetElement,
  type TargetPath,
  type TargetSchema,
  type TargetValue,
  compileTargetPath,
} from './target-path.js';

/** What mappings read: one directory object, plus the computed `IsSoftDeleted` (A8). */
export interface SourceView {
  readonly objectId: string;
  readonly attributes: Readonly<Record<string, DirectoryValue>>;
  /** Direct members (groups only): the users among them are the `members` reference source. */
  readonly members?: readonly GroupMember[];
  /** The user's app role assignments to the target application (users only): `[appRoleAssignments]`. */
  readonly appRoleAssignments?: readonly AppRoleValue[];
  readonly isSoftDeleted: boolean;
}

export interface CompiledAttributeMapping {
  readonly mapping: AttributeMapping;
  /** Its position in the configured list, for problems that name it. */
  readonly index: number;
  readonly target: TargetPath;
  /** True for `manager` / `members`: the value is source objectIds, resolved through the link table. */
  readonly reference: boolean;
  /** For `roles` from an app-role function: PATCH `add` (keep roles gone from the source) or `replace` (B1). */
  readonly rolesPatchOperation?: RolesPatchOperation;
  readonly evaluate: (source: ExpressionSource, view: SourceView) => ExpressionValue | typeof IGNORE_FLOW;
}

export interface CompiledObjectMapping {
  readonly objectType: ObjectType;
  readonly mapping: ObjectMapping;
  readonly schema: TargetSchema;
  readonly values: readonly CompiledAttributeMapping[];
  readonly references: readonly CompiledAttributeMapping[];
  /** Matching attributes, lowest precedence first. */
  readonly matching: readonly CompiledAttributeMapping[];
}

/** A mapping configuration that cannot be compiled; every problem is listed, each naming its mapping. */
export class MappingConfigError extends Error {
  override readonly name = 'MappingConfigError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** A value that cannot be sent to its target attribute (Entra logs these as SchemaPropertyCanOnlyAcceptValue). */
export class MappingEvaluationError extends Error {
  override readonly name = 'MappingEvaluationError';
  constructor(
    readonly target: string,
    message: string,
  ) {
    super(`${target}: ${message}`);
  }
}

/** Where a problem is, as the admin API body spells it: `users.attributes[3] (title)`. */
const mappingAt = (objectType: ObjectType, index: number, target: string) =>
  `${objectType}s.attributes[${index}] (${target})`;

/**
 * Compiles one object type's mappings; throws {@link MappingConfigError} listing every problem. `scope` is
 * the target's: app roles have no value under "all" (B1).
 */
export function compileObjectMapping(
  objectType: ObjectType,
  mapping: ObjectMapping,
  schema: TargetSchema,
  scope: ScopeMode = 'assignedOnly',
): CompiledObjectMapping {
  const problems: string[] = [];
  const compiled: CompiledAttributeMapping[] = [];
  const seen = new Set<string>();
  mapping.attributes.forEach((attribute, index) => {
    const at = mappingAt(objectType, index, attribute.target);
    try {
      const target = compileTargetPath(attribute.target, schema);
      const twice = seen.has(target.text.toLowerCase());
      if (twice) problems.push(`${at}: ${target.text} is mapped twice`);
      seen.add(target.text.toLowerCase());
      const { attribute: result, problems: sourceProblems } = compileAttribute(
        objectType,
        attribute,
        target,
        scope,
      );
      problems.push(...sourceProblems.map((problem) => `${at}: ${problem}`));
      if (result && !twice) compiled.push({ ...result, index });
    } catch (error) {
      problems.push(`${at}: ${(error as Error).message}`);
    }
  });
  const matching = compiled
    .filter((c) => c.mapping.matchingPrecedence !== undefined)
    .sort((a, b) => a.mapping.matchingPrecedence! - b.mapping.matchingPrecedence!);
  if (mapping.enabled && !mapping.attributes.some((a) => a.matchingPrecedence !== undefined)) {
    problems.push(`${objectType}s.attributes: at least one attribute must be a matching attribute`);
  }
  for (const [position, m] of matching.entries()) {
    const at = mappingAt(objectType, m.index, m.mapping.target);
    if (m.reference) problems.push(`${at}: a reference cannot be a matching attribute`);
    const precedence = m.mapping.matchingPrecedence!;
    if (!Number.isInteger(precedence) || precedence < 1) {
      problems.push(`${at}: matching precedence must be a positive integer`);
    }
    const previous = matching[position - 1];
    if (previous && previous.mapping.matchingPrecedence === precedence) {
      problems.push(
        `${at}: matching precedence ${precedence} is also that of ${previous.target.text}; each must differ`,
      );
    }
  }
  if (problems.length > 0) throw new MappingConfigError(problems);
  return {
    objectType,
    mapping,
    schema,
    values: compiled.filter((c) => !c.reference),
    references: compiled.filter((c) => c.reference),
    matching,
  };
}

/** `objectId` and the computed `IsSoftDeleted` (A8) are readable from every object (B4). */
const COMPUTED_SOURCES: ReadonlySet<string> = new Set(['objectId', 'IsSoftDeleted']);

/** A user's assignments to the target application, only for the app-role functions (B1). */
export const APP_ROLE_ASSIGNMENTS = 'appRoleAssignments';

/**
 * The attributes `[name]` and direct mappings may read. A Set whose `has` also admits directory extension
 * attributes, so the expression checker's case-insensitive hints still see the well-known names.
 */
class SourceAttributes extends Set<string> {
  constructor(
    readonly objectType: ObjectType,
    wellKnown: readonly string[],
  ) {
    super([...COMPUTED_SOURCES, REFERENCE_SOURCES[objectType], ...wellKnown]);
  }

  override has(name: string): boolean {
    return (
      COMPUTED_SOURCES.has(name) ||
      name === REFERENCE_SOURCES[this.objectType] ||
      (this.objectType === 'user' && name === APP_ROLE_ASSIGNMENTS) ||
      isKnownAttribute(this.objectType, name)
    );
  }
}

const SOURCE_ATTRIBUTES: Readonly<Record<ObjectType, SourceAttributes>> = {
  user: new SourceAttributes('user', [
    APP_ROLE_ASSIGNMENTS,
    ...USER_ATTRIBUTES,
    ...MULTI_VALUED_USER_ATTRIBUTES,
  ]),
  group: new SourceAttributes('group', GROUP_ATTRIBUTES),
};

const ROLE_FUNCTIONS = 'AppRoleAssignmentsComplex or AssertiveAppRoleAssignmentsComplex';

/** Whether the expression reads `[name]` anywhere. */
function readsAttribute(node: ArgumentNode, name: string): boolean {
  switch (node.kind) {
    case 'attribute':
      return node.name === name;
    case 'call':
      return node.args.some((arg) => readsAttribute(arg, name));
    case 'compare':
      return readsAttribute(node.left, name) || readsAttribute(node.right, name);
    default:
      return false;
  }
}

function compileAttribute(
  objectType: ObjectType,
  mapping: AttributeMapping,
  target: TargetPath,
  scope: ScopeMode,
): { attribute?: Omit<CompiledAttributeMapping, 'index'>; problems: readonly string[] } {
  const { source } = mapping;
  const referenceSource = REFERENCE_SOURCES[objectType];
  const reference = source.kind === 'direct' && source.attribute === referenceSource;
  if (reference && target.leaf.type !== 'complex' && target.leaf.type !== 'reference') {
    throw new Error(
      `"${referenceSource}" is a reference: map it onto a reference attribute (manager, members)`,
    );
  }
  // A whole multi-valued complex attribute only takes references (members) or roles lists.
  const elementList = target.leaf.type === 'complex' && target.leaf.multiValued && !target.element;
  let node: ExpressionNode | undefined;
  if (source.kind === 'expression') {
    try {
      node = parseExpression(source.expression);
    } catch (error) {
      return { problems: [`expression: ${(error as Error).message}`] };
    }
  }
  const roles = node && rolesPatchOperation(node);
  if (elementList && !reference && roles === undefined) {
    throw new Error(
      `"${target.text}" is complex: name one of its sub-attributes, or map roles from ${ROLE_FUNCTIONS}`,
    );
  }
  if (roles !== undefined && !elementList) {
    throw new Error(
      `${ROLE_FUNCTIONS} yield whole roles: map them onto a multi-valued complex attribute (roles)`,
    );
  }
  if (mapping.matchingPrecedence !== undefined && mapping.flow === 'creationOnly') {
    throw new Error('a matching attribute must apply always');
  }
  const base = { mapping, target, reference };
  switch (source.kind) {
    case 'direct':
      if (!SOURCE_ATTRIBUTES[objectType].has(source.attribute)) {
        throw new Error(`unknown source attribute "${source.attribute}" for a ${objectType}`);
      }
      if (source.attribute === APP_ROLE_ASSIGNMENTS) {
        throw new Error(
          `[${APP_ROLE_ASSIGNMENTS}] is read through SingleAppRoleAssignment, ${ROLE_FUNCTIONS}, not mapped directly`,
        );
      }
      if (reference)
        return {
          attribute: { ...base, evaluate: (_, view) => referenceIds(view, referenceSource) },
          problems: [],
        };
      return { attribute: { ...base, evaluate: (from) => from.get(source.attribute) ?? null }, problems: [] };
    case 'constant':
      if (source.value === '') throw new Error('a constant needs a value: an empty one is never sent');
      return { attribute: { ...base, evaluate: () => source.value }, problems: [] };
    case 'none':
      return { attribute: { ...base, evaluate: () => null }, problems: [] };
    case 'expression': {
      const text = source.expression;
      // Every problem of the expression is listed, each with its position, not only the first.
      const problems = checkExpression(node!, SOURCE_ATTRIBUTES[objectType]).map(
        (problem) => `expression: ${new ExpressionError(problem.position, problem.message, text).message}`,
      );
      if (problems.length > 0) return { problems };
      if (scope === 'all' && readsAttribute(node!, APP_ROLE_ASSIGNMENTS)) {
        return {
          problems: [
            `[${APP_ROLE_ASSIGNMENTS}] has no value when the scope is "all": the role functions need ` +
              '"assignedOnly" (Sync only assigned users and groups, B1)',
          ],
        };
      }
      const run = compileExpression(node!);
      return {
        attribute: {
          ...base,
          ...(roles === undefined ? {} : { rolesPatchOperation: roles }),
          evaluate: (from) => run(from),
        },
        problems: [],
      };
    }
  }
}

/** Nested groups are never members in the target (B1): the planner reports them, not as pending. */
function referenceIds(view: SourceView, referenceSource: string): readonly string[] {
  if (referenceSource === 'members') {
    return (view.members ?? []).flatMap((m) => (m.objectType === 'User' ? [m.objectId] : []));
  }
  const manager = view.attributes[referenceSource];
  return typeof manager === 'string' && manager !== '' ? [manager] : [];
}

/** `[attribute]` as mappings see it: the directory attributes, `objectId` and `IsSoftDeleted` (B4). */
export function expressionSource(view: SourceView): ExpressionSource {
  return {
    get(attribute) {
      if (attribute === 'objectId') return view.objectId;
      if (attribute === 'IsSoftDeleted') return view.isSoftDeleted;
      if (attribute === APP_ROLE_ASSIGNMENTS) return view.appRoleAssignments ?? [];
      return view.attributes[attribute];
    },
  };
}

export type EvaluationMode = 'create' | 'update';

/** One object's mapped values: key = the target path's canonical text. */
export interface MappedObject {
  readonly values: ReadonlyMap<string, TargetValue>;
  /**
   * Values that are a mapping's default, not the object's own: never matched on, or every object without
   * a value would match the same target resource.
   */
  readonly defaulted: ReadonlySet<string>;
  /** Reference targets → source objectIds (manager: at most one; members: all direct members). */
  readonly references: ReadonlyMap<string, readonly string[]>;
}

/**
 * Evaluates every mapping for one object. On update, "only during creation" mappings and default values do
 * not apply. Throws {@link MappingEvaluationError} (or the expression's evaluation error) for this object.
 */
export function evaluateMappings(
  compiled: CompiledObjectMapping,
  view: SourceView,
  mode: EvaluationMode,
): MappedObject {
  const source = expressionSource(view);
  const values = new Map<string, TargetValue>();
  const defaulted = new Set<string>();
  for (const attribute of compiled.values) {
    const { mapping, target } = attribute;
    if (mode === 'update' && mapping.flow === 'creationOnly') continue;
    const raw = attribute.evaluate(source, view);
    if (raw === IGNORE_FLOW) continue;
    let value = toTargetValue(raw, target);
    if (value === undefined && mode === 'create' && mapping.defaultValue !== undefined) {
      value = toTargetValue(mapping.defaultValue, target);
      if (value !== undefined) defaulted.add(target.text);
    }
    if (value !== undefined) values.set(target.text, value);
  }
  const references = new Map<string, readonly string[]>();
  for (const attribute of compiled.references) {
    const ids = attribute.evaluate(source, view) as readonly string[];
    references.set(attribute.target.text, ids);
  }
  return { values, defaulted, references };
}

const isEmpty = (value: ExpressionValue | undefined): boolean =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * Coerces a mapped value to the target attribute's type; undefined means "send nothing" (null or empty,
 * B3). Booleans become Entra's "True"/"False" where the target wants text.
 */
export function toTargetValue(
  value: ExpressionValue | undefined,
  target: TargetPath,
): TargetValue | undefined {
  if (isEmpty(value)) return undefined;
  const { leaf } = target;
  if (Array.isArray(value)) {
    const items = (value as readonly ExpressionValue[]).filter((v) => !isEmpty(v));
    if (leaf.type === 'complex' && leaf.multiValued && !target.element) {
      return items.map((item) => roleElement(item, target));
    }
    if (leaf.multiValued && !target.element && leaf.type !== 'complex') {
      return items.map((item) => asString(item, target));
    }
    if (items.length > 1)
      throw new MappingEvaluationError(target.text, 'several values for a single-valued attribute');
    return toTargetValue(items[0], target);
  }
  switch (leaf.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      throw new MappingEvaluationError(target.text, `${JSON.stringify(value)} is not a boolean`);
    case 'integer':
    case 'decimal': {
      const number =
        typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
      if (Number.isFinite(number) && (leaf.type === 'decimal' || Number.isInteger(number))) return number;
      throw new MappingEvaluationError(
        target.text,
        `${JSON.stringify(value)} is not ${leaf.type === 'integer' ? 'an integer' : 'a number'}`,
      );
    }
    default:
      return asString(value as ExpressionValue, target);
  }
}

const isRole = (value: ExpressionValue): value is RoleValue =>
  typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'role';

/** A `roles` element as sent: the sub-attributes of RFC 7643 §4.1.2, in a fixed order. */
function roleElement(value: ExpressionValue, target: TargetPath): TargetElement {
  if (!isRole(value)) throw new MappingEvaluationError(target.text, `expects roles from ${ROLE_FUNCTIONS}`);
  const { primary, type, display, value: role } = value;
  return { primary, type, display, value: role };
}

function asString(value: ExpressionValue, target: TargetPath): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString();
  throw new MappingEvaluationError(target.text, 'a complex value cannot be sent to this attribute');
}
