/** The administrators repository. Only scrypt hashes are stored: the repository refuses anything else. */
import { InvalidValue, NotFound, Uniqueness } from '@provisio/scim-core';
import type { Selectable } from 'kysely';
import type { Admin, AdminRepository, NewAdmin } from '../contract.js';
import type { AdminsTable } from '../database.js';
import type { StoreContext } from '../store-context.js';
import { isPasswordHash } from '../users/password.js';

export function toAdmin(row: Selectable<AdminsTable>): Admin {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    mustChangePassword: row.must_change_password === 1,
    created: row.created,
  };
}

function checkPasswordHash(passwordHash: string): void {
  if (!isPasswordHash(passwordHash)) {
    throw new InvalidValue('an admin password must be stored as a hash (hashPassword), never as given');
  }
}

export class SqlAdminRepository implements AdminRepository {
  constructor(private readonly context: StoreContext) {}

  async create(input: NewAdmin): Promise<Admin> {
    checkPasswordHash(input.passwordHash);
    const row: AdminsTable = {
      id: this.context.newId(),
      username: input.username,
      password_hash: input.passwordHash,
      must_change_password: input.mustChangePassword === false ? 0 : 1,
      created: this.context.now(),
    };
    try {
      await this.context.db.insertInto('admins').values(row).execute();
    } catch (error) {
      if (this.context.dialect.isUniqueViolation(error, 'username')) {
        throw new Uniqueness(`admin username "${input.username}" is already in use`);
      }
      throw error;
    }
    return toAdmin(row);
  }

  async get(id: string): Promise<Admin> {
    const row = await this.context.db
      .selectFrom('admins')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFound(`admin "${id}" not found`);
    return toAdmin(row);
  }

  async findByUsername(username: string): Promise<Admin | undefined> {
    const row = await this.context.db
      .selectFrom('admins')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row && toAdmin(row);
  }

  async list(): Promise<readonly Admin[]> {
    const rows = await this.context.db.selectFrom('admins').selectAll().orderBy('username').execute();
    return rows.map(toAdmin);
  }

  async setPassword(id: string, passwordHash: string): Promise<Admin> {
    checkPasswordHash(passwordHash);
    const row = await this.context.db
      .updateTable('admins')
      .set({ password_hash: passwordHash, must_change_password: 0 })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new NotFound(`admin "${id}" not found`);
    return toAdmin(row);
  }
}
