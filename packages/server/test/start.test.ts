/**
 * Starting and stopping: the first start creates the default tenant and shows its token once; later
 * starts only show the Tenant URL; `main` drains in-flight requests and exits cleanly on SIGTERM/SIGINT,
 * and refuses bad configuration.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_TENANT_SLUG, parseConfig, startServer } from '@provisio/server';
import { runMain, runMainOn, tenantUrlOf } from './support/server-process.js';
import { USER_SCHEMA, forEachServerDialect, send } from './support/test-server.js';

// SQLite only: the first start on a new data directory, which creates the database file in it.
test('the first start prints the Tenant URL and a working token once; the second only the URL', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'provisio-start-'));
  const config = parseConfig({ PROVISIO_PORT: '0', PROVISIO_DATA_DIR: dataDir });
  try {
    const first: string[] = [];
    const server = await startServer(config, { print: (line) => first.push(line) });
    assert.match(server.tenantUrl, /^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    assert.ok(first.some((line) => line.includes(`Tenant URL: ${server.tenantUrl}`)));
    const secret = /Secret Token: (prv_\S+)/.exec(first.join('\n'))?.[1];
    assert.ok(secret, first.join('\n'));
    const probe = await send('GET', `${server.tenantUrl}/Users?filter=userName+eq+%22x%22`, {
      token: secret,
    });
    assert.equal(probe.status, 200);
    await server.close();

    const second: string[] = [];
    const again = await startServer(config, { print: (line) => second.push(line) });
    await again.close();
    assert.ok(second.some((line) => line.includes('Tenant URL: ')));
    assert.ok(!second.join('\n').includes(secret), 'the token was shown again');
    assert.match(second.join('\n'), /shown once at first start/);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

/** Starts a POST whose headers the server has taken in (it answered `100 Continue`); the body waits. */
function startHeldRequest(url: string, token: string, body: string) {
  const request = httpRequest(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/scim+json',
      'content-length': Buffer.byteLength(body),
      expect: '100-continue',
    },
  });
  const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
    request.once('response', (res) => {
      let text = '';
      res.on('data', (chunk) => {
        text += String(chunk);
      });
      res.once('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    request.once('error', reject);
  });
  const accepted = new Promise<void>((resolve) => request.once('continue', resolve));
  request.flushHeaders();
  return { accepted, response, finish: () => request.end(body) };
}

forEachServerDialect((dialect) => {
  test('main serves until SIGTERM, then closes and exits with 0', { timeout: 30_000 }, async (t) => {
    const { server } = await runMainOn(t, dialect, { PROVISIO_LOG_LEVEL: 'silent' });
    const url = await tenantUrlOf(server);
    const health = await send('GET', url.replace(/\/scim\/v2$/, '/healthz'));
    assert.equal(health.status, 200);
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(
      `${signal} mid-request: no new requests, the one in flight completes and is stored, exit 0`,
      {
        timeout: 30_000,
      },
      async (t) => {
        const { server, scratch } = await runMainOn(t, dialect, { PROVISIO_LOG_LEVEL: 'info' });
        const url = await tenantUrlOf(server);
        const [, secret] = await server.waitFor(/Secret Token: (prv_\S+)/);
        const user = { schemas: [USER_SCHEMA], userName: 'drained@example.com' };
        const held = startHeldRequest(`${url}/Users`, secret!, JSON.stringify(user));
        await held.accepted;

        server.child.kill(signal);
        await server.waitFor(/"msg":"shutting down"/);
        const late = await send('GET', url.replace(/\/scim\/v2$/, '/healthz')).catch(() => undefined);
        assert.ok(late === undefined || late.status === 503, `a new request was served: ${late?.status}`);

        held.finish();
        const answer = await held.response;
        assert.equal(answer.status, 201, answer.text);
        assert.equal(await server.exited, 0, server.output());

        const tenant = await scratch.store.tenants.findBySlug(DEFAULT_TENANT_SLUG);
        const users = await scratch.store.users.list(tenant!.id, {});
        assert.deepEqual(
          users.resources.map((stored) => stored.resource.userName),
          [user.userName],
        );
      },
    );
  }
});

test(
  'main refuses bad configuration with one line per bad key and exit status 2',
  {
    timeout: 30_000,
  },
  async () => {
    const server = runMain({ PROVISIO_PORT: 'eighty', PROVISIO_MAX_PAGE_SIZE: '-1' });
    assert.equal(await server.exited, 2);
    const stderr = server.errors();
    const lines = stderr.trim().split('\n');
    assert.equal(lines.length, 2, stderr);
    assert.match(lines[0]!, /^provisio: PROVISIO_PORT="eighty": expected an integer/);
    assert.match(lines[1]!, /^provisio: PROVISIO_MAX_PAGE_SIZE="-1"/);
  },
);
