// Runs the filter and path conformance tables in test/cases/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  InvalidFilter,
  InvalidPath,
  SchemaRegistry,
  type ScimError,
  bindFilter,
  compileElementFilter,
  compileFilter,
  evaluateFilter,
  parseFilter,
  parseValuePath,
  printFilter,
  splitAttributePath,
} from '@provisio/scim-core';
import {
  type ParseCase,
  acmeRegistry,
  bindCases,
  elementCases,
  errorCases,
  evaluationCases,
  fixtures,
  limitCases,
  parseCases,
} from './cases/filter.cases.js';
import { splitCases, valuePathCases } from './cases/path.cases.js';

function assertThrows(
  run: () => unknown,
  ErrorClass: new (detail: string) => ScimError,
  expected: { offset?: number; detail?: string },
): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ErrorClass, `expected ${ErrorClass.name}, got ${String(error)}`);
    if (expected.offset !== undefined)
      assert.match(error.message, new RegExp(`at offset ${expected.offset}$`));
    if (expected.detail !== undefined) {
      assert.ok(error.message.includes(expected.detail), `"${error.message}" lacks "${expected.detail}"`);
    }
    return true;
  });
}

const registryFor = (name: 'acme' | undefined) =>
  name === 'acme' ? acmeRegistry : SchemaRegistry.standard();

describe('parseFilter', () => {
  for (const c of parseCases as readonly ParseCase[]) {
    test(c.title, () => {
      const ast = parseFilter(c.filter);
      if (c.ast) assert.deepEqual(ast, c.ast);
      if (c.printed !== undefined) assert.equal(printFilter(ast), c.printed);
      assert.deepEqual(parseFilter(printFilter(ast)), ast, 'printing and re-parsing rebuilds the tree');
    });
  }
  test('Hostile input: nesting of exactly 50 is accepted', () => {
    assert.deepEqual(parseFilter(limitCases.deepestAccepted), { kind: 'present', path: { attribute: 'a' } });
  });
  test('Hostile input: text over 10,000 characters is invalidFilter', () => {
    assertThrows(() => parseFilter(limitCases.tooLong), InvalidFilter, { detail: 'the limit is 10000' });
  });
});

describe('parseFilter errors', () => {
  for (const c of errorCases) {
    test(c.title, () => assertThrows(() => parseFilter(c.filter), InvalidFilter, c));
  }
});

describe('bindFilter', () => {
  for (const c of bindCases) {
    test(c.title, () => {
      const registry = registryFor(c.registry);
      const resourceType = registry.resourceType(c.resourceType ?? 'User');
      const parsed = parseFilter(c.filter);
      const before = structuredClone(parsed);
      if (c.error !== undefined) {
        assertThrows(() => bindFilter(parsed, registry, resourceType), InvalidFilter, { detail: c.error });
        return;
      }
      const bound = bindFilter(parsed, registry, resourceType);
      assert.equal(printFilter(bound), c.bound);
      assert.deepEqual(parsed, before, 'binding never mutates its input');
      assert.deepEqual(bindFilter(bound, registry, resourceType), bound, 'binding is idempotent');
    });
  }
});

describe('evaluateFilter', () => {
  for (const c of evaluationCases) {
    test(c.title, () => {
      const registry = registryFor(c.registry);
      const resourceType = registry.resourceType(c.resourceType ?? 'User');
      const resource = fixtures[c.resource];
      assert.equal(evaluateFilter(parseFilter(c.filter), resource, registry, resourceType), c.expected);
      // The canonical text of the bound tree means the same thing.
      const bound = bindFilter(parseFilter(c.filter), registry, resourceType);
      const reparsed = bindFilter(parseFilter(printFilter(bound)), registry, resourceType);
      assert.equal(compileFilter(reparsed, registry, resourceType)(resource), c.expected);
    });
  }
  // Presence does not type-check: malformed's string-valued "emails" is a value, so it is present.
  test('RFC 7644 §3.4.2.2 one compiled filter evaluates many resources', () => {
    const registry = SchemaRegistry.standard();
    const user = registry.resourceType('User');
    const match = compileFilter(bindFilter(parseFilter('emails pr'), registry, user), registry, user);
    const names = Object.entries(fixtures).flatMap(([name, resource]) => (match(resource) ? [name] : []));
    assert.deepEqual(names, ['bjensen', 'shouting', 'malformed']);
  });
});

describe('compileElementFilter', () => {
  const standard = SchemaRegistry.standard();
  for (const c of elementCases) {
    test(c.title, () => {
      const resourceType = standard.resourceType(c.attribute === 'members' ? 'Group' : 'User');
      const attribute = standard.require(resourceType, { attribute: c.attribute }, InvalidPath).attribute;
      const filter = parseFilter(c.filter);
      if (c.error !== undefined) {
        assertThrows(() => compileElementFilter(filter, attribute), InvalidPath, { detail: c.error });
        return;
      }
      assert.equal(compileElementFilter(filter, attribute)(c.element), c.expected);
    });
  }
});

describe('splitAttributePath', () => {
  for (const c of splitCases) {
    test(c.title, () => assert.deepEqual(splitAttributePath(c.token), c.expected));
  }
});

describe('parseValuePath', () => {
  for (const c of valuePathCases) {
    test(c.title, () => {
      if (c.expected) assert.deepEqual(parseValuePath(c.text), c.expected);
      else assertThrows(() => parseValuePath(c.text), InvalidPath, c);
    });
  }
  test('Hostile input: a PATCH path over 10,000 characters is invalidPath', () => {
    assertThrows(() => parseValuePath(`a${'b'.repeat(10_000)}`), InvalidPath, {
      detail: 'the limit is 10000',
    });
  });
});
