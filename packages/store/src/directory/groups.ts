/** Groups: the shared object repository plus direct memberships, each change stamped on the group. */
import { InvalidValue, NotFound } from '@provisio/scim-core';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { StoreContext } from '../store-context.js';
import { chunk, inTransaction } from '../store-context.js';
import { isObjectId } from './attributes.js';
import type {
  DirectoryGroupRepository,
  DirectoryListOptions,
  DirectoryMember,
  DirectoryObject,
  DirectoryPage,
} from './contract.js';
import { GROUP_KIND, SqlDirectoryObjectRepository, pageSize, toObject, toPage } from './objects.js';
import { DEFAULT_DIRECTORY, nextSequence } from './sequence.js';

/** At most this many ids are named in an error message. */
const NAMED_IN_ERRORS = 10;

function named(ids: readonly string[]): string {
  const shown = ids.slice(0, NAMED_IN_ERRORS).map((id) => `"${id}"`);
  return ids.length > NAMED_IN_ERRORS
    ? `${shown.join(', ')} and ${ids.length - NAMED_IN_ERRORS} more`
    : shown.join(', ');
}

export class SqlDirectoryGroupRepository
  extends SqlDirectoryObjectRepository
  implements DirectoryGroupRepository
{
  constructor(context: StoreContext) {
    super(context, GROUP_KIND);
  }

  async addMembers(groupId: string, memberIds: readonly string[]): Promise<DirectoryObject> {
    const ids = [...new Set(memberIds.map((id) => id.toLowerCase()))];
    return inTransaction(this.context, async (db) => {
      const group = await this.readWritable(db, groupId);
      if (ids.includes(group.object_id)) throw new InvalidValue('a group cannot be its own member');
      const present = new Set(await this.membersAmong(db, group.object_id, ids));
      const added = ids.filter((id) => !present.has(id));
      if (added.length === 0) return toObject(group);
      const live = new Set<string>();
      for (const part of chunk(added.filter(isObjectId))) {
        const rows = await db
          .selectFrom('directory_objects')
          .select('object_id')
          .where('directory_id', '=', DEFAULT_DIRECTORY)
          .where('object_id', 'in', part)
          .where('lifecycle', '=', 'active')
          .execute();
        for (const row of rows) live.add(row.object_id);
      }
      const unknown = added.filter((id) => !live.has(id));
      if (unknown.length > 0) throw new InvalidValue(`no active user or group has the id ${named(unknown)}`);
      const sequence = await nextSequence(db);
      for (const part of chunk(added)) {
        await db
          .insertInto('directory_members')
          .values(
            part.map((member_id) => ({
              directory_id: DEFAULT_DIRECTORY,
              group_id: group.object_id,
              member_id,
            })),
          )
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      await this.stamp(db, [group.object_id], sequence);
      return toObject(await this.read(db, group.object_id));
    });
  }

  async removeMembers(groupId: string, memberIds: readonly string[]): Promise<DirectoryObject> {
    const ids = [...new Set(memberIds.map((id) => id.toLowerCase()))];
    return inTransaction(this.context, async (db) => {
      const group = await this.readWritable(db, groupId);
      const present = new Set(await this.membersAmong(db, group.object_id, ids));
      const absent = ids.filter((id) => !present.has(id));
      if (absent.length > 0) throw new NotFound(`${named(absent)} not a member of group "${groupId}"`);
      if (ids.length === 0) return toObject(group);
      const sequence = await nextSequence(db);
      for (const part of chunk(ids)) {
        await db
          .deleteFrom('directory_members')
          .where('directory_id', '=', DEFAULT_DIRECTORY)
          .where('group_id', '=', group.object_id)
          .where('member_id', 'in', part)
          .execute();
      }
      await this.stamp(db, [group.object_id], sequence);
      return toObject(await this.read(db, group.object_id));
    });
  }

  async listMembers(
    groupId: string,
    options: Pick<DirectoryListOptions, 'after' | 'limit'> = {},
  ): Promise<DirectoryPage<DirectoryMember>> {
    const limit = pageSize(options.limit);
    const group = await this.read(this.context.db, groupId);
    let query = this.context.db
      .selectFrom('directory_members as m')
      .innerJoin('directory_objects as o', (join) =>
        join.onRef('o.directory_id', '=', 'm.directory_id').onRef('o.object_id', '=', 'm.member_id'),
      )
      .select(['m.member_id', 'o.object_type'])
      .where('m.directory_id', '=', DEFAULT_DIRECTORY)
      .where('m.group_id', '=', group.object_id);
    if (options.after !== undefined) query = query.where('m.member_id', '>', options.after);
    const rows = await query
      .orderBy('m.member_id')
      .limit(limit + 1)
      .execute();
    return toPage(
      rows,
      limit,
      (row): DirectoryMember => ({ objectId: row.member_id, objectType: row.object_type }),
      (member) => member.objectId,
    );
  }

  async membersOf(groupIds: readonly string[]): Promise<ReadonlyMap<string, readonly DirectoryMember[]>> {
    const members = new Map<string, DirectoryMember[]>();
    for (const part of chunk(groupIds)) {
      const rows = await this.context.db
        .selectFrom('directory_members as m')
        .innerJoin('directory_objects as o', (join) =>
          join.onRef('o.directory_id', '=', 'm.directory_id').onRef('o.object_id', '=', 'm.member_id'),
        )
        .select(['m.group_id', 'm.member_id', 'o.object_type'])
        .where('m.directory_id', '=', DEFAULT_DIRECTORY)
        .where('m.group_id', 'in', part)
        .orderBy('m.group_id')
        .orderBy('m.member_id')
        .execute();
      for (const row of rows) {
        const member: DirectoryMember = { objectId: row.member_id, objectType: row.object_type };
        const list = members.get(row.group_id);
        if (list) list.push(member);
        else members.set(row.group_id, [member]);
      }
    }
    return members;
  }

  /** Which of `ids` are members of the group now. */
  private async membersAmong(
    db: Kysely<Database>,
    groupId: string,
    ids: readonly string[],
  ): Promise<string[]> {
    const found: string[] = [];
    for (const part of chunk(ids)) {
      const rows = await db
        .selectFrom('directory_members')
        .select('member_id')
        .where('directory_id', '=', DEFAULT_DIRECTORY)
        .where('group_id', '=', groupId)
        .where('member_id', 'in', part)
        .execute();
      found.push(...rows.map((row) => row.member_id));
    }
    return found;
  }
}
