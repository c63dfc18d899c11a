// Property tests for the filter language: printing round-trips, parsing fails only with InvalidFilter,
// compiled filters never throw on JSON.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type AttributePath,
  type CompareOperator,
  ENTERPRISE_USER_SCHEMA,
  type FilterNode,
  type FilterValue,
  InvalidFilter,
  InvalidPath,
  USER_SCHEMA,
  bindFilter,
  compileFilter,
  parseFilter,
  parseValuePath,
  printFilter,
} from '@provisio/scim-core';
import fc from 'fast-check';
import { ACME_SCHEMA, acmeRegistry } from './cases/filter.cases.js';

/** Records with Object.prototype, as the parser builds them (deepEqual compares prototypes). */
const plain = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) =>
  fc.record(model, { noNullPrototype: true });

const OPERATORS: readonly CompareOperator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];

// ---- Syntactic ASTs: anything the parser can produce ---------------------------------------------------

const name = fc.oneof(
  fc.stringMatching(/^\$?[A-Za-z][A-Za-z0-9_-]{0,8}$/),
  // Keywords and literals are legal attribute names; the printer must not confuse the parser with them.
  fc.constantFrom('not', 'and', 'or', 'pr', 'eq', 'true', 'null', 'urn', 'NOT'),
);
const schema = fc.constantFrom(USER_SCHEMA, ENTERPRISE_USER_SCHEMA, 'urn:example:a', 'URN:X:Y.Z:1.0');
const path = (withSubAttribute: boolean): fc.Arbitrary<AttributePath> =>
  plain({
    schema: fc.option(schema, { nil: undefined }),
    attribute: name,
    subAttribute: withSubAttribute ? fc.option(name, { nil: undefined }) : fc.constant(undefined),
  }).map(({ schema, attribute, subAttribute }) => ({
    ...(schema !== undefined ? { schema } : {}),
    attribute,
    ...(subAttribute !== undefined ? { subAttribute } : {}),
  }));
/** Any UTF-16 code unit, lone surrogates included. */
const codeUnits = fc.string({ unit: fc.nat(0xffff).map((c) => String.fromCharCode(c)) });
const literal: fc.Arbitrary<FilterValue> = fc.oneof(
  codeUnits,
  fc.string(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

function syntaxTree(allowValuePath: boolean): fc.Arbitrary<FilterNode> {
  return fc.letrec<{ node: FilterNode }>((tie) => {
    const leaves: fc.Arbitrary<FilterNode>[] = [
      plain({ kind: fc.constant('present' as const), path: path(true) }),
      plain({
        kind: fc.constant('compare' as const),
        path: path(true),
        op: fc.constantFrom(...OPERATORS),
        value: literal,
      }),
    ];
    if (allowValuePath) {
      leaves.push(
        plain({ kind: fc.constant('valuePath' as const), path: path(false), filter: syntaxTree(false) }),
      );
    }
    return {
      node: fc.oneof(
        { maxDepth: 6, depthSize: 'small' },
        ...leaves,
        plain({ kind: fc.constant('and' as const), left: tie('node'), right: tie('node') }),
        plain({ kind: fc.constant('or' as const), left: tie('node'), right: tie('node') }),
        plain({ kind: fc.constant('not' as const), filter: tie('node') }),
      ),
    };
  }).node;
}

test('property: parseFilter(printFilter(ast)) rebuilds every parser-producible tree', () => {
  fc.assert(
    fc.property(syntaxTree(true), (ast) => {
      assert.deepEqual(parseFilter(printFilter(ast)), ast);
    }),
    { numRuns: 500 },
  );
});

// ---- Arbitrary text: a tree or InvalidFilter, nothing else -----------------------------------------------

const tokenSoup = fc
  .array(
    fc.constantFrom(
      'userName',
      'emails',
      '.value',
      ' ',
      '\t',
      'eq',
      'PR',
      'co',
      '"x"',
      '"',
      '\\',
      '\\u00',
      '(',
      ')',
      '[',
      ']',
      'and',
      'Or',
      'not',
      '1',
      '-',
      'e',
      '.',
      'true',
      'null',
      `${ENTERPRISE_USER_SCHEMA}:manager`,
      ':',
    ),
    { maxLength: 30 },
  )
  .map((tokens) => tokens.join(''));

function parsesOrRejects(
  parse: (text: string) => unknown,
  ErrorClass: typeof InvalidFilter | typeof InvalidPath,
) {
  return (text: string) => {
    try {
      parse(text);
    } catch (error) {
      assert.ok(error instanceof ErrorClass, `${JSON.stringify(text)} threw ${String(error)}`);
    }
  };
}

test('property: parseFilter on arbitrary text returns a tree or throws InvalidFilter', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.string({ unit: 'binary' }), codeUnits, tokenSoup),
      parsesOrRejects(parseFilter, InvalidFilter),
    ),
    {
      numRuns: 2000,
    },
  );
});

test('property: parseValuePath on arbitrary text returns a path or throws InvalidPath', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.string({ unit: 'binary' }), tokenSoup),
      parsesOrRejects(parseValuePath, InvalidPath),
    ),
    {
      numRuns: 1000,
    },
  );
});

test('property: whatever parses from token soup prints back to the same tree', () => {
  fc.assert(
    fc.property(tokenSoup, (text) => {
      let ast: FilterNode;
      try {
        ast = parseFilter(text);
      } catch {
        return;
      }
      assert.deepEqual(parseFilter(printFilter(ast)), ast);
    }),
    { numRuns: 2000 },
  );
});

// ---- Compiled filters never throw on JSON ----------------------------------------------------------------

const registry = acmeRegistry;
const user = registry.resourceType('User');

/**
 * Every filterable attribute of User with the enterprise and custom extensions, as [path, sub-attribute
 * names]; never-returned ones (password) are refused by the binder, so they are not drawn.
 */
const attributes = registry.schemaIds(user).flatMap((id) =>
  (registry.schema(id)?.attributes ?? [])
    .filter((a) => a.returned !== 'never')
    .map((a) => ({
      path: id === USER_SCHEMA ? { attribute: a.name } : { schema: id, attribute: a.name },
      subAttributes: (a.subAttributes ?? []).map((s) => s.name),
    })),
);
const looseLiteral = fc.oneof(
  literal,
  fc.constantFrom('True', 'false', '2024-02-29T12:00:00+01:00', '2011-05-13T04:42:34Z'),
);

/** A leaf on `target`; when its literal or operator does not fit the type, `pr` instead, so it always binds. */
function bindableLeaf(target: AttributePath, check: (leaf: FilterNode) => unknown): fc.Arbitrary<FilterNode> {
  return fc
    .tuple(
      fc.constantFrom(...OPERATORS),
      looseLiteral,
      fc.nat(3).map((n) => n === 0),
    )
    .map(([op, value, present]) => {
      const presence: FilterNode = { kind: 'present', path: target };
      if (present) return presence;
      const comparison: FilterNode = { kind: 'compare', path: target, op, value };
      try {
        check(comparison);
        return comparison;
      } catch {
        return presence;
      }
    });
}

const attribute = fc.constantFrom(...attributes);
const resourceLeaf = attribute.chain(({ path, subAttributes }) =>
  fc
    .option(fc.constantFrom(...(subAttributes.length ? subAttributes : ['none'])), { nil: undefined })
    .chain((sub) => {
      const target = sub === undefined || subAttributes.length === 0 ? path : { ...path, subAttribute: sub };
      return bindableLeaf(target, (leaf) => bindFilter(leaf, registry, user));
    }),
);
const valuePathLeaf = attribute
  .filter(({ subAttributes }) => subAttributes.length > 0)
  .chain(({ path, subAttributes }) =>
    fc
      .constantFrom(...subAttributes)
      .chain((sub) =>
        bindableLeaf({ attribute: sub }, (leaf) =>
          bindFilter({ kind: 'valuePath', path, filter: leaf }, registry, user),
        ).map((filter): FilterNode => ({ kind: 'valuePath', path, filter })),
      ),
  );
const boundTree = fc
  .letrec<{ node: FilterNode }>((tie) => ({
    node: fc.oneof(
      { maxDepth: 4, depthSize: 'small' },
      resourceLeaf,
      valuePathLeaf,
      plain({ kind: fc.constant('and' as const), left: tie('node'), right: tie('node') }),
      plain({ kind: fc.constant('or' as const), left: tie('node'), right: tie('node') }),
      plain({ kind: fc.constant('not' as const), filter: tie('node') }),
    ),
  }))
  .node.map((node) => bindFilter(node, registry, user));

const json = fc.jsonValue({ maxDepth: 3 });
const element = fc.dictionary(
  fc.constantFrom('value', 'VALUE', 'type', 'primary', 'display', 'name', 'budget'),
  json,
);
const resource = fc.record(
  {
    userName: json,
    USERNAME: json,
    id: json,
    active: json,
    schemas: json,
    name: fc.oneof(json, element),
    emails: fc.oneof(json, fc.array(fc.oneof(element, json), { maxLength: 3 })),
    meta: fc.oneof(json, fc.dictionary(fc.constantFrom('created', 'lastModified', 'version'), json)),
    [ENTERPRISE_USER_SCHEMA]: fc.oneof(
      json,
      fc.dictionary(fc.constantFrom('department', 'manager', 'employeeNumber'), json),
    ),
    [ACME_SCHEMA.toUpperCase()]: fc.oneof(
      json,
      fc.dictionary(
        fc.constantFrom('badge', 'rating', 'hiredAt', 'remote', 'skills', 'code', 'projects'),
        json,
      ),
    ),
  },
  { requiredKeys: [] },
);

test('property: compiled filters never throw on generated JSON resources', () => {
  fc.assert(
    fc.property(boundTree, fc.array(resource, { minLength: 1, maxLength: 5 }), (bound, resources) => {
      const match = compileFilter(bound, registry, user);
      for (const r of resources) assert.equal(typeof match(r), 'boolean');
    }),
    { numRuns: 500 },
  );
});

test('property: ne is exactly not eq on generated resources', () => {
  // A literal that binds with any operator binds with eq and ne too.
  const comparison = resourceLeaf.filter((leaf) => leaf.kind === 'compare');
  fc.assert(
    fc.property(comparison, resource, (leaf, r) => {
      const eq = bindFilter({ ...leaf, op: 'eq' } as FilterNode, registry, user);
      const ne = bindFilter({ ...leaf, op: 'ne' } as FilterNode, registry, user);
      assert.equal(compileFilter(ne, registry, user)(r), !compileFilter(eq, registry, user)(r));
    }),
    { numRuns: 300 },
  );
});
