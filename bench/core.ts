/**
 * Protocol-core micro-benchmark: the per-request CPU the core adds before any I/O. Targets from issue 3:
 * a typical Entra filter parses in under 2 µs, a complex one (three clauses, a valuePath, `not`) under 10 µs.
 */
import {
  ENTRA_COMPAT,
  SchemaRegistry,
  applyPatch,
  bindFilter,
  compileFilter,
  parseFilter,
  planGroupPatch,
  readPatchRequest,
  validateResource,
} from '@provisio/scim-core';
import { type MicroResult, formatMicroTable, measure } from './measure.js';

const ENTRA_FILTER = 'userName eq "alice@contoso.com"';
const COMPLEX_FILTER =
  'userName sw "a" and not (emails[type eq "work" and value co "@contoso.com"]) or meta.lastModified gt "2024-05-13T04:42:34Z"';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const user = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: 'alice',
  userName: 'alice@contoso.com',
  active: true,
  displayName: 'Alice A',
  name: { givenName: 'Alice', familyName: 'A', formatted: 'Alice A' },
  emails: [{ primary: true, type: 'work', value: 'alice@contoso.com' }],
  meta: { resourceType: 'User', created: '2024-01-01T00:00:00Z', lastModified: '2024-06-01T00:00:00Z' },
  [ENTERPRISE]: { employeeNumber: '42', department: 'Ops' },
};

/** The user update Entra sends without `aadOptscim062020` (entra-scim-behaviour.md A3). */
const ENTRA_USER_PATCH = {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: [
    { op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@contoso.com' },
    { op: 'Replace', path: 'name.familyName', value: 'Smith' },
    { op: 'Add', path: 'nickName', value: 'Al' },
    { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: '43' },
    { op: 'Replace', path: 'active', value: 'False' },
  ],
};

const ADD_MEMBER_PATCH = {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: 'u1' }] }],
};

export function runCoreBench(): { table: string; data: MicroResult[] } {
  const registry = SchemaRegistry.standard();
  const users = registry.resourceType('User');
  const ctx = { registry, resourceType: users };
  const complexBound = bindFilter(parseFilter(COMPLEX_FILTER), registry, users);
  const matchComplex = compileFilter(complexBound, registry, users);
  const entraOps = readPatchRequest(ENTRA_USER_PATCH, ENTRA_COMPAT, ctx);
  const groupCtx = { registry, resourceType: 'Group' };
  const create = { schemas: user.schemas, userName: user.userName, name: user.name, emails: user.emails };

  const data = [
    measure('parse `userName eq "…"` (typical Entra filter)', () => parseFilter(ENTRA_FILTER), {
      target: '< 2 µs',
    }),
    measure('parse complex filter (3 clauses, valuePath, not)', () => parseFilter(COMPLEX_FILTER), {
      target: '< 10 µs',
    }),
    measure('parse + bind complex filter', () => bindFilter(parseFilter(COMPLEX_FILTER), registry, users)),
    measure('evaluate compiled complex filter on one user', () => matchComplex(user)),
    measure(
      'read Entra user PATCH (normalise + parse, 5 ops)',
      () => readPatchRequest(ENTRA_USER_PATCH, ENTRA_COMPAT, ctx),
      {
        batch: 5_000,
      },
    ),
    measure(
      'apply Entra user PATCH (5 ops)',
      () => applyPatch(user, entraOps, { ...ctx, options: ENTRA_COMPAT.options }),
      {
        batch: 5_000,
      },
    ),
    measure('plan one-member group PATCH → membership delta', () =>
      planGroupPatch(readPatchRequest(ADD_MEMBER_PATCH, ENTRA_COMPAT, groupCtx), groupCtx),
    ),
    measure('validate Entra create-user body', () => validateResource(create, { ...ctx, mode: 'create' }), {
      batch: 5_000,
    }),
  ];
  return { table: formatMicroTable(data), data };
}
