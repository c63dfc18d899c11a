/**
 * Keeps the activity log to `PROVISIO_ACTIVITY_RETENTION_DAYS`: pruned when the app is ready and hourly
 * after. Several server processes on one database each prune; the deletes are idempotent.
 */
import type { Store } from '@provisio/store';
import type { FastifyInstance } from 'fastify';

const PRUNE_INTERVAL_MS = 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

export function pruneActivityPeriodically(
  app: FastifyInstance,
  store: Pick<Store, 'activity'>,
  retentionDays: number,
): void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const prune = async (): Promise<void> => {
    const before = new Date(Date.now() - retentionDays * DAY_MS).toISOString();
    try {
      const pruned = await store.activity.prune(before);
      if (pruned > 0) app.log.info({ pruned, before }, 'activity log pruned');
    } catch (error) {
      app.log.error({ err: error }, 'activity log pruning failed');
    }
  };
  app.addHook('onReady', (done) => {
    running = prune();
    timer = setInterval(() => {
      running = prune();
    }, PRUNE_INTERVAL_MS);
    timer.unref();
    done();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}
