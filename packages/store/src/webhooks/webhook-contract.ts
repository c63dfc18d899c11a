/**
 * Webhooks (issue 5): a tenant's HTTPS endpoints that receive its change feed, each with its own cursor,
 * retry state and delivery log. The delivering itself is the server's (its dispatcher); the store keeps
 * the state so any process can pick the work up.
 *
 * The secret is stored as given, not hashed: signing a delivery (HMAC-SHA256) needs the secret itself, and
 * so does the receiver. It is returned by {@link WebhookRepository.get} for the dispatcher and never by the
 * admin API after creation.
 */

export interface Webhook {
  readonly id: string;
  readonly tenantId: string;
  readonly url: string;
  readonly description: string;
  readonly secret: string;
  /** False once disabled (by an admin, or after too many consecutive failures). */
  readonly enabled: boolean;
  /** The last event sequence the endpoint acknowledged; deliveries resume after it. */
  readonly deliveredSeq: number;
  readonly consecutiveFailures: number;
  /** When the next retry is due (ISO 8601); absent when nothing is waiting on a retry. */
  readonly nextAttemptAt?: string;
  readonly disabledReason?: string;
  readonly created: string;
}

export interface NewWebhook {
  readonly url: string;
  readonly description: string;
  readonly secret: string;
  /** Deliver events after this sequence; defaults to the tenant's latest (only future changes). */
  readonly after?: number;
}

/** One delivery attempt, as logged. */
export interface WebhookDelivery {
  readonly id: string;
  readonly webhookId: string;
  /** Absent for a test ping. */
  readonly seq?: number;
  readonly eventType: string;
  /** 1 for the first attempt at this event, counting up while it fails. */
  readonly attempt: number;
  readonly time: string;
  readonly statusCode?: number;
  readonly error?: string;
  readonly durationMs: number;
  readonly ok: boolean;
}

export type NewWebhookDelivery = Omit<WebhookDelivery, 'id' | 'webhookId' | 'time'>;

/** What a dispatcher does after a failed attempt. */
export interface FailurePolicy {
  /** When to try again (ISO 8601). */
  readonly retryAt: string;
  /** Disable the webhook once this many attempts in a row have failed. */
  readonly maxConsecutiveFailures: number;
}

export interface WebhookRepository {
  /** Throws `NotFound` when there is no such tenant. */
  create(tenantId: string, input: NewWebhook): Promise<Webhook>;
  /** Throws `NotFound` when the tenant has no such webhook. */
  get(tenantId: string, id: string): Promise<Webhook>;
  list(tenantId: string): Promise<readonly Webhook[]>;
  /** Deletes it with its delivery log. Throws `NotFound`. */
  remove(tenantId: string, id: string): Promise<void>;
  /** Enables (or disables) it; enabling clears the failure count and retries at once. Throws `NotFound`. */
  setEnabled(tenantId: string, id: string, enabled: boolean): Promise<Webhook>;
  /**
   * Enabled webhooks of any tenant with events after their cursor, not waiting on a retry at `now`
   * and not leased by another dispatcher: the work of one dispatcher pass.
   */
  due(now: string, limit: number): Promise<readonly Webhook[]>;
  /** Leases the webhook to `owner` until `until` if nobody else holds it at `now`; true on success. */
  lease(id: string, owner: string, now: string, until: string): Promise<boolean>;
  /** Gives a lease back early (dispatcher stopping). */
  release(id: string, owner: string): Promise<void>;
  /** Logs an attempt that moves nothing: a test ping, or a redelivery of an already delivered event. */
  logDelivery(id: string, delivery: NewWebhookDelivery): Promise<WebhookDelivery>;
  /** Logs the successful delivery of feed event `delivery.seq`, moves the cursor to it, clears failures. */
  recordSuccess(id: string, delivery: NewWebhookDelivery): Promise<void>;
  /** Logs a failed attempt, counts it, schedules the retry, and disables the webhook past the limit. */
  recordFailure(id: string, delivery: NewWebhookDelivery, policy: FailurePolicy): Promise<Webhook>;
  /** Newest first. Throws `NotFound` when the tenant has no such webhook. */
  deliveries(tenantId: string, id: string, limit: number): Promise<readonly WebhookDelivery[]>;
  /** Throws `NotFound`. */
  delivery(tenantId: string, webhookId: string, deliveryId: string): Promise<WebhookDelivery>;
}
