import { appendEvents } from '../events/events.js';
import { removeFromAllGroups } from '../groups/memberships.js';
import type { ResourceStorage } from '../scim/storage-map.js';
import { type StoreContext, inTransaction } from '../store-context.js';
import { throwMissing } from './stored-resource.js';

/**
 * RFC 7644 §3.6: deletes one user or group (only at `ifVersion` when given) and takes it out of every group
 * it belonged to, bumping those groups' versions. A group's own member rows go by foreign-key cascade.
 * Its one `*.deleted` event stands for those membership removals too.
 */
export function deleteResource(
  context: StoreContext,
  storage: ResourceStorage,
  tenantId: string,
  id: string,
  ifVersion: number | undefined,
): Promise<void> {
  // Both resource tables share these columns; kysely's types want one concrete table name.
  const table = storage.table as 'users';
  return inTransaction(context, async (trx) => {
    const deleted = await trx
      .deleteFrom(table)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .$if(ifVersion !== undefined, (q) => q.where('version', '=', ifVersion!))
      .returning('id')
      .executeTakeFirst();
    if (!deleted) return throwMissing(trx, storage.table, storage.resourceType, tenantId, id, ifVersion);
    const now = context.now();
    await removeFromAllGroups(trx, tenantId, id, now);
    const type = storage.resourceType === 'User' ? 'user.deleted' : 'group.deleted';
    await appendEvents(context, trx, tenantId, now, [
      { type, resourceType: storage.resourceType, resourceId: id, data: {} },
    ]);
  });
}
