/**
 * App role assignments: a user or group given a role of an application. Removal keeps the row
 * (`removed`), stamped like any write, so an incremental cycle learns who lost access.
 */
import { InvalidValue, NotFound, Uniqueness } from '@provisio/scim-core';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../database.js';
import { type StoreContext, inTransaction } from '../store-context.js';
import { isObjectId } from './attributes.js';
import {
  type AssignmentListOptions,
  type AssignmentRepository,
  DEFAULT_ACCESS_ROLE_ID,
  type DirectoryAssignment,
  type NewAssignment,
} from './contract.js';
import { DEFAULT_DIRECTORY, nextSequence } from './sequence.js';
import type { DirectoryAssignmentsTable } from './tables.js';

type AssignmentRow = Selectable<DirectoryAssignmentsTable>;

function toAssignment(row: AssignmentRow): DirectoryAssignment {
  return {
    id: row.id,
    applicationId: row.application_id,
    appRoleId: row.app_role_id,
    principalId: row.principal_id,
    principalType: row.principal_type,
    removed: row.removed === 1,
    changeSequence: Number(row.change_sequence),
    created: row.created,
  };
}

export class SqlAssignmentRepository implements AssignmentRepository {
  constructor(private readonly context: StoreContext) {}

  async add(input: NewAssignment): Promise<DirectoryAssignment> {
    const appRoleId = input.appRoleId ?? DEFAULT_ACCESS_ROLE_ID;
    return inTransaction(this.context, async (db) => {
      const role = await db
        .selectFrom('directory_app_roles')
        .select('id')
        .where('directory_id', '=', DEFAULT_DIRECTORY)
        .where('application_id', '=', input.applicationId)
        .where('id', '=', appRoleId)
        .executeTakeFirst();
      if (!role) throw new NotFound(`application "${input.applicationId}" has no app role "${appRoleId}"`);
      const principal = isObjectId(input.principalId)
        ? await db
            .selectFrom('directory_objects')
            .select(['object_id', 'object_type'])
            .where('directory_id', '=', DEFAULT_DIRECTORY)
            .where('object_id', '=', input.principalId.toLowerCase())
            .where('lifecycle', '=', 'active')
            .executeTakeFirst()
        : undefined;
      if (!principal) throw new InvalidValue(`no active user or group has the id "${input.principalId}"`);
      const existing = await db
        .selectFrom('directory_assignments')
        .selectAll()
        .where('directory_id', '=', DEFAULT_DIRECTORY)
        .where('application_id', '=', input.applicationId)
        .where('app_role_id', '=', appRoleId)
        .where('principal_id', '=', principal.object_id)
        .executeTakeFirst();
      if (existing?.removed === 0) {
        throw new Uniqueness(
          `"${principal.object_id}" already has app role "${appRoleId}" (assignment "${existing.id}")`,
        );
      }
      const sequence = await nextSequence(db);
      if (existing) return this.setRemoved(db, existing, 0, sequence);
      const row: AssignmentRow = {
        directory_id: DEFAULT_DIRECTORY,
        id: this.context.newId(),
        application_id: input.applicationId,
        app_role_id: appRoleId,
        principal_id: principal.object_id,
        principal_type: principal.object_type,
        removed: 0,
        change_sequence: sequence,
        created: this.context.now(),
      };
      await db.insertInto('directory_assignments').values(row).execute();
      return toAssignment(row);
    });
  }

  async get(id: string): Promise<DirectoryAssignment> {
    return toAssignment(await this.read(this.context.db, id));
  }

  async remove(id: string): Promise<DirectoryAssignment> {
    return inTransaction(this.context, async (db) => {
      const row = await this.read(db, id);
      if (row.removed === 1) throw new NotFound(`assignment "${id}" was already removed`);
      return this.setRemoved(db, row, 1, await nextSequence(db));
    });
  }

  async list(options: AssignmentListOptions = {}): Promise<readonly DirectoryAssignment[]> {
    let query = this.context.db
      .selectFrom('directory_assignments')
      .selectAll()
      .where('directory_id', '=', DEFAULT_DIRECTORY);
    if (options.applicationId !== undefined)
      query = query.where('application_id', '=', options.applicationId);
    if (options.principalId !== undefined) {
      query = query.where('principal_id', '=', options.principalId.toLowerCase());
    }
    query =
      options.changedAfter === undefined
        ? query.where('removed', '=', 0)
        : query.where('change_sequence', '>', options.changedAfter);
    return (await query.orderBy('id').execute()).map(toAssignment);
  }

  private async read(db: Kysely<Database>, id: string): Promise<AssignmentRow> {
    const row = await db
      .selectFrom('directory_assignments')
      .selectAll()
      .where('directory_id', '=', DEFAULT_DIRECTORY)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFound(`there is no assignment "${id}"`);
    return row;
  }

  private async setRemoved(
    db: Kysely<Database>,
    row: AssignmentRow,
    removed: 0 | 1,
    sequence: number,
  ): Promise<DirectoryAssignment> {
    await db
      .updateTable('directory_assignments')
      .set({ removed, change_sequence: sequence })
      .where('directory_id', '=', DEFAULT_DIRECTORY)
      .where('id', '=', row.id)
      .execute();
    return toAssignment({ ...row, removed, change_sequence: sequence });
  }
}
