/**
 * Wakes a process's readers of a tenant's feed when it grows, so they never poll in a loop. This is the
 * in-process waker; a PostgreSQL store can add one fed by LISTEN/NOTIFY behind the same interface, which
 * also covers writes made by other processes.
 */
import { EventEmitter } from 'node:events';

export interface EventSignal {
  /** Called with each append, inside the writing transaction. */
  notify(tenantId: string): void;
  watch(tenantId: string, listener: () => void): () => void;
  /** Wakes on every tenant's appends (a webhook dispatcher serves them all). */
  watchAll(listener: () => void): () => void;
}

/** Not a tenant id (those are UUIDs): the channel every append is announced on too. */
const ALL_TENANTS = '*';

/**
 * Notifies as the event is appended, before its commit. Readers then query through the same kysely
 * instance, and on SQLite its one connection is held by the writing transaction until it ends, so the
 * read sees the commit (or, after a rollback, finds nothing new and waits again).
 */
export function createEventSignal(): EventSignal {
  const emitter = new EventEmitter();
  // Every long-poll, SSE stream and iterator watches: many listeners per tenant are expected.
  emitter.setMaxListeners(0);
  return {
    notify: (tenantId) => {
      emitter.emit(tenantId);
      emitter.emit(ALL_TENANTS);
    },
    watch: (tenantId, listener) => listen(emitter, tenantId, listener),
    watchAll: (listener) => listen(emitter, ALL_TENANTS, listener),
  };
}

function listen(emitter: EventEmitter, channel: string, listener: () => void): () => void {
  emitter.on(channel, listener);
  return () => {
    emitter.off(channel, listener);
  };
}
