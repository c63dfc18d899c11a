/** Tenants with rows in every tenant-owned table, for the tests of what deleting a tenant removes. */
import assert from 'node:assert/strict';
import type { NewToken, Tenant } from '@provisio/store';
import type { TestStore } from './dialects.js';
import { group, user } from './resources.js';

/** A `scim` token for `hash`, for tests that need a token but not its particulars. */
export function scimToken(hash: string): NewToken {
  return { description: 'd', scope: 'scim', prefix: 'p', hash };
}

/** Two tenants, each with a user (and an email), a group of that user and a token. */
export async function doomedAndKept(store: TestStore): Promise<{ doomed: Tenant; kept: Tenant }> {
  const doomed = await store.tenants.create({ slug: 'doomed', name: 'D' });
  const kept = await store.tenants.create({ slug: 'kept', name: 'K' });
  for (const tenant of [doomed, kept]) {
    const u = await store.users.create(tenant.id, user('u', { emails: [{ value: 'u@x.org' }] }));
    await store.groups.create(tenant.id, group('g', [u.id]));
    await store.tokens.create(tenant.id, scimToken(tenant.slug));
  }
  return { doomed, kept };
}

/** Asserts that the tables {@link doomedAndKept} filled hold rows of `tenant` only. */
export async function assertRowsOnlyOf(store: TestStore, tenant: Tenant): Promise<void> {
  for (const table of ['users', 'user_emails', 'groups', 'group_members', 'tokens'] as const) {
    const rows = await store.kysely.selectFrom(table).select('tenant_id').distinct().execute();
    assert.deepEqual(rows, [{ tenant_id: tenant.id }], table);
  }
}
