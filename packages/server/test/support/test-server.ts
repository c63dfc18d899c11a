/**
 * A real server for tests: a scratch store of either dialect (SQLite in a fresh temp directory, or a fresh
 * PostgreSQL schema dropped on close), fastify listening on 127.0.0.1:0, requests over HTTP with fetch. No
 * mocks. Each `tenant()` call makes an isolated tenant with its own token.
 */
import {
  type AppOptions,
  type ServerConfig,
  buildApp,
  createLogger,
  ensureAdmin,
  issueAdminToken,
  issueToken,
  parseConfig,
} from '@provisio/server';
import type { Tenant } from '@provisio/store';
import {
  SQLITE,
  TEST_DIALECTS,
  type TestDialect,
  type TestStore,
  databaseEnv,
  forEachDialect,
} from '@provisio/store/testing';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';

export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed JSON body; undefined when there is none. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely.
  readonly body: any;
}

export interface RequestOptions {
  /** A JSON value, or a string sent as is. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** The bearer secret; null sends no Authorization header. Defaults to the tenant's token. */
  readonly token?: string | null;
}

export interface TestTenant {
  readonly tenant: Tenant;
  readonly secret: string;
  /** `http://127.0.0.1:<port>/scim/v2`. */
  readonly scimUrl: string;
  /** `http://127.0.0.1:<port>/tenants/<slug>/scim/v2`. */
  readonly slugUrl: string;
  /** A request to `scimUrl + path`, with the tenant's token unless `options.token` says otherwise. */
  scim(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
}

export interface TestServerOptions {
  /** Where the server's pino logs go (JSON lines); the default discards them. */
  readonly logs?: DestinationStream;
  readonly webhooks?: AppOptions['webhooks'];
  /** The store's dialect; SQLite by default. */
  readonly dialect?: TestDialect;
}

export interface TestServer {
  readonly app: FastifyInstance;
  /** The server's store, with its kysely instance for checks behind the API's back. */
  readonly store: TestStore;
  readonly config: ServerConfig;
  readonly dialect: TestDialect;
  /** Another store on the server's database, as a second process would open it; the caller closes it. */
  openPeerStore(): Promise<TestStore>;
  /** Every SQL statement the store ran, in order; tests clear it to watch one request. */
  readonly queries: string[];
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** A new tenant with a `scim` token. */
  tenant(options?: { readonly scimCompat?: 'entra' | 'strict' }): Promise<TestTenant>;
  /** A new admin API token (the server's admin account is created on the first call). */
  adminToken(): Promise<string>;
  /**
   * A request to `/admin/api` + `path` with the server's own admin token, minted on the first call; a
   * `body` is sent as JSON.
   */
  admin(
    method: string,
    path: string,
    body?: unknown,
    headers?: Readonly<Record<string, string>>,
  ): Promise<TestResponse>;
  /** A request to `origin + path`, with `token` (an admin token, say) as the bearer. */
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  close(): Promise<void>;
}

export async function send(method: string, url: string, options: RequestOptions = {}): Promise<TestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization ??= `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/scim+json';
  }
  const response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  const isJson = /json/.test(response.headers.get('content-type') ?? '') && text !== '';
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: isJson ? JSON.parse(text) : undefined,
  };
}

let tenants = 0;

/** Declares the tests `body` defines once per dialect, in a suite named `[sqlite]` / `[postgres]`. */
export function forEachServerDialect(body: (dialect: TestDialect) => void): void {
  forEachDialect(body, TEST_DIALECTS);
}

/**
 * Starts a server; `env` overrides PROVISIO_* settings (rate limiting is off unless set). The database
 * settings name the scratch store, so the config tells the truth about where the data is.
 */
export async function startTestServer(
  env: Readonly<Record<string, string>> = {},
  { logs, webhooks, dialect = SQLITE }: TestServerOptions = {},
): Promise<TestServer> {
  const queries: string[] = [];
  const scratch = await dialect.openScratch({
    log: (event) => {
      queries.push(event.query.sql);
    },
  });
  const { store, location } = scratch;
  const config = parseConfig({
    PROVISIO_PORT: '0',
    PROVISIO_RATE_LIMIT: '0',
    ...databaseEnv(location),
    ...env,
  });
  const app = buildApp({
    store,
    config,
    ...(logs ? { logger: createLogger('info', logs) } : {}),
    ...(webhooks === undefined ? {} : { webhooks }),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address !== 'object') throw new Error('the server is not listening on TCP');
  const origin = `http://127.0.0.1:${address.port}`;
  let adminId: string | undefined;
  async function adminToken(): Promise<string> {
    adminId ??= (await ensureAdmin(store))?.admin.id;
    if (adminId === undefined) throw new Error('an admin was created outside adminToken()');
    return (await issueAdminToken(store, adminId, 'test')).secret;
  }
  let ownAdminToken: Promise<string> | undefined;
  return {
    app,
    store,
    config,
    dialect,
    openPeerStore: scratch.reopen,
    queries,
    origin,
    async tenant(options = {}) {
      tenants++;
      const tenant = await store.tenants.create({
        slug: `t${tenants}-${process.pid}`,
        name: `Tenant ${tenants}`,
        ...options,
      });
      const { secret } = await issueToken(store, tenant.id, { description: 'test', scope: 'scim' });
      const scimUrl = `${origin}/scim/v2`;
      return {
        tenant,
        secret,
        scimUrl,
        slugUrl: `${origin}/tenants/${tenant.slug}/scim/v2`,
        scim: (method, path, requestOptions = {}) =>
          send(method, `${scimUrl}${path}`, { token: secret, ...requestOptions }),
      };
    },
    adminToken,
    async admin(method, path, body, headers = {}) {
      ownAdminToken ??= adminToken();
      return send(method, `${origin}/admin/api${path}`, {
        token: await ownAdminToken,
        ...(body === undefined
          ? { headers }
          : { body, headers: { 'content-type': 'application/json', ...headers } }),
      });
    },
    request: (method, path, options) => send(method, `${origin}${path}`, options),
    async close() {
      await app.close();
      await scratch.dispose();
    },
  };
}

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
