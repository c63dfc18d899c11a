/**
 * Conformance vectors for the protocol messages: ListResponse (RFC 7644 §3.4.2, RFC 9865), query parameters
 * and SearchRequest (RFC 7644 §3.4.2–3.4.3, RFC 9865), Bulk (RFC 7644 §3.7) and ServiceProviderConfig
 * (RFC 7643 §5, RFC 9865 §4).
 */
import type {
  BulkLimits,
  BulkOutcome,
  BulkRequest,
  ListPage,
  ScimErrorCode,
  SearchInput,
  SearchLimits,
  SearchRequest,
  ServiceProviderCapabilities,
} from '@provisio/scim-core';
import { Conflict, InternalError, NotFound, Uniqueness } from '@provisio/scim-core';

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const SPC = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';

/** The error code, a fragment of the detail, and the HTTP status. */
type ExpectedError = readonly [ScimErrorCode, string, number?];

export type MessagesCase =
  | {
      readonly kind: 'list';
      readonly title: string;
      readonly page: ListPage<unknown>;
      readonly expect: unknown;
    }
  | {
      readonly kind: 'search';
      readonly title: string;
      readonly input: SearchInput;
      readonly limits?: SearchLimits;
      /** The fields of the parsed request to compare; others are not checked. */
      readonly expect?: Partial<SearchRequest>;
      readonly error?: ExpectedError;
    }
  | {
      readonly kind: 'bulk';
      readonly title: string;
      readonly body: unknown;
      readonly limits?: BulkLimits;
      readonly expect?: BulkRequest;
      readonly error?: ExpectedError;
    }
  | {
      readonly kind: 'bulkIds';
      readonly title: string;
      readonly data: unknown;
      readonly created: Readonly<Record<string, string>>;
      readonly expect?: unknown;
      readonly error?: ExpectedError;
    }
  | {
      readonly kind: 'bulkResponse';
      readonly title: string;
      readonly outcomes: readonly BulkOutcome[];
      readonly expect: unknown;
    }
  | {
      readonly kind: 'serviceProviderConfig';
      readonly title: string;
      readonly capabilities: ServiceProviderCapabilities;
      readonly expect?: unknown;
      /** A fragment of the RangeError a contradictory configuration raises. */
      readonly configError?: string;
    };

export const DEFAULT_SEARCH_LIMITS: SearchLimits = { maxCount: 100 };
export const DEFAULT_BULK_LIMITS: BulkLimits = { maxOperations: 3 };

const USERS_POST = { method: 'POST', path: '/Users', bulkId: 'qwerty', data: { userName: 'alice' } };

const CAPABILITIES: ServiceProviderCapabilities = {
  documentationUri: 'https://provisio.example/docs',
  patch: true,
  bulk: { maxOperations: 1000, maxPayloadSize: 1048576 },
  filter: { maxResults: 200 },
  changePassword: false,
  sort: true,
  etag: false,
  authenticationSchemes: [
    {
      type: 'oauthbearertoken',
      name: 'OAuth Bearer Token',
      description: 'Authentication scheme using the OAuth Bearer Token Standard',
      specUri: 'https://www.rfc-editor.org/info/rfc6750',
      primary: true,
    },
  ],
  location: 'https://provisio.example/scim/v2/ServiceProviderConfig',
};

export const MESSAGES_CASES: readonly MessagesCase[] = [
  // ListResponse
  {
    kind: 'list',
    title: 'RFC 7644 §3.4.2 an empty result is totalResults 0 with Resources [] (Entra A2 probe)',
    page: { resources: [], totalResults: 0, startIndex: 1 },
    expect: { schemas: [LIST], totalResults: 0, itemsPerPage: 0, startIndex: 1, Resources: [] },
  },
  {
    kind: 'list',
    title: 'RFC 7644 §3.4.2.4 a page carries totalResults, itemsPerPage and startIndex',
    page: { resources: [{ id: 'a' }, { id: 'b' }], totalResults: 5, startIndex: 3 },
    expect: {
      schemas: [LIST],
      totalResults: 5,
      itemsPerPage: 2,
      startIndex: 3,
      Resources: [{ id: 'a' }, { id: 'b' }],
    },
  },
  {
    kind: 'list',
    title: 'RFC 9865 a cursor page carries nextCursor and previousCursor and no startIndex',
    page: { resources: [{ id: 'c' }], totalResults: 3, nextCursor: 'VZUTiy', previousCursor: 'YkU3OF' },
    expect: {
      schemas: [LIST],
      totalResults: 3,
      itemsPerPage: 1,
      nextCursor: 'VZUTiy',
      previousCursor: 'YkU3OF',
      Resources: [{ id: 'c' }],
    },
  },
  {
    kind: 'list',
    title: 'RFC 9865 the last cursor page omits nextCursor',
    page: { resources: [{ id: 'z' }], totalResults: 1 },
    expect: { schemas: [LIST], totalResults: 1, itemsPerPage: 1, Resources: [{ id: 'z' }] },
  },
  // Query parameters
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.2 no parameters: ascending, the default count, no paging asked for',
    input: { query: {} },
    expect: { sortOrder: 'ascending', count: 100, attributes: [], excludedAttributes: [] },
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.2.2 the filter is parsed into the filter tree',
    input: { query: { filter: 'userName eq "bjensen"' } },
    expect: { filter: { kind: 'compare', path: { attribute: 'userName' }, op: 'eq', value: 'bjensen' } },
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.2.2 a malformed filter is 400 invalidFilter',
    input: { query: { filter: 'userName eq' } },
    error: ['invalidFilter', '', 400],
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.2.2 an empty filter is 400 invalidFilter',
    input: { query: { filter: '' } },
    error: ['invalidFilter', '', 400],
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.2.4 startIndex below 1 is interpreted as 1',
    input: { query: { startIndex: '0' } },
    expect: { startIndex: 1 },
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.2.4 a negative startIndex is interpreted as 1',
    input: { query: { startIndex: '-5' } },
    expect: { startIndex: 1 },
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.2.4 a negative count is interpreted as 0',
    input: { query: { count: '-1' } },
    expect: { count: 0 },
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.2.4 count 0 asks for totalResults only',
    input: { query: { count: '0' } },
    expect: { count: 0 },
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.2.4 a count above the server maximum is cut to it ("MAY return fewer")',
    input: { query: { count: '5000' } },
    expect: { count: 100 },
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.2.4 without count the server default page size applies',
    input: { query: {} },
    limits: { maxCount: 100, defaultCount: 25 },
    expect: { count: 25 },
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.2.4 a huge startIndex is kept within safe integers',
    input: { query: { startIndex: '99999999999999999999999' } },
    expect: { startIndex: Number.MAX_SAFE_INTEGER },
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.2.4 a non-numeric count is 400 invalidValue',
    input: { query: { count: 'ten' } },
    error: ['invalidValue', '"count" must be an integer', 400],
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.2.4 a fractional startIndex is 400 invalidValue',
    input: { query: { startIndex: '1.5' } },
    error: ['invalidValue', '"startIndex" must be an integer', 400],
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.2.3 sortBy is an attribute path and sortOrder is case-insensitive',
    input: { query: { sortBy: 'name.familyName', sortOrder: 'DESCENDING' } },
    expect: { sortBy: { attribute: 'name', subAttribute: 'familyName' }, sortOrder: 'descending' },
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.2.3 a sortOrder other than ascending/descending is 400 invalidValue',
    input: { query: { sortBy: 'userName', sortOrder: 'up' } },
    error: ['invalidValue', '"sortOrder"', 400],
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.2.3 a sortBy that is not attribute notation is 400 invalidValue',
    input: { query: { sortBy: 'name givenName' } },
    error: ['invalidValue', 'is not a valid attribute path', 400],
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.2.5 attributes is a comma-separated list of paths',
    input: { query: { attributes: 'userName,name.givenName' } },
    expect: { attributes: [{ attribute: 'userName' }, { attribute: 'name', subAttribute: 'givenName' }] },
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.9 attributes and excludedAttributes together are 400 invalidValue',
    input: { query: { attributes: 'userName', excludedAttributes: 'members' } },
    error: ['invalidValue', 'mutually exclusive', 400],
  },
  {
    kind: 'search',
    title: 'Entra A3 GET /Groups?excludedAttributes=members&filter=displayName eq "Sales"',
    input: { query: { excludedAttributes: 'members', filter: 'displayName eq "Sales"' } },
    expect: {
      excludedAttributes: [{ attribute: 'members' }],
      filter: { kind: 'compare', path: { attribute: 'displayName' }, op: 'eq', value: 'Sales' },
    },
  },
  // Cursors (RFC 9865)
  {
    kind: 'search',
    title: 'RFC 9865 an empty cursor asks for the first page',
    input: { query: { cursor: '', count: '10' } },
    expect: { cursor: '', count: 10 },
  },
  {
    kind: 'search',
    title: 'RFC 9865 a cursor value is passed through for the server to decode',
    input: { query: { cursor: 'VZUTiyhEQJ94IR', count: '10' } },
    expect: { cursor: 'VZUTiyhEQJ94IR' },
  },
  {
    kind: 'search',
    title: 'RFC 9865 cursor and startIndex in one query are 400 invalidValue',
    input: { query: { cursor: '', startIndex: '1' } },
    error: ['invalidValue', '"cursor" and "startIndex" cannot be combined', 400],
  },
  {
    kind: 'search',
    title: 'RFC 9865 a cursor page size is bounded by the same maximum',
    input: { query: { cursor: 'abc', count: '1000' } },
    expect: { count: 100 },
  },
  // POST /.search (RFC 7644 §3.4.3)
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.3 a SearchRequest body gives the same request as query parameters',
    input: {
      body: {
        schemas: [SEARCH],
        attributes: ['displayName', 'userName'],
        filter: 'displayName sw "smith"',
        startIndex: 1,
        count: 10,
      },
    },
    expect: {
      attributes: [{ attribute: 'displayName' }, { attribute: 'userName' }],
      filter: { kind: 'compare', path: { attribute: 'displayName' }, op: 'sw', value: 'smith' },
      startIndex: 1,
      count: 10,
    },
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.3 a body without the SearchRequest schema is 400 invalidSyntax',
    input: { body: { filter: 'userName eq "x"' } },
    error: ['invalidSyntax', SEARCH, 400],
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.3 a search body that is not an object is 400 invalidSyntax',
    input: { body: ['filter'] },
    error: ['invalidSyntax', 'JSON object', 400],
  },
  {
    kind: 'search',
    title: 'RFC 7643 §2.1 SearchRequest member names are case-insensitive; null means absent',
    input: { body: { Schemas: [SEARCH], COUNT: 5, sortOrder: null } },
    expect: { count: 5, sortOrder: 'ascending' },
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.3 attributes in a body must be a list of strings',
    input: { body: { schemas: [SEARCH], attributes: [1, 2] } },
    error: ['invalidValue', '"attributes" must be a list', 400],
  },
  {
    kind: 'search',
    title: 'RFC 7644 §3.4.3 a filter in a body must be a string',
    input: { body: { schemas: [SEARCH], filter: { op: 'eq' } } },
    error: ['invalidValue', '"filter" must be a string', 400],
  },
  {
    kind: 'search',
    title: 'RFC 9865 a cursor in a body must be a string',
    input: { body: { schemas: [SEARCH], cursor: 7 } },
    error: ['invalidValue', '"cursor" must be a string', 400],
  },
  // Bulk requests (RFC 7644 §3.7)
  {
    kind: 'bulk',
    title: 'RFC 7644 §3.7 a bulk request with POST, PATCH and DELETE operations',
    body: {
      schemas: [BULK_REQUEST],
      failOnErrors: 1,
      Operations: [
        USERS_POST,
        {
          method: 'patch',
          path: '/Groups/e9e30dba',
          version: 'W/"3694e05e9dff591"',
          data: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [] },
        },
        { method: 'DELETE', path: '/Users/b7c14771', data: { ignored: true } },
      ],
    },
    expect: {
      failOnErrors: 1,
      operations: [
        { method: 'POST', bulkId: 'qwerty', path: '/Users', data: { userName: 'alice' } },
        {
          method: 'PATCH',
          version: 'W/"3694e05e9dff591"',
          path: '/Groups/e9e30dba',
          data: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [] },
        },
        { method: 'DELETE', path: '/Users/b7c14771' },
      ],
    },
  },
  {
    kind: 'bulk',
    title: 'RFC 7644 §3.7.4 more operations than maxOperations is 413 with no scimType',
    body: { schemas: [BULK_REQUEST], Operations: [USERS_POST, USERS_POST, USERS_POST, USERS_POST] },
    error: ['payloadTooLarge', 'maxOperations is 3', 413],
  },
  {
    kind: 'bulk',
    title: 'RFC 7644 §3.7 the BulkRequest schema is required',
    body: { Operations: [USERS_POST] },
    error: ['invalidSyntax', BULK_REQUEST, 400],
  },
  {
    kind: 'bulk',
    title: 'RFC 7644 §3.7 Operations must be an array',
    body: { schemas: [BULK_REQUEST], Operations: USERS_POST },
    error: ['invalidSyntax', '"Operations" must be an array', 400],
  },
  {
    kind: 'bulk',
    title: 'RFC 7644 §3.7 bulkId is REQUIRED when method is POST',
    body: { schemas: [BULK_REQUEST], Operations: [{ method: 'POST', path: '/Users', data: {} }] },
    error: ['invalidSyntax', 'Operations[0].bulkId is required for POST', 400],
  },
  {
    kind: 'bulk',
    title: 'RFC 7644 §3.7 method must be POST, PUT, PATCH or DELETE',
    body: { schemas: [BULK_REQUEST], Operations: [{ method: 'GET', path: '/Users/1' }] },
    error: ['invalidSyntax', 'Operations[0].method must be one of', 400],
  },
  {
    kind: 'bulk',
    title: 'RFC 7644 §3.7 data is REQUIRED for PUT',
    body: { schemas: [BULK_REQUEST], Operations: [{ method: 'PUT', path: '/Users/1' }] },
    error: ['invalidSyntax', 'Operations[0].data is required for PUT', 400],
  },
  {
    kind: 'bulk',
    title: 'RFC 7644 §3.7 path must be a resource path',
    body: { schemas: [BULK_REQUEST], Operations: [{ method: 'DELETE', path: 'Users/1' }] },
    error: ['invalidSyntax', 'Operations[0].path', 400],
  },
  {
    kind: 'bulk',
    title: 'RFC 7644 §3.7.2 a bulkId is unique within the request',
    body: { schemas: [BULK_REQUEST], Operations: [USERS_POST, USERS_POST] },
    error: ['invalidSyntax', 'Operations[1].bulkId "qwerty" is used twice', 400],
  },
  {
    kind: 'bulk',
    title: 'RFC 7644 §3.7 failOnErrors must be a positive integer',
    body: { schemas: [BULK_REQUEST], failOnErrors: 0, Operations: [] },
    error: ['invalidSyntax', '"failOnErrors"', 400],
  },
  // bulkId references (RFC 7644 §3.7.2)
  {
    kind: 'bulkIds',
    title: 'RFC 7644 §3.7.2 "bulkId:qwerty" member values are replaced by the created id',
    data: { members: [{ type: 'User', value: 'bulkId:qwerty' }, { value: 'u9' }] },
    created: { qwerty: '92b725cd' },
    expect: { members: [{ type: 'User', value: '92b725cd' }, { value: 'u9' }] },
  },
  {
    kind: 'bulkIds',
    title: 'RFC 7644 §3.7.2 a path or URL ending in /bulkId:qwerty is resolved too',
    data: { path: '/Groups/bulkId:ytrewq', $ref: 'https://example.com/v2/Users/bulkId:qwerty' },
    created: { qwerty: '92b725cd', ytrewq: 'e9e30dba' },
    expect: { path: '/Groups/e9e30dba', $ref: 'https://example.com/v2/Users/92b725cd' },
  },
  {
    kind: 'bulkIds',
    title: 'RFC 7644 §3.7.1 an unresolvable bulkId is 409 for that operation',
    data: { members: [{ value: 'bulkId:nope' }] },
    created: { qwerty: '92b725cd' },
    error: ['conflict', 'bulkId "nope"', 409],
  },
  // Bulk responses (RFC 7644 §3.7.3)
  {
    kind: 'bulkResponse',
    title: 'RFC 7644 §3.7.3 successes carry location, version and status as a string',
    outcomes: [
      {
        method: 'POST',
        bulkId: 'qwerty',
        status: 201,
        location: 'https://example.com/v2/Users/92b725cd',
        version: 'W/"4weymrEsh5O6cAEK"',
      },
      { method: 'DELETE', status: 204, location: 'https://example.com/v2/Users/b7c14771' },
    ],
    expect: {
      schemas: [BULK_RESPONSE],
      Operations: [
        {
          method: 'POST',
          bulkId: 'qwerty',
          version: 'W/"4weymrEsh5O6cAEK"',
          location: 'https://example.com/v2/Users/92b725cd',
          status: '201',
        },
        { method: 'DELETE', location: 'https://example.com/v2/Users/b7c14771', status: '204' },
      ],
    },
  },
  {
    kind: 'bulkResponse',
    title: 'RFC 7644 §3.7.3 a failed operation carries the §3.12 error body; a failed POST has no location',
    outcomes: [
      { method: 'POST', bulkId: 'q1', error: new Uniqueness('userName "alice" is already in use') },
      { method: 'PUT', location: 'https://example.com/v2/Users/1', error: new NotFound('no such user') },
      { method: 'PATCH', location: 'https://example.com/v2/Groups/2', error: new InternalError('db down') },
    ],
    expect: {
      schemas: [BULK_RESPONSE],
      Operations: [
        {
          method: 'POST',
          bulkId: 'q1',
          status: '409',
          response: {
            schemas: [ERROR],
            status: '409',
            scimType: 'uniqueness',
            detail: 'userName "alice" is already in use',
          },
        },
        {
          method: 'PUT',
          location: 'https://example.com/v2/Users/1',
          status: '404',
          response: { schemas: [ERROR], status: '404', detail: 'no such user' },
        },
        {
          method: 'PATCH',
          location: 'https://example.com/v2/Groups/2',
          status: '500',
          response: { schemas: [ERROR], status: '500', detail: 'internal server error' },
        },
      ],
    },
  },
  {
    kind: 'bulkResponse',
    title: 'RFC 7644 §3.7.3 an unresolved bulkId reported on its operation',
    outcomes: [{ method: 'POST', bulkId: 'g1', error: new Conflict('bulkId "nope" is unresolved') }],
    expect: {
      schemas: [BULK_RESPONSE],
      Operations: [
        {
          method: 'POST',
          bulkId: 'g1',
          status: '409',
          response: { schemas: [ERROR], status: '409', detail: 'bulkId "nope" is unresolved' },
        },
      ],
    },
  },
  // ServiceProviderConfig (RFC 7643 §5, RFC 9865 §4)
  {
    kind: 'serviceProviderConfig',
    title: 'RFC 7643 §5 the document describes every capability from the capabilities object',
    capabilities: CAPABILITIES,
    expect: {
      schemas: [SPC],
      documentationUri: 'https://provisio.example/docs',
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: false },
      authenticationSchemes: CAPABILITIES.authenticationSchemes,
      meta: { resourceType: 'ServiceProviderConfig', location: CAPABILITIES.location },
    },
  },
  {
    kind: 'serviceProviderConfig',
    title: 'RFC 7643 §5 unsupported bulk and filter still carry their REQUIRED limits, as zero',
    capabilities: { ...CAPABILITIES, bulk: false, filter: false, location: undefined },
    expect: {
      schemas: [SPC],
      documentationUri: 'https://provisio.example/docs',
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: false, maxResults: 0 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: false },
      authenticationSchemes: CAPABILITIES.authenticationSchemes,
      meta: { resourceType: 'ServiceProviderConfig' },
    },
  },
  {
    kind: 'serviceProviderConfig',
    title: 'RFC 9865 §4 the pagination block lists cursor and index support and page sizes',
    capabilities: {
      ...CAPABILITIES,
      pagination: {
        cursor: true,
        index: true,
        defaultPaginationMethod: 'index',
        defaultPageSize: 100,
        maxPageSize: 200,
        cursorTimeout: 3600,
      },
    },
    expect: {
      schemas: [SPC],
      documentationUri: 'https://provisio.example/docs',
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: false },
      pagination: {
        cursor: true,
        index: true,
        defaultPaginationMethod: 'index',
        defaultPageSize: 100,
        maxPageSize: 200,
        cursorTimeout: 3600,
      },
      authenticationSchemes: CAPABILITIES.authenticationSchemes,
      meta: { resourceType: 'ServiceProviderConfig', location: CAPABILITIES.location },
    },
  },
  {
    kind: 'serviceProviderConfig',
    title: 'RFC 9865 §4 a default pagination method the server lacks is a configuration fault',
    capabilities: {
      ...CAPABILITIES,
      pagination: { cursor: false, index: true, defaultPaginationMethod: 'cursor' },
    },
    configError: 'defaultPaginationMethod "cursor"',
  },
  {
    kind: 'serviceProviderConfig',
    title: 'RFC 9865 §4 a default page size above the maximum is a configuration fault',
    capabilities: {
      ...CAPABILITIES,
      pagination: { cursor: true, index: true, defaultPageSize: 500, maxPageSize: 200 },
    },
    configError: 'defaultPageSize 500 exceeds maxPageSize 200',
  },
];
