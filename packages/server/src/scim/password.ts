/**
 * Clients send `password` in clear (RFC 7643 §4.1.1, writeOnly). It is replaced by its hash before
 * validation or PATCH, so nothing after this step — validation, PATCH, the store, logs — sees the secret.
 * scrypt runs on libuv's thread pool and never inside a database transaction.
 */
import type { PatchOperation, ResourceTypeDefinition, SchemaRegistry } from '@provisio/scim-core';
import { hashPassword } from '@provisio/store';

const isPasswordKey = (key: string) => key.toLowerCase() === 'password';

async function hashPasswordKeys(value: unknown): Promise<unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const entries = await Promise.all(
    Object.entries(value).map(async ([key, v]) =>
      isPasswordKey(key) && typeof v === 'string' ? [key, await hashPassword(v)] : [key, v],
    ),
  );
  return Object.fromEntries(entries);
}

/** A POST/PUT body with its top-level `password` hashed. */
export function hashPasswordInBody(body: unknown): Promise<unknown> {
  return hashPasswordKeys(body);
}

/**
 * PATCH operations with every `password` value hashed. Paths are resolved through the tenant's registry, so
 * every spelling that reaches the attribute (`password`, `PASSWORD`, `urn:…:core:2.0:User:password`, the
 * core schema URN itself) is caught; path-less values may carry it at the top level or under that URN.
 */
export function hashPasswordsInOperations(
  operations: readonly PatchOperation[],
  registry: SchemaRegistry,
  resourceType: ResourceTypeDefinition,
): Promise<PatchOperation[]> {
  const coreSchema = resourceType.schema.toLowerCase();
  const hashObject = async (value: unknown): Promise<unknown> => {
    const top = await hashPasswordKeys(value);
    if (typeof top !== 'object' || top === null || Array.isArray(top)) return top;
    const entries = await Promise.all(
      Object.entries(top).map(async ([key, v]) => [
        key,
        key.toLowerCase() === coreSchema ? await hashPasswordKeys(v) : v,
      ]),
    );
    return Object.fromEntries(entries);
  };
  return Promise.all(
    operations.map(async (operation) => {
      const target = operation.path;
      if (
        target === undefined ||
        registry.wholeSchema(resourceType, target.path)?.id.toLowerCase() === coreSchema
      ) {
        return { ...operation, value: await hashObject(operation.value) };
      }
      const resolved = registry.resolve(resourceType, target.path);
      const namesPassword =
        resolved?.core === true &&
        resolved.subAttribute === undefined &&
        isPasswordKey(resolved.attribute.name);
      return namesPassword && typeof operation.value === 'string'
        ? { ...operation, value: await hashPassword(operation.value) }
        : operation;
    }),
  );
}
