import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_GROUP_MAPPINGS,
  DEFAULT_USER_MAPPINGS,
  type TargetApp,
  TargetAppError,
  type TargetSchemas,
  TargetSchemasError,
  compileTargetApp,
  newTargetApp,
  parseTargetApp,
  readTargetSchemas,
  restoreDefaultMappings,
} from '@provisio/engine';
import {
  ENTERPRISE_USER_SCHEMA as E,
  LIST_RESPONSE_SCHEMA,
  SchemaRegistry,
  USER_SCHEMA as U,
  USER,
} from '@provisio/scim-core';
import { CONFIG_CASES, type Json, PROWARE, type SchemasUsed } from './cases/target-app.cases.js';
import { APPLICATION, assign, plan, user } from './support/cycle.js';
import { MemoryTarget } from './support/target.js';

/** A `/Schemas` ListResponse as a SCIM server renders it (scim-core builds Provisio's own). */
function schemasResponse(registry: SchemaRegistry, only?: readonly string[]): Json {
  const resources = registry
    .schemas()
    .filter((s) => only === undefined || only.includes(s.id))
    .map((s) => registry.schemaResource(s, 'https://proware.example/scim/v2'));
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: resources.length,
    Resources: resources,
  };
}

const PROWARE_REGISTRY = SchemaRegistry.standard().withExtension(
  { id: PROWARE, attributes: [{ name: 'costCentre' }] },
  { resourceType: 'User' },
);
const SCHEMAS: Readonly<Record<SchemasUsed, TargetSchemas | undefined>> = {
  standard: undefined,
  proware: readTargetSchemas(schemasResponse(PROWARE_REGISTRY)),
  userOnly: readTargetSchemas(schemasResponse(SchemaRegistry.standard(), [U])),
};

const json = (app: TargetApp): Json => JSON.parse(JSON.stringify(app));

describe('parseTargetApp: every problem, exactly (B2, B3, B4)', () => {
  for (const c of CONFIG_CASES) {
    test(c.title, () => {
      const config = json(newTargetApp());
      const input = c.edit(config) ?? config;
      const schemas = SCHEMAS[c.schemas ?? 'standard'];
      let problems: readonly string[] = [];
      try {
        const parsed = parseTargetApp(input, schemas);
        assert.deepEqual(parsed, input);
        compileTargetApp(parsed, schemas);
      } catch (error) {
        if (!(error instanceof TargetAppError)) throw error;
        problems = error.problems;
      }
      assert.deepEqual(problems, c.problems);
    });
  }
});

describe('restore default mappings (B3)', () => {
  test('brings back A7 exactly after edits; actions and scoping filters stay', () => {
    const edited = json(newTargetApp());
    const users = edited.users as Json & { attributes: Json[] };
    users.attributes.splice(3, 5);
    users.attributes[0]!.source = { kind: 'direct', attribute: 'mail' };
    users.attributes.push({ target: 'nickName', source: { kind: 'constant', value: 'x' }, flow: 'always' });
    users.actions = { create: true, update: true, delete: false };
    users.scopingFilter = [{ clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'Sales' }] }];
    (edited.groups as Json).attributes = [DEFAULT_GROUP_MAPPINGS[0]];
    const app = parseTargetApp(edited);

    const restored = restoreDefaultMappings(restoreDefaultMappings(app, 'user'), 'group');
    assert.deepEqual(restored.users.attributes, DEFAULT_USER_MAPPINGS);
    assert.deepEqual(restored.groups.attributes, DEFAULT_GROUP_MAPPINGS);
    assert.deepEqual(json(restored), {
      ...json(newTargetApp()),
      users: { ...json(newTargetApp()).users!, actions: users.actions, scopingFilter: users.scopingFilter },
    });
  });

  test('only the object type asked for is restored', () => {
    const app = { ...newTargetApp(), groups: { ...newTargetApp().groups, attributes: [] } };
    assert.deepEqual(restoreDefaultMappings(app, 'user').groups.attributes, []);
  });
});

describe("target attributes bound to the target's /Schemas (A3, A6)", () => {
  test("a custom extension attribute of Proware's /Schemas goes into the POST under its URN", () => {
    const base = newTargetApp();
    const costCentre = {
      target: `${PROWARE}:costCentre`,
      source: { kind: 'direct', attribute: 'department' },
      flow: 'always',
    } as const;
    const app = compileTargetApp(
      { ...base, users: { ...base.users, attributes: [...base.users.attributes, costCentre] } },
      SCHEMAS.proware,
    );
    const alice = user('oid-alice', { userPrincipalName: 'alice@contoso.com', department: 'Ops' });
    const directory = {
      application: APPLICATION,
      users: [alice],
      groups: [],
      assignments: [assign('oid-alice')],
    };
    const [create] = plan(app, directory, new MemoryTarget());
    assert.deepEqual(create!.request!.body, {
      schemas: [U, E, PROWARE],
      userName: 'alice@contoso.com',
      active: true,
      [E]: { department: 'Ops' },
      [PROWARE]: { costCentre: 'Ops' },
    });
  });

  test('a discovered schema keeps its attribute types: a boolean extension attribute gets a boolean', () => {
    const registry = SchemaRegistry.standard().withExtension(
      { id: PROWARE, attributes: [{ name: 'isContractor', type: 'boolean' }] },
      { resourceType: 'User' },
    );
    const base = newTargetApp();
    const contractor = {
      target: `${PROWARE}:isContractor`,
      source: { kind: 'constant', value: 'True' },
      flow: 'always',
    } as const;
    const app = compileTargetApp(
      { ...base, users: { ...base.users, attributes: [...base.users.attributes, contractor] } },
      readTargetSchemas(schemasResponse(registry)),
    );
    const directory = {
      application: APPLICATION,
      users: [user('oid-a', { userPrincipalName: 'a@contoso.com' })],
      groups: [],
      assignments: [assign('oid-a')],
    };
    const [create] = plan(app, directory, new MemoryTarget());
    assert.deepEqual(create!.request!.body![PROWARE], { isContractor: true });
  });

  const invalid: { title: string; response: unknown; message: string }[] = [
    {
      title: 'not a ListResponse',
      response: [USER],
      message: 'the /Schemas response is not a ListResponse with Resources',
    },
    {
      title: 'a resource that is not a schema',
      response: { Resources: [{ id: U }] },
      message: '/Schemas Resources[0] is not a schema with an id and attributes',
    },
    {
      title: 'an attribute without a name',
      response: { Resources: [{ id: U, attributes: [{ type: 'string' }] }] },
      message: `${U} attributes[0]: an attribute without a name`,
    },
    {
      title: 'no User schema',
      response: schemasResponse(SchemaRegistry.standard(), [E]),
      message: `the /Schemas response has no ${U} schema`,
    },
  ];
  for (const c of invalid) {
    test(`an unreadable /Schemas response: ${c.title}`, () => {
      assert.throws(
        () => readTargetSchemas(c.response),
        (error: unknown) => error instanceof TargetSchemasError && error.message === c.message,
      );
    });
  }
});
