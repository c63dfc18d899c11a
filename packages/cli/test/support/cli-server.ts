/**
 * The server the CLI tests talk to: started as in production (`startServer`) in a fresh data directory,
 * with the admin API token and the default tenant's SCIM token read from what its first start printed.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, parseConfig, startServer } from '@provisio/server';

export interface CliTestServer {
  readonly server: RunningServer;
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
  /** Stops the server and removes its data directory. */
  close(): Promise<void>;
}

/** Starts a server in a new temporary directory named with `prefix`. */
export async function startCliTestServer(prefix: string): Promise<CliTestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  const lines: string[] = [];
  const server = await startServer(parseConfig({ PROVISIO_PORT: '0', PROVISIO_DATA_DIR: dataDir }), {
    print: (line) => lines.push(line),
  });
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
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
