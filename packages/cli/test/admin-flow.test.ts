/**
 * The SaaS admin flow of the seeds, end to end through the CLI against a real server, in the tutorials'
 * order: enable User Provisioning, create a bearer token (description, scope, shown once), copy the Tenant
 * URL, Test Connection — then the refusals an admin relies on: a read-only token on a write, a disabled
 * tenant, a revoked token.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { type CliTestServer, startCliTestServer } from './support/cli-server.js';
import { cli } from './support/run-cli.js';

let provisio: CliTestServer;
before(async () => {
  provisio = await startCliTestServer('provisio-cli-flow-');
});
after(() => provisio.close());

const USER = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'flow@contoso.com' };

/** The parts of a SCIM answer the flow reads: a ListResponse or an error. */
interface ScimBody {
  readonly totalResults?: number;
  readonly Resources?: unknown[];
  readonly schemas?: string[];
}

async function scim(url: string, secret: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${secret}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/scim+json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const body = (await response.json().catch(() => undefined)) as ScimBody | undefined;
  return { status: response.status, body };
}

async function run(...args: string[]) {
  const result = await cli([...provisio.api, ...args]);
  assert.equal(result.status, 0, `provisio ${args.join(' ')}: ${result.stderr}`);
  return result.json;
}

test("the seeds' admin flow: enable, create a token, copy the Tenant URL, Test Connection, refusals", async () => {
  // 1. Enable User Provisioning (a new tenant starts enabled; enable is what an admin runs to be sure).
  await run('tenant', 'create', 'contoso', '--name', 'Contoso Ltd');
  const enabled = await run('tenant', 'enable', 'contoso');
  assert.equal(enabled.provisioningEnabled, true);

  // 2. Create a bearer token: a description, scope scim, the secret shown this once.
  const token = await run('token', 'create', 'contoso', '--description', 'Entra ID', '--scope', 'scim');
  assert.match(token.secret, /^prv_/);
  const listed = await cli([...provisio.base, 'token', 'list', 'contoso']);
  assert.ok(!listed.stdout.includes(token.secret), 'a second read revealed the secret');
  const again = await run('token', 'list', 'contoso');
  assert.ok(!JSON.stringify(again).includes(token.secret), 'the JSON list revealed the secret');

  // 3. Copy the Tenant URL.
  const shown = await run('tenant', 'show', 'contoso');
  const tenantUrl: string = shown.tenantUrls.bySlug;
  assert.match(tenantUrl, /^http:\/\/127\.0\.0\.1:\d+\/tenants\/contoso\/scim\/v2$/);
  assert.match(shown.tenantUrls.byToken, /^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);

  // 4. Test Connection: Entra's probe is a filter on a random GUID that must match nothing.
  const probe = await scim(
    `${tenantUrl}/Users?filter=${encodeURIComponent(`userName eq "${randomUUID()}"`)}`,
    token.secret,
  );
  assert.equal(probe.status, 200);
  assert.equal(probe.body?.totalResults, 0);
  assert.deepEqual(probe.body?.Resources, []);
  assert.equal((await scim(`${tenantUrl}/Users`, token.secret, { method: 'POST', body: USER })).status, 201);

  // A read-only token may run the probe but not write.
  const reader = await run('token', 'create', 'contoso', '--description', 'auditor', '--scope', 'scim:read');
  assert.equal((await scim(`${tenantUrl}/Users?filter=userName eq "x"`, reader.secret)).status, 200);
  const write = await scim(`${tenantUrl}/Users`, reader.secret, {
    method: 'POST',
    body: { ...USER, userName: 'w' },
  });
  assert.equal(write.status, 403);

  // A disabled tenant is refused with a SCIM error, and served again once enabled.
  await run('tenant', 'disable', 'contoso');
  const disabled = await scim(`${tenantUrl}/Users`, token.secret);
  assert.equal(disabled.status, 403);
  assert.deepEqual(disabled.body?.schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
  await run('tenant', 'enable', 'contoso');
  assert.equal((await scim(`${tenantUrl}/Users`, token.secret)).status, 200);

  // A revoked token is refused at once.
  await run('token', 'revoke', 'contoso', token.id);
  assert.equal((await scim(`${tenantUrl}/Users`, token.secret)).status, 401);
});
