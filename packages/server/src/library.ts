/**
 * Library mode: Provisio inside a host Node app. Mount the SCIM routes in the host's fastify app (or run
 * the whole server standalone), and follow a tenant's changes as an async iterator whose cursor is each
 * event's `seq`: persist the last one handled and pass it as `after` to resume after a restart.
 *
 * ```ts
 * const store = await openStore('data/provisio.db');
 * await store.migrate();
 * app.register(scimRoutes(store, { publicUrl: 'https://app.example.com/provisioning' }), { prefix: '/provisioning' });
 * for await (const event of events(store, tenant.id, { after: loadCursor() })) {
 *   await applyToMyUsers(event);
 *   saveCursor(event.seq);
 * }
 * ```
 */
import { type ChangeEvent, type Store, openStore } from '@provisio/store';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { buildApp } from './app.js';
import { type ServerConfig, parseConfig } from './config.js';
import { type FeedOptions, readFeed } from './events/feed.js';
import { publicUrlOf } from './public-url.js';
import { scimMountOptions } from './scim/scim-mount.js';
import { scimPlugin } from './scim/scim-plugin.js';
import type { DispatcherOptions } from './webhooks/dispatcher.js';

/** The server settings (defaults as `PROVISIO_*` documents them), for the parts a host may change. */
function configWith(overrides: Partial<ServerConfig>): ServerConfig {
  return { ...parseConfig({}), ...overrides };
}

export interface ScimRoutesOptions {
  /**
   * The URL the host serves this plugin's prefix at, e.g. `https://app.example.com/provisioning`. SCIM
   * clients then use `<publicUrl>/scim/v2` (tenant from the token) or `<publicUrl>/tenants/<slug>/scim/v2`,
   * and resources' `meta.location` is built from it.
   */
  readonly publicUrl: string;
  /** Limits and rate limit, as in the server's configuration. */
  readonly config?: Partial<
    Pick<
      ServerConfig,
      'maxPageSize' | 'bulkMaxOperations' | 'bulkMaxPayloadBytes' | 'rateLimit' | 'oauthTokenLifetimeSeconds'
    >
  >;
}

/**
 * A fastify plugin serving the SCIM endpoints of every tenant in `store`, for a host app to register
 * under a prefix. Errors inside it are SCIM error bodies; the host's other routes are untouched. The
 * caller owns the store (migrate it first; close it after the host app).
 */
export function scimRoutes(store: Store, options: ScimRoutesOptions): FastifyPluginAsync {
  const base = options.publicUrl.replace(/\/+$/, '');
  const config = configWith(options.config ?? {});
  return async (app) => {
    const scim = scimMountOptions(app, store, config, () => base);
    await app.register(scimPlugin, { ...scim, prefix: '/scim/v2', tenantSource: 'token' });
    await app.register(scimPlugin, { ...scim, prefix: '/tenants/:slug/scim/v2', tenantSource: 'slug' });
  };
}

export interface EventsOptions extends Omit<FeedOptions, 'batchSize'> {}

/**
 * The tenant's change events after `after` (0: from the start), oldest first, then each new one as it
 * commits; no polling loop: it sleeps until the store signals an append. Ends when `signal` aborts, or
 * when the consumer leaves the `for await` loop.
 */
export async function* events(
  store: Store,
  tenantId: string,
  options: EventsOptions = {},
): AsyncGenerator<ChangeEvent> {
  for await (const batch of readFeed(store, tenantId, options)) yield* batch;
}

export interface ProvisioOptions {
  /** A SQLite file path, or a `postgres://` URL. */
  readonly database: string;
  /** Server settings; `host` 127.0.0.1 and `port` 0 (a free port) unless given. */
  readonly config?: Partial<ServerConfig>;
  readonly webhooks?: DispatcherOptions | false;
}

export interface RunningProvisio {
  readonly app: FastifyInstance;
  readonly store: Store;
  /** e.g. `http://127.0.0.1:41234`: SCIM at `<origin>/scim/v2`, the admin API at `<origin>/admin/api`. */
  readonly origin: string;
  /** Stops the server, then closes the store. */
  close(): Promise<void>;
}

/** Runs the whole Provisio server (SCIM, admin API, webhooks) on its own port, inside this process. */
export async function openProvisio(options: ProvisioOptions): Promise<RunningProvisio> {
  const store = await openStore(options.database);
  try {
    await store.migrate();
    const config = configWith({ host: '127.0.0.1', port: 0, ...options.config });
    const app = buildApp({
      store,
      config,
      ...(options.webhooks === undefined ? {} : { webhooks: options.webhooks }),
    });
    await app.listen({ host: config.host, port: config.port });
    return {
      app,
      store,
      origin: publicUrlOf(config, app.server.address()),
      close: async () => {
        await app.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
