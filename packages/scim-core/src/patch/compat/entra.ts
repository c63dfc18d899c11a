/**
 * Microsoft Entra ID's PATCH dialect (docs/entra-scim-behaviour.md A3–A4), rewritten into strict RFC 7644
 * PatchOp bodies. Everything Entra-specific lives here, switched on per tenant with {@link ENTRA_COMPAT};
 * the strict parser and `applyPatch` underneath are unchanged.
 *
 * Shapes handled: `Add`/`Replace`/`Remove`; "True"/"False" strings for booleans, also inside objects and
 * arrays (`roles[].primary`); a path-less replace whose keys are paths (`name.givenName`,
 * `urn:…:enterprise:2.0:User:employeeNumber`); the manager as `[{"$ref":…,"value":"m1"}]`, `"m1"` or
 * `{"value":"m1"}`, and its removal as a replace with `""` or `{"value":""}`; a body without `schemas`.
 */

import { parseValuePath } from '../../path/value-path.js';
import type { AttributeDefinition } from '../../schema/definitions.js';
import { ENTERPRISE_USER_SCHEMA } from '../../schema/standard.js';
import { findSubAttribute } from '../attribute-value.js';
import { type PatchContext, type PatchScope, resolveScope } from '../context.js';
import { type JsonObject, findKey, isJsonObject, valueAt } from '../json.js';
import { PATCH_OP_SCHEMA } from '../operation.js';
import type { PatchProfile } from '../profile.js';
import { type Target, resolveTarget } from '../target.js';

/**
 * Entra as a profile. Beyond the rewrites: a filtered path that matches nothing creates the value (Entra
 * sets `emails[type eq "work"].value` on users that have no work email yet), and removing a member or
 * manager that is already gone succeeds — Entra re-sends requests whose answer it lost and never reads
 * membership back (A3), so noTarget there would only park the change in escrow.
 */
export const ENTRA_COMPAT: PatchProfile = {
  name: 'entra',
  normalize: normalizeEntraPatch,
  options: { createMissingFilterTarget: true, ignoreUnmatchedRemove: true },
};

/** Rewrites an Entra PATCH body into a strict PatchOp body; anything unrecognised passes through. */
export function normalizeEntraPatch(body: unknown, ctx: PatchContext): unknown {
  if (!isJsonObject(body)) return body;
  const key = findKey(body, 'Operations');
  const operations = key === undefined ? undefined : body[key];
  if (key === undefined || !Array.isArray(operations)) return body;
  const scope = resolveScope(ctx);
  return {
    ...body,
    ...(findKey(body, 'schemas') === undefined ? { schemas: [PATCH_OP_SCHEMA] } : {}),
    [key]: operations.flatMap((operation) => normalizeOperation(operation, scope)),
  };
}

const OP_NAMES = new Set(['add', 'remove', 'replace']);

function normalizeOperation(raw: unknown, scope: PatchScope): unknown[] {
  if (!isJsonObject(raw)) return [raw];
  const opKey = findKey(raw, 'op');
  const written = opKey === undefined ? undefined : raw[opKey];
  const op =
    typeof written === 'string' && OP_NAMES.has(written.toLowerCase()) ? written.toLowerCase() : written;
  const operation = opKey === undefined ? raw : { ...raw, [opKey]: op };
  const path = valueAt(raw, 'path');
  const valueKey = findKey(raw, 'value');
  if (op === 'remove' || valueKey === undefined || (path !== undefined && typeof path !== 'string')) {
    return [operation];
  }
  const value = raw[valueKey];
  const prefix = keyPrefix(path, scope);
  if (prefix !== undefined) {
    // One operation per key, with the key as its path: so dotted (`name.givenName`) and URN-qualified keys
    // work, and each attribute gets the rewrites below.
    if (!isJsonObject(value)) return [operation];
    return Object.entries(value)
      .filter(([name]) => name.toLowerCase() !== 'schemas')
      .flatMap(([name, item]) => normalizeOperation({ op, path: `${prefix}${name}`, value: item }, scope));
  }
  return [rewriteValue(operation, path as string, valueKey, scope)];
}

/** For a path-less operation "", for a whole extension "urn:…:User:"; undefined for an attribute path. */
function keyPrefix(path: string | undefined, scope: PatchScope): string | undefined {
  if (path === undefined) return '';
  const expression = parseValuePath(path);
  const plain = expression.filter === undefined && expression.subAttribute === undefined;
  const extension = plain && scope.registry.wholeSchema(scope.resourceType, expression.path);
  return extension ? `${path}:` : undefined;
}

/** Coerces "True"/"False" and reshapes manager values for the attribute the path names. */
function rewriteValue(operation: JsonObject, path: string, valueKey: string, scope: PatchScope): JsonObject {
  const target = resolveTarget(parseValuePath(path), scope);
  const value = operation[valueKey];
  if (isManager(target)) {
    const id = managerId(value);
    if (id === '') return { op: 'remove', path };
    if (id !== undefined) return { ...operation, [valueKey]: { value: id } };
  }
  return { ...operation, [valueKey]: coerceForTarget(target, value) };
}

function isManager(target: Target): boolean {
  const { attribute, subAttribute, selector, schema } = target;
  const enterprise = schema.toLowerCase() === ENTERPRISE_USER_SCHEMA.toLowerCase();
  return enterprise && attribute.name === 'manager' && !subAttribute && !selector;
}

/** The manager id in any of Entra's shapes: `"m1"`, `{"value":"m1"}`, `[{"$ref":…,"value":"m1"}]`. */
function managerId(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length === 1 ? managerId(value[0]) : undefined;
  if (typeof value === 'string') return value;
  const id = isJsonObject(value) ? valueAt(value, 'value') : undefined;
  return typeof id === 'string' ? id : undefined;
}

function coerceForTarget(target: Target, value: unknown): unknown {
  if (target.subAttribute) return coerce(target.subAttribute, value);
  return target.selector ? coerceElement(target.attribute, value) : coerce(target.attribute, value);
}

function coerce(definition: AttributeDefinition, value: unknown): unknown {
  if (definition.multiValued && Array.isArray(value))
    return value.map((item) => coerceElement(definition, item));
  return coerceElement(definition, value);
}

/** Entra writes booleans as "True"/"False" without aadOptscim062020 (A4); its validator does too. */
function coerceElement(definition: AttributeDefinition, value: unknown): unknown {
  if (definition.type === 'boolean' && typeof value === 'string' && /^(true|false)$/i.test(value)) {
    return value.toLowerCase() === 'true';
  }
  if (definition.type !== 'complex' || !isJsonObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => {
      const sub = findSubAttribute(definition, name);
      return [name, sub ? coerce(sub, item) : item];
    }),
  );
}
