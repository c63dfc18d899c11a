/**
 * Request → expected response, over real HTTP. Each case runs in a fresh tenant: `given` requests run first
 * (each must succeed) and name the resources they create; `{key}` in a later path, body, header or expected
 * value stands for that resource's id, and `{base}` for the tenant's SCIM base URL.
 */
import type { TestResponse } from '../support/test-server.js';
import { ENTERPRISE, GROUP_SCHEMA, PATCH_SCHEMA, USER_SCHEMA } from '../support/test-server.js';

export interface HttpRequest {
  readonly method: string;
  /** Relative to the tenant's `/scim/v2`. */
  readonly path: string;
  /** JSON, or a string sent as is. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface GivenRequest extends HttpRequest {
  /** Names the created resource's id for later placeholders. */
  readonly key?: string;
}

export interface HttpExpectation {
  readonly status: number;
  readonly scimType?: string;
  /** Exact header values (after placeholder substitution); null means the header must be absent. */
  readonly headers?: Readonly<Record<string, string | null>>;
  /** A subset the body must contain: objects by key, arrays element by element with the same length. */
  readonly body?: unknown;
  /** Dotted paths that must be absent from the body. */
  readonly absent?: readonly string[];
  /** Checks a table cannot state; `ids` maps given keys to ids. */
  readonly check?: (response: TestResponse, ids: Readonly<Record<string, string>>) => void;
}

export interface HttpCase {
  readonly title: string;
  readonly given?: readonly GivenRequest[];
  readonly request: HttpRequest;
  readonly expect: HttpExpectation;
}

export const user = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA],
  userName,
  ...extra,
});
export const group = (displayName: string, extra: Record<string, unknown> = {}) => ({
  schemas: [GROUP_SCHEMA],
  displayName,
  ...extra,
});
export const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_SCHEMA], Operations });

const alice: GivenRequest = { key: 'alice', method: 'POST', path: '/Users', body: user('alice@contoso.com') };
const bob: GivenRequest = { key: 'bob', method: 'POST', path: '/Users', body: user('bob@contoso.com') };
const carol: GivenRequest = { key: 'carol', method: 'POST', path: '/Users', body: user('carol@contoso.com') };
const sales: GivenRequest = {
  key: 'sales',
  method: 'POST',
  path: '/Groups',
  body: group('Sales', { members: [{ value: '{alice}' }] }),
};

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

const userNames = (response: TestResponse) =>
  (response.body.Resources as { userName: string }[]).map((r) => r.userName);

export const HTTP_CASES: readonly HttpCase[] = [
  // --- create (RFC 7644 §3.3)
  {
    title: 'RFC 7644 §3.3 POST /Users answers 201 with id, meta, Location and ETag',
    request: { method: 'POST', path: '/Users', body: user('bjensen', { name: { givenName: 'Barbara' } }) },
    expect: {
      status: 201,
      headers: { etag: 'W/"1"', 'content-type': 'application/scim+json; charset=utf-8' },
      body: {
        schemas: [USER_SCHEMA],
        userName: 'bjensen',
        name: { givenName: 'Barbara' },
        meta: { resourceType: 'User', version: 'W/"1"' },
      },
      check: (response) => {
        const { id, meta } = response.body;
        if (typeof id !== 'string' || id === '') throw new Error('no id');
        if (response.headers.get('location') !== meta.location)
          throw new Error('Location differs from meta.location');
        if (!String(meta.location).endsWith(`/scim/v2/Users/${id}`))
          throw new Error(`bad location ${meta.location}`);
      },
    },
  },
  {
    title: 'RFC 7644 §3.3 a duplicate userName is 409 uniqueness',
    given: [alice],
    request: { method: 'POST', path: '/Users', body: user('alice@contoso.com') },
    expect: { status: 409, scimType: 'uniqueness', body: { schemas: [ERROR], status: '409' } },
  },
  {
    title: 'RFC 7643 §4.1.1 userName uniqueness ignores case (caseExact false)',
    given: [alice],
    request: { method: 'POST', path: '/Users', body: user('ALICE@contoso.com') },
    expect: { status: 409, scimType: 'uniqueness' },
  },
  {
    title: 'RFC 7644 §3.3 a duplicate group displayName is 409 uniqueness',
    given: [alice, sales],
    request: { method: 'POST', path: '/Groups', body: group('sales') },
    expect: { status: 409, scimType: 'uniqueness' },
  },
  {
    title: 'RFC 7643 §4.1.1 a User without userName is 400 invalidValue',
    request: { method: 'POST', path: '/Users', body: { schemas: [USER_SCHEMA], displayName: 'x' } },
    expect: { status: 400, scimType: 'invalidValue' },
  },
  {
    title: 'RFC 7644 §3.12 malformed JSON is 400 invalidSyntax',
    request: { method: 'POST', path: '/Users', body: '{"schemas": [' },
    expect: { status: 400, scimType: 'invalidSyntax', body: { schemas: [ERROR], status: '400' } },
  },
  {
    title: 'RFC 7644 §3.12 a JSON array body is 400 invalidSyntax',
    request: { method: 'POST', path: '/Users', body: '[1,2]' },
    expect: { status: 400, scimType: 'invalidSyntax' },
  },
  {
    title: 'RFC 7644 §3.12 an empty POST body is 400 invalidSyntax',
    request: { method: 'POST', path: '/Users', body: '' },
    expect: { status: 400, scimType: 'invalidSyntax' },
  },
  {
    title: 'RFC 7644 §3.12 a __proto__ key is refused with 400 invalidSyntax',
    request: {
      method: 'POST',
      path: '/Users',
      body: '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"p","__proto__":{"x":1}}',
    },
    expect: { status: 400, scimType: 'invalidSyntax' },
  },
  {
    title: 'RFC 7644 §3.1 application/json bodies are accepted like application/scim+json',
    request: {
      method: 'POST',
      path: '/Users',
      body: user('json'),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    },
    expect: { status: 201, body: { userName: 'json' } },
  },
  {
    title: 'RFC 7644 §3.1 a body in another media type is 415 with a SCIM error body',
    request: {
      method: 'POST',
      path: '/Users',
      body: 'userName=x',
      headers: { 'content-type': 'text/plain' },
    },
    expect: { status: 415, body: { schemas: [ERROR], status: '415' } },
  },
  {
    title: 'RFC 7643 §3 a schema URI the resource type does not have is ignored under Entra compatibility',
    request: {
      method: 'POST',
      path: '/Groups',
      body: group('Ops', {
        schemas: [GROUP_SCHEMA, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      }),
    },
    expect: { status: 201, body: { schemas: [GROUP_SCHEMA], displayName: 'Ops' } },
  },
  {
    title: 'RFC 7644 §3.3 readOnly id and meta sent by the client are ignored',
    request: {
      method: 'POST',
      path: '/Users',
      body: user('ro', { id: 'chosen', meta: { resourceType: 'User', version: 'W/"9"' } }),
    },
    expect: {
      status: 201,
      body: { meta: { version: 'W/"1"' } },
      check: (response) => {
        if (response.body.id === 'chosen') throw new Error('the client chose the id');
      },
    },
  },
  // --- read (RFC 7644 §3.4.1)
  {
    title: 'RFC 7644 §3.4.1 GET /Users/{id} answers 200 with the resource and its ETag',
    given: [alice],
    request: { method: 'GET', path: '/Users/{alice}' },
    expect: {
      status: 200,
      headers: { etag: 'W/"1"' },
      body: { id: '{alice}', userName: 'alice@contoso.com', meta: { location: '{base}/Users/{alice}' } },
    },
  },
  {
    title: 'RFC 7644 §3.12 GET of an unknown id is 404 with a SCIM error body and no scimType',
    request: { method: 'GET', path: '/Users/00000000-0000-0000-0000-000000000000' },
    expect: { status: 404, body: { schemas: [ERROR], status: '404' }, absent: ['scimType'] },
  },
  {
    title: 'RFC 7643 §4.1.2 a user lists its groups with $ref, derived from memberships',
    given: [alice, sales],
    request: { method: 'GET', path: '/Users/{alice}' },
    expect: {
      status: 200,
      body: { groups: [{ value: '{sales}', display: 'Sales', $ref: '{base}/Groups/{sales}' }] },
    },
  },
  {
    title: 'RFC 7643 §4.2 group members carry $ref and type',
    given: [alice, sales],
    request: { method: 'GET', path: '/Groups/{sales}' },
    expect: {
      status: 200,
      body: { members: [{ value: '{alice}', type: 'User', $ref: '{base}/Users/{alice}' }] },
    },
  },
  {
    title: 'RFC 7644 §3.9 attributes=userName returns id, schemas and userName only',
    given: [alice],
    request: { method: 'GET', path: '/Users/{alice}?attributes=userName' },
    expect: {
      status: 200,
      body: { id: '{alice}', userName: 'alice@contoso.com' },
      absent: ['meta', 'groups'],
    },
  },
  {
    title: 'RFC 7644 §3.9 excludedAttributes=members leaves members out of a group',
    given: [alice, sales],
    request: { method: 'GET', path: '/Groups/{sales}?excludedAttributes=members' },
    expect: { status: 200, body: { displayName: 'Sales' }, absent: ['members'] },
  },
  {
    title: 'RFC 7644 §3.9 attributes and excludedAttributes together are 400 invalidValue',
    given: [alice],
    request: { method: 'GET', path: '/Users/{alice}?attributes=userName&excludedAttributes=name' },
    expect: { status: 400, scimType: 'invalidValue' },
  },
  {
    title: 'RFC 7644 §3.14 If-None-Match with the current ETag is 304 without a body',
    given: [alice],
    request: { method: 'GET', path: '/Users/{alice}', headers: { 'if-none-match': 'W/"1"' } },
    expect: {
      status: 304,
      headers: { etag: 'W/"1"', 'content-type': null },
      check: (r) => assertEmpty(r.text),
    },
  },
  {
    title: 'RFC 7644 §3.14 If-None-Match with an old ETag returns the resource',
    given: [alice],
    request: { method: 'GET', path: '/Users/{alice}', headers: { 'if-none-match': 'W/"0"' } },
    expect: { status: 200, body: { id: '{alice}' } },
  },
  // --- query (RFC 7644 §3.4.2)
  {
    title: 'RFC 7644 §3.4.2 Entra Test Connection probe: unknown userName is 200 with an empty ListResponse',
    given: [alice],
    request: { method: 'GET', path: '/Users?filter=userName+eq+%223b2c3d8e-0000-4a5b-9c1d-123456789abc%22' },
    expect: {
      status: 200,
      body: { schemas: [LIST], totalResults: 0, Resources: [], startIndex: 1, itemsPerPage: 0 },
    },
  },
  {
    title: 'RFC 7644 §3.4.2.2 eq on userName is case-insensitive',
    given: [alice, bob],
    request: { method: 'GET', path: '/Users?filter=userName%20eq%20%22ALICE@CONTOSO.COM%22' },
    expect: { status: 200, body: { totalResults: 1, Resources: [{ id: '{alice}' }] } },
  },
  {
    title: 'RFC 7644 §3.4.2.2 a "+" in the query string is a space',
    given: [alice, bob],
    request: { method: 'GET', path: '/Users?filter=userName+sw+%22bob%22' },
    expect: { status: 200, body: { totalResults: 1, Resources: [{ id: '{bob}' }] } },
  },
  {
    title: 'RFC 7644 §3.4.2.2 an encoded "+" stays a plus sign in the filter value',
    given: [{ key: 'plus', method: 'POST', path: '/Users', body: user('a+b@contoso.com') }],
    request: { method: 'GET', path: '/Users?filter=userName+eq+%22a%2Bb@contoso.com%22' },
    expect: { status: 200, body: { totalResults: 1, Resources: [{ id: '{plus}' }] } },
  },
  {
    title: 'RFC 7644 §3.4.2.2 an unknown attribute in a filter is 400 invalidFilter',
    request: { method: 'GET', path: '/Users?filter=shoeSize+eq+%2242%22' },
    expect: { status: 400, scimType: 'invalidFilter' },
  },
  {
    title: 'RFC 7644 §3.4.2.2 a malformed filter is 400 invalidFilter',
    request: { method: 'GET', path: '/Users?filter=userName+eq' },
    expect: { status: 400, scimType: 'invalidFilter' },
  },
  {
    title: 'RFC 7644 §3.4.2.2 eq on externalId and "and" find one user (Entra matching)',
    given: [
      {
        key: 'ext',
        method: 'POST',
        path: '/Users',
        body: user('ext@contoso.com', { externalId: 'ext-1', active: true }),
      },
      bob,
    ],
    request: { method: 'GET', path: '/Users?filter=externalId+eq+%22ext-1%22+and+active+eq+true' },
    expect: { status: 200, body: { totalResults: 1, Resources: [{ id: '{ext}' }] } },
  },
  {
    title: 'RFC 7644 §3.4.2.2 members eq finds the groups a user belongs to',
    given: [alice, bob, sales],
    request: { method: 'GET', path: '/Groups?filter=members+eq+%22{alice}%22&attributes=displayName' },
    expect: {
      status: 200,
      body: { totalResults: 1, Resources: [{ id: '{sales}', displayName: 'Sales' }] },
      absent: ['Resources.0.members'],
    },
  },
  {
    title: 'RFC 7644 §3.4.2.5 excludedAttributes=members on a group query returns no members (Entra)',
    given: [alice, sales],
    request: { method: 'GET', path: '/Groups?excludedAttributes=members&filter=displayName+eq+%22Sales%22' },
    expect: {
      status: 200,
      body: { totalResults: 1, Resources: [{ id: '{sales}' }] },
      absent: ['Resources.0.members'],
    },
  },
  {
    title: 'RFC 7644 §3.4.2.4 startIndex and count page the results',
    given: [alice, bob, carol],
    request: { method: 'GET', path: '/Users?sortBy=userName&startIndex=2&count=1' },
    expect: {
      status: 200,
      body: { totalResults: 3, itemsPerPage: 1, startIndex: 2, Resources: [{ userName: 'bob@contoso.com' }] },
    },
  },
  {
    title: 'RFC 7644 §3.4.2.4 count=0 returns only totalResults',
    given: [alice, bob],
    request: { method: 'GET', path: '/Users?count=0' },
    expect: { status: 200, body: { totalResults: 2, itemsPerPage: 0, Resources: [] } },
  },
  {
    title: 'RFC 7644 §3.4.2.4 a non-numeric count is 400 invalidValue',
    request: { method: 'GET', path: '/Users?count=ten' },
    expect: { status: 400, scimType: 'invalidValue' },
  },
  {
    title: 'RFC 7644 §3.4.2.3 sortBy userName descending orders the page',
    given: [alice, carol, bob],
    request: { method: 'GET', path: '/Users?sortBy=userName&sortOrder=descending' },
    expect: {
      status: 200,
      check: (response) =>
        assertEqual(userNames(response), ['carol@contoso.com', 'bob@contoso.com', 'alice@contoso.com']),
    },
  },
  {
    title: 'RFC 7644 §3.4.2 unknown query parameters (aadOptscim062020) are ignored',
    given: [alice],
    request: { method: 'GET', path: '/Users?aadOptscim062020&filter=userName+eq+%22alice@contoso.com%22' },
    expect: { status: 200, body: { totalResults: 1 } },
  },
  {
    title: 'RFC 7644 §3.4.3 POST /Users/.search takes the query in the body',
    given: [alice, bob],
    request: {
      method: 'POST',
      path: '/Users/.search',
      body: { schemas: [SEARCH], filter: 'userName sw "a"', attributes: ['userName'] },
    },
    expect: {
      status: 200,
      body: { totalResults: 1, Resources: [{ id: '{alice}', userName: 'alice@contoso.com' }] },
      absent: ['Resources.0.meta'],
    },
  },
  {
    title: 'RFC 7644 §3.4.3 a search body without the SearchRequest schema is 400 invalidSyntax',
    request: { method: 'POST', path: '/Users/.search', body: { filter: 'userName pr' } },
    expect: { status: 400, scimType: 'invalidSyntax' },
  },
  {
    title: 'RFC 7644 §3.4.3 POST /.search at the root searches users and groups together',
    given: [alice, sales],
    request: { method: 'POST', path: '/.search', body: { schemas: [SEARCH], filter: 'id pr' } },
    expect: {
      status: 200,
      body: {
        totalResults: 2,
        Resources: [
          { id: '{alice}', meta: { resourceType: 'User' } },
          { id: '{sales}', meta: { resourceType: 'Group' } },
        ],
      },
    },
  },
  {
    title: 'RFC 7644 §3.4.3 a root search pages across resource types',
    given: [alice, bob, sales],
    request: { method: 'POST', path: '/.search', body: { schemas: [SEARCH], startIndex: 2, count: 2 } },
    expect: {
      status: 200,
      // Users come in id order, so the second user is whichever of the two has the larger id.
      body: {
        totalResults: 3,
        startIndex: 2,
        Resources: [{ meta: { resourceType: 'User' } }, { id: '{sales}' }],
      },
      check: (response, ids) => assertEqual(response.body.Resources[0].id, [ids.alice, ids.bob].sort()[1]),
    },
  },
  {
    title: 'RFC 7644 §3.4.3 a root filter on a User attribute matches no groups',
    given: [alice, sales],
    request: { method: 'POST', path: '/.search', body: { schemas: [SEARCH], filter: 'userName pr' } },
    expect: { status: 200, body: { totalResults: 1, Resources: [{ id: '{alice}' }] } },
  },
  {
    title: 'RFC 7644 §3.4.3 a root filter no resource type knows is 400 invalidFilter',
    request: { method: 'POST', path: '/.search', body: { schemas: [SEARCH], filter: 'shoeSize pr' } },
    expect: { status: 400, scimType: 'invalidFilter' },
  },
  // --- replace (RFC 7644 §3.5.1)
  {
    title: 'RFC 7644 §3.5.1 PUT replaces the resource and bumps its version',
    given: [alice],
    request: {
      method: 'PUT',
      path: '/Users/{alice}',
      body: user('alice@contoso.com', { displayName: 'Alice' }),
    },
    expect: {
      status: 200,
      headers: { etag: 'W/"2"' },
      body: { id: '{alice}', displayName: 'Alice', meta: { version: 'W/"2"' } },
    },
  },
  {
    title: 'RFC 7644 §3.5.1 PUT without a required attribute is 400 invalidValue',
    given: [alice],
    request: { method: 'PUT', path: '/Users/{alice}', body: { schemas: [USER_SCHEMA], displayName: 'A' } },
    expect: { status: 400, scimType: 'invalidValue' },
  },
  {
    title: 'RFC 7644 §3.14 PUT with a stale If-Match is 412',
    given: [alice],
    request: {
      method: 'PUT',
      path: '/Users/{alice}',
      body: user('alice@contoso.com'),
      headers: { 'if-match': 'W/"7"' },
    },
    expect: { status: 412, body: { schemas: [ERROR], status: '412' } },
  },
  {
    title: 'RFC 7644 §3.14 PUT with the current If-Match succeeds',
    given: [alice],
    request: {
      method: 'PUT',
      path: '/Users/{alice}',
      body: user('alice@contoso.com'),
      headers: { 'if-match': 'W/"1"' },
    },
    expect: { status: 200, headers: { etag: 'W/"2"' } },
  },
  {
    title: 'RFC 7644 §3.5.1 PUT to an unknown id is 404',
    request: { method: 'PUT', path: '/Users/nope', body: user('x') },
    expect: { status: 404 },
  },
  {
    title: 'RFC 7644 §3.5.1 PUT of a group replaces its members',
    given: [alice, bob, sales],
    request: {
      method: 'PUT',
      path: '/Groups/{sales}',
      body: group('Sales', { members: [{ value: '{bob}' }] }),
    },
    expect: { status: 200, body: { members: [{ value: '{bob}' }] } },
  },
  // --- patch (RFC 7644 §3.5.2)
  {
    title: 'RFC 7644 §3.5.2 PATCH of a user answers 200 with the resource',
    given: [alice],
    request: {
      method: 'PATCH',
      path: '/Users/{alice}',
      body: patch({ op: 'replace', path: 'displayName', value: 'Alice A' }),
    },
    expect: {
      status: 200,
      headers: { etag: 'W/"2"' },
      body: { displayName: 'Alice A', meta: { version: 'W/"2"' } },
    },
  },
  {
    title: 'RFC 7644 §3.5.2 a PATCH that changes nothing keeps the version',
    given: [{ key: 'a', method: 'POST', path: '/Users', body: user('same', { displayName: 'Same' }) }],
    request: {
      method: 'PATCH',
      path: '/Users/{a}',
      body: patch({ op: 'replace', path: 'displayName', value: 'Same' }),
    },
    expect: { status: 200, headers: { etag: 'W/"1"' } },
  },
  {
    title: 'RFC 7644 §3.5.2 PATCH of a group answers 204 without a body',
    given: [alice, sales],
    request: {
      method: 'PATCH',
      path: '/Groups/{sales}',
      body: patch({ op: 'replace', path: 'displayName', value: 'Sales EU' }),
    },
    expect: {
      status: 204,
      headers: { etag: 'W/"2"', 'content-type': null },
      check: (r) => assertEmpty(r.text),
    },
  },
  {
    title: 'RFC 7644 §3.5.2 PATCH of a group with attributes answers 200 with the projected group',
    given: [alice, sales],
    request: {
      method: 'PATCH',
      path: '/Groups/{sales}?attributes=displayName',
      body: patch({ op: 'replace', path: 'displayName', value: 'Sales EU' }),
    },
    expect: { status: 200, body: { id: '{sales}', displayName: 'Sales EU' }, absent: ['members', 'meta'] },
  },
  {
    title: 'RFC 7644 §3.5.2.1 add members to a group, then they are listed',
    given: [alice, bob, sales],
    request: {
      method: 'PATCH',
      path: '/Groups/{sales}?attributes=members',
      body: patch({ op: 'add', path: 'members', value: [{ value: '{bob}' }] }),
    },
    expect: {
      status: 200,
      check: (response, ids) =>
        assertEqual(
          (response.body.members as { value: string }[]).map((m) => m.value).sort(),
          [ids.alice, ids.bob].sort(),
        ),
    },
  },
  {
    title: 'RFC 7644 §3.5.2.2 remove members[value eq "id"] takes one member out',
    given: [
      alice,
      bob,
      { ...sales, body: group('Sales', { members: [{ value: '{alice}' }, { value: '{bob}' }] }) },
    ],
    request: {
      method: 'PATCH',
      path: '/Groups/{sales}?attributes=members',
      body: patch({ op: 'remove', path: 'members[value eq "{alice}"]' }),
    },
    expect: { status: 200, body: { members: [{ value: '{bob}' }] } },
  },
  {
    title: 'RFC 7644 §3.5.2 adding a member id that does not exist is 400 invalidValue',
    given: [alice, sales],
    request: {
      method: 'PATCH',
      path: '/Groups/{sales}',
      body: patch({ op: 'add', path: 'members', value: [{ value: 'ghost' }] }),
    },
    expect: { status: 400, scimType: 'invalidValue' },
  },
  {
    title: 'RFC 7644 §3.5.2 a malformed PATCH path is 400 invalidPath',
    given: [alice],
    request: {
      method: 'PATCH',
      path: '/Users/{alice}',
      body: patch({ op: 'replace', path: 'emails[type eq', value: 'x' }),
    },
    expect: { status: 400, scimType: 'invalidPath' },
  },
  {
    title: 'RFC 7644 §3.5.2 a PATCH body without Operations is 400 invalidSyntax',
    given: [alice],
    request: { method: 'PATCH', path: '/Users/{alice}', body: { schemas: [PATCH_SCHEMA] } },
    expect: { status: 400, scimType: 'invalidSyntax' },
  },
  {
    title: 'RFC 7644 §3.5.2 replacing readOnly id is 400 mutability',
    given: [alice],
    request: {
      method: 'PATCH',
      path: '/Users/{alice}',
      body: patch({ op: 'replace', path: 'id', value: 'other' }),
    },
    expect: { status: 400, scimType: 'mutability' },
  },
  {
    title: 'RFC 7644 §3.14 PATCH with a stale If-Match is 412 and changes nothing',
    given: [alice],
    request: {
      method: 'PATCH',
      path: '/Users/{alice}',
      body: patch({ op: 'replace', path: 'displayName', value: 'X' }),
      headers: { 'if-match': 'W/"5"' },
    },
    expect: { status: 412 },
  },
  {
    title: 'RFC 7644 §3.5.2 PATCH to an unknown id is 404',
    request: {
      method: 'PATCH',
      path: '/Groups/nope',
      body: patch({ op: 'replace', path: 'displayName', value: 'X' }),
    },
    expect: { status: 404 },
  },
  {
    title: 'RFC 7643 §4.3 a manager reference gets its $ref',
    given: [alice, bob],
    request: {
      method: 'PATCH',
      path: '/Users/{alice}',
      body: patch({ op: 'add', path: `${ENTERPRISE}:manager`, value: { value: '{bob}' } }),
    },
    expect: {
      status: 200,
      body: { [ENTERPRISE]: { manager: { value: '{bob}', $ref: '{base}/Users/{bob}' } } },
    },
  },
  // --- delete (RFC 7644 §3.6)
  {
    title: 'RFC 7644 §3.6 DELETE answers 204 without a body',
    given: [alice],
    request: { method: 'DELETE', path: '/Users/{alice}' },
    expect: { status: 204, headers: { 'content-type': null }, check: (r) => assertEmpty(r.text) },
  },
  {
    title: 'RFC 7644 §3.6 DELETE of an unknown id is 404',
    request: { method: 'DELETE', path: '/Groups/00000000-0000-0000-0000-000000000000' },
    expect: { status: 404, body: { status: '404' } },
  },
  {
    title: 'RFC 7644 §3.6 DELETE with a Content-Type header and no body still works',
    given: [alice],
    request: {
      method: 'DELETE',
      path: '/Users/{alice}',
      headers: { 'content-type': 'application/scim+json' },
    },
    expect: { status: 204 },
  },
  {
    title: 'RFC 7644 §3.14 DELETE with a stale If-Match is 412',
    given: [alice],
    request: { method: 'DELETE', path: '/Users/{alice}', headers: { 'if-match': 'W/"2"' } },
    expect: { status: 412 },
  },
  // --- discovery (RFC 7644 §4)
  {
    title: 'RFC 7644 §4 /ServiceProviderConfig states the real capabilities',
    request: { method: 'GET', path: '/ServiceProviderConfig' },
    expect: {
      status: 200,
      body: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        patch: { supported: true },
        bulk: { supported: true, maxOperations: 20, maxPayloadSize: 65536 },
        filter: { supported: true, maxResults: 50 },
        sort: { supported: true },
        etag: { supported: true },
        changePassword: { supported: false },
        pagination: { cursor: true, index: true, maxPageSize: 50 },
        authenticationSchemes: [{ type: 'oauthbearertoken' }],
        meta: { resourceType: 'ServiceProviderConfig', location: '{base}/ServiceProviderConfig' },
      },
    },
  },
  {
    title: 'RFC 7644 §4 /Schemas is a ListResponse of the schemas',
    request: { method: 'GET', path: '/Schemas' },
    expect: {
      status: 200,
      body: { schemas: [LIST], totalResults: 3 },
      check: (response) =>
        assertEqual(
          (response.body.Resources as { id: string }[]).map((s) => s.id).sort(),
          [ENTERPRISE, GROUP_SCHEMA, USER_SCHEMA].sort(),
        ),
    },
  },
  {
    title: 'RFC 7644 §4 /Schemas/{id} returns one schema with its attributes',
    request: { method: 'GET', path: `/Schemas/${USER_SCHEMA}` },
    expect: {
      status: 200,
      body: {
        id: USER_SCHEMA,
        name: 'User',
        meta: { resourceType: 'Schema', location: `{base}/Schemas/${USER_SCHEMA}` },
      },
    },
  },
  {
    title: 'RFC 7644 §4 /Schemas/{id} of an unknown schema is 404',
    request: { method: 'GET', path: '/Schemas/urn:example:nothing' },
    expect: { status: 404 },
  },
  {
    title: 'RFC 7644 §4 /ResourceTypes lists User and Group',
    request: { method: 'GET', path: '/ResourceTypes' },
    expect: {
      status: 200,
      body: {
        totalResults: 2,
        Resources: [
          { id: 'User', endpoint: '/Users' },
          { id: 'Group', endpoint: '/Groups' },
        ],
      },
    },
  },
  {
    title: 'RFC 7644 §4 /ResourceTypes/Group returns the Group resource type',
    request: { method: 'GET', path: '/ResourceTypes/Group' },
    expect: {
      status: 200,
      body: { id: 'Group', schema: GROUP_SCHEMA, meta: { location: '{base}/ResourceTypes/Group' } },
    },
  },
  {
    title: 'RFC 7644 §4 a filter on a discovery endpoint is 403',
    request: { method: 'GET', path: '/Schemas?filter=id+eq+%22x%22' },
    expect: { status: 403, body: { status: '403' } },
  },
  // --- bulk (RFC 7644 §3.7)
  {
    title: 'RFC 7644 §3.7.2 bulk operations resolve bulkId references to created resources',
    request: {
      method: 'POST',
      path: '/Bulk',
      body: {
        schemas: [BULK],
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'u1', data: user('bulk-user') },
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'g1',
            data: group('Bulk', { members: [{ value: 'bulkId:u1' }] }),
          },
          {
            method: 'PATCH',
            path: '/Users/bulkId:u1',
            data: patch({ op: 'replace', path: 'displayName', value: 'B' }),
          },
          { method: 'DELETE', path: '/Groups/bulkId:g1' },
        ],
      },
    },
    expect: {
      status: 200,
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkResponse'],
        Operations: [
          { method: 'POST', bulkId: 'u1', status: '201', version: 'W/"1"' },
          { method: 'POST', bulkId: 'g1', status: '201' },
          { method: 'PATCH', status: '200', version: 'W/"2"' },
          { method: 'DELETE', status: '204' },
        ],
      },
      check: (response) => {
        const [created, , patched] = response.body.Operations as { location: string }[];
        if (!created || !patched || created.location !== patched.location)
          throw new Error('bulkId did not resolve');
      },
    },
  },
  {
    title: 'RFC 7644 §3.7.3 failed operations carry an error response; failOnErrors stops the run',
    given: [alice],
    request: {
      method: 'POST',
      path: '/Bulk',
      body: {
        schemas: [BULK],
        failOnErrors: 1,
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'dup', data: user('alice@contoso.com') },
          { method: 'POST', path: '/Users', bulkId: 'never', data: user('never') },
        ],
      },
    },
    expect: {
      status: 200,
      body: {
        Operations: [
          {
            method: 'POST',
            bulkId: 'dup',
            status: '409',
            response: { scimType: 'uniqueness', status: '409' },
          },
        ],
      },
    },
  },
  {
    title: 'RFC 7644 §3.7.3 a bulk PUT with a stale version fails 412 and names the resource in location',
    given: [alice],
    request: {
      method: 'POST',
      path: '/Bulk',
      body: {
        schemas: [BULK],
        Operations: [
          { method: 'PUT', path: '/Users/{alice}', version: 'W/"9"', data: user('alice@contoso.com') },
        ],
      },
    },
    expect: {
      status: 200,
      body: {
        Operations: [
          { method: 'PUT', status: '412', location: '{base}/Users/{alice}', response: { status: '412' } },
        ],
      },
    },
  },
  {
    title: 'RFC 7644 §3.7.2 a reference to a bulkId not created is 409 for that operation',
    request: {
      method: 'POST',
      path: '/Bulk',
      body: {
        schemas: [BULK],
        Operations: [
          {
            method: 'PATCH',
            path: '/Users/bulkId:missing',
            data: patch({ op: 'add', path: 'nickName', value: 'x' }),
          },
        ],
      },
    },
    expect: { status: 200, body: { Operations: [{ method: 'PATCH', status: '409' }] } },
  },
  {
    title: 'RFC 7644 §3.7.4 more operations than maxOperations is 413',
    request: {
      method: 'POST',
      path: '/Bulk',
      body: {
        schemas: [BULK],
        Operations: Array.from({ length: 21 }, (_, i) => ({
          method: 'POST',
          path: '/Users',
          bulkId: `b${i}`,
          data: user(`b${i}`),
        })),
      },
    },
    expect: { status: 413, body: { schemas: [ERROR], status: '413' } },
  },
  {
    title: 'RFC 7644 §3.7.4 a body larger than maxPayloadSize is 413 with a SCIM error body',
    request: {
      method: 'POST',
      path: '/Bulk',
      body: { schemas: [BULK], Operations: [], pad: 'x'.repeat(70_000) },
    },
    expect: { status: 413, body: { schemas: [ERROR], status: '413' } },
  },
  {
    title: 'RFC 7644 §3.7 a bulk path that is not a resource path fails that operation with 400',
    request: {
      method: 'POST',
      path: '/Bulk',
      body: { schemas: [BULK], Operations: [{ method: 'DELETE', path: '/Widgets/1' }] },
    },
    expect: {
      status: 200,
      body: { Operations: [{ status: '400', response: { scimType: 'invalidSyntax' } }] },
    },
  },
  // --- protocol edges
  {
    title: 'RFC 7644 §3.12 an unknown endpoint is 404 with a SCIM error body',
    request: { method: 'GET', path: '/Widgets' },
    expect: { status: 404, body: { schemas: [ERROR], status: '404' } },
  },
  {
    title: 'RFC 7644 §3.2 a trailing slash addresses the same endpoint',
    given: [alice],
    request: { method: 'GET', path: '/Users/' },
    expect: { status: 200, body: { totalResults: 1 } },
  },
];

export function assertEqual(actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

function assertEmpty(text: string): void {
  if (text !== '') throw new Error(`expected no body, got ${JSON.stringify(text)}`);
}
