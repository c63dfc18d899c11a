/**
 * Wakes a process's readers of a tenant's feed when it grows, so they never poll in a loop. SQLite's
 * waker is in-process ({@link createEventSignal}); PostgreSQL's is fed by LISTEN/NOTIFY
 * (`postgres-event-signal.ts`) and so also hears the writes of other processes.
 */
import { EventEmitter } from 'node:events';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

export interface EventSignal {
  /** Called with each append, inside the writing transaction `db`. */
  announce(db: Kysely<Database>, tenantId: string): Promise<void>;
  watch(tenantId: string, listener: () => void): () => void;
  /** Wakes on every tenant's appends (a webhook dispatcher serves them all). */
  watchAll(listener: () => void): () => void;
  /** Releases what the signal holds (PostgreSQL's listening connection). */
  close(): Promise<void>;
}

/** Not a tenant id (those are UUIDs): the channel every append is announced on too. */
const ALL_TENANTS = '*';

/** A process's feed watchers, by tenant. */
export class FeedWatchers {
  readonly #emitter = new EventEmitter();

  constructor() {
    // Every long-poll, SSE stream and iterator watches: many listeners per tenant are expected.
    this.#emitter.setMaxListeners(0);
  }

  /** Wakes the tenant's watchers and every {@link watchAll}. */
  wake(tenantId: string): void {
    this.#emitter.emit(tenantId);
    this.#emitter.emit(ALL_TENANTS);
  }

  /** Wakes every watcher, for when appends may have gone unannounced. */
  wakeEveryone(): void {
    for (const channel of this.#emitter.eventNames()) this.#emitter.emit(channel);
  }

  watch(tenantId: string, listener: () => void): () => void {
    return this.#listen(tenantId, listener);
  }

  watchAll(listener: () => void): () => void {
    return this.#listen(ALL_TENANTS, listener);
  }

  #listen(channel: string, listener: () => void): () => void {
    this.#emitter.on(channel, listener);
    return () => {
      this.#emitter.off(channel, listener);
    };
  }
}

/**
 * Wakes as the event is appended, before its commit. Readers then query through the same kysely
 * instance, and on SQLite its one connection is held by the writing transaction until it ends, so the
 * read sees the commit (or, after a rollback, finds nothing new and waits again). Wrong for a pool of
 * connections, where a reader would look before the commit and then sleep.
 */
export function createEventSignal(): EventSignal {
  const watchers = new FeedWatchers();
  return {
    announce: async (_db, tenantId) => watchers.wake(tenantId),
    watch: (tenantId, listener) => watchers.watch(tenantId, listener),
    watchAll: (listener) => watchers.watchAll(listener),
    close: async () => {},
  };
}
