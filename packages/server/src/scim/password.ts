/**
 * Clients send `password` in clear (RFC 7643 §4.1.1, writeOnly). It is replaced by its hash before
 * validation or PATCH, so nothing after this step — validation, PATCH, the store, logs — sees the secret.
 * scrypt runs on libuv's thread pool and never inside a database transaction.
 */
import type { PatchOperation } from '@provisio/scim-core';
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

/** PATCH operations with every `password` value hashed: `path: "password"` and path-less objects alike. */
export function hashPasswordsInOperations(operations: readonly PatchOperation[]): Promise<PatchOperation[]> {
  return Promise.all(
    operations.map(async (operation) => {
      const target = operation.path;
      if (target === undefined) return { ...operation, value: await hashPasswordKeys(operation.value) };
      const namesPassword = target.path.schema === undefined && isPasswordKey(target.path.attribute);
      return namesPassword && typeof operation.value === 'string'
        ? { ...operation, value: await hashPassword(operation.value) }
        : operation;
    }),
  );
}
