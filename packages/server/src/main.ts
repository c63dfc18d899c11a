/**
 * The composition root: configuration → store (migrated) → app → listen, and back down again on SIGTERM or
 * SIGINT. `startServer` does the wiring and is what tests start; `main` adds the process concerns.
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { type ServerConfig, loadConfig } from './config.js';
import { describeAdmin, ensureAdmin, ensureDefaultTenant } from './first-start.js';
import { createLogger } from './logger.js';
import { openConfiguredStore } from './open-store.js';
import { publicUrlOf } from './public-url.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  /** The base URL of the default tenant's SCIM endpoint, e.g. `http://127.0.0.1:8080/scim/v2`. */
  readonly tenantUrl: string;
  /** Stops accepting requests, lets running ones finish, then closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  readonly logger?: FastifyBaseLogger;
  /** Where the start-up banner goes (the Tenant URL, and the token on the first start). */
  readonly print?: (line: string) => void;
}

function announce(print: (line: string) => void, tenantUrl: string, secret: string | undefined): void {
  print(`Provisio SCIM server ready. Tenant URL: ${tenantUrl}`);
  if (secret === undefined) {
    print(
      'Secret Token: shown once at first start (only its hash is stored); issue a new one if it is lost.',
    );
    return;
  }
  print(`Secret Token: ${secret}`);
  print('Copy it now: it is shown only this once, and only its hash is stored.');
}

export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const store = await openConfiguredStore(config);
  try {
    await store.migrate();
    const { secret } = await ensureDefaultTenant(store);
    const admin = await ensureAdmin(store);
    const app = buildApp({ store, config, ...(options.logger ? { logger: options.logger } : {}) });
    let draining = false;
    // Fastify's close reaps only the keep-alive connections idle at that moment: a request in flight would
    // leave its connection open after answering, and the drain would wait for the client's idle timeout.
    app.addHook('onSend', async (_request, reply, payload) => {
      if (draining) reply.header('connection', 'close');
      return payload;
    });
    await app.listen({ host: config.host, port: config.port });
    const tenantUrl = `${publicUrlOf(config, app.server.address())}/scim/v2`;
    const print = options.print ?? ((line) => process.stdout.write(`${line}\n`));
    announce(print, tenantUrl, secret);
    if (admin) describeAdmin(admin).forEach(print);
    return {
      app,
      tenantUrl,
      close: async () => {
        draining = true;
        await app.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** `npm start`: reads the environment and arguments, starts, and shuts down cleanly on a signal. */
export async function main(env: NodeJS.ProcessEnv, argv: readonly string[]): Promise<void> {
  const config = loadConfig(env, argv);
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, { logger });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1); // a second signal: the operator wants out now
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Fastify stops accepting, answers requests already received, then closes; the store goes last.
    server.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
