/**
 * What dialect-neutral code (filter compiler, sorting, repositories) needs said differently per database.
 * SQLite (`sqlite.ts`, JSON as text) and PostgreSQL (`postgres.ts`, jsonb) implement it.
 */
import type { Expression, RawBuilder, SqlBool } from 'kysely';

export type SqlExpression = Expression<unknown>;

/** RFC 7644 §3.4.2.2 substring operators. */
export type MatchOperator = 'co' | 'sw' | 'ew';

/** The SQL scalar a JSON value is compared as: text, a number, or a boolean as 0/1. */
export type JsonScalarType = 'string' | 'number' | 'boolean';

export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  /**
   * The value at `path` inside a JSON document. Compare it only through {@link jsonScalar}: SQLite yields
   * the scalar itself, PostgreSQL a jsonb value.
   */
  jsonValue(document: SqlExpression, path: readonly string[]): RawBuilder<unknown>;
  /**
   * A value from {@link jsonValue}, {@link elementValue} or {@link primaryElementValue} as a scalar of
   * `type` (a boolean reads as {@link booleanValue}); on PostgreSQL NULL when it holds another JSON type.
   */
  jsonScalar(value: SqlExpression, type: JsonScalarType): RawBuilder<unknown>;
  /**
   * RFC 7644 §3.4.2.2 `pr` on a JSON value: present and not null, `""`, `[]` or `{}`. Two-valued (never
   * NULL), whatever the value's JSON type.
   */
  jsonPresent(document: SqlExpression, path: readonly string[]): RawBuilder<SqlBool>;
  /** A FROM item yielding one row per element of the JSON array at `path`. */
  jsonElements(document: SqlExpression, path: readonly string[], alias: string): RawBuilder<unknown>;
  /** The value of an element row from {@link jsonElements}, or one of its sub-attributes. */
  elementValue(alias: string, subAttribute?: string): RawBuilder<unknown>;
  /**
   * The value (or `subAttribute`) of the primary element of the JSON array at `path`, else of the first:
   * how RFC 7644 §3.4.2.3 sorts by a multi-valued attribute.
   */
  primaryElementValue(
    document: SqlExpression,
    path: readonly string[],
    subAttribute: string | undefined,
  ): RawBuilder<unknown>;
  /** JavaScript `toLowerCase()` in SQL, for operands without a key column. */
  lower(value: SqlExpression): RawBuilder<string>;
  /** Normalises a stored dateTime so it compares as `Date.toISOString()` text does. */
  dateTime(value: SqlExpression): RawBuilder<string>;
  /** Text that sorts by code point, as key columns do, whatever the database's default collation. */
  codePointOrder(value: SqlExpression): SqlExpression;
  /** The parameter value a boolean is compared with. */
  booleanValue(value: boolean): unknown;
  /** `co`/`sw`/`ew` on a case-exact operand. */
  matchCaseExact(value: SqlExpression, op: MatchOperator, literal: string): RawBuilder<SqlBool>;
  /** `co`/`sw`/`ew` on an operand already lower-cased, with a lower-cased literal. */
  matchFolded(value: SqlExpression, op: MatchOperator, literal: string): RawBuilder<SqlBool>;
  /** True when `error` is a unique-constraint violation involving `column`. */
  isUniqueViolation(error: unknown, column: string): boolean;
  /** True when the database aborted a whole transaction that may simply run again (deadlock, serialization). */
  isRetryableConflict(error: unknown): boolean;
}
