/**
 * The HTTP benchmark's scenarios (issue 4 §4), in the order they run: reads first, so every read sees
 * exactly the seeded data set, then the writes. Each scenario prepares a load plan against the running
 * server (walking cursors, checking that the data set answers as the scenario assumes) and names its target.
 */
import { PATCH_OP_SCHEMA, USER_SCHEMA } from '@provisio/scim-core';
import type { Request } from 'autocannon';
import type { Fixture } from './http-fixture.js';
import { type ScimEndpoint, countScimResults, getScimJson } from './http-scim.js';

/** A target from the issue, checked against the measured req/s. */
export type Target =
  /** At least this share of the bare fastify baseline's req/s. */
  | { readonly kind: 'baselineShare'; readonly atLeast: number }
  | { readonly kind: 'reqPerSec'; readonly atLeast: number }
  /** Slower than the named scenario by at most `factor` (its req/s ÷ this req/s ≤ factor). */
  | { readonly kind: 'within'; readonly of: string; readonly factor: number };

export interface ScenarioContext {
  readonly scim: ScimEndpoint;
  readonly fixture: Fixture;
  /** Users seeded in total (the N plus the spare users). */
  readonly totalUsers: number;
  /** A spare user (in no group) that no other connection has had; fails when the pool is used up. */
  claimSpareUser(): string;
}

export interface LoadPlan {
  /** What is measured, as the table shows it. */
  readonly label: string;
  /** Fresh request objects for one connection (autocannon mutates them while it builds requests). */
  connectionRequests(): Request[];
}

export interface Scenario {
  readonly id: string;
  readonly target?: Target;
  plan(context: ScenarioContext): Promise<LoadPlan>;
}

const PAGE_SIZE = 100;
const DEEP_CURSOR_PAGE = 1_000;
const COMPLEX_FILTER = 'userName sw "user1" and (emails[type eq "work" and value co "@"] or active eq false)';
const JSON_BODY = { 'content-type': 'application/scim+json' };

const randomIndex = (length: number) => Math.floor(Math.random() * length);
const pick = <T>(items: readonly T[]): T => items[randomIndex(items.length)]!;
const filterQuery = (filter: string) => `filter=${encodeURIComponent(filter)}`;
/** Seeded user `i`'s userName, as the store's `seedUsers` writes it. */
const seededUserName = (index: number) => `user${index}@example.com`;

/** A plan whose every connection repeats requests built by `build` (called once per request). */
function repeat(label: string, build: () => Request): LoadPlan {
  return {
    label,
    connectionRequests: () => [
      {
        setupRequest: (request) => {
          const built = build();
          // autocannon has merged the default headers (Authorization) into `request` already: keep them.
          return { ...request, ...built, headers: { ...request.headers, ...built.headers } };
        },
      },
    ],
  };
}

function fixedGet(label: string, path: string): LoadPlan {
  return { label, connectionRequests: () => [{ method: 'GET', path }] };
}

function patchRequest(path: string, operations: readonly object[]): Request {
  return {
    method: 'PATCH',
    path,
    headers: JSON_BODY,
    body: JSON.stringify({ schemas: [PATCH_OP_SCHEMA], Operations: operations }),
  };
}

/** Follows `nextCursor` from the first page to page `page`; returns the cursor that fetches it. */
async function cursorOfPage(scim: ScimEndpoint, page: number): Promise<string> {
  let cursor = '';
  for (let current = 1; current < page; current++) {
    // Only ids: the walk needs the cursors, not the resources.
    const body = await getScimJson(
      scim,
      `/Users?cursor=${encodeURIComponent(cursor)}&count=${PAGE_SIZE}&attributes=id`,
    );
    if (typeof body.nextCursor !== 'string')
      throw new Error(`cursor walk: page ${current} has no nextCursor`);
    cursor = body.nextCursor;
  }
  return cursor;
}

/**
 * Each connection adds its own spare user to the group and removes it again, over and over, so every
 * request really changes the member list and no two connections race on one member. Entra's shapes.
 */
function memberChurn(label: string, groupId: string, context: ScenarioContext): LoadPlan {
  const path = `${context.scim.basePath}/Groups/${groupId}`;
  return {
    label,
    connectionRequests: () => {
      const member = [{ value: context.claimSpareUser() }];
      return [
        patchRequest(path, [{ op: 'Add', path: 'members', value: member }]),
        patchRequest(path, [{ op: 'Remove', path: 'members', value: member }]),
      ];
    },
  };
}

const SCENARIOS: readonly Scenario[] = [
  {
    id: 'get-user',
    target: { kind: 'baselineShare', atLeast: 0.35 },
    plan: async ({ scim, fixture }) =>
      repeat('GET /Users/{id} (random seeded id)', () => ({
        method: 'GET',
        path: `${scim.basePath}/Users/${pick(fixture.userIds)}`,
      })),
  },
  {
    id: 'filter-eq',
    target: { kind: 'baselineShare', atLeast: 0.35 },
    plan: async ({ scim, fixture }) => {
      const pathOf = (index: number) => `/Users?${filterQuery(`userName eq "${seededUserName(index)}"`)}`;
      const found = await countScimResults(scim, pathOf(fixture.userIds.length - 1));
      if (found !== 1) throw new Error(`userName eq on a seeded name found ${found} users, not 1`);
      return repeat('GET /Users?filter=userName eq "<random seeded userName>"', () => ({
        method: 'GET',
        path: `${scim.basePath}${pathOf(randomIndex(fixture.userIds.length))}`,
      }));
    },
  },
  {
    id: 'filter-complex',
    plan: async ({ scim }) => {
      const path = `/Users?${filterQuery(COMPLEX_FILTER)}&count=${PAGE_SIZE}`;
      const matches = await countScimResults(scim, path);
      if (matches === 0) throw new Error('the complex filter matches no seeded user');
      const label = `GET /Users?filter=${COMPLEX_FILTER} (count=${PAGE_SIZE}; ${matches.toLocaleString('en-US')} match)`;
      return fixedGet(label, `${scim.basePath}${path}`);
    },
  },
  {
    id: 'cursor-first',
    plan: async ({ scim }) =>
      fixedGet(
        `GET /Users?cursor=&count=${PAGE_SIZE} (page 1)`,
        `${scim.basePath}/Users?cursor=&count=${PAGE_SIZE}`,
      ),
  },
  {
    id: 'cursor-deep',
    target: { kind: 'within', of: 'cursor-first', factor: 1.5 },
    plan: async ({ scim, totalUsers }) => {
      // The deepest FULL page when there are too few users for page 1,000, so the pages compare.
      const page = Math.max(1, Math.min(DEEP_CURSOR_PAGE, Math.floor(totalUsers / PAGE_SIZE)));
      const cursor = await cursorOfPage(scim, page);
      const why = page === DEEP_CURSOR_PAGE ? '' : '; the deepest full page: page 1,000 needs 100,000 users';
      return fixedGet(
        `GET /Users?cursor=<page ${page.toLocaleString('en-US')}>&count=${PAGE_SIZE} (page ${page.toLocaleString('en-US')}${why})`,
        `${scim.basePath}/Users?cursor=${encodeURIComponent(cursor)}&count=${PAGE_SIZE}`,
      );
    },
  },
  {
    id: 'start-index',
    plan: async ({ scim, fixture }) => {
      const startIndex = Math.max(1, Math.floor(fixture.userIds.length / 2));
      return fixedGet(
        `GET /Users?startIndex=${startIndex}&count=${PAGE_SIZE}`,
        `${scim.basePath}/Users?startIndex=${startIndex}&count=${PAGE_SIZE}`,
      );
    },
  },
  {
    id: 'get-big-group',
    plan: async ({ scim, fixture }) =>
      fixedGet(
        'GET /Groups/{big group}?excludedAttributes=members',
        `${scim.basePath}/Groups/${fixture.bigGroupId}?excludedAttributes=members`,
      ),
  },
  {
    id: 'post-user',
    target: { kind: 'reqPerSec', atLeast: 2_000 },
    plan: async ({ scim }) => {
      let next = 0;
      return repeat('POST /Users (unique userName)', () => {
        const userName = `bench${next++}@example.net`;
        const user = {
          schemas: [USER_SCHEMA],
          userName,
          active: true,
          displayName: `Bench ${next}`,
          name: { givenName: 'Bench', familyName: String(next) },
          emails: [{ value: userName, type: 'work', primary: true }],
        };
        return {
          method: 'POST',
          path: `${scim.basePath}/Users`,
          headers: JSON_BODY,
          body: JSON.stringify(user),
        };
      });
    },
  },
  {
    id: 'patch-user',
    plan: async ({ scim, fixture }) => {
      let next = 0;
      // A new value every time: a PATCH that changes nothing is not written at all.
      return repeat('PATCH /Users/{id} replace displayName (random seeded id)', () =>
        patchRequest(`${scim.basePath}/Users/${pick(fixture.userIds)}`, [
          { op: 'replace', path: 'displayName', value: `Renamed ${next++}` },
        ]),
      );
    },
  },
  {
    id: 'member-big',
    target: { kind: 'within', of: 'member-small', factor: 1.5 },
    plan: async (context) =>
      memberChurn(
        `PATCH /Groups/{big group} add/remove one member (${context.fixture.bigGroupSize.toLocaleString('en-US')} members)`,
        context.fixture.bigGroupId,
        context,
      ),
  },
  {
    id: 'member-small',
    plan: async (context) =>
      memberChurn(
        `PATCH /Groups/{small group} add/remove one member (${context.fixture.smallGroupSize} members)`,
        context.fixture.smallGroupId,
        context,
      ),
  },
];

/** Every scenario id, in run order (for `--only`). */
export const SCENARIO_IDS: readonly string[] = SCENARIOS.map((scenario) => scenario.id);

/** The scenarios to run, in run order. */
export function selectScenarios(only: ReadonlySet<string> | undefined): readonly Scenario[] {
  return only ? SCENARIOS.filter((scenario) => only.has(scenario.id)) : SCENARIOS;
}

/** The bare fastify route: the same load shape, nothing but fastify answering. */
export const BASELINE_PLAN: LoadPlan = fixedGet('bare fastify: GET / → {"hello":"world"}', '/');
