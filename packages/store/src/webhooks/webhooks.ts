/** The webhooks repository: endpoints, their cursor and retry state, and the delivery log. */
import { NotFound } from '@provisio/scim-core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, WebhookDeliveriesTable, WebhooksTable } from '../database.js';
import { type StoreContext, inTransaction } from '../store-context.js';
import type {
  FailurePolicy,
  NewWebhook,
  NewWebhookDelivery,
  Webhook,
  WebhookDelivery,
  WebhookRepository,
} from './webhook-contract.js';

function toWebhook(row: Selectable<WebhooksTable>): Webhook {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    url: row.url,
    description: row.description,
    secret: row.secret,
    enabled: row.enabled === 1,
    deliveredSeq: Number(row.delivered_seq),
    consecutiveFailures: row.consecutive_failures,
    ...(row.next_attempt_at === null ? {} : { nextAttemptAt: row.next_attempt_at }),
    ...(row.disabled_reason === null ? {} : { disabledReason: row.disabled_reason }),
    created: row.created,
  };
}

function toDelivery(row: Selectable<WebhookDeliveriesTable>): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    ...(row.seq === null ? {} : { seq: Number(row.seq) }),
    eventType: row.event_type,
    attempt: row.attempt,
    time: row.time,
    ...(row.status_code === null ? {} : { statusCode: row.status_code }),
    ...(row.error === null ? {} : { error: row.error }),
    durationMs: row.duration_ms,
    ok: row.ok === 1,
  };
}

function notFound(id: string): NotFound {
  return new NotFound(`webhook "${id}" not found`);
}

export class SqlWebhookRepository implements WebhookRepository {
  constructor(private readonly context: StoreContext) {}

  create(tenantId: string, input: NewWebhook): Promise<Webhook> {
    return inTransaction(this.context, async (trx) => {
      const tenant = await trx
        .selectFrom('tenants')
        .select('id')
        .where('id', '=', tenantId)
        .executeTakeFirst();
      if (!tenant) throw new NotFound(`tenant "${tenantId}" not found`);
      const latest = await trx
        .selectFrom('tenant_event_sequences')
        .select('last_seq')
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
      const row: WebhooksTable = {
        id: this.context.newId(),
        tenant_id: tenantId,
        url: input.url,
        description: input.description,
        secret: input.secret,
        enabled: 1,
        delivered_seq: input.after ?? Number(latest?.last_seq ?? 0),
        consecutive_failures: 0,
        next_attempt_at: null,
        disabled_reason: null,
        lease_owner: null,
        lease_until: null,
        created: this.context.now(),
      };
      await trx.insertInto('webhooks').values(row).execute();
      return toWebhook(row);
    });
  }

  async get(tenantId: string, id: string): Promise<Webhook> {
    const row = await this.context.db
      .selectFrom('webhooks')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound(id);
    return toWebhook(row);
  }

  async list(tenantId: string): Promise<readonly Webhook[]> {
    const rows = await this.context.db
      .selectFrom('webhooks')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('created')
      .orderBy('id')
      .execute();
    return rows.map(toWebhook);
  }

  async remove(tenantId: string, id: string): Promise<void> {
    const result = await this.context.db
      .deleteFrom('webhooks')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (result.numDeletedRows === 0n) throw notFound(id);
  }

  async setEnabled(tenantId: string, id: string, enabled: boolean): Promise<Webhook> {
    const row = await this.context.db
      .updateTable('webhooks')
      .set(
        enabled
          ? { enabled: 1, consecutive_failures: 0, next_attempt_at: null, disabled_reason: null }
          : { enabled: 0, disabled_reason: 'disabled by an admin' },
      )
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound(id);
    return toWebhook(row);
  }

  async due(now: string, limit: number): Promise<readonly Webhook[]> {
    const rows = await this.context.db
      .selectFrom('webhooks as w')
      .innerJoin('tenant_event_sequences as s', 's.tenant_id', 'w.tenant_id')
      .selectAll('w')
      .where('w.enabled', '=', 1)
      .whereRef('s.last_seq', '>', 'w.delivered_seq')
      .where((eb) => eb.or([eb('w.next_attempt_at', 'is', null), eb('w.next_attempt_at', '<=', now)]))
      .where((eb) => eb.or([eb('w.lease_until', 'is', null), eb('w.lease_until', '<=', now)]))
      .orderBy('w.id')
      .limit(limit)
      .execute();
    return rows.map(toWebhook);
  }

  async lease(id: string, owner: string, now: string, until: string): Promise<boolean> {
    const result = await this.context.db
      .updateTable('webhooks')
      .set({ lease_owner: owner, lease_until: until })
      .where('id', '=', id)
      .where((eb) =>
        eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now), eb('lease_owner', '=', owner)]),
      )
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async release(id: string, owner: string): Promise<void> {
    await this.context.db
      .updateTable('webhooks')
      .set({ lease_owner: null, lease_until: null })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .execute();
  }

  logDelivery(id: string, delivery: NewWebhookDelivery): Promise<WebhookDelivery> {
    return insertDelivery(this.context, this.context.db, id, delivery);
  }

  recordSuccess(id: string, delivery: NewWebhookDelivery): Promise<void> {
    return inTransaction(this.context, async (trx) => {
      await insertDelivery(this.context, trx, id, delivery);
      const seq = delivery.seq ?? 0;
      await trx
        .updateTable('webhooks')
        // Never backwards (a dispatcher whose lease ran out may finish late); CASE is portable, max() is not.
        .set({
          delivered_seq: sql`case when delivered_seq < ${seq} then ${seq} else delivered_seq end`,
          consecutive_failures: 0,
          next_attempt_at: null,
        })
        .where('id', '=', id)
        .execute();
    });
  }

  recordFailure(id: string, delivery: NewWebhookDelivery, policy: FailurePolicy): Promise<Webhook> {
    return inTransaction(this.context, async (trx) => {
      await insertDelivery(this.context, trx, id, delivery);
      const row = await trx
        .updateTable('webhooks')
        .set({ consecutive_failures: sql`consecutive_failures + 1`, next_attempt_at: policy.retryAt })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw notFound(id);
      if (row.consecutive_failures < policy.maxConsecutiveFailures) return toWebhook(row);
      const disabled = await trx
        .updateTable('webhooks')
        .set({
          enabled: 0,
          next_attempt_at: null,
          disabled_reason: `disabled after ${row.consecutive_failures} consecutive failed deliveries`,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toWebhook(disabled);
    });
  }

  async deliveries(tenantId: string, id: string, limit: number): Promise<readonly WebhookDelivery[]> {
    await this.get(tenantId, id);
    const rows = await this.context.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('webhook_id', '=', id)
      .orderBy('time', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toDelivery);
  }

  async delivery(tenantId: string, webhookId: string, deliveryId: string): Promise<WebhookDelivery> {
    const row = await this.context.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
      .selectAll('d')
      .where('w.tenant_id', '=', tenantId)
      .where('d.webhook_id', '=', webhookId)
      .where('d.id', '=', deliveryId)
      .executeTakeFirst();
    if (!row) throw new NotFound(`delivery "${deliveryId}" of webhook "${webhookId}" not found`);
    return toDelivery(row);
  }
}

async function insertDelivery(
  context: StoreContext,
  db: Kysely<Database>,
  webhookId: string,
  delivery: NewWebhookDelivery,
): Promise<WebhookDelivery> {
  const row: WebhookDeliveriesTable = {
    id: context.newId(),
    webhook_id: webhookId,
    seq: delivery.seq ?? null,
    event_type: delivery.eventType,
    attempt: delivery.attempt,
    time: context.now(),
    status_code: delivery.statusCode ?? null,
    error: delivery.error ?? null,
    duration_ms: delivery.durationMs,
    ok: delivery.ok ? 1 : 0,
  };
  await db.insertInto('webhook_deliveries').values(row).execute();
  return toDelivery(row);
}
