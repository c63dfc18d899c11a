/**
 * Bulk fixture data for benchmarks: one prepared INSERT run n times in one transaction, bypassing kysely's
 * per-statement overhead but writing exactly the rows the Users repository writes.
 */
import { randomUUID } from 'node:crypto';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '@provisio/scim-core';
import type { ScimResource } from './contract.js';
import type { SqliteStore } from './sqlite-store.js';
import { toEmailRows, toUserColumns } from './users/user-row.js';

function syntheticUser(index: number): ScimResource {
  const userName = `user${index}@example.com`;
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    userName,
    externalId: `ext-${index}`,
    displayName: `User ${index}`,
    name: { givenName: 'User', familyName: String(index) },
    active: index % 10 !== 0,
    emails: [{ value: userName, type: 'work', primary: true }],
    [ENTERPRISE_USER_SCHEMA]: { employeeNumber: String(index), department: `Dept ${index % 20}` },
  };
}

/** A prepared `INSERT INTO table (columns…) VALUES (?…)` taking a row object. */
function preparedInsert(store: SqliteStore, table: string, columns: readonly string[]) {
  const statement = store.database.prepare(
    `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
  );
  return (row: Readonly<Record<string, unknown>>) => statement.run(columns.map((column) => row[column]));
}

/** The `users` row the repository would write for `resource`. */
function userRow(tenantId: string, id: string, resource: ScimResource, now: string) {
  return {
    tenant_id: tenantId,
    id,
    ...toUserColumns(resource),
    created: now,
    last_modified: now,
    version: 1,
  };
}

/**
 * Inserts `count` synthetic users (`user<i>@example.com`, one work email, enterprise employeeNumber and
 * department) into the tenant; returns their ids in order. `from` offsets the numbering.
 */
export async function seedUsers(
  store: SqliteStore,
  tenantId: string,
  count: number,
  from = 0,
): Promise<string[]> {
  const now = new Date().toISOString();
  const sample = syntheticUser(0);
  const insertUser = preparedInsert(store, 'users', Object.keys(userRow(tenantId, '', sample, now)));
  const insertEmail = preparedInsert(store, 'user_emails', [
    'tenant_id',
    'user_id',
    ...Object.keys(toEmailRows(sample)[0]!),
  ]);
  const ids: string[] = [];
  store.database.transaction(() => {
    for (let index = from; index < from + count; index++) {
      const id = randomUUID();
      const resource = syntheticUser(index);
      insertUser(userRow(tenantId, id, resource, now));
      for (const email of toEmailRows(resource)) insertEmail({ tenant_id: tenantId, user_id: id, ...email });
      ids.push(id);
    }
  })();
  return ids;
}
