/**
 * `/ServiceProviderConfig` (RFC 7643 §5, with RFC 9865 §4's `pagination`), built from the same
 * capabilities object the server runs with, so the document cannot drift from the behaviour.
 */
import { SERVICE_PROVIDER_CONFIG_SCHEMA } from '../schema/standard.js';

/** RFC 7643 §5 `authenticationSchemes` entry. */
export interface AuthenticationScheme {
  readonly type: 'oauth' | 'oauth2' | 'oauthbearertoken' | 'httpbasic' | 'httpdigest';
  readonly name: string;
  readonly description: string;
  readonly specUri?: string;
  readonly documentationUri?: string;
  readonly primary?: boolean;
}

/** RFC 9865 §4: how the server pages. */
export interface PaginationCapabilities {
  readonly cursor: boolean;
  readonly index: boolean;
  readonly defaultPaginationMethod?: 'cursor' | 'index';
  readonly defaultPageSize?: number;
  readonly maxPageSize?: number;
  /** Minimum seconds a cursor stays valid between page requests. */
  readonly cursorTimeout?: number;
}

/** What the server does; `false` for a feature it does not support. */
export interface ServiceProviderCapabilities {
  readonly documentationUri?: string;
  readonly patch: boolean;
  readonly bulk: false | { readonly maxOperations: number; readonly maxPayloadSize: number };
  readonly filter: false | { readonly maxResults: number };
  readonly changePassword: boolean;
  readonly sort: boolean;
  readonly etag: boolean;
  readonly pagination?: PaginationCapabilities;
  readonly authenticationSchemes: readonly AuthenticationScheme[];
  /** The absolute URL of the `/ServiceProviderConfig` endpoint, for `meta.location`. */
  readonly location?: string;
}

/** The JSON body of `/ServiceProviderConfig`. */
export type ServiceProviderConfig = Readonly<Record<string, unknown>>;

function checkPagination(pagination: PaginationCapabilities): void {
  const method = pagination.defaultPaginationMethod;
  if (method !== undefined && !pagination[method]) {
    throw new RangeError(`defaultPaginationMethod "${method}" is not a supported pagination method`);
  }
  const { defaultPageSize, maxPageSize } = pagination;
  if (defaultPageSize !== undefined && maxPageSize !== undefined && defaultPageSize > maxPageSize) {
    throw new RangeError(`defaultPageSize ${defaultPageSize} exceeds maxPageSize ${maxPageSize}`);
  }
}

/**
 * Builds the ServiceProviderConfig body. Unsupported bulk and filter are reported with zero limits, as
 * RFC 7643 §5 makes `maxOperations`, `maxPayloadSize` and `maxResults` REQUIRED.
 *
 * @throws RangeError when the pagination settings contradict each other (a server configuration fault).
 */
export function serviceProviderConfig(capabilities: ServiceProviderCapabilities): ServiceProviderConfig {
  const { bulk, filter, pagination } = capabilities;
  if (pagination) checkPagination(pagination);
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    ...(capabilities.documentationUri !== undefined
      ? { documentationUri: capabilities.documentationUri }
      : {}),
    patch: { supported: capabilities.patch },
    bulk: bulk
      ? { supported: true, maxOperations: bulk.maxOperations, maxPayloadSize: bulk.maxPayloadSize }
      : { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: filter ? { supported: true, maxResults: filter.maxResults } : { supported: false, maxResults: 0 },
    changePassword: { supported: capabilities.changePassword },
    sort: { supported: capabilities.sort },
    etag: { supported: capabilities.etag },
    ...(pagination ? { pagination: { ...pagination } } : {}),
    authenticationSchemes: capabilities.authenticationSchemes.map((scheme) => ({ ...scheme })),
    meta: {
      resourceType: 'ServiceProviderConfig',
      ...(capabilities.location !== undefined ? { location: capabilities.location } : {}),
    },
  };
}
