import { Uniqueness } from '@provisio/scim-core';
import type { SqlDialect } from '../dialect/sql-dialect.js';

/**
 * Runs `write`, turning a violation of the unique index on `column` into SCIM's 409 `uniqueness` with
 * `detail`. The index decides, not a read before the write, so two concurrent writers cannot both pass.
 */
export async function guardUniqueness<T>(
  dialect: SqlDialect,
  column: string,
  detail: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (dialect.isUniqueViolation(error, column)) throw new Uniqueness(detail);
    throw error;
  }
}
