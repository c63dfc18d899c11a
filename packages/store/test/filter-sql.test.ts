// Runs the filter → SQL table on every dialect: the pinned SQL text and parameters, then the same filter
// against the fixture tenant on a real database, which must select the same resources everywhere.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { bindFilter, parseFilter } from '@provisio/scim-core';
import { GROUP_STORAGE, USER_STORAGE, filterToSql } from '@provisio/store';
import { FILTER_SQL_CASES, type FilterSqlCase } from './cases/filter-sql.cases.js';
import { type TestStore, forEachDialect } from './support/dialects.js';
import { REGISTRY, TENANT, openFixtureStore } from './support/filter-fixtures.js';
import { FILE } from './support/temp-store.js';

function boundFilter(c: FilterSqlCase) {
  return bindFilter(parseFilter(c.filter), REGISTRY, REGISTRY.resourceType(c.resourceType));
}

forEachDialect((dialect) => {
  let store: TestStore;
  before(async () => {
    store = await openFixtureStore(FILE, dialect.open);
  });

  for (const c of FILTER_SQL_CASES) {
    test(c.title, async () => {
      const filter = boundFilter(c);
      const storage = c.resourceType === 'User' ? USER_STORAGE : GROUP_STORAGE;
      const target = { dialect: dialect.sql, registry: REGISTRY, storage, tenantId: TENANT };
      const { sql, parameters } = filterToSql(filter, target).compile(store.kysely);
      assert.deepEqual({ sql, parameters }, c.sql[dialect.name], `SQL for ${c.filter}`);

      const repository = c.resourceType === 'User' ? store.users : store.groups;
      const page = await repository.list(TENANT, { filter, registry: REGISTRY });
      assert.deepEqual(page.resources.map((r) => r.id).sort(), c.matches, `matches of ${c.filter}`);
      assert.equal(page.totalResults, c.matches.length);
    });
  }
});

test('the table covers at least 30 filters, each with its own title', () => {
  assert.ok(FILTER_SQL_CASES.length >= 30);
  assert.equal(new Set(FILTER_SQL_CASES.map((c) => c.title)).size, FILTER_SQL_CASES.length);
});
