/** Paging through results: RFC 7644 §3.4.2.4 index paging and RFC 9865 cursors, over HTTP. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  type TestServer,
  type TestTenant,
  USER_SCHEMA,
  forEachServerDialect,
  startTestServer,
} from './support/test-server.js';

const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

forEachServerDialect((dialect) => {
  let server: TestServer;
  let tenant: TestTenant;
  const ids: string[] = [];
  before(async () => {
    server = await startTestServer({ PROVISIO_MAX_PAGE_SIZE: '3' }, { dialect });
    tenant = await server.tenant();
    for (const name of ['e', 'a', 'd', 'b', 'c']) {
      const response = await tenant.scim('POST', '/Users', {
        body: { schemas: [USER_SCHEMA], userName: name },
      });
      ids.push(response.body.id);
    }
  });
  after(() => server.close());

  test('RFC 9865 §3 cursor= starts cursor paging; nextCursor walks every result once and ends', async () => {
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 5; page++) {
      const response = await tenant.scim(
        'GET',
        `/Users?sortBy=userName&count=2&cursor=${encodeURIComponent(cursor)}`,
      );
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.totalResults, 5);
      assert.equal(response.body.startIndex, undefined, 'cursor pages carry no startIndex');
      seen.push(...response.body.Resources.map((r: { userName: string }) => r.userName));
      if (response.body.nextCursor === undefined) break;
      cursor = response.body.nextCursor;
    }
    assert.deepEqual(seen, ['a', 'b', 'c', 'd', 'e']);
  });

  test('RFC 9865 §3 previousCursor walks back: the same pages, totalResults kept, none before the first', async () => {
    const page = (cursor: string) =>
      tenant.scim(
        'GET',
        `/Users?sortBy=userName&sortOrder=descending&count=2&cursor=${encodeURIComponent(cursor)}`,
      );
    const names = (response: { body: { Resources: { userName: string }[] } }) =>
      response.body.Resources.map((r) => r.userName);
    const first = await page('');
    assert.equal(first.body.previousCursor, undefined, 'the first page has no previous page');
    const second = await page(first.body.nextCursor);
    const third = await page(second.body.nextCursor);
    assert.deepEqual([names(first), names(second), names(third)], [['e', 'd'], ['c', 'b'], ['a']]);
    const backToSecond = await page(third.body.previousCursor);
    assert.deepEqual(names(backToSecond), ['c', 'b']);
    assert.equal(backToSecond.body.totalResults, 5);
    const backToFirst = await page(backToSecond.body.previousCursor);
    assert.deepEqual(names(backToFirst), ['e', 'd']);
    assert.equal(backToFirst.body.previousCursor, undefined);
    assert.deepEqual(names(await page(backToFirst.body.nextCursor)), ['c', 'b'], 'and forwards again');
  });

  test('RFC 9865 §3 cursors work in a POST /.search body too', async () => {
    const first = await tenant.scim('POST', '/Users/.search', {
      body: { schemas: [SEARCH], cursor: '', count: 4 },
    });
    assert.equal(first.body.Resources.length, 3, 'count is capped at the maximum page size');
    const second = await tenant.scim('POST', '/Users/.search', {
      body: { schemas: [SEARCH], cursor: first.body.nextCursor, count: 4 },
    });
    assert.equal(second.body.Resources.length, 2);
    assert.equal(second.body.nextCursor, undefined);
    const all = [...first.body.Resources, ...second.body.Resources].map((r: { id: string }) => r.id);
    assert.deepEqual(all.sort(), [...ids].sort());
  });

  test('RFC 9865 §6 a cursor that was not issued is 400 invalidCursor', async () => {
    const response = await tenant.scim('GET', '/Users?cursor=not-a-cursor');
    assert.equal(response.status, 400);
    assert.equal(response.body.scimType, 'invalidCursor');
  });

  test('RFC 9865 a cursor together with startIndex is 400 invalidValue', async () => {
    const response = await tenant.scim('GET', '/Users?cursor=&startIndex=2');
    assert.equal(response.status, 400);
    assert.equal(response.body.scimType, 'invalidValue');
  });

  test('RFC 7644 §3.4.2.4 without count a page holds at most the maximum page size', async () => {
    const response = await tenant.scim('GET', '/Users');
    assert.equal(response.body.totalResults, 5);
    assert.equal(response.body.itemsPerPage, 3);
    assert.equal(response.body.startIndex, 1);
  });

  test('RFC 7644 §3.4.2.4 startIndex past the end is an empty page with the total', async () => {
    const response = await tenant.scim('GET', '/Users?startIndex=9');
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.Resources, []);
    assert.equal(response.body.totalResults, 5);
  });

  test('RFC 7644 §3.4.3 a root search refuses cursors and sortBy with 400 invalidValue', async () => {
    for (const extra of [{ cursor: '' }, { sortBy: 'userName' }]) {
      const response = await tenant.scim('POST', '/.search', { body: { schemas: [SEARCH], ...extra } });
      assert.equal(response.status, 400, JSON.stringify(extra));
      assert.equal(response.body.scimType, 'invalidValue');
    }
  });
});
