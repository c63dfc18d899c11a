/**
 * The server the CLI tests talk to: started as in production (`startServer`) on a fresh database of either
 * dialect, with the admin API token and the default tenant's SCIM token read from what its first start
 * printed.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, parseConfig, startServer } from '@provisio/server';
import {
  SQLITE,
  TEST_DIALECTS,
  type TestDialect,
  databaseEnv,
  forEachDialect as forEachOf,
} from '@provisio/store/testing';

export interface CliTestServer {
  readonly server: RunningServer;
  /** A temporary directory for the test's files; on SQLite also the data directory with the database. */
  readonly dataDir: string;
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly adminToken: string;
  /** The default tenant's SCIM token. */
  readonly scimToken: string;
  /** `--url <origin> --token <admin token>`: the arguments every admin command needs. */
  readonly base: readonly string[];
  /** {@link base} and `--json`. */
  readonly api: readonly string[];
  /** Stops the server and removes its database and directory. */
  close(): Promise<void>;
}

/** Declares the tests `body` defines once per dialect, in a suite named `[sqlite]` / `[postgres]`. */
export function forEachDialect(body: (dialect: TestDialect) => void): void {
  forEachOf(body, TEST_DIALECTS);
}

/** Starts a server on a fresh database of `dialect`; on PostgreSQL, files go to a directory named `prefix…`. */
export async function startCliTestServer(
  prefix: string,
  dialect: TestDialect = SQLITE,
): Promise<CliTestServer> {
  const scratch = await dialect.openScratch();
  const { location } = scratch;
  const dataDir = location.dialect === 'sqlite' ? location.directory : await mkdtemp(join(tmpdir(), prefix));
  const lines: string[] = [];
  const config = parseConfig({ PROVISIO_PORT: '0', ...databaseEnv(location) });
  let server: RunningServer;
  try {
    server = await startServer(config, { print: (line) => lines.push(line) });
  } catch (error) {
    await scratch.dispose();
    throw error;
  }
  const printed = lines.join('\n');
  const adminToken = /Admin API token: (\S+)/.exec(printed)?.[1] ?? assert.fail(printed);
  const origin = server.tenantUrl.replace(/\/scim\/v2$/, '');
  const base = ['--url', origin, '--token', adminToken];
  return {
    server,
    dataDir,
    origin,
    adminToken,
    scimToken: /Secret Token: (prv_\S+)/.exec(printed)?.[1] ?? assert.fail(printed),
    base,
    api: [...base, '--json'],
    async close() {
      await server.close();
      await scratch.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
