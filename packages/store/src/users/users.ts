/** The Users repository: one `users` row (+ `user_emails` rows) per User; `groups` derived on read. */
import { NotFound, Uniqueness } from '@provisio/scim-core';
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
import type { Database, UsersTable } from '../database.js';
import { groupsOfMembers, removeFromAllGroups } from '../groups/memberships.js';
import { targetOf } from '../resources/list-target.js';
import { throwMissing, toStoredResource, versionMismatch } from '../resources/stored-resource.js';
import { listRows } from '../scim/list-query.js';
import { USER_STORAGE } from '../scim/storage-map.js';
import { type StoreContext, chunk, inTransaction } from '../store-context.js';
import { type EmailRow, type UserColumns, toEmailRows, toUserColumns } from './user-row.js';

export class SqlUserRepository implements UserRepository {
  constructor(private readonly context: StoreContext) {}

  #within(db: Kysely<Database>): SqlUserRepository {
    return new SqlUserRepository({ ...this.context, db });
  }

  async create(tenantId: string, resource: ScimResource): Promise<StoredResource> {
    const columns = toUserColumns(resource);
    const now = this.context.now();
    const row: UsersTable = {
      tenant_id: tenantId,
      id: this.context.newId(),
      ...columns,
      created: now,
      last_modified: now,
      version: 1,
    };
    return inTransaction(this.context.db, async (trx) => {
      await this.#guardUniqueness(columns, () => trx.insertInto('users').values(row).execute());
      await insertEmails(trx, tenantId, row.id, toEmailRows(resource));
      return toStoredResource(row, 'User', { groups: [] });
    });
  }

  async get(tenantId: string, id: string, options?: UserReadOptions): Promise<StoredResource> {
    const row = await this.context.db
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
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
    const columns = toUserColumns(resource);
    return inTransaction(this.context.db, async (trx) => {
      const row = await this.#guardUniqueness(columns, () =>
        trx
          .updateTable('users')
          .set({ ...columns, last_modified: this.context.now(), version: sql`version + 1` })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .$if(options?.ifVersion !== undefined, (q) => q.where('version', '=', options!.ifVersion!))
          .returningAll()
          .executeTakeFirst(),
      );
      if (!row) return throwMissing(trx, 'users', 'User', tenantId, id, options?.ifVersion);
      await trx
        .deleteFrom('user_emails')
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', id)
        .execute();
      await insertEmails(trx, tenantId, id, toEmailRows(resource));
      const [stored] = await this.#within(trx).#withGroups(tenantId, [row], options);
      return stored!;
    });
  }

  update(
    tenantId: string,
    id: string,
    change: ResourceChange,
    options?: WriteOptions & UserReadOptions,
  ): Promise<StoredResource> {
    return inTransaction(this.context.db, async (trx) => {
      const users = this.#within(trx);
      const current = await users.get(tenantId, id, options);
      if (options?.ifVersion !== undefined && current.version !== options.ifVersion) {
        throw versionMismatch('User', id, current.version, options.ifVersion);
      }
      const next = await change(current);
      if (next === current.resource) return current;
      return users.replace(tenantId, id, next, { ...options, ifVersion: current.version });
    });
  }

  delete(tenantId: string, id: string, options?: WriteOptions): Promise<void> {
    return inTransaction(this.context.db, async (trx) => {
      const deleted = await trx
        .deleteFrom('users')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .$if(options?.ifVersion !== undefined, (q) => q.where('version', '=', options!.ifVersion!))
        .returning('id')
        .executeTakeFirst();
      if (!deleted) return throwMissing(trx, 'users', 'User', tenantId, id, options?.ifVersion);
      await removeFromAllGroups(trx, tenantId, id, this.context.now());
    });
  }

  async list(tenantId: string, query: ListQuery, options?: UserReadOptions): Promise<ListPage> {
    const target = targetOf(this.context, USER_STORAGE, tenantId, query.registry);
    const page = await listRows<UsersTable>(this.context.db, target, query);
    return { ...page, resources: await this.#withGroups(tenantId, page.rows, options) };
  }

  async #withGroups(
    tenantId: string,
    rows: readonly UsersTable[],
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

  /** userName is unique per tenant, case-insensitively (RFC 7643 §4.1.1 `uniqueness: server`). */
  async #guardUniqueness<T>(columns: UserColumns, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (this.context.dialect.isUniqueViolation(error, 'user_name_key')) {
        throw new Uniqueness(`userName "${columns.user_name}" is already in use`);
      }
      throw error;
    }
  }
}

async function insertEmails(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  emails: readonly EmailRow[],
): Promise<void> {
  for (const batch of chunk(emails, 100)) {
    await db
      .insertInto('user_emails')
      .values(batch.map((email) => ({ tenant_id: tenantId, user_id: userId, ...email })))
      .execute();
  }
}
