/**
 * `/Users` (RFC 7643 §4.1). PATCH reads the body in the tenant's dialect (Entra's by default: "False"
 * strings, path-less dotted keys, every manager shape) and answers 200 with the resource, as Entra's docs,
 * its validator and the Logic App "null update" test expect (A5, C1).
 */
import { applyPatch, readPatchRequest } from '@provisio/scim-core';
import { checkIfMatch } from './etag.js';
import { hashPasswordsInOperations } from './password.js';
import { type ResourceEndpoint, resourceTypeOf } from './resource-endpoint.js';

export const USERS: ResourceEndpoint = {
  resourceType: 'User',
  repository: (repositories) => repositories.users,
  async patch(scope, id, body, condition, read) {
    const context = { registry: scope.registry, resourceType: resourceTypeOf(scope, USERS) };
    const operations = await hashPasswordsInOperations(
      readPatchRequest(body, scope.profile, context),
      context.registry,
      context.resourceType,
    );
    // Read, apply and write in one transaction. An unchanged result is handed back as the very object read,
    // which tells the store not to write: RFC 7644 §3.5.2 keeps lastModified when nothing changed.
    return scope.store.users.update(
      scope.tenant.id,
      id,
      (current) => {
        checkIfMatch(condition, current.version);
        return applyPatch(current.resource, operations, { ...context, options: scope.profile.options })
          .resource;
      },
      read,
    );
  },
  patchAnswersWithBody: () => true,
};
