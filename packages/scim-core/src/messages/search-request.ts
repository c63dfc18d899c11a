/**
 * A query, from URL parameters (RFC 7644 §3.4.2) or a `POST /.search` body (RFC 7644 §3.4.3), with index
 * paging (§3.4.2.4) or cursor paging (RFC 9865). Both forms produce the same {@link SearchRequest}.
 */
import { InvalidSyntax, InvalidValue } from '../errors.js';
import type { FilterNode } from '../filter/nodes.js';
import { parseFilter } from '../filter/parse.js';
import { type AttributePath, parseAttributePath } from '../path/attribute-path.js';
import { parseAttributeList } from '../projection/attribute-list.js';

export const SEARCH_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

/** The server's paging limits; keep them equal to what `/ServiceProviderConfig` advertises. */
export interface SearchLimits {
  /** The most resources one page holds (`filter.maxResults`, `pagination.maxPageSize`). */
  readonly maxCount: number;
  /** The page size when the client sends no `count`; defaults to `maxCount`. */
  readonly defaultCount?: number;
}

/** URL query parameters (decoded, one value each) or the parsed JSON body of `POST /.search`. */
export type SearchInput =
  | { readonly query: Readonly<Record<string, string | undefined>> }
  | { readonly body: unknown };

export type SortOrder = 'ascending' | 'descending';

/** A validated query. */
export interface SearchRequest {
  readonly filter?: FilterNode;
  readonly sortBy?: AttributePath;
  readonly sortOrder: SortOrder;
  /** Index paging: 1-based, at least 1; absent when the client did not ask for an index. */
  readonly startIndex?: number;
  /** Page size, within 0…`maxCount`. */
  readonly count: number;
  readonly attributes: readonly AttributePath[];
  readonly excludedAttributes: readonly AttributePath[];
  /** Cursor paging: `""` asks for the first page, anything else is a cursor the server issued. */
  readonly cursor?: string;
}

/** The query parameters of RFC 7644 §3.4.2 and RFC 9865, as spelled in the RFCs. */
export const SEARCH_PARAMETERS = [
  'filter',
  'sortBy',
  'sortOrder',
  'startIndex',
  'count',
  'attributes',
  'excludedAttributes',
  'cursor',
] as const;

type RawRequest = Partial<Record<(typeof SEARCH_PARAMETERS)[number], unknown>>;

/**
 * Parses and normalises a query. RFC 7644 §3.4.2.4: a `startIndex` below 1 is 1 and a negative `count`
 * is 0; a `count` above the limit is cut to it, since the server "MAY return fewer results". Non-numeric
 * values, a bad `sortOrder`, both `attributes` and `excludedAttributes` (§3.9), and a `cursor` together
 * with a `startIndex` (RFC 9865 pages by one or the other) are 400 `invalidValue`; a bad filter is
 * 400 `invalidFilter`; a `/.search` body without the SearchRequest schema is 400 `invalidSyntax`.
 *
 * @example parseSearchRequest({ query: { filter: 'userName eq "bjensen"', count: '10' } }, { maxCount: 100 })
 */
export function parseSearchRequest(input: SearchInput, limits: SearchLimits): SearchRequest {
  const raw = 'query' in input ? input.query : readBody(input.body);
  const startIndex = readInteger('startIndex', raw.startIndex);
  const count = readInteger('count', raw.count);
  const cursor = readCursor(raw.cursor);
  if (cursor !== undefined && startIndex !== undefined) {
    throw new InvalidValue('"cursor" and "startIndex" cannot be combined: a query pages by one or the other');
  }
  const attributes = readAttributeList('attributes', raw.attributes);
  const excludedAttributes = readAttributeList('excludedAttributes', raw.excludedAttributes);
  if (attributes.length > 0 && excludedAttributes.length > 0) {
    throw new InvalidValue('"attributes" and "excludedAttributes" are mutually exclusive');
  }
  const filter = readFilter(raw.filter);
  const sortBy = readText('sortBy', raw.sortBy);
  return {
    ...(filter !== undefined ? { filter } : {}),
    ...(sortBy !== undefined ? { sortBy: parseAttributePath(sortBy, InvalidValue) } : {}),
    sortOrder: readSortOrder(raw.sortOrder),
    ...(startIndex !== undefined ? { startIndex: Math.max(1, startIndex) } : {}),
    count: Math.min(Math.max(0, count ?? limits.defaultCount ?? limits.maxCount), limits.maxCount),
    attributes,
    excludedAttributes,
    ...(cursor !== undefined ? { cursor } : {}),
  };
}

/** RFC 7644 §3.4.3: the body "MUST" carry the SearchRequest schema; its attribute names are case-insensitive. */
function readBody(body: unknown): RawRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidSyntax('a search request body must be a JSON object');
  }
  const entries = new Map(Object.entries(body).map(([k, v]) => [k.toLowerCase(), v] as const));
  const schemas = entries.get('schemas');
  const hasSchema =
    Array.isArray(schemas) &&
    schemas.some((s) => typeof s === 'string' && s.toLowerCase() === SEARCH_REQUEST_SCHEMA.toLowerCase());
  if (!hasSchema) throw new InvalidSyntax(`"schemas" must contain "${SEARCH_REQUEST_SCHEMA}"`);
  const raw: RawRequest = {};
  for (const name of SEARCH_PARAMETERS) {
    const value = entries.get(name.toLowerCase());
    // A JSON null is the same as leaving the attribute out.
    if (value !== undefined && value !== null) raw[name] = value;
  }
  return raw;
}

function readText(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new InvalidValue(`"${name}" must be a string`);
  return value;
}

function readInteger(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) {
    throw new InvalidValue(`"${name}" must be an integer, got ${JSON.stringify(value)}`);
  }
  // Beyond 2^53 the digits are meaningless; the clamps below give the same answer for any huge value.
  return Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, number));
}

function readCursor(value: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw new InvalidValue('"cursor" must be a string');
}

function readFilter(value: unknown): FilterNode | undefined {
  const text = readText('filter', value);
  return text === undefined ? undefined : parseFilter(text);
}

function readSortOrder(value: unknown): SortOrder {
  const text = readText('sortOrder', value);
  if (text === undefined) return 'ascending';
  const order = text.toLowerCase();
  if (order !== 'ascending' && order !== 'descending') {
    throw new InvalidValue(`"sortOrder" must be "ascending" or "descending", got ${JSON.stringify(text)}`);
  }
  return order;
}

function readAttributeList(name: string, value: unknown): AttributePath[] {
  if (value === undefined || typeof value === 'string') return parseAttributeList(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return parseAttributeList(value);
  throw new InvalidValue(`"${name}" must be a list of attribute names`);
}
