/**
 * The webhook dispatcher: one background loop per server. Each pass takes the webhooks that have
 * undelivered events (from the database, so any process may do it), leases one so no other process
 * delivers it at the same time, and POSTs its events in order, one at a time. A failure stops that
 * webhook's run and schedules a retry with exponential backoff; too many in a row disable it. The cursor
 * moves only after a 2xx, so delivery is at least once: a receiver deduplicates by (tenantId, seq).
 */
import { randomUUID } from 'node:crypto';
import type { Store, Webhook } from '@provisio/store';
import type { FastifyBaseLogger } from 'fastify';
import { deliver, eventBody } from './delivery.js';

export interface DispatcherOptions {
  /** The first retry's delay; each further failure doubles it. Default 10 s. */
  readonly retryBaseMs?: number;
  /** The longest delay between retries. Default 1 h. */
  readonly retryMaxMs?: number;
  /** Disable a webhook after this many failed attempts in a row. Default 15 (about 8 hours of retries). */
  readonly maxConsecutiveFailures?: number;
  /** Per-request timeout. Default 10 s. */
  readonly timeoutMs?: number;
  /** How often to look for work this process was not told about (other processes, due retries). */
  readonly pollMs?: number;
}

const DEFAULTS: Required<DispatcherOptions> = {
  retryBaseMs: 10_000,
  retryMaxMs: 3_600_000,
  maxConsecutiveFailures: 15,
  timeoutMs: 10_000,
  pollMs: 1000,
};

/**
 * The shortest time from one pass's start to the next that events wake: a burst of writes is one pass,
 * not one database query per write.
 */
const WAKE_GAP_MS = 100;

/** Webhooks served per pass, and events per webhook run before the next webhook gets its turn. */
const WEBHOOKS_PER_PASS = 50;
const EVENTS_PER_RUN = 100;

export class WebhookDispatcher {
  readonly #store: Store;
  readonly #log: FastifyBaseLogger;
  readonly #options: Required<DispatcherOptions>;
  /** Identifies this process's leases. */
  readonly #owner = randomUUID();
  readonly #stopping = new AbortController();
  #running: Promise<void> | undefined;
  #stopWatching = () => {};
  /** An event arrived since the current (or last) pass started. */
  #woken = false;
  #passStarted = 0;
  /** While the loop sleeps: ends the sleep now, or brings its end forward to the wake gap. */
  #sleep: { readonly end: () => void; readonly wake: () => void } | undefined;

  constructor(store: Store, log: FastifyBaseLogger, options: DispatcherOptions = {}) {
    this.#store = store;
    this.#log = log;
    this.#options = { ...DEFAULTS, ...options };
  }

  start(): void {
    if (this.#running) return;
    this.#stopWatching = this.#store.events.watchAll(() => {
      if (this.#woken) return;
      this.#woken = true;
      this.#sleep?.wake();
    });
    this.#running = this.#loop();
  }

  /** Lets the delivery in flight finish (each is bounded by the timeout), then returns. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    this.#stopWatching();
    this.#sleep?.end();
    await this.#running;
  }

  /** The delay before retry number `failures` (1 = the first retry). */
  backoffMs(failures: number): number {
    return Math.min(this.#options.retryMaxMs, this.#options.retryBaseMs * 2 ** Math.max(0, failures - 1));
  }

  async #loop(): Promise<void> {
    const stopping = this.#stopping.signal;
    while (!stopping.aborted) {
      this.#woken = false;
      this.#passStarted = Date.now();
      try {
        await this.#pass();
      } catch (error) {
        this.#log.error({ err: error }, 'webhook dispatch pass failed');
      }
      if (!stopping.aborted) await this.#pause();
    }
  }

  /** Sleeps the poll interval, or until the wake gap has passed once an event has arrived. */
  #pause(): Promise<void> {
    return new Promise((resolve) => {
      let timer = setTimeout(() => end(), this.#options.pollMs);
      const end = () => {
        clearTimeout(timer);
        this.#sleep = undefined;
        resolve();
      };
      const wake = () => {
        clearTimeout(timer);
        timer = setTimeout(end, Math.max(0, this.#passStarted + WAKE_GAP_MS - Date.now()));
      };
      this.#sleep = { end, wake };
      if (this.#woken) wake();
    });
  }

  async #pass(): Promise<void> {
    const now = new Date();
    const due = await this.#store.webhooks.due(now.toISOString(), WEBHOOKS_PER_PASS);
    for (const webhook of due) {
      if (this.#stopping.signal.aborted) return;
      const leaseUntil = new Date(now.getTime() + this.#leaseMs()).toISOString();
      if (!(await this.#store.webhooks.lease(webhook.id, this.#owner, now.toISOString(), leaseUntil)))
        continue;
      try {
        await this.#run(webhook);
      } finally {
        await this.#store.webhooks.release(webhook.id, this.#owner);
      }
    }
  }

  /** Long enough for a whole run at the timeout, so a lease never ends under a live delivery. */
  #leaseMs(): number {
    return EVENTS_PER_RUN * (this.#options.timeoutMs + 1000);
  }

  /** Delivers the webhook's pending events in order until one fails or the run's share is used. */
  async #run(webhook: Webhook): Promise<void> {
    const events = await this.#store.events.list(webhook.tenantId, webhook.deliveredSeq, EVENTS_PER_RUN);
    let failures = webhook.consecutiveFailures;
    for (const event of events) {
      if (this.#stopping.signal.aborted) return;
      const attempt = await deliver(webhook, eventBody(event), failures + 1, this.#options.timeoutMs);
      if (attempt.ok) {
        await this.#store.webhooks.recordSuccess(webhook.id, attempt);
        failures = 0;
        continue;
      }
      const retryAt = new Date(Date.now() + this.backoffMs(failures + 1)).toISOString();
      const after = await this.#store.webhooks.recordFailure(webhook.id, attempt, {
        retryAt,
        maxConsecutiveFailures: this.#options.maxConsecutiveFailures,
      });
      this.#log.warn(
        { webhook: webhook.id, seq: event.seq, error: attempt.error, disabled: !after.enabled },
        after.enabled ? 'webhook delivery failed; will retry' : 'webhook disabled after repeated failures',
      );
      return;
    }
  }
}
