/** Runs the request → response table in `cases/http.cases.ts` against a real server, on each dialect. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { HTTP_CASES, type HttpCase } from './cases/http.cases.js';
import { assertAbsent, assertSubset, substitute } from './support/expect.js';
import { type TestServer, forEachServerDialect, startTestServer } from './support/test-server.js';

async function run(server: TestServer, testCase: HttpCase): Promise<void> {
  const tenant = await server.tenant();
  const values: Record<string, string> = { base: tenant.scimUrl };
  for (const given of testCase.given ?? []) {
    const response = await tenant.scim(given.method, substitute(given.path, values), {
      body: substitute(given.body, values),
    });
    assert.ok(
      response.status < 300,
      `given ${given.method} ${given.path}: ${response.status} ${response.text}`,
    );
    if (given.key) values[given.key] = response.body.id;
  }
  const { request, expect } = testCase;
  const response = await tenant.scim(request.method, substitute(request.path, values), {
    body: substitute(request.body, values),
    headers: substitute(request.headers ?? {}, values),
  });
  assert.notEqual(response.status, 500, `500: ${response.text}`);
  assert.equal(response.status, expect.status, `status; body: ${response.text}`);
  if (response.text !== '') {
    assert.equal(response.headers.get('content-type'), 'application/scim+json; charset=utf-8');
  }
  if (expect.status >= 400) assert.equal(response.body.status, String(expect.status));
  if (expect.scimType !== undefined) assert.equal(response.body.scimType, expect.scimType);
  for (const [name, value] of Object.entries(substitute(expect.headers ?? {}, values))) {
    assert.equal(response.headers.get(name), value, `header ${name}`);
  }
  if (expect.body !== undefined) assertSubset(response.body, substitute(expect.body, values));
  for (const path of expect.absent ?? []) assertAbsent(response.body, path);
  expect.check?.(response, values);
}

forEachServerDialect((dialect) => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(
      {
        PROVISIO_MAX_PAGE_SIZE: '50',
        PROVISIO_BULK_MAX_OPERATIONS: '20',
        PROVISIO_BULK_MAX_PAYLOAD_BYTES: '65536',
      },
      { dialect },
    );
  });
  after(() => server.close());

  for (const testCase of HTTP_CASES) test(testCase.title, () => run(server, testCase));
});
