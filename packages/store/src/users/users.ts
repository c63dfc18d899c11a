/** The Users repository: one `users` row (+ `user_emails` rows) per User; `groups` derived on read. */
import { NotFound } from '@provisio/scim-core';
import { type Kysely, sql } from 'kysely';
import type {
  ListPage,
  ListQuery,
  ResourceChange,
  ScimResource,
  StoredResource,
  UserReadOptions,
  UserRepository,
  WriteOptions,
} from '../contract.js';
import type { Database, UserEmailsTable, UsersTable } from '../database.js';
import { dialectOf } from '../dialect/dialect-of.js';
import { appendEvents } from '../events/events.js';
import { groupsOfMembers } from '../groups/memberships.js';
import { preparedQuery } from '../prepared-query.js';
import { deleteResource } from '../resources/delete-resource.js';
import { targetOf } from '../resources/list-target.js';
import { ResourceWrites } from '../resources/resource-writes.js';
import { STORED_COLUMNS, type StoredRow, toStoredResource } from '../resources/stored-resource.js';
import { listRows } from '../scim/list-query.js';
import { USER_STORAGE } from '../scim/storage-map.js';
import { type StoreContext, inTransaction } from '../store-context.js';
import { type EmailRow, type UserColumns, toEmailRows, toUserColumns } from './user-row.js';

type UserKey = { tenantId: string; id: string };

const USERS = new ResourceWrites<UserColumns>(
  USER_STORAGE,
  'user_name_key',
  (columns) => `userName "${columns.user_name}" is already in use`,
);

function userById(db: Kysely<Database>, { tenantId, id }: UserKey) {
  return db.selectFrom('users').select(STORED_COLUMNS).where('tenant_id', '=', tenantId).where('id', '=', id);
}

/** A user by id: every single-user read and write starts here. */
const selectUser = preparedQuery(['tenantId', 'id'], userById);

/**
 * The user a PATCH changes, locked until its transaction ends: a concurrent PATCH waits instead of
 * failing its versioned write. SQLite's write transactions are serial already (BEGIN IMMEDIATE).
 */
const selectUserForUpdate = preparedQuery(['tenantId', 'id'], (db, key: UserKey) =>
  userById(db, key).$if(dialectOf(db) === 'postgres', (q) => q.forUpdate()),
);

/** Every column of `users`: the prepared INSERT binds each (the object literal makes the list complete). */
const USER_COLUMNS = Object.keys({
  tenant_id: 0,
  id: 0,
  external_id: 0,
  created: 0,
  last_modified: 0,
  version: 0,
  data: 0,
  user_name: 0,
  user_name_key: 0,
  display_name: 0,
  display_name_key: 0,
  active: 0,
  employee_number_key: 0,
  department_key: 0,
  manager_key: 0,
} satisfies Record<keyof UsersTable, 0>) as (keyof UsersTable)[];

const insertUser = preparedQuery(USER_COLUMNS, (db, row: UsersTable) => db.insertInto('users').values(row));

/** What a write sets: the resource's columns, the time, and the version it must find (null: any). */
type UserUpdate = UserColumns & {
  readonly tenantId: string;
  readonly id: string;
  readonly lastModified: string;
  readonly ifVersion: number | null;
};

const KEY_COLUMNS: readonly string[] = ['tenant_id', 'id', 'created', 'last_modified', 'version'];

const updateUser = preparedQuery(
  [
    ...(USER_COLUMNS.filter((column) => !KEY_COLUMNS.includes(column)) as (keyof UserColumns)[]),
    'tenantId',
    'id',
    'lastModified',
    'ifVersion',
  ],
  (db, { tenantId, id, lastModified, ifVersion, ...columns }: UserUpdate) =>
    db
      .updateTable('users')
      .set({ ...columns, last_modified: lastModified, version: sql`version + 1` })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      // One statement shape for both: `version = version` holds for any version.
      .where('version', '=', sql<number>`coalesce(${ifVersion}, version)`)
      .returningAll(),
);

const insertEmail = preparedQuery(
  ['tenant_id', 'user_id', 'ordinal', 'value_key', 'type_key', 'is_primary'],
  (db, row: UserEmailsTable) => db.insertInto('user_emails').values(row),
);

const deleteEmails = preparedQuery(
  ['tenantId', 'userId'],
  (db, { tenantId, userId }: { tenantId: string; userId: string }) =>
    db.deleteFrom('user_emails').where('tenant_id', '=', tenantId).where('user_id', '=', userId),
);

export class SqlUserRepository implements UserRepository {
  constructor(private readonly context: StoreContext) {}

  #within(db: Kysely<Database>): SqlUserRepository {
    return new SqlUserRepository({ ...this.context, db });
  }

  async create(tenantId: string, resource: ScimResource): Promise<StoredResource> {
    const row: UsersTable = USERS.newRow(this.context, tenantId, toUserColumns(resource));
    const emails = toEmailRows(resource);
    return USERS.create(this.context, row, {
      insert: (db) => insertUser(db, row),
      async related(db) {
        await insertEmails(db, tenantId, row.id, emails);
        return [];
      },
      // A new user is in no group yet: nothing to read back.
      readBack: async () => toStoredResource(row, 'User', { groups: [] }),
    });
  }

  get(tenantId: string, id: string, options?: UserReadOptions): Promise<StoredResource> {
    return this.#read(selectUser, tenantId, id, options);
  }

  async #read(
    select: typeof selectUser,
    tenantId: string,
    id: string,
    options: UserReadOptions | undefined,
  ): Promise<StoredResource> {
    const [row] = (await select(this.context.db, { tenantId, id })).rows;
    if (!row) throw new NotFound(`User "${id}" not found`);
    const [stored] = await this.#withGroups(tenantId, [row], options);
    return stored!;
  }

  replace(
    tenantId: string,
    id: string,
    resource: ScimResource,
    options?: WriteOptions & UserReadOptions,
  ): Promise<StoredResource> {
    return inTransaction(this.context, async (trx) => {
      const users = this.#within(trx);
      const row = await users.#write(tenantId, id, resource, options?.ifVersion, undefined);
      const [stored] = await users.#withGroups(tenantId, [row], options);
      return stored!;
    });
  }

  update(
    tenantId: string,
    id: string,
    change: ResourceChange,
    options?: WriteOptions & UserReadOptions,
  ): Promise<StoredResource> {
    return inTransaction(this.context, async (trx) => {
      const users = this.#within(trx);
      const current = await users.#read(selectUserForUpdate, tenantId, id, options);
      USERS.assertVersion(current, options?.ifVersion);
      const next = await change(current);
      if (next === current.resource) return current;
      const row = await users.#write(tenantId, id, next, current.version, current.resource);
      // Memberships are not touched by a user write, so the groups read with `current` still hold.
      const { groups } = current.resource;
      return toStoredResource(row, 'User', groups === undefined ? {} : { groups });
    });
  }

  /**
   * Writes `resource` over the stored user (within the caller's transaction). Email rows are rewritten
   * only when they differ from `previous`'s (unknown previous: always).
   */
  async #write(
    tenantId: string,
    id: string,
    resource: ScimResource,
    ifVersion: number | undefined,
    previous: ScimResource | undefined,
  ): Promise<UsersTable> {
    const { db } = this.context;
    const columns = toUserColumns(resource);
    const lastModified = this.context.now();
    const wasInactive =
      previous === undefined ? await isInactive(db, tenantId, id) : previous.active === false;
    const row = await USERS.write(this.context, columns, { tenantId, id, ifVersion }, async () => {
      const { rows } = await updateUser(db, {
        ...columns,
        tenantId,
        id,
        lastModified,
        ifVersion: ifVersion ?? null,
      });
      return rows[0];
    });
    const emails = toEmailRows(resource);
    if (previous === undefined || !sameEmailRows(toEmailRows(previous), emails)) {
      await deleteEmails(db, { tenantId, userId: id });
      await insertEmails(db, tenantId, id, emails);
    }
    const type = row.active === 0 && !wasInactive ? 'user.deactivated' : 'user.updated';
    await appendEvents(this.context, db, tenantId, row.last_modified, [
      { type, resourceType: 'User', resourceId: id, data: { version: row.version } },
    ]);
    return row;
  }

  delete(tenantId: string, id: string, options?: WriteOptions): Promise<void> {
    return deleteResource(this.context, USER_STORAGE, tenantId, id, options?.ifVersion);
  }

  async list(tenantId: string, query: ListQuery, options?: UserReadOptions): Promise<ListPage> {
    const target = targetOf(this.context, USER_STORAGE, tenantId, query.registry);
    const page = await listRows(this.context.db, target, query);
    return { ...page, resources: await this.#withGroups(tenantId, page.rows, options) };
  }

  async #withGroups(
    tenantId: string,
    rows: readonly StoredRow[],
    options: UserReadOptions | undefined,
  ): Promise<StoredResource[]> {
    if (options?.groups === false) return rows.map((row) => toStoredResource(row, 'User', {}));
    const groups = await groupsOfMembers(
      this.context.db,
      tenantId,
      rows.map((row) => row.id),
    );
    return rows.map((row) => toStoredResource(row, 'User', { groups: groups.get(row.id) ?? [] }));
  }
}

/** Whether the stored user has `active: false`: what tells a deactivation from another update. */
async function isInactive(db: Kysely<Database>, tenantId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('active')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.active === 0;
}

async function insertEmails(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  emails: readonly EmailRow[],
): Promise<void> {
  for (const email of emails) await insertEmail(db, { tenant_id: tenantId, user_id: userId, ...email });
}

function sameEmailRows(left: readonly EmailRow[], right: readonly EmailRow[]): boolean {
  return (
    left.length === right.length &&
    left.every((row, i) => {
      const other = right[i]!;
      return (
        row.ordinal === other.ordinal &&
        row.value_key === other.value_key &&
        row.type_key === other.type_key &&
        row.is_primary === other.is_primary
      );
    })
  );
}
