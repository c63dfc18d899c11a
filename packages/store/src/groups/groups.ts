/** The Groups repository: `groups` rows hold everything but `members`, which live in group_members. */
import { InvalidValue, type MembershipDelta, NotFound } from '@provisio/scim-core';
import { type Kysely, sql } from 'kysely';
import type {
  GroupReadOptions,
  GroupRepository,
  ListPage,
  ListQuery,
  MemberDeltaOptions,
  ResourceChange,
  ScimResource,
  StoredResource,
  WriteOptions,
} from '../contract.js';
import type { Database, GroupsTable } from '../database.js';
import { dialectOf } from '../dialect/dialect-of.js';
import { type NewChangeEvent, appendEvents, memberEvents } from '../events/events.js';
import { MemberChanges } from '../events/member-changes.js';
import { deleteResource } from '../resources/delete-resource.js';
import { targetOf } from '../resources/list-target.js';
import { ResourceWrites } from '../resources/resource-writes.js';
import {
  type StoredRow,
  resourceData,
  throwMissing,
  toStoredResource,
} from '../resources/stored-resource.js';
import { listRows } from '../scim/list-query.js';
import { GROUP_STORAGE } from '../scim/storage-map.js';
import { type StoreContext, inTransaction } from '../store-context.js';
import { planMemberDeltas } from './member-deltas.js';
import { insertMembers, memberTypes, membersOfGroups } from './memberships.js';

type GroupColumns = Pick<GroupsTable, 'display_name' | 'display_name_key' | 'external_id' | 'data'>;

const GROUPS = new ResourceWrites<GroupColumns>(
  GROUP_STORAGE,
  'display_name_key',
  (columns) => `displayName "${columns.display_name}" is already in use`,
);

function toGroupColumns(resource: ScimResource): GroupColumns {
  const displayName = resource.displayName;
  if (typeof displayName !== 'string' || displayName === '') {
    throw new InvalidValue('displayName is required (RFC 7643 §4.2)');
  }
  return {
    display_name: displayName,
    display_name_key: displayName.toLowerCase(),
    external_id:
      typeof resource.externalId === 'string' && resource.externalId !== '' ? resource.externalId : null,
    data: resourceData(resource, ['members']),
  };
}

/** The event of a write to the group's own columns: a rename, or another update. */
function groupWritten(row: GroupsTable, previousName: string): NewChangeEvent {
  const { id, version, display_name: displayName } = row;
  return displayName === previousName
    ? { type: 'group.updated', resourceType: 'Group', resourceId: id, data: { version } }
    : { type: 'group.renamed', resourceType: 'Group', resourceId: id, data: { version, displayName } };
}

/** The member ids a resource body lists (`members[].value`), lower-cased and deduplicated. */
function memberValuesOf(resource: ScimResource): string[] {
  const members = Array.isArray(resource.members) ? resource.members : [];
  const values = members.map((member: unknown) =>
    typeof member === 'object' && member !== null ? (member as { value?: unknown }).value : undefined,
  );
  const bad = values.find((value) => typeof value !== 'string' || value === '');
  if (bad !== undefined) throw new InvalidValue('members: every member needs a "value" (the member\'s id)');
  return [...new Set((values as string[]).map((value) => value.toLowerCase()))];
}

export class SqlGroupRepository implements GroupRepository {
  constructor(private readonly context: StoreContext) {}

  #within(db: Kysely<Database>): SqlGroupRepository {
    return new SqlGroupRepository({ ...this.context, db });
  }

  async create(tenantId: string, resource: ScimResource): Promise<StoredResource> {
    const row: GroupsTable = GROUPS.newRow(this.context, tenantId, toGroupColumns(resource));
    const values = memberValuesOf(resource);
    let types: Awaited<ReturnType<typeof memberTypes>>;
    return GROUPS.create(this.context, row, {
      async insert(trx) {
        // Members are checked first: an unknown member fails the create before its name is looked at.
        types = await memberTypes(trx, tenantId, undefined, values);
        await trx.insertInto('groups').values(row).execute();
      },
      async related(trx) {
        const changes = new MemberChanges();
        changes.added(await insertMembers(trx, tenantId, row.id, types));
        return memberEvents(row.id, 1, changes);
      },
      readBack: async (trx) => {
        const [stored] = await this.#within(trx).#withMembers(tenantId, [row], undefined);
        return stored!;
      },
    });
  }

  get(tenantId: string, id: string, options?: GroupReadOptions): Promise<StoredResource> {
    return this.#read(tenantId, id, options, false);
  }

  /**
   * With `lock`, the row stays locked until the transaction ends (PostgreSQL; SQLite's write transactions
   * are serial already), so a concurrent PATCH waits instead of failing its versioned write.
   */
  async #read(
    tenantId: string,
    id: string,
    options: GroupReadOptions | undefined,
    lock: boolean,
  ): Promise<StoredResource> {
    const { db } = this.context;
    const row = await db
      .selectFrom('groups')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .$if(lock && dialectOf(db) === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (!row) throw new NotFound(`Group "${id}" not found`);
    const [stored] = await this.#withMembers(tenantId, [row], options);
    return stored!;
  }

  /** PUT: `members` in the body replace all memberships (none listed: the group is emptied). */
  replace(
    tenantId: string,
    id: string,
    resource: ScimResource,
    options?: WriteOptions & GroupReadOptions,
  ): Promise<StoredResource> {
    return inTransaction(this.context, async (trx) => {
      const types = await memberTypes(trx, tenantId, id, memberValuesOf(resource));
      const previous = await trx
        .selectFrom('groups')
        .select('display_name')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      const row = await this.#within(trx).#write(tenantId, id, resource, options?.ifVersion);
      const changes = new MemberChanges();
      const removed = await trx
        .deleteFrom('group_members')
        .where('tenant_id', '=', tenantId)
        .where('group_id', '=', id)
        .returning('member_id')
        .execute();
      changes.removed(removed.map((member) => member.member_id));
      changes.added(await insertMembers(trx, tenantId, id, types));
      // #write has thrown NotFound unless the group (and so `previous`) exists.
      await appendEvents(this.context, trx, tenantId, row.last_modified, [
        groupWritten(row, previous!.display_name),
        ...memberEvents(id, row.version, changes),
      ]);
      const [stored] = await this.#within(trx).#withMembers(tenantId, [row], options);
      return stored!;
    });
  }

  /**
   * PATCH of everything but membership: `change` gets the group without `members`, and `members` in its
   * result are ignored — membership changes go through {@link applyMemberDeltas}.
   */
  update(
    tenantId: string,
    id: string,
    change: ResourceChange,
    options?: WriteOptions & GroupReadOptions,
  ): Promise<StoredResource> {
    return inTransaction(this.context, async (trx) => {
      const groups = this.#within(trx);
      const current = await groups.#read(tenantId, id, { members: false }, true);
      GROUPS.assertVersion(current, options?.ifVersion);
      const next = await change(current);
      if (next === current.resource)
        return options?.members === false ? current : groups.get(tenantId, id, options);
      const row = await groups.#write(tenantId, id, next, current.version);
      await appendEvents(this.context, trx, tenantId, row.last_modified, [
        groupWritten(row, current.resource.displayName as string),
      ]);
      const [stored] = await groups.#withMembers(tenantId, [row], options);
      return stored!;
    });
  }

  delete(tenantId: string, id: string, options?: WriteOptions): Promise<void> {
    return deleteResource(this.context, GROUP_STORAGE, tenantId, id, options?.ifVersion);
  }

  async list(tenantId: string, query: ListQuery, options?: GroupReadOptions): Promise<ListPage> {
    const target = targetOf(this.context, GROUP_STORAGE, tenantId, query.registry);
    const page = await listRows(this.context.db, target, query);
    return { ...page, resources: await this.#withMembers(tenantId, page.rows, options) };
  }

  applyMemberDeltas(
    tenantId: string,
    groupId: string,
    deltas: readonly MembershipDelta[],
    options?: MemberDeltaOptions,
  ): Promise<StoredResource> {
    const target = targetOf(this.context, GROUP_STORAGE, tenantId, undefined);
    const plan = planMemberDeltas(deltas, target, options?.ignoreUnmatchedRemove ?? false);
    return inTransaction(this.context, async (trx) => {
      // Every check comes before the first write, so a rejected request changes nothing.
      const types = await memberTypes(trx, tenantId, groupId, plan.added);
      const row = await trx
        .updateTable('groups')
        .set({ version: sql`version + 1`, last_modified: this.context.now() })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', groupId)
        .$if(options?.ifVersion !== undefined, (q) => q.where('version', '=', options!.ifVersion!))
        .returningAll()
        .executeTakeFirst();
      if (!row) return throwMissing(trx, 'groups', 'Group', tenantId, groupId, options?.ifVersion);
      const changes = new MemberChanges();
      for (const step of plan.steps) await step(trx, tenantId, groupId, types, changes);
      await appendEvents(
        this.context,
        trx,
        tenantId,
        row.last_modified,
        memberEvents(groupId, row.version, changes),
      );
      return toStoredResource(row, 'Group', {});
    });
  }

  /** Writes the group's own columns, bumping version; throws NotFound / PreconditionFailed. */
  async #write(
    tenantId: string,
    id: string,
    resource: ScimResource,
    ifVersion: number | undefined,
  ): Promise<GroupsTable> {
    const columns = toGroupColumns(resource);
    return GROUPS.write(this.context, columns, { tenantId, id, ifVersion }, () =>
      this.context.db
        .updateTable('groups')
        .set({ ...columns, last_modified: this.context.now(), version: sql`version + 1` })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .$if(ifVersion !== undefined, (q) => q.where('version', '=', ifVersion!))
        .returningAll()
        .executeTakeFirst(),
    );
  }

  async #withMembers(
    tenantId: string,
    rows: readonly StoredRow[],
    options: GroupReadOptions | undefined,
  ): Promise<StoredResource[]> {
    if (options?.members === false) return rows.map((row) => toStoredResource(row, 'Group', {}));
    const members = await membersOfGroups(
      this.context.db,
      tenantId,
      rows.map((row) => row.id),
    );
    return rows.map((row) => toStoredResource(row, 'Group', { members: members.get(row.id) ?? [] }));
  }
}
