/**
 * The change feed's waker on PostgreSQL, across processes. A write announces its tenant with NOTIFY in
 * its own transaction; PostgreSQL delivers that at commit, never after a rollback, to every session
 * listening on the database, so a woken reader's query already sees the events. Each store listens on one
 * dedicated connection (not a pool's: LISTEN belongs to a session), opened with its first watcher.
 *
 * While that connection is down, notifications are lost and readers fall back to their slow poll; once it
 * is back, every watcher is woken to read what it may have missed.
 */
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../database.js';
import { type PostgresConnectionOptions, connectionConfig } from '../dialect/postgres.js';
import { type EventSignal, FeedWatchers } from './event-signal.js';

export const EVENTS_CHANNEL = 'provisio_events';

/** The first reconnection delay; each failure in a row doubles it, up to {@link RECONNECT_MAX_MS}. */
const RECONNECT_BASE_MS = 250;
const RECONNECT_MAX_MS = 30_000;

/**
 * The payload is `<schema>:<tenantId>`. Channels are per database, not per schema, and installations (or
 * test runs) sharing a database in schemas of their own must not wake each other's dispatchers.
 */
const SEPARATOR = ':';

export function createPostgresEventSignal(options: PostgresConnectionOptions): EventSignal {
  const watchers = new FeedWatchers();
  let listener: pg.Client | undefined;
  let started = false;
  let closed = false;
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;

  function lost(client: pg.Client): void {
    if (client !== listener) return;
    listener = undefined;
    client.end().catch(() => {});
    if (closed) return;
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** failures++);
    // The pool and the listening socket keep a process alive until the store closes; a pending retry
    // alone must not.
    retry = setTimeout(listen, delay).unref();
  }

  async function listen(): Promise<void> {
    if (closed) return;
    const client = new pg.Client({ ...connectionConfig(options), keepAlive: true });
    listener = client;
    // Both may come for one failure; `lost` acts on the first.
    client.on('error', () => lost(client));
    client.on('end', () => lost(client));
    try {
      await client.connect();
      const { rows } = await client.query<{ schema: string }>('select current_schema() as schema');
      const prefix = `${rows[0]!.schema}${SEPARATOR}`;
      client.on('notification', ({ payload }) => {
        if (payload?.startsWith(prefix)) watchers.wake(payload.slice(prefix.length));
      });
      await client.query(`listen ${EVENTS_CHANNEL}`);
      failures = 0;
      // Appends committed before LISTEN took effect were announced to no one.
      watchers.wakeEveryone();
    } catch {
      lost(client);
    }
  }

  /** Opens the listening connection with the first watcher: a store that is never watched needs none. */
  function startListening(): void {
    if (started) return;
    started = true;
    void listen();
  }

  return {
    async announce(db: Kysely<Database>, tenantId: string) {
      // current_schema() names the schema the tables were written in, as the listener's session sees it.
      await sql`select pg_notify(${EVENTS_CHANNEL}, current_schema() || ${SEPARATOR} || ${tenantId})`.execute(
        db,
      );
    },
    watch(tenantId, onAppend) {
      startListening();
      return watchers.watch(tenantId, onAppend);
    },
    watchAll(onAppend) {
      startListening();
      return watchers.watchAll(onAppend);
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      const client = listener;
      listener = undefined;
      await client?.end().catch(() => {});
    },
  };
}
