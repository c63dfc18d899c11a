/**
 * The fixture tenant the filter conformance cases run against: users and groups whose ids are their
 * names, a custom extension schema, and a clock that ticks one second per write.
 */
import { ENTERPRISE_USER_SCHEMA, SchemaRegistry, USER_SCHEMA } from '@provisio/scim-core';
import type { TestStore, TestStoreOptions } from './dialects.js';
import { group, user } from './resources.js';
import { type Lifetime, steppingClock } from './temp-store.js';

export const TENANT = 'tenant-a';
export const ACME = 'urn:example:params:scim:schemas:extension:acme:2.0:User';

/** Standard schemas plus ACME: JSON-only attributes of every type the compiler handles. */
export const REGISTRY = SchemaRegistry.standard().withExtension(
  {
    id: ACME,
    attributes: [
      { name: 'badge', type: 'integer' },
      { name: 'hired', type: 'dateTime' },
      { name: 'tags', multiValued: true },
      { name: 'clearance', caseExact: true },
    ],
  },
  { resourceType: 'User' },
);

const USERS: Record<string, Record<string, unknown>> = {
  alice: user('Alice@Example.com', {
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    externalId: 'ext-Alice',
    displayName: 'Alice Ångström',
    active: true,
    title: 'Engineer',
    name: { givenName: 'Alice', familyName: 'Ångström' },
    emails: [
      { value: 'alice@example.com', type: 'work', primary: true },
      { value: 'alice@home.org', type: 'home' },
    ],
    phoneNumbers: [{ value: '+1 555 0100', type: 'mobile' }],
    addresses: [{ type: 'work', locality: 'Berlin', country: 'DE' }],
    [ENTERPRISE_USER_SCHEMA]: {
      employeeNumber: 'E100',
      department: 'Engineering',
      manager: { value: 'carol' },
    },
  }),
  bob: user('bob@example.com', {
    externalId: 'ext-bob',
    displayName: 'Bob 100%_done',
    active: false,
    title: '',
    emails: [{ value: 'Bob@Example.COM', type: 'work', primary: true }],
    phoneNumbers: [{ value: '+1 555 0199', type: 'work' }],
    [ENTERPRISE_USER_SCHEMA]: { employeeNumber: 'E200', department: 'Sales', manager: { value: 'carol' } },
    [ACME]: { badge: 7, hired: '2020-03-01T09:00:00+02:00', tags: ['blue', 'Green'], clearance: 'TopSecret' },
  }),
  carol: user('carol@example.com', {
    displayName: 'Carol',
    active: true,
    emails: [{ value: 'carol@corp.example', type: 'work' }],
    [ENTERPRISE_USER_SCHEMA]: { department: 'Engineering' },
    [ACME]: { badge: 42, hired: '2019-12-31T23:30:00Z', tags: ['red'], clearance: 'topsecret' },
  }),
  dave: user('ДМИТРИЙ@example.com', { name: { givenName: 'Dmitri' } }),
  erin: user('erin@example.com', {
    externalId: 'ext-erin',
    displayName: 'erin',
    nickName: 'E',
    active: true,
    emails: [{ value: 'erin@example.com', type: 'other', display: 'Erin X' }],
    [ACME]: { badge: 7, tags: [] },
  }),
};

const GROUPS: Record<string, Record<string, unknown>> = {
  admins: group('admins', ['alice', 'bob']),
  engineering: group('Engineering', ['alice', 'carol', 'admins']),
  empty: group('empty'),
};

/**
 * Creates the fixture tenant; users are created at 00:00:01…00:00:05 and groups after them, on
 * 2025-01-01 UTC.
 */
export async function openFixtureStore<S extends TestStore>(
  t: Lifetime,
  open: (t: Lifetime, options: TestStoreOptions) => Promise<S>,
): Promise<S> {
  let nextId = TENANT;
  const store = await open(t, { clock: steppingClock(), newId: () => nextId });
  await store.tenants.create({ slug: 'fixtures', name: 'Fixtures' });
  for (const [id, body] of Object.entries(USERS)) {
    nextId = id;
    await store.users.create(TENANT, body);
  }
  for (const [id, body] of Object.entries(GROUPS)) {
    nextId = id;
    await store.groups.create(TENANT, body);
  }
  return store;
}
