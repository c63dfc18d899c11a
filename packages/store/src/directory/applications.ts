/** Applications and their app roles. Every application has exactly one Default Access role (Entra A9). */
import { InvalidValue, NotFound } from '@provisio/scim-core';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../database.js';
import { guardUniqueness } from '../resources/uniqueness.js';
import { type StoreContext, inTransaction } from '../store-context.js';
import {
  type ApplicationRepository,
  DEFAULT_ACCESS_ROLE_ID,
  type DirectoryAppRole,
  type DirectoryApplication,
  type NewAppRole,
} from './contract.js';
import { DEFAULT_DIRECTORY, nextSequence } from './sequence.js';
import type { DirectoryAppRolesTable, DirectoryApplicationsTable } from './tables.js';

type RoleRow = Selectable<DirectoryAppRolesTable>;

function toRole(row: RoleRow): DirectoryAppRole {
  return {
    id: row.id,
    value: row.value,
    displayName: row.display_name,
    isDefaultAccess: row.is_default_access === 1,
  };
}

/** Default Access first, then by value. */
function byRoleOrder(a: RoleRow, b: RoleRow): number {
  return b.is_default_access - a.is_default_access || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}

function checkName(name: string): string {
  if (name.trim() === '') throw new InvalidValue('an application needs a non-empty name');
  return name;
}

function checkRole(role: Partial<NewAppRole>): void {
  if (role.value !== undefined && role.value.trim() === '') {
    throw new InvalidValue('an app role needs a non-empty value');
  }
}

export class SqlApplicationRepository implements ApplicationRepository {
  constructor(private readonly context: StoreContext) {}

  async create(input: {
    readonly name: string;
    readonly appRoles?: readonly NewAppRole[];
  }): Promise<DirectoryApplication> {
    const name = checkName(input.name);
    for (const role of input.appRoles ?? []) checkRole(role);
    return inTransaction(this.context, async (db) => {
      const application: DirectoryApplicationsTable = {
        directory_id: DEFAULT_DIRECTORY,
        id: this.context.newId(),
        name,
        name_key: name.toLowerCase(),
        created: this.context.now(),
      };
      await this.guardName(name, () => db.insertInto('directory_applications').values(application).execute());
      await db
        .insertInto('directory_app_roles')
        .values({
          directory_id: DEFAULT_DIRECTORY,
          application_id: application.id,
          id: DEFAULT_ACCESS_ROLE_ID,
          // Entra's Default Access role has no value; '' keeps the column NOT NULL and unique per app.
          value: '',
          display_name: 'Default Access',
          is_default_access: 1,
        })
        .execute();
      for (const role of input.appRoles ?? []) await this.insertRole(db, application.id, role);
      return this.read(db, application.id);
    });
  }

  get(id: string): Promise<DirectoryApplication> {
    return this.read(this.context.db, id);
  }

  async list(): Promise<readonly DirectoryApplication[]> {
    const applications = await this.context.db
      .selectFrom('directory_applications')
      .selectAll()
      .where('directory_id', '=', DEFAULT_DIRECTORY)
      .orderBy('name_key')
      .execute();
    const roles = await this.context.db
      .selectFrom('directory_app_roles')
      .selectAll()
      .where('directory_id', '=', DEFAULT_DIRECTORY)
      .execute();
    return applications.map((application) =>
      this.toApplication(
        application,
        roles.filter((role) => role.application_id === application.id),
      ),
    );
  }

  async rename(id: string, name: string): Promise<DirectoryApplication> {
    checkName(name);
    return inTransaction(this.context, async (db) => {
      const updated = await this.guardName(name, () =>
        db
          .updateTable('directory_applications')
          .set({ name, name_key: name.toLowerCase() })
          .where('directory_id', '=', DEFAULT_DIRECTORY)
          .where('id', '=', id)
          .executeTakeFirst(),
      );
      if (updated.numUpdatedRows === 0n) throw this.notFound(id);
      return this.read(db, id);
    });
  }

  async delete(id: string): Promise<void> {
    const deleted = await this.context.db
      .deleteFrom('directory_applications')
      .where('directory_id', '=', DEFAULT_DIRECTORY)
      .where('id', '=', id)
      .executeTakeFirst();
    if (deleted.numDeletedRows === 0n) throw this.notFound(id);
  }

  async addRole(applicationId: string, role: NewAppRole): Promise<DirectoryAppRole> {
    checkRole(role);
    return inTransaction(this.context, async (db) => {
      await this.read(db, applicationId);
      return this.insertRole(db, applicationId, role);
    });
  }

  async updateRole(
    applicationId: string,
    roleId: string,
    changes: Partial<NewAppRole>,
  ): Promise<DirectoryAppRole> {
    checkRole(changes);
    return inTransaction(this.context, async (db) => {
      const current = await this.readChangeableRole(db, applicationId, roleId);
      const next: RoleRow = {
        ...current,
        ...(changes.value === undefined ? {} : { value: changes.value }),
        ...(changes.displayName === undefined ? {} : { display_name: changes.displayName }),
      };
      await this.guardValue(next.value, () =>
        db
          .updateTable('directory_app_roles')
          .set({ value: next.value, display_name: next.display_name })
          .where('directory_id', '=', DEFAULT_DIRECTORY)
          .where('application_id', '=', applicationId)
          .where('id', '=', current.id)
          .execute(),
      );
      return toRole(next);
    });
  }

  async removeRole(applicationId: string, roleId: string): Promise<void> {
    return inTransaction(this.context, async (db) => {
      const role = await this.readChangeableRole(db, applicationId, roleId);
      const assigned = await db
        .selectFrom('directory_assignments')
        .select('id')
        .where('directory_id', '=', DEFAULT_DIRECTORY)
        .where('application_id', '=', applicationId)
        .where('app_role_id', '=', role.id)
        .where('removed', '=', 0)
        .executeTakeFirst();
      if (assigned) {
        const sequence = await nextSequence(db);
        await db
          .updateTable('directory_assignments')
          .set({ removed: 1, change_sequence: sequence })
          .where('directory_id', '=', DEFAULT_DIRECTORY)
          .where('application_id', '=', applicationId)
          .where('app_role_id', '=', role.id)
          .where('removed', '=', 0)
          .execute();
      }
      await db
        .deleteFrom('directory_app_roles')
        .where('directory_id', '=', DEFAULT_DIRECTORY)
        .where('application_id', '=', applicationId)
        .where('id', '=', role.id)
        .execute();
    });
  }

  private async insertRole(
    db: Kysely<Database>,
    applicationId: string,
    role: NewAppRole,
  ): Promise<DirectoryAppRole> {
    const row: RoleRow = {
      directory_id: DEFAULT_DIRECTORY,
      application_id: applicationId,
      id: this.context.newId(),
      value: role.value,
      display_name: role.displayName ?? role.value,
      is_default_access: 0,
    };
    await this.guardValue(role.value, () => db.insertInto('directory_app_roles').values(row).execute());
    return toRole(row);
  }

  private async readChangeableRole(
    db: Kysely<Database>,
    applicationId: string,
    roleId: string,
  ): Promise<RoleRow> {
    const row = await db
      .selectFrom('directory_app_roles')
      .selectAll()
      .where('directory_id', '=', DEFAULT_DIRECTORY)
      .where('application_id', '=', applicationId)
      .where('id', '=', roleId)
      .executeTakeFirst();
    if (!row) throw new NotFound(`application "${applicationId}" has no app role "${roleId}"`);
    if (row.is_default_access === 1)
      throw new InvalidValue('the Default Access role cannot be changed or removed');
    return row;
  }

  private async read(db: Kysely<Database>, id: string): Promise<DirectoryApplication> {
    const application = await db
      .selectFrom('directory_applications')
      .selectAll()
      .where('directory_id', '=', DEFAULT_DIRECTORY)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!application) throw this.notFound(id);
    const roles = await db
      .selectFrom('directory_app_roles')
      .selectAll()
      .where('directory_id', '=', DEFAULT_DIRECTORY)
      .where('application_id', '=', id)
      .execute();
    return this.toApplication(application, roles);
  }

  private toApplication(row: Selectable<DirectoryApplicationsTable>, roles: RoleRow[]): DirectoryApplication {
    return {
      id: row.id,
      name: row.name,
      appRoles: roles.sort(byRoleOrder).map(toRole),
      created: row.created,
    };
  }

  private notFound(id: string): NotFound {
    return new NotFound(`there is no application "${id}"`);
  }

  private guardName<T>(name: string, write: () => Promise<T>): Promise<T> {
    return guardUniqueness(
      this.context.dialect,
      'name_key',
      `an application named "${name}" already exists`,
      write,
    );
  }

  private guardValue<T>(value: string, write: () => Promise<T>): Promise<T> {
    return guardUniqueness(
      this.context.dialect,
      'value',
      `the application already has an app role "${value}"`,
      write,
    );
  }
}
