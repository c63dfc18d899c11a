/**
 * A real server for tests: SQLite in a fresh temp directory, fastify listening on 127.0.0.1:0, requests
 * over HTTP with fetch. No mocks. Each `tenant()` call makes an isolated tenant with its own token.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ServerConfig,
  buildApp,
  createLogger,
  ensureAdmin,
  issueAdminToken,
  issueToken,
  parseConfig,
} from '@provisio/server';
import { type Store, type Tenant, openSqliteStore } from '@provisio/store';
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

export interface TestServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly config: ServerConfig;
  /** Every SQL statement the store ran, in order; tests clear it to watch one request. */
  readonly queries: string[];
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** A new tenant with a `scim` token. */
  tenant(options?: { readonly scimCompat?: 'entra' | 'strict' }): Promise<TestTenant>;
  /** A new admin API token (the server's admin account is created on the first call). */
  adminToken(): Promise<string>;
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

/** Starts a server; `env` overrides PROVISIO_* settings (rate limiting is off unless set). */
export async function startTestServer(
  env: Readonly<Record<string, string>> = {},
  logs?: DestinationStream,
): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'provisio-server-'));
  const config = parseConfig({
    PROVISIO_PORT: '0',
    PROVISIO_DATA_DIR: dataDir,
    PROVISIO_RATE_LIMIT: '0',
    ...env,
  });
  const queries: string[] = [];
  const store = openSqliteStore({
    file: join(dataDir, 'provisio.db'),
    log: (event) => {
      queries.push(event.query.sql);
    },
  });
  await store.migrate();
  const app = buildApp({ store, config, ...(logs ? { logger: createLogger('info', logs) } : {}) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address !== 'object') throw new Error('the server is not listening on TCP');
  const origin = `http://127.0.0.1:${address.port}`;
  let adminId: string | undefined;
  return {
    app,
    store,
    config,
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
    async adminToken() {
      adminId ??= (await ensureAdmin(store))?.admin.id;
      if (adminId === undefined) throw new Error('an admin was created outside adminToken()');
      return (await issueAdminToken(store, adminId, 'test')).secret;
    },
    request: (method, path, options) => send(method, `${origin}${path}`, options),
    async close() {
      await app.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
