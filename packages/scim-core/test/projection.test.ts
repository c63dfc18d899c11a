import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  SchemaRegistry,
  USER,
  compileProjection,
  isScimError,
  parseAttributeList,
  parseAttributePath,
} from '@provisio/scim-core';
import fc from 'fast-check';
import {
  PROJECTION_CASES,
  TEST_REGISTRY,
  USER as USER_RESOURCE,
  defaultResource,
} from './cases/projection.cases.js';

for (const c of PROJECTION_CASES) {
  test(c.title, () => {
    assert.ok(c.expect || c.includes || c.error, 'a case must check something');
    const registry = c.registry === 'test' ? TEST_REGISTRY : SchemaRegistry.standard();
    const resourceType = registry.resourceType(c.resourceType ?? 'User');
    const compile = () =>
      compileProjection(
        {
          attributes: parseAttributeList(c.attributes),
          excludedAttributes: parseAttributeList(c.excludedAttributes),
        },
        registry,
        resourceType,
      );
    if (c.error) {
      assert.throws(compile, (e: unknown) => isScimError(e) && e.code === c.error && e.status === 400);
      return;
    }
    const projection = compile();
    if (c.expect) assert.deepEqual(projection.apply(defaultResource(c)), c.expect);
    for (const [path, expected] of c.includes ?? []) {
      assert.equal(projection.includes(parseAttributePath(path)), expected, `includes(${path})`);
    }
  });
}

const registry = SchemaRegistry.standard();
const userType = registry.resourceType('User');
const names = [...USER.attributes.map((a) => a.name), 'id', 'externalId', 'meta'];

test('RFC 7644 §3.9 property: attributes=S returns nothing outside S plus schemas and id', () => {
  fc.assert(
    fc.property(fc.subarray(names, { minLength: 1 }), (selected) => {
      const projection = compileProjection(
        { attributes: selected.map((n) => parseAttributePath(n)) },
        registry,
        userType,
      );
      const allowed = new Set([...selected.filter((n) => n !== 'password'), 'schemas', 'id']);
      for (const key of Object.keys(projection.apply(USER_RESOURCE))) assert.ok(allowed.has(key), key);
    }),
  );
});

test('RFC 7644 §3.4.2.5 property: excludedAttributes=S removes S, except id, and projecting twice changes nothing', () => {
  fc.assert(
    fc.property(fc.subarray(names), (excluded) => {
      const projection = compileProjection(
        { excludedAttributes: excluded.map((n) => parseAttributePath(n)) },
        registry,
        userType,
      );
      const once = projection.apply(USER_RESOURCE);
      for (const name of excluded) if (name !== 'id') assert.ok(!(name in once), name);
      assert.ok('id' in once);
      assert.deepEqual(projection.apply(once), once);
    }),
  );
});
