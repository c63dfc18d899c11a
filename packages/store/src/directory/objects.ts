/**
 * Users and groups: one repository over `directory_objects`, told apart by {@link ObjectKind}. Every
 * change goes through {@link SqlDirectoryObjectRepository.change}, which takes the sequence and stamps it.
 */
import { InvalidValue, NotFound } from '@provisio/scim-core';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../database.js';
import { guardUniqueness } from '../resources/uniqueness.js';
import { type StoreContext, chunk, inTransaction } from '../store-context.js';
import { isObjectId, mergeAttributes, parseAttributes, requiredName } from './attributes.js';
import type {
  DirectoryAttributes,
  DirectoryListOptions,
  DirectoryObject,
  DirectoryObjectRepository,
  DirectoryPage,
  NewDirectoryObjectOptions,
} from './contract.js';
import { DEFAULT_DIRECTORY, nextSequence } from './sequence.js';
import type { DirectoryObjectType, DirectoryObjectsTable } from './tables.js';

export type ObjectRow = Selectable<DirectoryObjectsTable>;

export interface ObjectKind {
  readonly type: DirectoryObjectType;
  /** Unique per type, case-insensitive; what imports upsert by. */
  readonly nameAttribute: string;
  readonly noun: string;
  /** Attributes holding another object's id, with the type it must be (a user's `manager`). */
  readonly references: Readonly<Record<string, DirectoryObjectType>>;
}

export const USER_KIND: ObjectKind = {
  type: 'User',
  nameAttribute: 'userPrincipalName',
  noun: 'user',
  references: { manager: 'User' },
};

export const GROUP_KIND: ObjectKind = {
  type: 'Group',
  nameAttribute: 'displayName',
  noun: 'group',
  references: {},
};

export const MAX_PAGE_SIZE = 1000;

export function pageSize(limit: number | undefined): number {
  if (limit === undefined) return MAX_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1) throw new InvalidValue('a page size must be a positive integer');
  return Math.min(limit, MAX_PAGE_SIZE);
}

/** One more row than the page holds tells whether another page follows. */
export function toPage<Row, T>(
  rows: readonly Row[],
  limit: number,
  map: (row: Row) => T,
  idOf: (item: T) => string,
) {
  const items = rows.slice(0, limit).map(map);
  const last = items[items.length - 1];
  return rows.length > limit && last !== undefined ? { items, next: idOf(last) } : { items };
}

export function toObject(row: ObjectRow): DirectoryObject {
  return {
    objectId: row.object_id,
    attributes: parseAttributes(row.attributes),
    lifecycle: row.lifecycle,
    changeSequence: Number(row.change_sequence),
    created: row.created,
    lastModified: row.last_modified,
  };
}

/** The row changes a write makes, besides the stamp; undefined when the write changes nothing. */
type Plan = (current: ObjectRow) => Partial<DirectoryObjectsTable> | undefined;

/** Work that must share the write's sequence (memberships, assignments). */
type Cascade = (db: Kysely<Database>, sequence: number, current: ObjectRow) => Promise<void>;

export class SqlDirectoryObjectRepository implements DirectoryObjectRepository {
  constructor(
    protected readonly context: StoreContext,
    protected readonly kind: ObjectKind,
  ) {}

  async create(
    attributes: DirectoryAttributes,
    options: NewDirectoryObjectOptions = {},
  ): Promise<DirectoryObject> {
    const clean = mergeAttributes({}, this.normalize(attributes)) ?? {};
    const name = requiredName(clean, this.kind.nameAttribute);
    if (options.objectId !== undefined && !isObjectId(options.objectId)) {
      throw new InvalidValue(`objectId "${options.objectId}" is not a UUID`);
    }
    const objectId = options.objectId?.toLowerCase() ?? this.context.newId();
    return inTransaction(this.context, async (db) => {
      await this.checkReferences(db, objectId, clean);
      const now = this.context.now();
      const row: DirectoryObjectsTable = {
        directory_id: DEFAULT_DIRECTORY,
        object_id: objectId,
        object_type: this.kind.type,
        name,
        name_key: name.toLowerCase(),
        attributes: JSON.stringify(clean),
        lifecycle: 'active',
        change_sequence: await nextSequence(db),
        created: now,
        last_modified: now,
      };
      await guardUniqueness(
        this.context.dialect,
        'object_id',
        `objectId "${objectId}" is already in use`,
        () => this.guardName(name, () => db.insertInto('directory_objects').values(row).execute()),
      );
      return toObject(row);
    });
  }

  async get(objectId: string): Promise<DirectoryObject> {
    return toObject(await this.read(this.context.db, objectId));
  }

  async findByName(name: string): Promise<DirectoryObject | undefined> {
    const row = await this.context.db
      .selectFrom('directory_objects')
      .selectAll()
      .where('directory_id', '=', DEFAULT_DIRECTORY)
      .where('object_type', '=', this.kind.type)
      .where('name_key', '=', name.toLowerCase())
      .executeTakeFirst();
    return row && toObject(row);
  }

  async update(objectId: string, changes: DirectoryAttributes): Promise<DirectoryObject> {
    return this.change(objectId, (current) => {
      const merged = mergeAttributes(parseAttributes(current.attributes), this.normalize(changes));
      if (!merged) return undefined;
      const name = requiredName(merged, this.kind.nameAttribute);
      return { attributes: JSON.stringify(merged), name, name_key: name.toLowerCase() };
    });
  }

  async softDelete(objectId: string): Promise<DirectoryObject> {
    return this.change(objectId, (current) =>
      current.lifecycle === 'softDeleted' ? undefined : { lifecycle: 'softDeleted' },
    );
  }

  async restore(objectId: string): Promise<DirectoryObject> {
    return this.change(objectId, (current) =>
      current.lifecycle === 'active' ? undefined : { lifecycle: 'active' },
    );
  }

  async hardDelete(objectId: string): Promise<DirectoryObject> {
    return this.change(
      objectId,
      () => ({ lifecycle: 'hardDeleted', name_key: null }),
      async (db, sequence) => {
        const groups = await db
          .selectFrom('directory_members')
          .select('group_id')
          .where('directory_id', '=', DEFAULT_DIRECTORY)
          .where('member_id', '=', objectId)
          .execute();
        await db
          .deleteFrom('directory_members')
          .where('directory_id', '=', DEFAULT_DIRECTORY)
          .where((eb) => eb.or([eb('member_id', '=', objectId), eb('group_id', '=', objectId)]))
          .execute();
        await this.stamp(
          db,
          groups.map((row) => row.group_id),
          sequence,
        );
        await db
          .updateTable('directory_assignments')
          .set({ removed: 1, change_sequence: sequence })
          .where('directory_id', '=', DEFAULT_DIRECTORY)
          .where('principal_id', '=', objectId)
          .where('removed', '=', 0)
          .execute();
      },
    );
  }

  async list(options: DirectoryListOptions = {}): Promise<DirectoryPage<DirectoryObject>> {
    const limit = pageSize(options.limit);
    let query = this.context.db
      .selectFrom('directory_objects')
      .selectAll()
      .where('directory_id', '=', DEFAULT_DIRECTORY)
      .where('object_type', '=', this.kind.type);
    if (options.after !== undefined) query = query.where('object_id', '>', options.after);
    if (options.changedAfter !== undefined) query = query.where('change_sequence', '>', options.changedAfter);
    if (options.lifecycles !== undefined) {
      if (options.lifecycles.length === 0) return { items: [] };
      query = query.where('lifecycle', 'in', options.lifecycles);
    }
    const rows = await query
      .orderBy('object_id')
      .limit(limit + 1)
      .execute();
    return toPage(rows, limit, toObject, (item) => item.objectId);
  }

  /** The object's row (tombstones too); `NotFound` when there is none of this kind. */
  protected async read(db: Kysely<Database>, objectId: string): Promise<ObjectRow> {
    const row = isObjectId(objectId)
      ? await db
          .selectFrom('directory_objects')
          .selectAll()
          .where('directory_id', '=', DEFAULT_DIRECTORY)
          .where('object_id', '=', objectId.toLowerCase())
          .where('object_type', '=', this.kind.type)
          .executeTakeFirst()
      : undefined;
    if (!row) throw new NotFound(`there is no ${this.kind.noun} "${objectId}"`);
    return row;
  }

  /** {@link read} for a write: a tombstone is gone for good. */
  protected async readWritable(db: Kysely<Database>, objectId: string): Promise<ObjectRow> {
    const row = await this.read(db, objectId);
    if (row.lifecycle === 'hardDeleted') throw new NotFound(`${this.kind.noun} "${objectId}" was deleted`);
    return row;
  }

  /**
   * Runs one write: plans it on the current row, takes the next sequence, and stamps the row. The row is
   * read again once the sequence is taken: the sequence row's lock orders writers (on PostgreSQL too),
   * so the second read sees any write that committed meanwhile and none is lost.
   */
  protected async change(objectId: string, plan: Plan, cascade?: Cascade): Promise<DirectoryObject> {
    return inTransaction(this.context, async (db) => {
      const first = await this.readWritable(db, objectId);
      if (!plan(first)) return toObject(first);
      const sequence = await nextSequence(db);
      const current = await this.readWritable(db, objectId);
      const changes = plan(current);
      if (!changes) return toObject(current);
      if (changes.attributes !== undefined) {
        await this.checkReferences(db, current.object_id, parseAttributes(changes.attributes));
      }
      await cascade?.(db, sequence, current);
      const next: ObjectRow = {
        ...current,
        ...changes,
        change_sequence: sequence,
        last_modified: this.context.now(),
      };
      const { directory_id: _d, object_id: _o, ...columns } = next;
      await this.guardName(next.name, () =>
        db
          .updateTable('directory_objects')
          .set(columns)
          .where('directory_id', '=', DEFAULT_DIRECTORY)
          .where('object_id', '=', current.object_id)
          .execute(),
      );
      return toObject(next);
    });
  }

  /** Stamps other objects (groups that gained or lost a member) with the write's sequence. */
  protected async stamp(db: Kysely<Database>, objectIds: readonly string[], sequence: number): Promise<void> {
    const now = this.context.now();
    for (const ids of chunk(objectIds)) {
      await db
        .updateTable('directory_objects')
        .set({ change_sequence: sequence, last_modified: now })
        .where('directory_id', '=', DEFAULT_DIRECTORY)
        .where('object_id', 'in', ids)
        .execute();
    }
  }

  /** References are objectIds, which are stored lower-case. */
  private normalize(attributes: DirectoryAttributes): DirectoryAttributes {
    const references = Object.keys(this.kind.references).filter(
      (name) => typeof attributes[name] === 'string',
    );
    if (references.length === 0) return attributes;
    const normalized = { ...attributes };
    for (const name of references) normalized[name] = (attributes[name] as string).toLowerCase();
    return normalized;
  }

  /** Each reference attribute must name a live object of its type, other than the object itself. */
  private async checkReferences(
    db: Kysely<Database>,
    objectId: string,
    attributes: DirectoryAttributes,
  ): Promise<void> {
    for (const [attribute, type] of Object.entries(this.kind.references)) {
      const value = attributes[attribute];
      if (value === undefined) continue;
      if (typeof value !== 'string' || !isObjectId(value)) {
        throw new InvalidValue(`"${attribute}" must be the objectId of a ${type.toLowerCase()}`);
      }
      const target = value.toLowerCase();
      const found =
        target !== objectId &&
        (await db
          .selectFrom('directory_objects')
          .select('object_id')
          .where('directory_id', '=', DEFAULT_DIRECTORY)
          .where('object_id', '=', target)
          .where('object_type', '=', type)
          .where('lifecycle', '!=', 'hardDeleted')
          .executeTakeFirst());
      if (!found) {
        throw new InvalidValue(`"${attribute}" names "${value}", which is no ${type.toLowerCase()} here`);
      }
    }
  }

  private guardName<T>(name: string, write: () => Promise<T>): Promise<T> {
    return guardUniqueness(
      this.context.dialect,
      'name_key',
      `a ${this.kind.noun} with ${this.kind.nameAttribute} "${name}" already exists`,
      write,
    );
  }
}
