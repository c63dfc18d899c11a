import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SchemaRegistry, USER_SCHEMA, isScimError, validateResource } from '@provisio/scim-core';
import fc from 'fast-check';
import { HR_REGISTRY, SITE_REGISTRY, VALIDATE_CASES, type ValidateCase } from './cases/validate.cases.js';

function registryFor(c: ValidateCase): SchemaRegistry {
  if (c.registry === 'hr') return HR_REGISTRY;
  if (c.registry === 'site') return SITE_REGISTRY;
  return SchemaRegistry.standard();
}

for (const c of VALIDATE_CASES) {
  test(c.title, () => {
    assert.ok(c.expect || c.error, 'a case must check something');
    const registry = registryFor(c);
    const run = () =>
      validateResource(c.body, {
        registry,
        resourceType: registry.resourceType(c.resourceType ?? 'User'),
        mode: c.mode ?? 'create',
        ...(c.existing ? { existing: c.existing } : {}),
        ...(c.unknownSchemas ? { unknownSchemas: c.unknownSchemas } : {}),
        ...(c.booleanStrings ? { booleanStrings: c.booleanStrings } : {}),
      });
    if (c.error) {
      const [code, detail] = c.error;
      assert.throws(run, (e: unknown) => {
        assert.ok(isScimError(e), `expected a ScimError, got ${String(e)}`);
        assert.equal(e.code, code);
        assert.ok(e.message.includes(detail), `detail "${e.message}" lacks "${detail}"`);
        return true;
      });
      return;
    }
    assert.deepEqual(run(), c.expect);
  });
}

const registry = SchemaRegistry.standard();
const ctx = { registry, resourceType: registry.resourceType('User'), mode: 'create' as const };

test('RFC 7643 §2.1 property: a valid body validates to a resource that validates to itself', () => {
  const text = fc.string({ minLength: 1, maxLength: 20 });
  const body = fc.record(
    {
      userName: text,
      displayName: text,
      active: fc.boolean(),
      name: fc.record({ givenName: text, familyName: text }, { requiredKeys: [] }),
      emails: fc.array(fc.record({ value: text, type: fc.constantFrom('work', 'home', 'other') }), {
        maxLength: 3,
      }),
    },
    { requiredKeys: ['userName'] },
  );
  fc.assert(
    fc.property(body, (b) => {
      const once = validateResource({ schemas: [USER_SCHEMA], ...b }, ctx);
      assert.deepEqual(validateResource(once, ctx), once);
    }),
  );
});

test('RFC 7643 §2.3 property: a non-string userName is always 400 invalidValue', () => {
  const notString = fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.array(fc.string()),
    fc.dictionary(fc.string(), fc.string()),
  );
  fc.assert(
    fc.property(notString, (userName) => {
      assert.throws(
        () => validateResource({ schemas: [USER_SCHEMA], userName }, ctx),
        (e: unknown) => isScimError(e) && e.code === 'invalidValue' && e.message.startsWith('userName:'),
      );
    }),
  );
});
