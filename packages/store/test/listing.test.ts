// RFC 7644 §3.4.2 listing and RFC 9865 cursors: sort order, offset pages and keyset pages agree with each
// other and with an in-memory reference ordering.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AttributePath, InvalidCursor, InvalidValue } from '@provisio/scim-core';
import type { ListQuery, StoredResource } from '@provisio/store';
import fc from 'fast-check';
import { forEachDialect } from './support/dialects.js';
import { user } from './support/resources.js';
import type { Lifetime } from './support/temp-store.js';

forEachDialect((dialect) => {
  async function setup(t: Lifetime) {
    const store = await dialect.open(t);
    const tenant = await store.tenants.create({ slug: 'acme', name: 'Acme' });
    return { store, tenantId: tenant.id };
  }

  /** SQLite orders text by UTF-8 bytes, i.e. by code point; JavaScript's `<` orders UTF-16 units. */
  function compareCodePoints(a: string, b: string): number {
    const [x, y] = [Array.from(a, (c) => c.codePointAt(0)!), Array.from(b, (c) => c.codePointAt(0)!)];
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  }

  type Key = string | null;
  /** The reference order: key ascending with absent keys first, then id; descending is the exact reverse. */
  function referenceOrder(
    resources: readonly StoredResource[],
    keyOf: (r: StoredResource) => Key,
    descending: boolean,
  ) {
    const sorted = [...resources].sort((p, q) => {
      const [a, b] = [keyOf(p), keyOf(q)];
      const byKey = a === b ? 0 : a === null ? -1 : b === null ? 1 : compareCodePoints(a, b);
      return byKey !== 0 ? byKey : compareCodePoints(p.id, q.id);
    });
    return (descending ? sorted.reverse() : sorted).map((r) => r.id);
  }

  const text = (value: unknown): Key =>
    typeof value === 'string' && value !== '' ? value.toLowerCase() : null;
  const SORTS: readonly [AttributePath | undefined, (r: StoredResource) => Key][] = [
    [undefined, (r) => r.id],
    [{ attribute: 'userName' }, (r) => text(r.resource.userName)],
    [{ attribute: 'displayName' }, (r) => text(r.resource.displayName)],
    [{ attribute: 'title' }, (r) => text(r.resource.title)],
    [
      { attribute: 'emails', subAttribute: 'value' },
      (r) => {
        const emails = (r.resource.emails ?? []) as { value: string; primary?: boolean }[];
        return text((emails.find((e) => e.primary) ?? emails[0])?.value);
      },
    ],
  ];

  type CursorPage = { resources: readonly StoredResource[]; nextCursor?: string; previousCursor?: string };

  /**
   * Walks forwards with `nextCursor` to the end, then back from the last page with `previousCursor`: the
   * backward walk must give the same pages, and the first page has no previous one.
   */
  async function walkCursor(list: (q: ListQuery) => Promise<CursorPage>, query: ListQuery) {
    const pages: string[][] = [];
    const idsOf = (page: CursorPage) => page.resources.map((r) => r.id);
    let page = await list({ ...query, cursor: '' });
    assert.equal(page.previousCursor, undefined, 'a first page has no previous page');
    pages.push(idsOf(page));
    while (page.nextCursor) {
      if (pages.length > 1000) throw new Error('cursor paging did not end');
      page = await list({ ...query, cursor: page.nextCursor });
      pages.push(idsOf(page));
    }
    const backwards: string[][] = [];
    while (page.previousCursor) {
      if (backwards.length > 1000) throw new Error('backward cursor paging did not end');
      page = await list({ ...query, cursor: page.previousCursor });
      backwards.unshift(idsOf(page));
    }
    assert.deepEqual(backwards, pages.slice(0, -1), 'previousCursor pages');
    return pages.flat();
  }

  test('property: cursor pages, offset pages and the reference order agree for every sort', async (t) => {
    const { store } = await setup(t);
    const word = fc.string({ unit: 'grapheme', maxLength: 6 });
    const body = fc.record({
      userName: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
      displayName: fc.option(word, { nil: undefined }),
      title: fc.option(word, { nil: undefined }),
      emails: fc.array(fc.record({ value: word, primary: fc.boolean() }), { maxLength: 2 }),
    });
    let batch = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(body, { maxLength: 12, selector: (b) => b.userName.toLowerCase() }),
        fc.constantFrom(...SORTS),
        fc.boolean(),
        fc.integer({ min: 1, max: 5 }),
        async (bodies, [sortBy, keyOf], descending, count) => {
          const tenant = await store.tenants.create({ slug: `batch-${batch++}`, name: 'batch' });
          const created = [];
          for (const b of bodies) {
            const emails = b.emails.filter(
              (e, i) => !e.primary || b.emails.findIndex((f) => f.primary) === i,
            );
            created.push(await store.users.create(tenant.id, user(b.userName, { ...b, emails })));
          }
          const query: ListQuery = {
            ...(sortBy ? { sortBy } : {}),
            sortOrder: descending ? 'descending' : 'ascending',
          };
          const expected = referenceOrder(created, keyOf, descending);
          const list = (q: ListQuery) => store.users.list(tenant.id, q, { groups: false });
          assert.deepEqual(
            (await list(query)).resources.map((r) => r.id),
            expected,
            'one unpaged list',
          );
          assert.deepEqual(await walkCursor(list, { ...query, count }), expected, 'cursor pages');
          const offsetPages: string[] = [];
          for (let start = 1; start <= expected.length; start += count) {
            const page = await list({ ...query, startIndex: start, count });
            assert.equal(page.totalResults, expected.length);
            offsetPages.push(...page.resources.map((r) => r.id));
          }
          assert.deepEqual(offsetPages, expected, 'offset pages');
        },
      ),
      { numRuns: 60 },
    );
  });

  test('RFC 7644 §3.4.2.4 startIndex and count: 1-based, count 0 gives only totalResults', async (t) => {
    const { store, tenantId } = await setup(t);
    for (const name of ['d', 'a', 'c', 'b', 'e']) await store.users.create(tenantId, user(name));
    const names = async (query: ListQuery) =>
      (await store.users.list(tenantId, { sortBy: { attribute: 'userName' }, ...query })).resources.map(
        (r) => r.resource.userName,
      );
    assert.deepEqual(await names({ startIndex: 2, count: 2 }), ['b', 'c']);
    assert.deepEqual(await names({ startIndex: 0, count: 1 }), ['a'], 'startIndex < 1 is 1');
    assert.deepEqual(await names({ startIndex: 9 }), []);
    assert.deepEqual(await names({ count: -1 }), [], 'negative count is 0');
    const counted = await store.users.list(tenantId, { count: 0 });
    assert.deepEqual([counted.resources.length, counted.totalResults], [0, 5]);
    await assert.rejects(store.users.list(tenantId, { count: 1.5 }), InvalidValue);
  });

  test('RFC 9865 a cursor is bound to its query: garbage or another sort fails with invalidCursor', async (t) => {
    const { store, tenantId } = await setup(t);
    for (const name of ['a', 'b', 'c']) await store.users.create(tenantId, user(name));
    const first = await store.users.list(tenantId, {
      cursor: '',
      count: 1,
      sortBy: { attribute: 'userName' },
    });
    assert.ok(first.nextCursor);
    await assert.rejects(store.users.list(tenantId, { cursor: 'not-a-cursor', count: 1 }), InvalidCursor);
    await assert.rejects(store.users.list(tenantId, { cursor: first.nextCursor, count: 1 }), InvalidCursor);
    await assert.rejects(
      store.users.list(tenantId, {
        cursor: first.nextCursor,
        count: 1,
        sortBy: { attribute: 'userName' },
        sortOrder: 'descending',
      }),
      InvalidCursor,
    );
  });

  test('RFC 9865 keyset pages neither repeat nor skip rows when others are inserted meanwhile', async (t) => {
    const { store, tenantId } = await setup(t);
    for (const name of ['b', 'd', 'f', 'h']) await store.users.create(tenantId, user(name));
    const query = { count: 2, sortBy: { attribute: 'userName' } };
    const first = await store.users.list(tenantId, { ...query, cursor: '' });
    await store.users.create(tenantId, user('a'));
    await store.users.create(tenantId, user('e'));
    const second = await store.users.list(tenantId, { ...query, cursor: first.nextCursor! });
    const seen = [...first.resources, ...second.resources].map((r) => r.resource.userName);
    assert.deepEqual(seen, ['b', 'd', 'e', 'f']);
  });

  test('sortBy an unknown or complex attribute is invalidValue', async (t) => {
    const { store, tenantId } = await setup(t);
    await assert.rejects(store.users.list(tenantId, { sortBy: { attribute: 'nope' } }), InvalidValue);
    await assert.rejects(store.users.list(tenantId, { sortBy: { attribute: 'name' } }), InvalidValue);
    await assert.rejects(
      store.users.list(tenantId, { sortBy: { attribute: 'groups', subAttribute: 'value' } }),
      InvalidValue,
    );
  });
});
