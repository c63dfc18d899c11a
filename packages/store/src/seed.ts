/**
 * Bulk fixture data for benchmarks: multi-row INSERTs in one transaction, bypassing the repository's
 * per-user statements but writing exactly the rows the Users repository writes.
 */
import { randomUUID } from 'node:crypto';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '@provisio/scim-core';
import type { CompiledQuery, Kysely } from 'kysely';
import type { ScimResource } from './contract.js';
import type { Database, UserEmailsTable, UsersTable } from './database.js';
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

/** The `users` row the repository would write for `resource`. */
function userRow(tenantId: string, id: string, resource: ScimResource, now: string): UsersTable {
  return {
    tenant_id: tenantId,
    id,
    ...toUserColumns(resource),
    created: now,
    last_modified: now,
    version: 1,
  };
}

/** Rows per INSERT: far below both dialects' bound-parameter limits at ~16 columns a row. */
const ROWS_PER_STATEMENT = 200;

/**
 * Multi-row INSERTs compiled once per (table, row count) and run again with each batch's values:
 * compiling 3,000 values costs kysely more than the database takes to insert them.
 */
function batchInserter(trx: Kysely<Database>) {
  const compiled = new Map<string, CompiledQuery>();
  return async (table: 'users' | 'user_emails', rows: readonly object[]) => {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!);
    const uniform = (rows as readonly Readonly<Record<string, unknown>>[]).map((row) =>
      Object.fromEntries(columns.map((column) => [column, row[column] ?? null])),
    );
    const shape = `${table}:${rows.length}`;
    let query = compiled.get(shape);
    if (!query) {
      query = trx
        .insertInto(table)
        .values(uniform as never)
        .compile();
      compiled.set(shape, query);
    }
    const parameters = uniform.flatMap((row) => columns.map((column) => row[column]));
    await trx.executeQuery({ ...query, parameters });
  };
}

/**
 * Inserts `count` synthetic users (`user<i>@example.com`, one work email, enterprise employeeNumber and
 * department) into the tenant, on either dialect, in one transaction; returns their ids in order. `from`
 * offsets the numbering.
 */
export async function seedUsers(
  store: { readonly kysely: Kysely<Database> },
  tenantId: string,
  count: number,
  from = 0,
): Promise<string[]> {
  const now = new Date().toISOString();
  const ids: string[] = [];
  await store.kysely.transaction().execute(async (trx) => {
    const insert = batchInserter(trx);
    for (let batch = from; batch < from + count; batch += ROWS_PER_STATEMENT) {
      const users: UsersTable[] = [];
      const emails: UserEmailsTable[] = [];
      for (let index = batch; index < Math.min(batch + ROWS_PER_STATEMENT, from + count); index++) {
        const id = randomUUID();
        const resource = syntheticUser(index);
        users.push(userRow(tenantId, id, resource, now));
        for (const email of toEmailRows(resource))
          emails.push({ tenant_id: tenantId, user_id: id, ...email });
        ids.push(id);
      }
      await insert('users', users);
      await insert('user_emails', emails);
    }
  });
  return ids;
}
