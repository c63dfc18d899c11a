/**
 * URL query parameters as scim-core reads them. Fastify has already decoded them (`+` as a space, as
 * Entra's `filter=userName+eq+%22…%22` needs); here names are matched case-insensitively, repeated
 * attribute lists are joined, and anything SCIM does not define (Entra's `aadOptscim062020` flag) is left
 * out.
 */
import {
  InvalidValue,
  type Projection,
  type ResourceTypeDefinition,
  compileProjection,
  parseAttributeList,
} from '@provisio/scim-core';
import type { TenantScope } from './tenant-scope.js';

export type RawQuery = Readonly<Record<string, string | string[] | undefined>>;

const PARAMETERS = [
  'filter',
  'sortBy',
  'sortOrder',
  'startIndex',
  'count',
  'attributes',
  'excludedAttributes',
  'cursor',
] as const;

type Parameter = (typeof PARAMETERS)[number];

/** Lists may be split over repeated parameters (`attributes=a&attributes=b`); nothing else may repeat. */
const LISTS: ReadonlySet<Parameter> = new Set(['attributes', 'excludedAttributes']);

/** The SCIM parameters of a query string, one string each. */
export function scimParameters(query: RawQuery): Partial<Record<Parameter, string>> {
  const out: Partial<Record<Parameter, string>> = {};
  for (const [key, value] of Object.entries(query)) {
    const name = PARAMETERS.find((p) => p.toLowerCase() === key.toLowerCase());
    if (name === undefined || value === undefined) continue;
    const values = [
      ...(out[name] === undefined ? [] : [out[name]]),
      ...(Array.isArray(value) ? value : [value]),
    ];
    if (values.length > 1 && !LISTS.has(name)) {
      throw new InvalidValue(`the query parameter "${name}" is given more than once`);
    }
    out[name] = values.join(',');
  }
  return out;
}

/** The `attributes`/`excludedAttributes` of a single-resource request (RFC 7644 §3.9), compiled. */
export function projectionOf(
  scope: TenantScope,
  resourceType: ResourceTypeDefinition,
  query: RawQuery,
): Projection {
  const parameters = scimParameters(query);
  return compileProjection(
    {
      attributes: parseAttributeList(parameters.attributes),
      excludedAttributes: parseAttributeList(parameters.excludedAttributes),
    },
    scope.registry,
    resourceType,
  );
}

/** Whether the client asked for particular attributes, which turns a group PATCH's 204 into a 200. */
export function asksForAttributes(query: RawQuery): boolean {
  const parameters = scimParameters(query);
  return parameters.attributes !== undefined || parameters.excludedAttributes !== undefined;
}
