/**
 * Reading a tenant's change feed as it grows, shared by the long-poll and SSE routes, the webhook
 * dispatcher and library mode. A reader sleeps until the store signals an append (on PostgreSQL, any
 * process's, after its commit). The slow fallback poll catches what no signal reached: other processes'
 * writes to a SQLite file, or appends while PostgreSQL's listening connection was down.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { ChangeEvent, Store } from '@provisio/store';

export interface FeedOptions {
  /** Events with `seq > after` are read; resume by passing the last `seq` you handled. */
  readonly after?: number;
  /** Most events per batch. */
  readonly batchSize?: number;
  /** Stops reading (the iterator then ends). */
  readonly signal?: AbortSignal;
  /** How often to look for other processes' writes while idle, in ms. */
  readonly pollMs?: number;
}

const DEFAULT_BATCH = 100;
const DEFAULT_POLL_MS = 2000;

/** The next append the store signals for `tenantId`; `stop` ends the watch. */
function nextAppend(store: Store, tenantId: string): { appended: Promise<void>; stop: () => void } {
  let stop = () => {};
  const appended = new Promise<void>((resolve) => {
    stop = store.events.watch(tenantId, resolve);
  });
  return { appended, stop };
}

/** Waits for `appended`, the poll interval, or `signal`, whichever comes first; clears its timer. */
async function idle(appended: Promise<void>, pollMs: number, signal: AbortSignal): Promise<void> {
  const done = new AbortController();
  try {
    // The delay rejects when aborted: that is how the wait ends, so the rejection is dropped.
    const timer = delay(pollMs, undefined, { signal: AbortSignal.any([signal, done.signal]) }).catch(
      () => {},
    );
    await Promise.race([appended, timer]);
  } finally {
    done.abort();
  }
}

/**
 * The tenant's events in batches, oldest first, waiting for more when caught up; ends when `signal` aborts.
 * Watching starts before each read, so an append between the read and the wait is never missed.
 */
export async function* readFeed(
  store: Store,
  tenantId: string,
  options: FeedOptions = {},
): AsyncGenerator<readonly ChangeEvent[]> {
  const signal = options.signal ?? new AbortController().signal;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  let cursor = options.after ?? 0;
  while (!signal.aborted) {
    const next = nextAppend(store, tenantId);
    try {
      const events = await store.events.list(tenantId, cursor, batchSize);
      if (events.length > 0) {
        cursor = events[events.length - 1]!.seq;
        yield events;
        continue;
      }
      await idle(next.appended, pollMs, signal);
    } finally {
      next.stop();
    }
  }
}
