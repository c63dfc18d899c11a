/** Rows ↔ SCIM resource bodies, and the errors of versioned writes, shared by Users and Groups. */
import { NotFound, PreconditionFailed } from '@provisio/scim-core';
import type { Kysely } from 'kysely';
import type { ScimResource, StoredResource } from '../contract.js';
import type { Database, ResourceColumns } from '../database.js';

/** RFC 7644 §3.14 weak ETag of a version. */
function etagOf(version: number): string {
  return `W/"${version}"`;
}

/** The JSON kept in `data`: the resource minus what the store owns (`id`, `meta`) or derives. */
export function resourceData(resource: ScimResource, derived: readonly string[]): string {
  const dropped = new Set(['id', 'meta', ...derived].map((name) => name.toLowerCase()));
  return JSON.stringify(
    Object.fromEntries(Object.entries(resource).filter(([k]) => !dropped.has(k.toLowerCase()))),
  );
}

/**
 * The columns a resource is rebuilt from. Reads select only these: turning each selected column into a
 * JavaScript property costs more than SQLite takes to find the row.
 */
export const STORED_COLUMNS = ['id', 'created', 'last_modified', 'version', 'data'] as const;

export type StoredRow = Pick<ResourceColumns, (typeof STORED_COLUMNS)[number]>;

/** A row as the resource the server returns: `schemas`, `id`, attributes, derived attributes, `meta`. */
export function toStoredResource(
  row: StoredRow,
  resourceType: 'User' | 'Group',
  derived: Readonly<Record<string, unknown>>,
): StoredResource {
  const data = JSON.parse(row.data) as Record<string, unknown>;
  // Built key by key: object rest/spread here cost several times the JSON.parse on every read.
  const resource: Record<string, unknown> =
    data.schemas === undefined ? { id: row.id } : { schemas: data.schemas, id: row.id };
  for (const key in data) if (key !== 'schemas') resource[key] = data[key];
  Object.assign(resource, derived);
  resource.meta = {
    resourceType,
    created: row.created,
    lastModified: row.last_modified,
    version: etagOf(row.version),
  };
  return {
    id: row.id,
    version: row.version,
    created: row.created,
    lastModified: row.last_modified,
    resource,
  };
}

/** After a versioned write matched no row: says whether the row is missing or at another version. */
export async function throwMissing(
  db: Kysely<Database>,
  table: 'users' | 'groups',
  resourceType: string,
  tenantId: string,
  id: string,
  ifVersion: number | undefined,
): Promise<never> {
  const row = await db
    .selectFrom(table)
    .select('version')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFound(`${resourceType} "${id}" not found`);
  throw versionMismatch(resourceType, id, row.version, ifVersion);
}

export function versionMismatch(
  resourceType: string,
  id: string,
  current: number,
  expected: number | undefined,
): PreconditionFailed {
  return new PreconditionFailed(
    `${resourceType} "${id}" is at version ${etagOf(current)}, not ${etagOf(expected ?? Number.NaN)}`,
  );
}
