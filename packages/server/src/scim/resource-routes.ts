/**
 * The HTTP routes of one resource type (RFC 7644 §3.2): create, query, `.search`, read, replace, patch
 * and delete under its endpoint (`/Users`, `/Groups`). Each handler reads as its steps; the work is in
 * `resource-endpoint.ts` and `search.ts`, shared with `/Bulk`.
 */
import type { Projection, ResourceTypeDefinition } from '@provisio/scim-core';
import type { StoredResource } from '@provisio/store';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { scopeOf } from './authentication.js';
import { etagOf, matchesVersion, parseEntityTags } from './etag.js';
import { type RawQuery, asksForAttributes, projectionOf, scimParameters } from './query-parameters.js';
import { renderResource } from './render.js';
import {
  BARE,
  type ResourceEndpoint,
  createResource,
  deleteResource,
  readOptionsFor,
  readResource,
  replaceResource,
  resourceTypeOf,
} from './resource-endpoint.js';
import { readSearch, searchResources } from './search.js';
import { type TenantScope, locationOf } from './tenant-scope.js';

type IdRequest = FastifyRequest<{ Params: { id: string }; Querystring: RawQuery }>;
type QueryRequest = FastifyRequest<{ Querystring: RawQuery }>;

/** Sends one resource with its ETag (RFC 7644 §3.14), projected as the request asked. */
function sendResource(
  reply: FastifyReply,
  scope: TenantScope,
  resourceType: ResourceTypeDefinition,
  stored: StoredResource,
  projection: Projection,
) {
  return reply
    .header('etag', etagOf(stored.version))
    .send(renderResource(scope, resourceType, stored, projection));
}

function ifMatchOf(request: FastifyRequest) {
  return parseEntityTags(request.headers['if-match']);
}

/** Routes for `endpoint` at its registry path, e.g. `/Users`. */
export function resourceRoutes(endpoint: ResourceEndpoint, path: string): FastifyPluginAsync {
  return async (app) => {
    app.post(path, async (request: QueryRequest, reply) => {
      const scope = scopeOf(request);
      const resourceType = resourceTypeOf(scope, endpoint);
      const projection = projectionOf(scope, resourceType, request.query);
      const stored = await createResource(scope, endpoint, request.body);
      reply.code(201).header('location', locationOf(scope, resourceType, stored.id));
      return sendResource(reply, scope, resourceType, stored, projection);
    });

    app.get(path, async (request: QueryRequest) => {
      const scope = scopeOf(request);
      return searchResources(scope, endpoint, readSearch(scope, { query: scimParameters(request.query) }));
    });

    app.post(`${path}/.search`, async (request) => {
      const scope = scopeOf(request);
      return searchResources(scope, endpoint, readSearch(scope, { body: request.body }));
    });

    app.get(`${path}/:id`, async (request: IdRequest, reply) => {
      const scope = scopeOf(request);
      const resourceType = resourceTypeOf(scope, endpoint);
      const projection = projectionOf(scope, resourceType, request.query);
      const stored = await readResource(scope, endpoint, request.params.id, readOptionsFor(projection));
      const ifNoneMatch = parseEntityTags(request.headers['if-none-match']);
      if (ifNoneMatch && matchesVersion(ifNoneMatch, stored.version)) {
        return reply.code(304).header('etag', etagOf(stored.version)).send();
      }
      return sendResource(reply, scope, resourceType, stored, projection);
    });

    app.put(`${path}/:id`, async (request: IdRequest, reply) => {
      const scope = scopeOf(request);
      const resourceType = resourceTypeOf(scope, endpoint);
      const projection = projectionOf(scope, resourceType, request.query);
      const read = readOptionsFor(projection);
      const stored = await replaceResource(
        scope,
        endpoint,
        request.params.id,
        request.body,
        ifMatchOf(request),
        read,
      );
      return sendResource(reply, scope, resourceType, stored, projection);
    });

    app.patch(`${path}/:id`, async (request: IdRequest, reply) => {
      const scope = scopeOf(request);
      const resourceType = resourceTypeOf(scope, endpoint);
      const projection = projectionOf(scope, resourceType, request.query);
      const withBody = endpoint.patchAnswersWithBody(asksForAttributes(request.query));
      const read = withBody ? readOptionsFor(projection) : BARE;
      const stored = await endpoint.patch(scope, request.params.id, request.body, ifMatchOf(request), read);
      if (!withBody) return reply.code(204).header('etag', etagOf(stored.version)).send();
      return sendResource(reply, scope, resourceType, stored, projection);
    });

    app.delete(`${path}/:id`, async (request: IdRequest, reply) => {
      await deleteResource(scopeOf(request), endpoint, request.params.id, ifMatchOf(request));
      return reply.code(204).send();
    });
  };
}
