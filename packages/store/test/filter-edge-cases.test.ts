// What the SQL compiler refuses on its own (for ASTs that skipped scim-core's binder) and the corners of
// `sw` as an index range.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FilterNode, InvalidFilter, SchemaRegistry, bindFilter, parseFilter } from '@provisio/scim-core';
import { USER_STORAGE, filterToSql } from '@provisio/store';
import { forEachDialect } from './support/dialects.js';
import { user } from './support/resources.js';

const REGISTRY = SchemaRegistry.standard();

const compare = (
  attribute: string,
  op: 'eq' | 'gt' | 'lt' | 'co',
  value: string | boolean | null,
  subAttribute?: string,
): FilterNode => ({
  kind: 'compare',
  path: subAttribute ? { attribute, subAttribute } : { attribute },
  op,
  value,
});

const REFUSED: readonly [string, FilterNode][] = [
  ['RFC 7644 §3.4.2.2 unknown attributes are invalidFilter', compare('nope', 'eq', 'x')],
  ['RFC 7644 §3.4.2.2 a complex attribute needs a sub-attribute to compare', compare('name', 'eq', 'x')],
  ['RFC 7644 §3.4.2.2 a multi-valued complex attribute needs a sub-attribute', compare('emails', 'eq', 'x')],
  ['RFC 7644 §3.4.2.2 gt on a boolean is invalidFilter', compare('active', 'gt', true)],
  [
    'RFC 7644 §3.4.2.2 gt on a binary attribute is invalidFilter',
    compare('x509Certificates', 'gt', 'a', 'value'),
  ],
  ['RFC 7644 §3.4.2.2 co on a dateTime is invalidFilter', compare('meta', 'co', '2025', 'created')],
  [
    'RFC 7643 §2.3.5 a dateTime literal must be an xsd:dateTime',
    compare('meta', 'gt', 'yesterday', 'created'),
  ],
  ['RFC 7643 §2.3.4 a boolean compares with true or false only', compare('active', 'eq', 'yes')],
  ['RFC 7644 §3.4.2.2 null takes eq and ne only', compare('title', 'lt', null)],
  [
    'RFC 7643 §3.1 meta.location depends on the base URL and is not stored',
    compare('meta', 'eq', 'x', 'location'),
  ],
  [
    'RFC 7643 §4.1.2 groups.$ref is derived by the server and not stored',
    compare('groups', 'eq', 'x', '$ref'),
  ],
  [
    'RFC 7644 §3.4.2.2 valuePath needs a complex attribute',
    { kind: 'valuePath', path: { attribute: 'userName' }, filter: compare('value', 'eq', 'x') },
  ],
  [
    'RFC 7644 §3.4.2.2 valuePath filters name sub-attributes of their attribute',
    { kind: 'valuePath', path: { attribute: 'emails' }, filter: compare('nope', 'eq', 'x') },
  ],
  [
    'RFC 7644 §3.4.2.2 valuePath filters do not nest',
    {
      kind: 'valuePath',
      path: { attribute: 'emails' },
      filter: { kind: 'valuePath', path: { attribute: 'emails' }, filter: compare('value', 'eq', 'x') },
    },
  ],
];

forEachDialect((dialect) => {
  const target = { dialect: dialect.sql, registry: REGISTRY, storage: USER_STORAGE, tenantId: 't' };
  for (const [title, filter] of REFUSED) {
    test(title, () => {
      assert.throws(() => filterToSql(filter, target), InvalidFilter);
    });
  }

  test('sw is exact at the edges of Unicode: U+10FFFF prefixes and the surrogate gap', async (t) => {
    const store = await dialect.open(t);
    const tenant = await store.tenants.create({ slug: 'edges', name: 'Edges' });
    const names = [
      'a\u{10FFFF}',
      'a\u{10FFFF}\u{10FFFF}z',
      'b',
      '\u{D7FF}x',
      '\u{E000}',
      '\u{FFFF}',
      '\u{10000}',
    ];
    for (const name of names) await store.users.create(tenant.id, user(name));
    const matching = async (prefix: string) => {
      const filter = bindFilter(
        parseFilter(`userName sw ${JSON.stringify(prefix)}`),
        REGISTRY,
        REGISTRY.resourceType('User'),
      );
      const page = await store.users.list(tenant.id, { filter });
      return page.resources.map((r) => r.resource.userName).sort();
    };
    assert.deepEqual(await matching('a\u{10FFFF}'), ['a\u{10FFFF}', 'a\u{10FFFF}\u{10FFFF}z']);
    assert.deepEqual(await matching('\u{D7FF}'), ['\u{D7FF}x']);
    assert.deepEqual(await matching('\u{FFFF}'), ['\u{FFFF}']);
    assert.deepEqual(await matching(''), names.slice().sort());
  });
});
