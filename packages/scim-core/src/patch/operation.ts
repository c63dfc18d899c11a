/**
 * The PatchOp message (RFC 7644 §3.5.2): `{"schemas":[PatchOp URN], "Operations":[{op, path?, value?}…]}`,
 * checked strictly. Client dialects are rewritten into this shape first (see `compat/`).
 */
import { InvalidPath, InvalidSyntax, InvalidValue, NoTarget } from '../errors.js';
import { type ValuePathExpression, parseValuePath } from '../path/value-path.js';
import { type PatchContext, type PatchScope, resolveScope } from './context.js';
import { findKey, isJsonObject, valueAt } from './json.js';
import { resolveTarget } from './target.js';

/** The message schema every PATCH body lists in `schemas` (RFC 7644 §3.5.2). */
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** The three PATCH operations, spelled as RFC 7644 §3.5.2 spells them. */
export type PatchOpName = 'add' | 'remove' | 'replace';

/** One validated PATCH operation; without `path` the target is the resource itself (add and replace). */
export interface PatchOperation {
  readonly op: PatchOpName;
  readonly path?: ValuePathExpression;
  readonly value?: unknown;
}

const OP_NAMES: ReadonlySet<string> = new Set<PatchOpName>(['add', 'remove', 'replace']);
const OPERATION_MEMBERS: ReadonlySet<string> = new Set(['op', 'path', 'value']);

/**
 * Validates a PatchOp request body. A body that is not a PatchOp message is invalidSyntax; a malformed or
 * unknown `path` is invalidPath; `remove` without a path is noTarget (§3.5.2.2); add or replace without a
 * `value` is invalidValue ("a required value was missing", §3.12).
 */
export function parsePatchRequest(body: unknown, ctx: PatchContext): PatchOperation[] {
  if (!isJsonObject(body)) throw new InvalidSyntax('a PATCH request body must be a JSON object');
  const schemas = valueAt(body, 'schemas');
  const isPatchOp = (s: unknown) =>
    typeof s === 'string' && s.toLowerCase() === PATCH_OP_SCHEMA.toLowerCase();
  if (!Array.isArray(schemas) || !schemas.some(isPatchOp)) {
    throw new InvalidSyntax(`"schemas" must contain "${PATCH_OP_SCHEMA}"`);
  }
  const operations = valueAt(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw new InvalidSyntax('"Operations" must be an array of one or more operations');
  }
  const scope = resolveScope(ctx);
  return operations.map((raw, index) => parseOperation(raw, `Operations[${index}]`, scope));
}

function parseOperation(raw: unknown, at: string, scope: PatchScope): PatchOperation {
  if (!isJsonObject(raw)) throw new InvalidSyntax(`${at} must be an object`);
  const stray = Object.keys(raw).find((key) => !OPERATION_MEMBERS.has(key.toLowerCase()));
  if (stray !== undefined) throw new InvalidSyntax(`${at} has an unknown member "${stray}"`);
  const op = valueAt(raw, 'op');
  // Strict: RFC 7644 spells the operations in lowercase; other spellings are a client dialect.
  if (typeof op !== 'string' || !OP_NAMES.has(op)) {
    throw new InvalidSyntax(`${at}.op must be "add", "remove" or "replace", not ${JSON.stringify(op)}`);
  }
  const rawPath = valueAt(raw, 'path');
  const path = rawPath === undefined ? undefined : parsePath(rawPath, at, scope);
  if (op === 'remove' && path === undefined) throw new NoTarget(`${at}: remove needs a "path"`);
  const valueKey = findKey(raw, 'value');
  if (op !== 'remove' && valueKey === undefined) throw new InvalidValue(`${at}: ${op} needs a "value"`);
  return {
    op: op as PatchOpName,
    ...(path === undefined ? {} : { path }),
    ...(valueKey === undefined ? {} : { value: raw[valueKey] }),
  };
}

/** Parses and binds the path now, so an unknown attribute fails before any operation is applied. */
function parsePath(raw: unknown, at: string, scope: PatchScope): ValuePathExpression {
  if (typeof raw !== 'string') throw new InvalidPath(`${at}.path must be a string`);
  const expression = parseValuePath(raw);
  const plain = expression.filter === undefined && expression.subAttribute === undefined;
  if (!(plain && scope.registry.wholeSchema(scope.resourceType, expression.path))) {
    resolveTarget(expression, scope);
  }
  return expression;
}
