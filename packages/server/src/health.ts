/** Probes for orchestrators: `/healthz` says the process serves requests, `/readyz` that the database answers. */
import type { Store } from '@provisio/store';
import type { FastifyPluginAsync } from 'fastify';

export const healthRoutes: FastifyPluginAsync<{ readonly store: Store }> = async (app, { store }) => {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (request, reply) => {
    try {
      await store.tenants.list();
      return { status: 'ready' };
    } catch (error) {
      request.log.error({ err: error }, 'database check failed');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
};
