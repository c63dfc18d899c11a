/** The activity log repository: batched inserts, keyset pages newest first, pruning by age. */
import { InvalidCursor } from '@provisio/scim-core';
import type { Selectable } from 'kysely';
import { type StoreContext, chunk, inTransaction } from '../store-context.js';
import type {
  ActivityEntry,
  ActivityLogRepository,
  ActivityPage,
  ActivityQuery,
  NewActivityEntry,
} from './activity-contract.js';
import type { ActivityLogTable } from './tables.js';

function toEntry(row: Selectable<ActivityLogTable>): ActivityEntry {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    time: row.time,
    ...(row.token_id === null ? {} : { tokenId: row.token_id }),
    method: row.method,
    path: row.path,
    ...(row.resource_id === null ? {} : { resourceId: row.resource_id }),
    status: row.status,
    ...(row.scim_type === null ? {} : { scimType: row.scim_type }),
    durationMs: row.duration_ms,
    ...(row.client_ip === null ? {} : { clientIp: row.client_ip }),
  };
}

interface Boundary {
  readonly time: string;
  readonly id: string;
}

function encodeBoundary({ time, id }: Boundary): string {
  return Buffer.from(JSON.stringify([time, id])).toString('base64url');
}

function decodeBoundary(cursor: string): Boundary {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 2 ||
    !decoded.every((part: unknown) => typeof part === 'string')
  ) {
    throw new InvalidCursor('the cursor is not one this activity log issued');
  }
  const [time, id] = decoded as [string, string];
  return { time, id };
}

/** Eleven columns per row: well under SQLite's bound-parameter limit in chunks of 80. */
const ROWS_PER_INSERT = 80;

export class SqlActivityLogRepository implements ActivityLogRepository {
  constructor(private readonly context: StoreContext) {}

  async record(entries: readonly NewActivityEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows: ActivityLogTable[] = entries.map((entry) => ({
      id: this.context.newId(),
      tenant_id: entry.tenantId,
      time: entry.time,
      token_id: entry.tokenId ?? null,
      method: entry.method,
      path: entry.path,
      resource_id: entry.resourceId ?? null,
      status: entry.status,
      scim_type: entry.scimType ?? null,
      duration_ms: entry.durationMs,
      client_ip: entry.clientIp ?? null,
    }));
    await inTransaction(this.context, async (trx) => {
      for (const part of chunk(rows, ROWS_PER_INSERT)) {
        await trx.insertInto('activity_log').values(part).execute();
      }
    });
  }

  async list(tenantId: string, query: ActivityQuery): Promise<ActivityPage> {
    const after = query.cursor === undefined ? undefined : decodeBoundary(query.cursor);
    let select = this.context.db.selectFrom('activity_log').selectAll().where('tenant_id', '=', tenantId);
    if (query.method !== undefined) select = select.where('method', '=', query.method.toUpperCase());
    if (query.status !== undefined) select = select.where('status', '=', query.status);
    if (query.since !== undefined) select = select.where('time', '>=', query.since);
    if (query.until !== undefined) select = select.where('time', '<', query.until);
    if (query.tokenId !== undefined) select = select.where('token_id', '=', query.tokenId);
    if (query.resourceId !== undefined) select = select.where('resource_id', '=', query.resourceId);
    if (after) {
      select = select.where((eb) =>
        eb.or([eb('time', '<', after.time), eb.and([eb('time', '=', after.time), eb('id', '<', after.id)])]),
      );
    }
    // One row more than asked tells whether another page follows without counting.
    const rows = await select
      .orderBy('time', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit + 1)
      .execute();
    const page = rows.slice(0, query.limit).map(toEntry);
    const last = page[page.length - 1];
    return {
      entries: page,
      ...(rows.length > query.limit && last ? { nextCursor: encodeBoundary(last) } : {}),
    };
  }

  async prune(before: string): Promise<number> {
    // Tenant by tenant, so each delete is a range of the primary key rather than a scan of the table.
    const tenants = await this.context.db.selectFrom('tenants').select('id').execute();
    let pruned = 0;
    for (const { id } of tenants) {
      const result = await this.context.db
        .deleteFrom('activity_log')
        .where('tenant_id', '=', id)
        .where('time', '<', before)
        .executeTakeFirst();
      pruned += Number(result.numDeletedRows);
    }
    return pruned;
  }
}
