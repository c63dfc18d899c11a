import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bulkResponse,
  isScimError,
  listResponse,
  parseBulkRequest,
  parseSearchRequest,
  resolveBulkIds,
  serviceProviderConfig,
} from '@provisio/scim-core';
import fc from 'fast-check';
import {
  DEFAULT_BULK_LIMITS,
  DEFAULT_SEARCH_LIMITS,
  MESSAGES_CASES,
  type MessagesCase,
} from './cases/messages.cases.js';

type ExpectedError = readonly [string, string, number?];

function assertScimError(run: () => unknown, [code, detail, status]: ExpectedError): void {
  assert.throws(run, (e: unknown) => {
    assert.ok(isScimError(e), `expected a ScimError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.ok(e.message.includes(detail), `detail "${e.message}" lacks "${detail}"`);
    if (status !== undefined) assert.equal(e.status, status);
    return true;
  });
}

/** Runs `run` and checks either the ScimError it must throw or, through `verify`, its result. */
function checkRun<T>(run: () => T, error: ExpectedError | undefined, verify: (result: T) => void): void {
  if (error) assertScimError(run, error);
  else verify(run());
}

function checkSearch(c: Extract<MessagesCase, { kind: 'search' }>): void {
  const expected = Object.entries(c.expect ?? {});
  assert.ok(expected.length > 0 || c.error, 'a case must check something');
  checkRun(
    () => parseSearchRequest(c.input, c.limits ?? DEFAULT_SEARCH_LIMITS),
    c.error,
    (parsed) => {
      for (const [key, value] of expected) assert.deepEqual(parsed[key as keyof typeof parsed], value, key);
    },
  );
}

function checkServiceProviderConfig(c: Extract<MessagesCase, { kind: 'serviceProviderConfig' }>): void {
  const { configError } = c;
  if (configError === undefined) {
    assert.deepEqual(serviceProviderConfig(c.capabilities), c.expect);
    return;
  }
  assert.throws(
    () => serviceProviderConfig(c.capabilities),
    (e: unknown) => e instanceof RangeError && e.message.includes(configError),
  );
}

function check(c: MessagesCase): void {
  switch (c.kind) {
    case 'list':
      assert.deepEqual(listResponse(c.page), c.expect);
      break;
    case 'search':
      checkSearch(c);
      break;
    case 'bulk':
      assert.ok(c.expect || c.error, 'a case must check something');
      checkRun(
        () => parseBulkRequest(c.body, c.limits ?? DEFAULT_BULK_LIMITS),
        c.error,
        (parsed) => assert.deepEqual(parsed, c.expect),
      );
      break;
    case 'bulkIds':
      assert.ok(c.expect || c.error, 'a case must check something');
      checkRun(
        () => resolveBulkIds(c.data, new Map(Object.entries(c.created))),
        c.error,
        (resolved) => assert.deepEqual(resolved, c.expect),
      );
      break;
    case 'bulkResponse':
      assert.deepEqual(bulkResponse(c.outcomes), c.expect);
      break;
    case 'serviceProviderConfig':
      checkServiceProviderConfig(c);
      break;
  }
}

for (const c of MESSAGES_CASES) test(c.title, () => check(c));

test('RFC 7644 §3.4.2.4 property: any integer count and startIndex land within their bounds', () => {
  fc.assert(
    fc.property(
      fc.integer(),
      fc.integer(),
      fc.integer({ min: 0, max: 1000 }),
      (count, startIndex, maxCount) => {
        const request = parseSearchRequest(
          { query: { count: String(count), startIndex: String(startIndex) } },
          { maxCount },
        );
        assert.equal(request.count, Math.min(Math.max(0, count), maxCount));
        assert.equal(request.startIndex, Math.max(1, startIndex));
      },
    ),
  );
});

test('RFC 7644 §3.7.2 property: resolving bulkIds leaves data without references unchanged', () => {
  const json = fc.jsonValue().filter((v) => !JSON.stringify(v).includes('bulkId:'));
  fc.assert(
    fc.property(json, (data) => {
      assert.deepEqual(resolveBulkIds(data, new Map()), data);
    }),
  );
});
