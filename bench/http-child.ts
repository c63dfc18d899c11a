/**
 * The server side of the HTTP benchmark, run as a child process so its CPU and memory can be read from /proc
 * apart from the load generator's. `node http-child.js scim` starts the SCIM server from the PROVISIO_*
 * environment; `node http-child.js bare` starts the baseline: a fastify app with one small JSON route.
 * Either one reports its base URL over the IPC channel and exits when that channel closes, so it never
 * outlives the benchmark, however the benchmark ends.
 */
import { createLogger, parseConfig, startServer } from '@provisio/server';
import Fastify from 'fastify';

/** What the child sends its parent once it listens. */
export interface ChildReady {
  /** The SCIM tenant URL (`http://127.0.0.1:<port>/scim/v2`), or the bare app's origin. */
  readonly url: string;
}

/** The baseline's only route: what fastify costs with no SCIM work at all. */
async function startBare(): Promise<string> {
  const app = Fastify();
  app.get('/', async () => ({ hello: 'world' }));
  return app.listen({ host: '127.0.0.1', port: 0 });
}

async function startScim(): Promise<string> {
  const config = parseConfig(process.env);
  const server = await startServer(config, { logger: createLogger(config.logLevel), print: () => {} });
  return server.tenantUrl;
}

const mode = process.argv[2];
if (mode !== 'scim' && mode !== 'bare') throw new Error(`usage: http-child.js scim|bare (got ${mode})`);
if (!process.send) throw new Error('http-child.js must be started with an IPC channel');
process.on('disconnect', () => process.exit(0));
const url = mode === 'scim' ? await startScim() : await startBare();
process.send({ url } satisfies ChildReady);
