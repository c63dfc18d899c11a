/**
 * The write flow Users and Groups share: a unique index that answers 409, versioned writes that answer 404
 * or 412 (RFC 7644 §3.14), the change event in the same transaction, and the read-back. Each repository
 * keeps its own statements (the user ones prepared for the hot path) and passes them in.
 */
import type { Kysely } from 'kysely';
import type { StoredResource } from '../contract.js';
import type { Database, ResourceColumns } from '../database.js';
import { type NewChangeEvent, appendEvents } from '../events/events.js';
import type { ResourceStorage } from '../scim/storage-map.js';
import { type StoreContext, inTransaction } from '../store-context.js';
import { throwMissing, versionMismatch } from './stored-resource.js';
import { guardUniqueness } from './uniqueness.js';

/** The columns a new resource's row gets from the store rather than from its body. */
type NewRowKeys = Pick<ResourceColumns, 'tenant_id' | 'id' | 'created' | 'last_modified' | 'version'>;

/** The steps of a create that differ between resource types, each run in the create's transaction. */
export interface CreateSteps {
  insert(db: Kysely<Database>): Promise<unknown>;
  /** Writes the rows kept beside the resource's own (emails, members), returning their events. */
  related(db: Kysely<Database>): Promise<readonly NewChangeEvent[]>;
  readBack(db: Kysely<Database>): Promise<StoredResource>;
}

/** The shared writes of one resource type, whose `Columns` come from its body. */
export class ResourceWrites<Columns extends object> {
  constructor(
    private readonly storage: ResourceStorage,
    /** The key column of the unique index that keeps one attribute unique per tenant. */
    private readonly uniqueColumn: string,
    /** The 409 detail when `columns` collide with another resource's on that index. */
    private readonly conflict: (columns: Columns) => string,
  ) {}

  /** A new resource's row: a fresh id, created now, at version 1. */
  newRow(context: StoreContext, tenantId: string, columns: Columns): Columns & NewRowKeys {
    const now = context.now();
    return {
      tenant_id: tenantId,
      id: context.newId(),
      ...columns,
      created: now,
      last_modified: now,
      version: 1,
    };
  }

  /**
   * RFC 7644 §3.3 create in one transaction: `insert` (the unique index decides 409 `uniqueness`), the
   * related rows, the `*.created` event before theirs, and the read-back.
   */
  create(context: StoreContext, row: Columns & NewRowKeys, steps: CreateSteps): Promise<StoredResource> {
    const { resourceType } = this.storage;
    const type = resourceType === 'User' ? 'user.created' : 'group.created';
    return inTransaction(context, async (trx) => {
      await this.#guard(context, row, () => steps.insert(trx));
      const related = await steps.related(trx);
      await appendEvents(context, trx, row.tenant_id, row.last_modified, [
        { type, resourceType, resourceId: row.id, data: { version: 1 } },
        ...related,
      ]);
      return steps.readBack(trx);
    });
  }

  /**
   * Runs `update`, a versioned UPDATE of the resource `id` to `columns` returning the row it changed (409
   * on the unique index). When it changed none, throws NotFound or PreconditionFailed, whichever holds.
   */
  async write<Row>(
    context: StoreContext,
    columns: Columns,
    { tenantId, id, ifVersion }: { tenantId: string; id: string; ifVersion: number | undefined },
    update: () => Promise<Row | undefined>,
  ): Promise<Row> {
    const row = await this.#guard(context, columns, update);
    const { table, resourceType } = this.storage;
    return row ?? throwMissing(context.db, table, resourceType, tenantId, id, ifVersion);
  }

  /** RFC 7644 §3.14: a write with `If-Match` that finds the resource at another version is refused (412). */
  assertVersion(current: StoredResource, ifVersion: number | undefined): void {
    if (ifVersion !== undefined && current.version !== ifVersion) {
      throw versionMismatch(this.storage.resourceType, current.id, current.version, ifVersion);
    }
  }

  #guard<T>(context: StoreContext, columns: Columns, write: () => Promise<T>): Promise<T> {
    return guardUniqueness(context.dialect, this.uniqueColumn, this.conflict(columns), write);
  }
}
