/**
 * `POST /Bulk` (RFC 7644 §3.7): operations run in order, each one atomic on its own (the bulk as a whole
 * is not, as §3.7 allows), through the same steps as the single-resource routes. `bulkId:<id>` references
 * resolve to resources created earlier in the request; a reference to one not (yet) created fails that
 * operation with 409. `failOnErrors` stops the run after that many failures. The body limit
 * (`maxPayloadSize`) is fastify's, the operation limit (`maxOperations`) is checked on parsing: both 413.
 */
import {
  type BulkOperation,
  type BulkOutcome,
  type BulkResponse,
  InternalError,
  InvalidSyntax,
  bulkResponse,
  isScimError,
  parseBulkRequest,
  resolveBulkIds,
} from '@provisio/scim-core';
import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import { scopeOf } from './authentication.js';
import { etagOf, parseEntityTags } from './etag.js';
import {
  BARE,
  type ResourceEndpoint,
  createResource,
  deleteResource,
  replaceResource,
  resourceTypeOf,
} from './resource-endpoint.js';
import { type TenantScope, locationOf } from './tenant-scope.js';

interface BulkTarget {
  readonly endpoint: ResourceEndpoint;
  readonly id?: string;
}

/** `/Users` or `/Users/{id}` → the endpoint and id; anything else is invalidSyntax. */
function targetOf(scope: TenantScope, endpoints: readonly ResourceEndpoint[], path: string): BulkTarget {
  const [, collection = '', id, ...rest] = path.split('/');
  const endpoint = endpoints.find((e) => resourceTypeOf(scope, e).endpoint === `/${collection}`);
  if (!endpoint || rest.length > 0 || id === '') {
    throw new InvalidSyntax(`"${path}" is not a resource path such as /Users or /Users/{id}`);
  }
  return id === undefined ? { endpoint } : { endpoint, id: decodeURIComponent(id) };
}

function requireId(target: BulkTarget, operation: BulkOperation): string {
  if (target.id === undefined)
    throw new InvalidSyntax(`${operation.method} needs a resource path with an id`);
  return target.id;
}

/** `{method, bulkId}`: what every outcome of the operation repeats. */
function identityOf(operation: BulkOperation): Pick<BulkOutcome, 'method' | 'bulkId'> {
  return {
    method: operation.method,
    ...(operation.bulkId !== undefined ? { bulkId: operation.bulkId } : {}),
  };
}

/** Executes one operation on its resolved target; throws what the operation throws. */
async function execute(
  scope: TenantScope,
  target: BulkTarget,
  operation: BulkOperation,
  created: Map<string, string>,
): Promise<BulkOutcome> {
  const resourceType = resourceTypeOf(scope, target.endpoint);
  const data = resolveBulkIds(operation.data, created);
  const condition = parseEntityTags(operation.version);
  const succeeded = (id: string, version: number | undefined, status: number): BulkOutcome => ({
    ...identityOf(operation),
    status,
    location: locationOf(scope, resourceType, id),
    ...(version !== undefined ? { version: etagOf(version) } : {}),
  });
  switch (operation.method) {
    case 'POST': {
      if (target.id !== undefined) {
        throw new InvalidSyntax(`POST goes to ${resourceType.endpoint}, not to one resource`);
      }
      const stored = await createResource(scope, target.endpoint, data);
      if (operation.bulkId !== undefined) created.set(operation.bulkId, stored.id);
      return succeeded(stored.id, stored.version, 201);
    }
    case 'PUT': {
      const id = requireId(target, operation);
      const stored = await replaceResource(scope, target.endpoint, id, data, condition, BARE);
      return succeeded(stored.id, stored.version, 200);
    }
    case 'PATCH': {
      const stored = await target.endpoint.patch(scope, requireId(target, operation), data, condition, BARE);
      return succeeded(stored.id, stored.version, target.endpoint.patchAnswersWithBody(false) ? 200 : 204);
    }
    case 'DELETE': {
      const id = requireId(target, operation);
      await deleteResource(scope, target.endpoint, id, condition);
      return succeeded(id, undefined, 204);
    }
  }
}

/**
 * Runs one operation and returns its outcome. A failure carries the error body and, when the operation
 * named a resource, its location (RFC 7644 §3.7.3); a fault that is not a ScimError is logged and
 * reported as 500.
 */
async function runOperation(
  scope: TenantScope,
  endpoints: readonly ResourceEndpoint[],
  operation: BulkOperation,
  created: Map<string, string>,
  log: FastifyBaseLogger,
): Promise<BulkOutcome> {
  let location: string | undefined;
  try {
    const target = targetOf(scope, endpoints, resolveBulkIds(operation.path, created));
    if (target.id !== undefined)
      location = locationOf(scope, resourceTypeOf(scope, target.endpoint), target.id);
    return await execute(scope, target, operation, created);
  } catch (error) {
    if (!isScimError(error)) log.error({ err: error, bulkId: operation.bulkId }, 'bulk operation failed');
    return {
      ...identityOf(operation),
      error: isScimError(error) ? error : new InternalError('internal server error'),
      ...(location !== undefined ? { location } : {}),
    };
  }
}

/** Runs a bulk request in order, stopping once `failOnErrors` operations have failed. */
export async function runBulk(
  scope: TenantScope,
  endpoints: readonly ResourceEndpoint[],
  body: unknown,
  log: FastifyBaseLogger,
): Promise<BulkResponse> {
  const request = parseBulkRequest(body, { maxOperations: scope.limits.bulkMaxOperations });
  const created = new Map<string, string>();
  const outcomes: BulkOutcome[] = [];
  let failures = 0;
  for (const operation of request.operations) {
    if (request.failOnErrors !== undefined && failures >= request.failOnErrors) break;
    const outcome = await runOperation(scope, endpoints, operation, created, log);
    if ('error' in outcome) failures++;
    outcomes.push(outcome);
  }
  return bulkResponse(outcomes);
}

export function bulkRoutes(endpoints: readonly ResourceEndpoint[]): FastifyPluginAsync {
  return async (app) => {
    app.post('/Bulk', async (request) => runBulk(scopeOf(request), endpoints, request.body, request.log));
  };
}
