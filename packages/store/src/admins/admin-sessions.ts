/** Console sessions. Like tokens, only the SHA-256 of the cookie secret is stored, as the row's id. */
import type { Selectable } from 'kysely';
import type { Admin, AdminSession, AdminSessionRepository, NewAdminSession } from '../contract.js';
import type { AdminSessionsTable } from '../database.js';
import { preparedQuery } from '../prepared-query.js';
import type { StoreContext } from '../store-context.js';
import { toAdmin } from './admins.js';

function toSession(row: Selectable<AdminSessionsTable>): AdminSession {
  return {
    id: row.id,
    adminId: row.admin_id,
    created: row.created,
    lastSeen: row.last_seen,
    expires: row.expires,
  };
}

/** Every console request runs this first: the session and its admin by the (primary key) hash. */
const selectSessionWithAdmin = preparedQuery(['hash'], (db, { hash }: { hash: string }) =>
  db
    .selectFrom('admin_sessions')
    .innerJoin('admins', 'admins.id', 'admin_sessions.admin_id')
    .selectAll('admin_sessions')
    .select([
      'admins.username',
      'admins.password_hash',
      'admins.must_change_password',
      'admins.created as admin_created',
    ])
    .where('admin_sessions.id', '=', hash),
);

export class SqlAdminSessionRepository implements AdminSessionRepository {
  constructor(private readonly context: StoreContext) {}

  async create(adminId: string, input: NewAdminSession): Promise<AdminSession> {
    const now = this.context.now();
    const row: AdminSessionsTable = {
      id: input.hash.toLowerCase(),
      admin_id: adminId,
      created: now,
      last_seen: now,
      expires: input.expires,
    };
    await this.context.db.insertInto('admin_sessions').values(row).execute();
    return toSession(row);
  }

  async findWithAdmin(hash: string): Promise<{ session: AdminSession; admin: Admin } | undefined> {
    const [row] = (await selectSessionWithAdmin(this.context.db, { hash: hash.toLowerCase() })).rows;
    if (!row) return undefined;
    const { username, password_hash, must_change_password, admin_created } = row;
    return {
      session: toSession(row),
      admin: toAdmin({
        id: row.admin_id,
        username,
        password_hash,
        must_change_password,
        created: admin_created,
      }),
    };
  }

  async markSeen(id: string): Promise<void> {
    await this.context.db
      .updateTable('admin_sessions')
      .set({ last_seen: this.context.now() })
      .where('id', '=', id)
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.context.db.deleteFrom('admin_sessions').where('id', '=', id).execute();
  }

  async deleteForAdmin(adminId: string, keepId?: string): Promise<number> {
    const result = await this.context.db
      .deleteFrom('admin_sessions')
      .where('admin_id', '=', adminId)
      .$if(keepId !== undefined, (query) => query.where('id', '!=', keepId ?? ''))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deleteExpired(at: string): Promise<number> {
    const result = await this.context.db
      .deleteFrom('admin_sessions')
      .where('expires', '<', at)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
