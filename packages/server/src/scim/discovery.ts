/**
 * Discovery (RFC 7644 §4): `/ServiceProviderConfig`, `/Schemas[/:id]` and `/ResourceTypes[/:id]`, from the
 * tenant's registry and from the capabilities this server really has, so the documents cannot drift from
 * the behaviour. Entra reads `/Schemas` when an admin saves the app (A3).
 */
import {
  type AuthenticationScheme,
  Forbidden,
  NotFound,
  type ServiceProviderCapabilities,
  listResponse,
  serviceProviderConfig,
} from '@provisio/scim-core';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { scopeOf } from './authentication.js';
import type { RawQuery } from './query-parameters.js';
import type { TenantScope } from './tenant-scope.js';

type DiscoveryRequest = FastifyRequest<{ Querystring: RawQuery; Params: { id?: string } }>;

/** The server's token endpoint, next to the SCIM mount the request came through. */
function tokenEndpointOf(baseUrl: string): string {
  return `${baseUrl.replace(/(\/tenants\/[^/]+)?\/scim\/v2$/, '')}/oauth/token`;
}

/** RFC 7643 §5 `authenticationSchemes` entry for the client credentials grant (issue 5). */
function oauthClientCredentialsScheme(baseUrl: string): AuthenticationScheme {
  return {
    type: 'oauthbearertoken',
    name: 'OAuth 2.0 client credentials',
    description: `An access token from ${tokenEndpointOf(baseUrl)} (grant_type=client_credentials, with this tenant's client id and secret), sent as "Authorization: Bearer <token>".`,
    specUri: 'https://www.rfc-editor.org/info/rfc6749',
    primary: false,
  };
}

/**
 * What this server does; `/ServiceProviderConfig` is built from it. `oauthClients`: whether the tenant has
 * an OAuth client that is not revoked, which adds the client credentials scheme.
 */
export function capabilitiesOf(scope: TenantScope, oauthClients = false): ServiceProviderCapabilities {
  const { limits, baseUrl } = scope;
  return {
    patch: true,
    bulk: { maxOperations: limits.bulkMaxOperations, maxPayloadSize: limits.bulkMaxPayloadBytes },
    filter: { maxResults: limits.maxPageSize },
    changePassword: false,
    sort: true,
    etag: true,
    // RFC 9865 §4: both methods; index by default, as RFC 7644 clients (Entra) expect.
    pagination: {
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index',
      defaultPageSize: limits.maxPageSize,
      maxPageSize: limits.maxPageSize,
    },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description:
          'A bearer token issued by Provisio for one tenant, sent as "Authorization: Bearer <token>".',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
      ...(oauthClients ? [oauthClientCredentialsScheme(baseUrl)] : []),
    ],
    location: `${baseUrl}/ServiceProviderConfig`,
  };
}

/**
 * RFC 7644 §4: discovery endpoints take no filter, and "SHOULD respond with HTTP status code 403" to one,
 * so a client cannot think its conditions were applied.
 */
function refuseFilter(request: DiscoveryRequest): TenantScope {
  if (Object.keys(request.query).some((key) => key.toLowerCase() === 'filter')) {
    throw new Forbidden('discovery endpoints do not support filtering');
  }
  return scopeOf(request);
}

export const discoveryRoutes: FastifyPluginAsync = async (app) => {
  app.get('/ServiceProviderConfig', async (request: DiscoveryRequest) => {
    const scope = refuseFilter(request);
    const clients = await scope.store.oauthClients.list(scope.tenant.id);
    const oauth = clients.some((client) => client.revoked === undefined);
    return serviceProviderConfig(capabilitiesOf(scope, oauth));
  });

  app.get('/Schemas', async (request: DiscoveryRequest) => {
    const { registry, baseUrl } = refuseFilter(request);
    const resources = registry.schemas().map((schema) => registry.schemaResource(schema, baseUrl));
    return listResponse({ resources, totalResults: resources.length, startIndex: 1 });
  });

  app.get('/Schemas/:id', async (request: DiscoveryRequest) => {
    const { registry, baseUrl } = refuseFilter(request);
    const schema = registry.schema(request.params.id ?? '');
    if (!schema) throw new NotFound(`schema "${request.params.id}" does not exist`);
    return registry.schemaResource(schema, baseUrl);
  });

  app.get('/ResourceTypes', async (request: DiscoveryRequest) => {
    const { registry, baseUrl } = refuseFilter(request);
    const resources = registry.resourceTypes().map((type) => registry.resourceTypeResource(type, baseUrl));
    return listResponse({ resources, totalResults: resources.length, startIndex: 1 });
  });

  app.get('/ResourceTypes/:id', async (request: DiscoveryRequest) => {
    const { registry, baseUrl } = refuseFilter(request);
    return registry.resourceTypeResource(registry.resourceType(request.params.id ?? ''), baseUrl);
  });
};
