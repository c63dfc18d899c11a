/**
 * RFC 7644 §3.10 attribute notation: `[URI ":"] ATTRNAME ["." subAttr]`. Purely syntactic; the schema
 * registry resolves a path to its definition (names are case-insensitive there).
 */
import { InvalidPath, type ScimError } from '../errors.js';

export interface AttributePath {
  /** The schema URN as written, when the path is URN-qualified. */
  readonly schema?: string;
  readonly attribute: string;
  readonly subAttribute?: string;
}

const ATTRNAME = /^\$?[A-Za-z][A-Za-z0-9_-]*$/;
/** Characters that end a path token in filters and PATCH paths. */
const TERMINATORS = new Set([' ', '\t', '\n', '\r', '[', ']', '(', ')', '"']);

export interface ScannedPath {
  readonly path: AttributePath;
  readonly end: number;
}

/**
 * Reads one attribute path starting at `start`. Returns undefined when the text there is not a path, so the
 * caller can report the error in its own vocabulary (invalidFilter, invalidPath…).
 */
export function scanAttributePath(text: string, start: number): ScannedPath | undefined {
  let end = start;
  while (end < text.length && !TERMINATORS.has(text[end]!)) end++;
  const path = splitAttributePath(text.slice(start, end));
  return path ? { path, end } : undefined;
}

/** Splits a whole token into URN, attribute and sub-attribute; undefined if it is not valid notation. */
export function splitAttributePath(token: string): AttributePath | undefined {
  let schema: string | undefined;
  let rest = token;
  if (/^urn:/i.test(token)) {
    // ATTRNAME never contains ':' while URNs do ("…:2.0:User"), so the last colon is the boundary.
    const colon = token.lastIndexOf(':');
    schema = token.slice(0, colon);
    rest = token.slice(colon + 1);
    if (!/^urn:[^:]+:./i.test(schema)) return undefined;
  }
  const dot = rest.indexOf('.');
  const attribute = dot < 0 ? rest : rest.slice(0, dot);
  const subAttribute = dot < 0 ? undefined : rest.slice(dot + 1);
  if (!ATTRNAME.test(attribute)) return undefined;
  if (subAttribute !== undefined && !ATTRNAME.test(subAttribute)) return undefined;
  return {
    ...(schema !== undefined ? { schema } : {}),
    attribute,
    ...(subAttribute !== undefined ? { subAttribute } : {}),
  };
}

/** Parses a complete attribute path, e.g. an `attributes` parameter entry or a `sortBy` value. */
export function parseAttributePath(
  text: string,
  ErrorClass: new (detail: string) => ScimError = InvalidPath,
): AttributePath {
  const path = splitAttributePath(text.trim());
  if (!path) throw new ErrorClass(`"${text}" is not a valid attribute path`);
  return path;
}

export function formatAttributePath(path: AttributePath): string {
  const local = path.subAttribute === undefined ? path.attribute : `${path.attribute}.${path.subAttribute}`;
  return path.schema === undefined ? local : `${path.schema}:${local}`;
}
