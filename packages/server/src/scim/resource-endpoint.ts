/**
 * The lifecycle of one resource (RFC 7644 §3.3, §3.4.1, §3.5.1, §3.6) over any resource type. Users and
 * Groups differ only in PATCH and in what a read derives, so each is a {@link ResourceEndpoint} and the
 * steps here are shared — by the HTTP routes and by `/Bulk` alike.
 */
import {
  InvalidSyntax,
  type Projection,
  type ResourceTypeDefinition,
  type ValidationContext,
  validateResource,
} from '@provisio/scim-core';
import type {
  GroupReadOptions,
  Repositories,
  ResourceRepository,
  StoredResource,
  UserReadOptions,
} from '@provisio/store';
import { type EntityTagCondition, checkIfMatch } from './etag.js';
import { hashPasswordInBody } from './password.js';
import { type TenantScope, isLenient } from './tenant-scope.js';

/** What a read derives: user `groups`, group `members`. Each repository reads its own key. */
export type ReadOptions = UserReadOptions & GroupReadOptions;

export interface ResourceEndpoint {
  /** The resource type's name in the registry: `User`, `Group`. */
  readonly resourceType: string;
  repository(repositories: Repositories): ResourceRepository<ReadOptions>;
  /** RFC 7644 §3.5.2: applies a PatchOp body; returns the resource as `read` says. */
  patch(
    scope: TenantScope,
    id: string,
    body: unknown,
    condition: EntityTagCondition | undefined,
    read: ReadOptions,
  ): Promise<StoredResource>;
  /** Whether a PATCH answers 200 with the resource rather than 204; `asked` = attributes were requested. */
  patchAnswersWithBody(asked: boolean): boolean;
}

/** Projections are compiled once and reused, so the read options each implies are worked out once too. */
const readOptionsOfProjection = new WeakMap<Projection, ReadOptions>();

/** Reads only what the response will show: a group's members never for `excludedAttributes=members`. */
export function readOptionsFor(projection: Projection): ReadOptions {
  let options = readOptionsOfProjection.get(projection);
  if (!options) {
    options = {
      groups: projection.includes({ attribute: 'groups' }),
      members: projection.includes({ attribute: 'members' }),
    };
    readOptionsOfProjection.set(projection, options);
  }
  return options;
}

/** Nothing derived: for reads that only check existence and version. */
export const BARE: ReadOptions = { groups: false, members: false };

export function resourceTypeOf(scope: TenantScope, endpoint: ResourceEndpoint): ResourceTypeDefinition {
  return scope.registry.resourceType(endpoint.resourceType);
}

function requireBody(body: unknown): unknown {
  if (body === undefined) throw new InvalidSyntax('a JSON request body is required');
  return body;
}

/** Entra sends booleans as "True"/"False" and a bogus `…/ADSCIM/2.0/Group` schema URI (A3, A4). */
function validationOf(
  scope: TenantScope,
  resourceType: ResourceTypeDefinition,
): Omit<ValidationContext, 'mode' | 'existing'> {
  const lenient = isLenient(scope);
  return {
    registry: scope.registry,
    resourceType,
    booleanStrings: lenient,
    unknownSchemas: lenient ? 'ignore' : 'reject',
  };
}

/** POST: validate, then store; the store assigns `id` and `meta` and enforces uniqueness (409). */
export async function createResource(
  scope: TenantScope,
  endpoint: ResourceEndpoint,
  body: unknown,
): Promise<StoredResource> {
  const resourceType = resourceTypeOf(scope, endpoint);
  const resource = validateResource(await hashPasswordInBody(requireBody(body)), {
    ...validationOf(scope, resourceType),
    mode: 'create',
  });
  return endpoint.repository(scope.store).create(scope.tenant.id, resource);
}

export function readResource(
  scope: TenantScope,
  endpoint: ResourceEndpoint,
  id: string,
  read: ReadOptions,
): Promise<StoredResource> {
  return endpoint.repository(scope.store).get(scope.tenant.id, id, read);
}

/**
 * PUT: in one transaction, check `If-Match`, validate against the stored resource (immutable attributes
 * must not change) and replace it.
 */
export async function replaceResource(
  scope: TenantScope,
  endpoint: ResourceEndpoint,
  id: string,
  body: unknown,
  condition: EntityTagCondition | undefined,
  read: ReadOptions,
): Promise<StoredResource> {
  const resourceType = resourceTypeOf(scope, endpoint);
  const payload = await hashPasswordInBody(requireBody(body));
  return scope.store.transaction(async (tx) => {
    const repository = endpoint.repository(tx);
    const current = await repository.get(scope.tenant.id, id, BARE);
    checkIfMatch(condition, current.version);
    const resource = validateResource(payload, {
      ...validationOf(scope, resourceType),
      mode: 'replace',
      existing: current.resource,
    });
    return repository.replace(scope.tenant.id, id, resource, { ...read, ifVersion: current.version });
  });
}

/** DELETE: 404 for an unknown id, 412 when `If-Match` names another version. */
export async function deleteResource(
  scope: TenantScope,
  endpoint: ResourceEndpoint,
  id: string,
  condition: EntityTagCondition | undefined,
): Promise<void> {
  if (condition === undefined) return endpoint.repository(scope.store).delete(scope.tenant.id, id);
  return scope.store.transaction(async (tx) => {
    const repository = endpoint.repository(tx);
    const current = await repository.get(scope.tenant.id, id, BARE);
    checkIfMatch(condition, current.version);
    await repository.delete(scope.tenant.id, id, { ifVersion: current.version });
  });
}
