/**
 * Starting and stopping: the first start creates the default tenant and shows its token once; later
 * starts only show the Tenant URL; `main` exits cleanly on SIGTERM and refuses bad configuration.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig, startServer } from '@provisio/server';
import { send } from './support/test-server.js';

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

/** Runs `main` in a child process (same loader flags as this test run). */
function runMain(env: Record<string, string>) {
  const script = "import { main } from '@provisio/server'; await main(process.env, process.argv.slice(1));";
  return spawn(
    process.execPath,
    [...process.execArgv.filter((a) => !a.startsWith('--test')), '--input-type=module', '-e', script],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

test('main serves until SIGTERM, then closes and exits with 0', { timeout: 30_000 }, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'provisio-main-'));
  try {
    const child = runMain({ PROVISIO_PORT: '0', PROVISIO_DATA_DIR: dataDir, PROVISIO_LOG_LEVEL: 'silent' });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += String(chunk);
        const found = /Tenant URL: (\S+)/.exec(output)?.[1];
        if (found) resolve(found);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    const health = await send('GET', url.replace(/\/scim\/v2$/, '/healthz'));
    assert.equal(health.status, 200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test(
  'main refuses bad configuration with one line per bad key and exit status 2',
  {
    timeout: 30_000,
  },
  async () => {
    const child = runMain({ PROVISIO_PORT: 'eighty', PROVISIO_MAX_PAGE_SIZE: '-1' });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 2);
    const lines = stderr.trim().split('\n');
    assert.equal(lines.length, 2, stderr);
    assert.match(lines[0]!, /^provisio: PROVISIO_PORT="eighty": expected an integer/);
    assert.match(lines[1]!, /^provisio: PROVISIO_MAX_PAGE_SIZE="-1"/);
  },
);
