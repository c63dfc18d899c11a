/**
 * The change feed's table: appended by the repositories inside each write's transaction, read by
 * sequence. Taking a number upserts the per-tenant counter row, which holds the tenant's other writers in
 * line until commit: sequence numbers therefore commit in order and without gaps. On PostgreSQL (READ
 * COMMITTED) the next writer's upsert waits on the row lock, which is released only once the commit is
 * visible to new snapshots, and then increments the committed value; so a reader that sees number n sees
 * every number below it, and a rollback frees its numbers for the next writer.
 */
import { InternalError } from '@provisio/scim-core';
import { type Kysely, sql } from 'kysely';
import type { Database, EventsTable } from '../database.js';
import { preparedQuery } from '../prepared-query.js';
import type { StoreContext } from '../store-context.js';
import type { ChangeEvent, ChangeEventData, ChangeEventType, EventRepository } from './event-contract.js';
import type { EventSignal } from './event-signal.js';
import type { MemberChanges } from './member-changes.js';

/** An event as a repository appends it: the store numbers and timestamps it. */
export interface NewChangeEvent {
  readonly type: ChangeEventType;
  readonly resourceType: 'User' | 'Group';
  readonly resourceId: string;
  readonly data: ChangeEventData;
}

/** Takes the tenant's next sequence number, creating its counter with the first event. */
const takeSequence = preparedQuery(['tenantId'], (db, { tenantId }: { tenantId: string }) =>
  db
    .insertInto('tenant_event_sequences')
    .values({ tenant_id: tenantId, last_seq: 1 })
    .onConflict((conflict) =>
      conflict.column('tenant_id').doUpdateSet({ last_seq: sql`tenant_event_sequences.last_seq + 1` }),
    )
    .returning('last_seq'),
);

const insertEvent = preparedQuery(
  ['tenant_id', 'seq', 'time', 'type', 'resource_type', 'resource_id', 'data'],
  (db, row: EventsTable) => db.insertInto('events').values(row),
);

/**
 * Appends events to the tenant's feed within the transaction `db` of the change they describe, stamped
 * with that change's time (the resource's new `lastModified`).
 */
export async function appendEvents(
  context: StoreContext,
  db: Kysely<Database>,
  tenantId: string,
  time: string,
  events: readonly NewChangeEvent[],
): Promise<void> {
  // Outside a transaction the event could commit without its change, or the change without its event.
  if (!db.isTransaction) throw new InternalError('a change event must be appended in its write transaction');
  if (events.length === 0) return;
  for (const event of events) {
    const [counter] = (await takeSequence(db, { tenantId })).rows;
    await insertEvent(db, {
      tenant_id: tenantId,
      // PostgreSQL returns bigint as text.
      seq: Number(counter!.last_seq),
      time,
      type: event.type,
      resource_type: event.resourceType,
      resource_id: event.resourceId,
      data: JSON.stringify(event.data),
    });
  }
  await context.eventSignal?.announce(db, tenantId);
}

/** `group.member_added` / `group.member_removed` for the net change of one write, if any. */
export function memberEvents(groupId: string, version: number, changes: MemberChanges): NewChangeEvent[] {
  const events: NewChangeEvent[] = [];
  for (const [kind, type] of [
    ['added', 'group.member_added'],
    ['removed', 'group.member_removed'],
  ] as const) {
    const members = changes.ids(kind);
    if (members.length > 0) {
      events.push({ type, resourceType: 'Group', resourceId: groupId, data: { version, members } });
    }
  }
  return events;
}

function toChangeEvent(row: EventsTable): ChangeEvent {
  return {
    tenantId: row.tenant_id,
    seq: Number(row.seq),
    time: row.time,
    type: row.type as ChangeEventType,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    data: JSON.parse(row.data) as ChangeEventData,
  };
}

export class SqlEventRepository implements EventRepository {
  constructor(private readonly context: StoreContext) {}

  async list(tenantId: string, after: number, limit: number): Promise<readonly ChangeEvent[]> {
    const rows = await this.context.db
      .selectFrom('events')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(toChangeEvent);
  }

  async latest(tenantId: string): Promise<number> {
    const row = await this.context.db
      .selectFrom('tenant_event_sequences')
      .select('last_seq')
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    return row === undefined ? 0 : Number(row.last_seq);
  }

  watch(tenantId: string, listener: () => void): () => void {
    return this.#signal().watch(tenantId, listener);
  }

  watchAll(listener: () => void): () => void {
    return this.#signal().watchAll(listener);
  }

  #signal(): EventSignal {
    const signal = this.context.eventSignal;
    if (!signal) throw new InternalError('this store has no event signal to watch');
    return signal;
  }
}
