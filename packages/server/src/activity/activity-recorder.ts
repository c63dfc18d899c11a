/**
 * Writes the activity log off the request path: entries wait in memory and go to the store in batches,
 * one transaction each, every {@link FLUSH_INTERVAL_MS} or as soon as {@link BATCH_SIZE} are waiting. A
 * crash loses at most the entries still waiting (log rows, never data); a clean close flushes them.
 */
import type { NewActivityEntry, Store } from '@provisio/store';
import type { FastifyBaseLogger } from 'fastify';

const FLUSH_INTERVAL_MS = 200;
const BATCH_SIZE = 500;
/** Beyond this many waiting entries (the store cannot keep up), new ones are dropped and counted. */
const MAX_PENDING = 50_000;

export class ActivityRecorder {
  #pending: NewActivityEntry[] = [];
  #writing: Promise<void> = Promise.resolve();
  #dropped = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly store: Pick<Store, 'activity'>,
    private readonly log: FastifyBaseLogger | undefined,
  ) {
    this.#timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    // The log must never keep a process alive that has nothing else to do.
    this.#timer.unref();
  }

  record(entry: NewActivityEntry): void {
    if (this.#pending.length >= MAX_PENDING) {
      this.#dropped++;
      return;
    }
    this.#pending.push(entry);
    if (this.#pending.length >= BATCH_SIZE) void this.flush();
  }

  /** Writes what is waiting; batches are written one after another, never concurrently. */
  flush(): Promise<void> {
    if (this.#pending.length === 0) return this.#writing;
    const batch = this.#pending;
    this.#pending = [];
    this.#writing = this.#writing.then(() => this.#write(batch));
    return this.#writing;
  }

  /** Stops the timer and writes what is left: call before closing the store. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }

  async #write(batch: readonly NewActivityEntry[]): Promise<void> {
    try {
      await this.store.activity.record(batch);
    } catch (error) {
      // A batch that cannot be written (its tenant purged meanwhile, a full disk) is given up: retrying
      // would only grow the backlog, and the log must not take the SCIM service down with it.
      this.log?.error({ err: error, entries: batch.length }, 'activity log batch lost');
    }
    if (this.#dropped > 0) {
      this.log?.warn({ entries: this.#dropped }, 'activity log entries dropped: the store fell behind');
      this.#dropped = 0;
    }
  }
}
