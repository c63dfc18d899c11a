/**
 * Which attributes a directory user or group may carry, and of what type: the check the admin API and
 * imports run before the store (which only checks shapes), so a misspelt `jobTitel` is refused instead of
 * stored.
 */
import {
  EXTENSION_ATTRIBUTE,
  GROUP_ATTRIBUTES,
  MULTI_VALUED_USER_ATTRIBUTES,
  USER_ATTRIBUTES,
} from './model.js';

export type DirectoryObjectKind = 'user' | 'group';

/** One thing wrong with one attribute. */
export interface AttributeProblem {
  readonly field: string;
  readonly message: string;
}

const BOOLEAN_ATTRIBUTES: ReadonlySet<string> = new Set(['accountEnabled']);
const MULTI_VALUED: ReadonlySet<string> = new Set(MULTI_VALUED_USER_ATTRIBUTES);
const KNOWN: Readonly<Record<DirectoryObjectKind, ReadonlySet<string>>> = {
  user: new Set([...USER_ATTRIBUTES, ...MULTI_VALUED_USER_ATTRIBUTES]),
  group: new Set(GROUP_ATTRIBUTES),
};

/** What each kind is found by in imports, and must have. */
export const NAME_ATTRIBUTE: Readonly<Record<DirectoryObjectKind, string>> = {
  user: 'userPrincipalName',
  group: 'displayName',
};

export function isMultiValued(attribute: string): boolean {
  return MULTI_VALUED.has(attribute);
}

export function isBooleanAttribute(attribute: string): boolean {
  return BOOLEAN_ATTRIBUTES.has(attribute);
}

export function isKnownAttribute(kind: DirectoryObjectKind, attribute: string): boolean {
  return KNOWN[kind].has(attribute) || (kind === 'user' && EXTENSION_ATTRIBUTE.test(attribute));
}

function typeProblem(attribute: string, value: unknown): string | undefined {
  if (value === null) return undefined;
  if (BOOLEAN_ATTRIBUTES.has(attribute))
    return typeof value === 'boolean' ? undefined : 'must be true or false';
  if (MULTI_VALUED.has(attribute)) {
    return Array.isArray(value) && value.every((item) => typeof item === 'string')
      ? undefined
      : 'must be a list of strings';
  }
  if (EXTENSION_ATTRIBUTE.test(attribute)) {
    const scalar = ['string', 'number', 'boolean'].includes(typeof value);
    const list = Array.isArray(value) && value.every((item) => typeof item === 'string');
    return scalar || list ? undefined : 'must be a string, number, boolean or list of strings';
  }
  return typeof value === 'string' ? undefined : 'must be a string';
}

/**
 * The problems with `attributes` as changes to a `kind` object (`null` removes an attribute). Empty when
 * they may be stored.
 */
export function checkAttributes(
  kind: DirectoryObjectKind,
  attributes: Readonly<Record<string, unknown>>,
): AttributeProblem[] {
  const problems: AttributeProblem[] = [];
  for (const [field, value] of Object.entries(attributes)) {
    if (!isKnownAttribute(kind, field)) {
      problems.push({ field, message: `"${field}" is not a ${kind} attribute` });
      continue;
    }
    const wrong = typeProblem(field, value);
    if (wrong) problems.push({ field, message: `"${field}" ${wrong}` });
  }
  return problems;
}
