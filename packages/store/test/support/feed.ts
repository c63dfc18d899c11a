/**
 * Waiting on the change feed's wakes. On PostgreSQL they arrive from the listening connection, in commit
 * order but after the write has returned, and a watcher may also be woken with nothing new (every watcher
 * is, when listening starts): a test counting wakes waits with {@link settled} first.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '@provisio/store';
import { user } from './resources.js';

/** Runs `write` and waits for the next wake of the tenant's watchers. */
export async function nextWake(store: Store, tenantId: string, write: () => Promise<unknown>): Promise<void> {
  let stop = () => {};
  const woken = new Promise<void>((resolve) => {
    stop = store.events.watch(tenantId, resolve);
  });
  try {
    await write();
    await woken;
  } finally {
    stop();
  }
}

/**
 * Returns once `reader` has been woken for every commit `writer` made before the call: the wake for a
 * write to a tenant of its own, which nothing else wakes, comes after theirs. It also wakes `watchAll`
 * once. The first call starts `reader` listening and may return on that start's wake instead, so call
 * {@link listening} before counting.
 */
export async function settled(writer: Store, reader: Store): Promise<void> {
  const barrier = await writer.tenants.create({ slug: `barrier-${randomUUID()}`, name: 'Barrier' });
  await nextWake(reader, barrier.id, () => writer.users.create(barrier.id, user('barrier')));
}

/** Starts `reader` listening and returns once its wakes come one per commit of `writer`. */
export async function listening(writer: Store, reader: Store): Promise<void> {
  await settled(writer, reader);
  await settled(writer, reader);
}
