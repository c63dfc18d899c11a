/**
 * A target application's provisioning configuration as plain data: scope, scoping filters, mappings and
 * object actions per object type, and how requests are spelled. `parseTargetApp` checks JSON from the admin
 * API; `compileTargetApp` binds it to the target's schemas for a cycle.
 */
import { SchemaRegistry } from '@provisio/scim-core';
import type { ScopeMode } from '../scoping/scope.js';
import { type ScopingFilterGroup, checkScopingFilter } from '../scoping/scoping-filter.js';
import type { MappingSource, ObjectMapping, ObjectType } from './attribute-mapping.js';
import { type CompiledObjectMapping, MappingConfigError, compileObjectMapping } from './compile.js';
import { DEFAULT_GROUP_MAPPING, DEFAULT_USER_MAPPING } from './defaults.js';
import type { TargetSchema } from './target-path.js';

/**
 * How PATCH bodies are spelled (entra-scim-behaviour.md A3–A4):
 * - `rfc7644` (default): lowercase ops, one op per attribute, JSON booleans, members removed by value filter;
 * - `entra`: what Entra sends without the flag — `Add`/`Replace`/`Remove`, "True"/"False" strings, members
 *   removed by a value list, `meta` and empty `roles` in POST bodies;
 * - `aadOptscim062020`: Entra with that flag — one path-less `replace` of dotted keys plus one op per
 *   value-path attribute.
 */
export type PatchStyle = 'rfc7644' | 'entra' | 'aadOptscim062020';
export const PATCH_STYLES: readonly PatchStyle[] = ['rfc7644', 'entra', 'aadOptscim062020'];

export interface TargetApp {
  readonly scope: ScopeMode;
  /** Treat Default Access assignments as no assignment (A9; tutorials such as Promapp's require it). */
  readonly excludeDefaultAccess: boolean;
  /** Do not disable objects that leave scope (Graph secret `SkipOutOfScopeDeletions`, A8). */
  readonly skipOutOfScopeDeletions: boolean;
  readonly patchStyle: PatchStyle;
  readonly users: ObjectMapping;
  readonly groups: ObjectMapping;
}

/** What a new target starts with: assigned only, Entra's default mappings (A7). */
export function newTargetApp(): TargetApp {
  return {
    scope: 'assignedOnly',
    excludeDefaultAccess: false,
    skipOutOfScopeDeletions: false,
    patchStyle: 'rfc7644',
    users: DEFAULT_USER_MAPPING,
    groups: DEFAULT_GROUP_MAPPING,
  };
}

/** "Restore default mappings": the attribute list goes back to A7; actions and scoping filters stay. */
export function restoreDefaultMappings(app: TargetApp, objectType: ObjectType): TargetApp {
  return objectType === 'user'
    ? { ...app, users: { ...app.users, attributes: DEFAULT_USER_MAPPING.attributes } }
    : { ...app, groups: { ...app.groups, attributes: DEFAULT_GROUP_MAPPING.attributes } };
}

/** A configuration the engine refuses; `problems` lists each one with where it is. */
export class TargetAppError extends Error {
  override readonly name = 'TargetAppError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid target configuration:\n${problems.join('\n')}`);
  }
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks JSON (e.g. an admin API body) and returns it typed; throws {@link TargetAppError}. Shapes are
 * checked first; once they are right, the mappings are bound to `schemas` (expressions, source attributes,
 * target paths, matching precedence), so a configuration that parses also compiles.
 */
export function parseTargetApp(input: unknown, schemas?: TargetSchemas): TargetApp {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  if (!isObject(input)) throw new TargetAppError(['the configuration must be a JSON object']);
  check(input.scope === 'assignedOnly' || input.scope === 'all', 'scope must be "assignedOnly" or "all"');
  for (const flag of ['excludeDefaultAccess', 'skipOutOfScopeDeletions'] as const) {
    check(typeof input[flag] === 'boolean', `${flag} must be true or false`);
  }
  check(
    PATCH_STYLES.includes(input.patchStyle as PatchStyle),
    `patchStyle must be one of ${PATCH_STYLES.join(', ')}`,
  );
  for (const objectType of ['users', 'groups'] as const)
    checkObjectMapping(input[objectType], objectType, check);
  if (isObject(input.users))
    check(input.users.enabled === true, 'users.enabled: the user mapping cannot be disabled');
  if (problems.length > 0) throw new TargetAppError(problems);
  const app = input as unknown as TargetApp;
  compileTargetApp(app, schemas);
  return app;
}

type Check = (ok: boolean, problem: string) => void;

function checkObjectMapping(value: unknown, at: string, check: Check): void {
  if (!isObject(value)) {
    check(false, `${at} must be an object`);
    return;
  }
  check(typeof value.enabled === 'boolean', `${at}.enabled must be true or false`);
  const actions = value.actions;
  check(
    isObject(actions) && ['create', 'update', 'delete'].every((a) => typeof actions[a] === 'boolean'),
    `${at}.actions must be {create, update, delete} booleans`,
  );
  if (!Array.isArray(value.attributes)) check(false, `${at}.attributes must be an array`);
  else value.attributes.forEach((m, i) => checkAttributeMapping(m, `${at}.attributes[${i}]`, check));
  if (!Array.isArray(value.scopingFilter) || !value.scopingFilter.every(isFilterGroup)) {
    check(false, `${at}.scopingFilter must be an array of {name?, clauses: [{attribute, operator, value?}]}`);
  } else {
    for (const problem of checkScopingFilter(value.scopingFilter, `${at}.scopingFilter`))
      check(false, problem);
  }
}

function isFilterGroup(value: unknown): value is ScopingFilterGroup {
  return (
    isObject(value) &&
    (value.name === undefined || typeof value.name === 'string') &&
    Array.isArray(value.clauses) &&
    value.clauses.every(
      (c) =>
        isObject(c) &&
        typeof c.attribute === 'string' &&
        typeof c.operator === 'string' &&
        (c.value === undefined || typeof c.value === 'string'),
    )
  );
}

function checkAttributeMapping(value: unknown, at: string, check: Check): void {
  if (!isObject(value)) {
    check(false, `${at} must be an object`);
    return;
  }
  check(
    typeof value.target === 'string' && value.target !== '',
    `${at}.target must be a SCIM attribute path`,
  );
  const sourceProblem = mappingSourceProblem(value.source);
  if (sourceProblem) check(false, `${at}.source${sourceProblem}`);
  check(
    value.flow === 'always' || value.flow === 'creationOnly',
    `${at}.flow must be "always" or "creationOnly"`,
  );
  check(
    value.defaultValue === undefined || typeof value.defaultValue === 'string',
    `${at}.defaultValue must be a string`,
  );
  check(
    value.matchingPrecedence === undefined ||
      (Number.isInteger(value.matchingPrecedence) && (value.matchingPrecedence as number) > 0),
    `${at}.matchingPrecedence must be a positive integer`,
  );
}

const MAPPING_KINDS: readonly MappingSource['kind'][] = ['direct', 'constant', 'expression', 'none'];

/** What is wrong with a mapping's source, starting with the field at fault; undefined when nothing. */
function mappingSourceProblem(value: unknown): string | undefined {
  if (!isObject(value)) return ` must be {kind: ${MAPPING_KINDS.join('|')}, …}`;
  switch (value.kind) {
    case 'direct':
      return typeof value.attribute === 'string' && value.attribute !== ''
        ? undefined
        : '.attribute must name a source attribute';
    case 'constant':
      return typeof value.value === 'string' ? undefined : '.value must be a string';
    case 'expression':
      return typeof value.expression === 'string' ? undefined : '.expression must be a string';
    case 'none':
      return undefined;
    default:
      return `.kind ${JSON.stringify(value.kind)} is not a mapping type; one of ${MAPPING_KINDS.join(', ')}`;
  }
}

/** The target's schemas: from its `/Schemas` when discovered, else RFC 7643's standard ones. */
export interface TargetSchemas {
  readonly registry: SchemaRegistry;
  readonly discovered: boolean;
}

export interface CompiledTargetApp {
  readonly app: TargetApp;
  readonly users: CompiledObjectMapping;
  readonly groups: CompiledObjectMapping;
}

/** Binds a configuration to the target's schemas; throws {@link TargetAppError} with every problem. */
export function compileTargetApp(
  app: TargetApp,
  schemas: TargetSchemas = { registry: SchemaRegistry.standard(), discovered: false },
): CompiledTargetApp {
  const problems: string[] = [];
  const compile = (objectType: ObjectType, mapping: ObjectMapping, resourceType: string) => {
    try {
      return compileObjectMapping(objectType, mapping, bind(schemas, mapping, resourceType), app.scope);
    } catch (error) {
      problems.push(
        ...(error instanceof MappingConfigError
          ? error.problems
          : [`${objectType}s: ${(error as Error).message}`]),
      );
      return undefined;
    }
  };
  const users = compile('user', app.users, 'User');
  const groups = compile('group', app.groups, 'Group');
  if (!users || !groups) throw new TargetAppError(problems);
  return { app, users, groups };
}

/**
 * The resource type a mapping is bound to. A target whose `/Schemas` lists no Group schema has no groups:
 * a disabled group mapping is then bound to the standard one, as it is never planned.
 */
function bind(schemas: TargetSchemas, mapping: ObjectMapping, resourceType: string): TargetSchema {
  const known = schemas.registry.resourceTypes().some((r) => r.name === resourceType);
  if (!known && !mapping.enabled) {
    const registry = SchemaRegistry.standard();
    return { registry, resourceType: registry.resourceType(resourceType), discovered: false };
  }
  if (!known) throw new Error(`the target's /Schemas has no ${resourceType} schema`);
  return { ...schemas, resourceType: schemas.registry.resourceType(resourceType) };
}
