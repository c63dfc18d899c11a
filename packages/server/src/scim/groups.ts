/**
 * `/Groups` (RFC 7643 §4.2). PATCH never loads the member list: member operations become membership
 * deltas (scim-core `planGroupPatch`) that the store runs as set-based SQL, whatever the group's size.
 *
 * PATCH answers 204 No Content, as Entra prefers ("returning the member list isn't advisable", A3). A
 * client that names `attributes` or `excludedAttributes` gets 200 with the resource so projected — the
 * RFC 7644 §3.5.2 choice of returning the resource, made explicit by asking for it.
 */
import { applyPatch, planGroupPatch, readPatchRequest } from '@provisio/scim-core';
import type { StoredResource } from '@provisio/store';
import { checkIfMatch } from './etag.js';
import { BARE, type ResourceEndpoint, resourceTypeOf } from './resource-endpoint.js';

export const GROUPS: ResourceEndpoint = {
  resourceType: 'Group',
  repository: (repositories) => repositories.groups,
  patch(scope, id, body, condition, read) {
    const context = { registry: scope.registry, resourceType: resourceTypeOf(scope, GROUPS) };
    const plan = planGroupPatch(readPatchRequest(body, scope.profile, context), context);
    const tenantId = scope.tenant.id;
    return scope.store.transaction(async (tx) => {
      // Only If-Match needs the version before the writes; each write below finds the group itself.
      if (condition !== undefined) checkIfMatch(condition, (await tx.groups.get(tenantId, id, BARE)).version);
      let written: StoredResource | undefined;
      if (plan.operations.length > 0) {
        const options = { ...context, options: scope.profile.options };
        written = await tx.groups.update(
          tenantId,
          id,
          (group) => applyPatch(group.resource, plan.operations, options).resource,
          BARE,
        );
      }
      if (plan.members.length > 0) {
        const { ignoreUnmatchedRemove = false } = scope.profile.options;
        written = await tx.groups.applyMemberDeltas(tenantId, id, plan.members, { ignoreUnmatchedRemove });
      }
      // The writes answer without members, which is all a 204 (Entra's case) needs.
      return written !== undefined && read.members === false ? written : tx.groups.get(tenantId, id, read);
    });
  },
  patchAnswersWithBody: (asked) => asked,
};
