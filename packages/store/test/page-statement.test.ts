// The compiled SQL of list pages is reused per shape (issue 4): every page must answer as if built afresh.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AttributePath, SchemaRegistry, bindFilter, parseFilter } from '@provisio/scim-core';
import { type ListQuery, PAGE_STATEMENT_CACHE_SIZE, cachedPageShapes } from '@provisio/store';
import { forEachDialect } from './support/dialects.js';
import { group, user } from './support/resources.js';
import { queryLog } from './support/temp-store.js';

const REGISTRY = SchemaRegistry.standard();

function bound(resourceType: 'User' | 'Group', filter: string): ListQuery['filter'] {
  return bindFilter(parseFilter(filter), REGISTRY, REGISTRY.resourceType(resourceType));
}

interface PageCase {
  readonly resourceType: 'User' | 'Group';
  readonly filter?: string;
  readonly sortBy?: AttributePath;
  readonly descending?: boolean;
  readonly startIndex?: number;
  readonly count?: number;
  /** Names (userName / displayName) of the page, in order. */
  readonly names: readonly string[];
}

// Pairs differ only in shape (operator, attribute, negation, boolean literal, sort, paging, table) or only
// in values: run in one interleaved order, an entry shared by two shapes would answer one of them wrongly.
const CASES: readonly PageCase[] = [
  { resourceType: 'User', filter: 'userName eq "alice"', names: ['alice'] },
  { resourceType: 'User', filter: 'userName eq "bob"', names: ['bob'] },
  { resourceType: 'User', filter: 'userName eq "nobody"', names: [] },
  { resourceType: 'User', filter: 'userName ne "alice"', names: ['bob', 'carol'] },
  { resourceType: 'User', filter: 'not (userName eq "bob")', names: ['alice', 'carol'] },
  { resourceType: 'User', filter: 'displayName eq "alice"', names: ['carol'] },
  { resourceType: 'User', filter: 'userName sw "a"', names: ['alice'] },
  { resourceType: 'User', filter: 'userName sw "c"', names: ['carol'] },
  { resourceType: 'User', filter: 'userName co "o"', names: ['bob', 'carol'] },
  { resourceType: 'User', filter: 'active eq true', names: ['alice', 'carol'] },
  { resourceType: 'User', filter: 'active eq false', names: ['bob'] },
  { resourceType: 'User', filter: 'userName eq "alice" or userName eq "bob"', names: ['alice', 'bob'] },
  { resourceType: 'User', filter: 'userName eq "alice" and userName eq "bob"', names: [] },
  { resourceType: 'User', sortBy: { attribute: 'userName' }, names: ['alice', 'bob', 'carol'] },
  {
    resourceType: 'User',
    sortBy: { attribute: 'userName' },
    descending: true,
    names: ['carol', 'bob', 'alice'],
  },
  { resourceType: 'User', sortBy: { attribute: 'userName' }, startIndex: 2, count: 1, names: ['bob'] },
  { resourceType: 'User', sortBy: { attribute: 'userName' }, startIndex: 3, count: 1, names: ['carol'] },
  { resourceType: 'User', filter: 'userName sw "a"', sortBy: { attribute: 'displayName' }, names: ['alice'] },
  { resourceType: 'Group', filter: 'displayName eq "alice"', names: ['alice'] },
  { resourceType: 'Group', filter: 'displayName eq "Sales"', names: ['Sales'] },
];

forEachDialect((dialect) => {
  async function setup(t: Parameters<typeof dialect.open>[0]) {
    const { statements, log } = queryLog();
    const queries: unknown[] = [];
    const store = await dialect.open(t, {
      log: (event) => {
        queries.push(event.query.query);
        log?.(event);
      },
    });
    const { id: tenantId } = await store.tenants.create({ slug: 'acme', name: 'Acme' });
    await store.users.create(tenantId, user('alice', { active: true }));
    await store.users.create(tenantId, user('bob', { active: false }));
    await store.users.create(tenantId, user('carol', { active: true, displayName: 'alice' }));
    await store.groups.create(tenantId, group('alice'));
    await store.groups.create(tenantId, group('Sales'));
    return { store, tenantId, statements, queries };
  }

  test('each shape answers its own rows, from the first page and from the cached SQL', async (t) => {
    const { store, tenantId } = await setup(t);
    for (const round of ['compiled', 'cached']) {
      for (const c of CASES) {
        const query: ListQuery = {
          ...(c.filter ? { filter: bound(c.resourceType, c.filter) } : {}),
          ...(c.sortBy ? { sortBy: c.sortBy } : {}),
          ...(c.descending ? { sortOrder: 'descending' as const } : {}),
          ...(c.startIndex ? { startIndex: c.startIndex } : {}),
          ...(c.count ? { count: c.count } : {}),
        };
        const repository = c.resourceType === 'User' ? store.users : store.groups;
        const page = await repository.list(tenantId, query);
        const names = page.resources.map((r) => r.resource.userName ?? r.resource.displayName);
        const shown = `${c.resourceType} ${c.filter ?? ''} sortBy=${c.sortBy?.attribute} (${round})`;
        // Without a sortBy, the order is by id: compare as sets.
        assert.deepEqual(c.sortBy ? names : names.toSorted(), c.names, shown);
      }
    }
  });

  test('a filter shape is compiled once; its literals are bound, never written into the SQL', async (t) => {
    const { store, tenantId, statements, queries } = await setup(t);
    const before = cachedPageShapes(store.kysely);
    const pageSql = async (name: string) => {
      statements.length = 0;
      queries.length = 0;
      const page = await store.users.list(tenantId, { filter: bound('User', `userName eq "${name}"`) });
      assert.deepEqual(
        page.resources.map((r) => r.resource.userName),
        name === 'nobody' ? [] : [name],
      );
      const [select] = statements.filter(
        (s) => s.startsWith('select') && s.includes('"users"."user_name_key"'),
      );
      assert.ok(select, statements.join('\n'));
      assert.ok(!select.includes(name), select);
      // The page query, as kysely ran it: the same object when its compiled SQL was reused.
      return queries[statements.indexOf(select)];
    };
    const first = await pageSql('alice');
    assert.equal(await pageSql('bob'), first);
    assert.equal(await pageSql('nobody'), first);
    assert.equal(cachedPageShapes(store.kysely) - before, 1);
  });

  test(`at most ${PAGE_STATEMENT_CACHE_SIZE} shapes are kept per store`, async (t) => {
    const { store, tenantId } = await setup(t);
    // n alternatives: a new shape for every n.
    const anyOf = (n: number) =>
      Array.from({ length: n }, (_, i) => `userName eq "${i === 0 ? 'alice' : `u${i}`}"`).join(' or ');
    for (let n = 1; n <= PAGE_STATEMENT_CACHE_SIZE + 10; n++) {
      const page = await store.users.list(tenantId, { filter: bound('User', anyOf(n)) });
      assert.deepEqual(
        page.resources.map((r) => r.resource.userName),
        ['alice'],
      );
    }
    assert.equal(cachedPageShapes(store.kysely), PAGE_STATEMENT_CACHE_SIZE);
  });
});
