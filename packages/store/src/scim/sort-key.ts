/** RFC 7644 §3.4.2.3 `sortBy` → the SQL value rows are ordered by. */
import { type AttributePath, InvalidValue, type ResolvedAttribute } from '@provisio/scim-core';
import { sql } from 'kysely';
import type { SqlExpression } from '../dialect/sql-dialect.js';
import {
  type SqlTarget,
  attributeKey,
  dataColumn,
  jsonPathOf,
  jsonScalarType,
  resolvePath,
  rowOperand,
  showPath,
} from './sql-target.js';

export interface SortKey {
  readonly sql: SqlExpression;
  /** True for the default order, by id alone. */
  readonly isId: boolean;
  readonly notNull: boolean;
  /** Canonical path, part of the cursor's fingerprint. */
  readonly name: string;
}

const STRING_TYPES = ['string', 'reference', 'binary'];

/**
 * Without `sortBy`, rows come in id order: stable, so offset pages neither skip nor repeat. Strings that
 * are not caseExact sort case-insensitively; dateTimes sort as instants; a multi-valued attribute sorts by
 * its primary (else first) value.
 */
export function compileSortKey(target: SqlTarget, sortBy: AttributePath | undefined): SortKey {
  if (!sortBy) return { sql: sql.ref(`${target.storage.table}.id`), isId: true, notNull: true, name: 'id' };
  const resolved = resolvePath(target, sortBy, InvalidValue);
  const name = showPath(resolved);
  const definition = resolved.definition;
  const unsortable = () => new InvalidValue(`sortBy: ${name} cannot be sorted by`);
  if (definition.type === 'complex' && !resolved.attribute.multiValued) throw unsortable();
  const stored = resolved.attribute.multiValued
    ? multiValuedOperand(target, resolved, unsortable)
    : rowOperand(target, resolved);
  if (!stored) throw unsortable();
  const leaf = resolved.subAttribute ?? (resolved.attribute.subAttributes ? undefined : resolved.attribute);
  // A complex attribute without a sub-attribute sorts by its `value`, a string in every standard schema.
  const scalarType = leaf ? jsonScalarType(leaf) : 'string';
  const operand = stored.column
    ? stored
    : { ...stored, sql: target.dialect.jsonScalar(stored.sql, scalarType) };
  const foldCase = leaf && STRING_TYPES.includes(leaf.type) && !leaf.caseExact && !operand.folded;
  const asInstant = leaf?.type === 'dateTime' && !operand.isoTimestamps;
  const value = foldCase
    ? target.dialect.lower(operand.sql)
    : asInstant
      ? target.dialect.dateTime(operand.sql)
      : operand.sql;
  // `""` is no value (as for `pr`): it sorts with the absent ones. Columns already hold NULL for it, and
  // sort by code point through their own collation (a COLLATE on them would keep their index unused).
  const jsonString = leaf && STRING_TYPES.includes(leaf.type) && !operand.column;
  return {
    sql: jsonString ? target.dialect.codePointOrder(sql`nullif(${value}, '')`) : value,
    isId: false,
    notNull: operand.notNull,
    name,
  };
}

function multiValuedOperand(target: SqlTarget, resolved: ResolvedAttribute, unsortable: () => InvalidValue) {
  const side = target.storage.sideTables.get(attributeKey(resolved));
  if (side && !side.alsoInJson) throw unsortable();
  const sub = resolved.subAttribute?.name ?? (resolved.attribute.subAttributes ? 'value' : undefined);
  const value = target.dialect.primaryElementValue(dataColumn(target), jsonPathOf(resolved, false), sub);
  return { sql: value, folded: false, indexed: false, isoTimestamps: false, notNull: false, column: false };
}
