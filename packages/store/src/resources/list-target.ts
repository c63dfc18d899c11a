/** The SqlTarget of a repository call: the tenant, its schemas (standard unless the query brings its own). */
import { SchemaRegistry } from '@provisio/scim-core';
import type { ListQuery } from '../contract.js';
import type { SqlTarget } from '../scim/sql-target.js';
import type { ResourceStorage } from '../scim/storage-map.js';
import type { StoreContext } from '../store-context.js';

export function targetOf(
  context: StoreContext,
  storage: ResourceStorage,
  tenantId: string,
  registry: ListQuery['registry'],
): SqlTarget {
  return { dialect: context.dialect, registry: registry ?? SchemaRegistry.standard(), storage, tenantId };
}
