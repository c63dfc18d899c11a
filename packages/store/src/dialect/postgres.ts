/**
 * Everything PostgreSQL-specific: the connection pool (size, statement timeout, application name, schema,
 * UTC sessions), the kysely dialect (migrations under a transaction-scoped advisory lock), and the SQL
 * fragments of {@link SqlDialect} over `jsonb`.
 *
 * Where PostgreSQL's `lower()` differs from JavaScript's `toLowerCase()`: it folds by the database's
 * LC_CTYPE, one code point at a time. Under a `C` ctype it folds ASCII only; under `C.UTF-8` or a
 * language locale it misses the context rules (final sigma `Σ` → `ς`) and the one-to-many mappings
 * (`İ` → `i̇`). It is used only for JSON operands that have no `*_key` column; key columns hold
 * JavaScript-lowered values, so userName, displayName, emails and the indexed enterprise attributes are
 * compared exactly as on SQLite.
 */
import {
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  type DatabaseMetadataOptions,
  Kysely,
  type Logger,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  type QueryExecutorProvider,
  type SqlBool,
  type TableMetadata,
  sql,
} from 'kysely';
import pg from 'pg';
import type { Database } from '../database.js';
import { likePattern } from './like-pattern.js';
import type { JsonScalarType, SqlDialect, SqlExpression } from './sql-dialect.js';

/** A JSON path as a `text[]` parameter for `#>` / `#>>`. */
function pathArray(path: readonly string[]): string[] {
  return [...path];
}

/** The document's value at `path` as `jsonb`, for the jsonb_typeof tests of {@link jsonPresent}. */
function at(document: SqlExpression, path: readonly string[]) {
  return sql`(${document} #> ${pathArray(path)})`;
}

/** Elements of the array at `path`; anything else yields no rows instead of an error (a 500). */
function arrayAt(document: SqlExpression, path: readonly string[]) {
  const value = at(document, path);
  return sql`(case jsonb_typeof(${value}) when 'array' then ${value} end)`;
}

const SCALAR_CASTS: Readonly<Record<JsonScalarType, string>> = {
  string: '',
  number: '::numeric',
  // Booleans compare as 0/1, as the integer `active` and `is_primary` columns and SQLite's json_extract do.
  boolean: '::boolean::integer',
};

/** SQLSTATEs after which the whole transaction may simply run again: serialization failure, deadlock. */
const RETRYABLE = new Set(['40001', '40P01']);

export const postgresDialect: SqlDialect = {
  name: 'postgres',
  jsonValue: (document, path) => at(document, path),
  jsonScalar: (value, type) =>
    sql`(case jsonb_typeof(${value}) when ${sql.lit(type)} then (${value} #>> '{}')${sql.raw(SCALAR_CASTS[type])} end)`,
  jsonPresent: (document, path) => {
    const value = at(document, path);
    return sql<SqlBool>`(case jsonb_typeof(${value}) when 'string' then ${value} <> '""' when 'array' then ${value} <> '[]' when 'object' then ${value} <> '{}' else coalesce(jsonb_typeof(${value}) <> 'null', false) end)`;
  },
  jsonElements: (document, path, alias) =>
    sql`jsonb_array_elements(${arrayAt(document, path)}) with ordinality as ${sql.table(alias)}(value, key)`,
  elementValue: (alias, subAttribute) =>
    subAttribute === undefined ? sql.ref(`${alias}.value`) : at(sql.ref(`${alias}.value`), [subAttribute]),
  primaryElementValue: (document, path, subAttribute) => {
    const value = postgresDialect.elementValue('el', subAttribute);
    const primary = postgresDialect.jsonScalar(postgresDialect.elementValue('el', 'primary'), 'boolean');
    const order = subAttribute === undefined ? sql`el.key` : sql`coalesce(${primary}, 0) desc, el.key`;
    return sql`(select ${value} from jsonb_array_elements(${arrayAt(document, path)}) with ordinality as el(value, key) order by ${order} limit 1)`;
  },
  lower: (value) => sql<string>`lower(${value})`,
  codePointOrder: (value) => sql`(${value}) collate "C"`,
  // Sessions run in UTC (see connectionConfig), so a dateTime without a zone is UTC, as on SQLite.
  dateTime: (value) =>
    sql<string>`to_char((${value})::timestamptz at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  booleanValue: (value) => (value ? 1 : 0),
  // PostgreSQL's LIKE is case-sensitive, unlike SQLite's.
  matchCaseExact: (value, op, literal) => sql`${value} like ${likePattern(op, literal)} escape '\\'`,
  matchFolded: (value, op, literal) => sql`${value} like ${likePattern(op, literal)} escape '\\'`,
  isUniqueViolation: (error, column) =>
    error instanceof pg.DatabaseError &&
    error.code === '23505' &&
    // detail: `Key (tenant_id, user_name_key)=(…, …) already exists.`
    (/^Key \(([^)]*)\)=/.exec(error.detail ?? '')?.[1] ?? '')
      .split(', ')
      .includes(column),
  isRetryableConflict: (error) => error instanceof pg.DatabaseError && RETRYABLE.has(error.code ?? ''),
};

export interface PostgresConnectionOptions {
  /** `postgres://user@host:port/database`. */
  readonly connectionString: string;
  /** A schema to keep every table in (created if missing); default: the connection's search_path. */
  readonly schema?: string;
  readonly pool?: { readonly max?: number; readonly idleTimeoutMs?: number };
  /** Statements running longer are cancelled by the server (`statement_timeout`); 0 disables. */
  readonly statementTimeoutMs?: number;
  /** Shown in pg_stat_activity. */
  readonly applicationName?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`PostgreSQL schema "${schema}" must be a lower-case identifier (a-z, 0-9, _)`);
  }
  return schema;
}

const JSONB_OID = 3802;

/**
 * `data` is jsonb on PostgreSQL and text on SQLite; the repositories parse it themselves, so it is read
 * as the text PostgreSQL sends instead of being parsed twice.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === JSONB_OID
      ? (value: string) => value
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** How every connection of a store is opened, pooled or not: the same schema, time zone and limits. */
export function connectionConfig(options: PostgresConnectionOptions): pg.ClientConfig {
  const settings = ['-c TimeZone=UTC'];
  if (options.schema !== undefined) settings.push(`-c search_path=${checkSchemaName(options.schema)}`);
  return {
    connectionString: options.connectionString,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    application_name: options.applicationName ?? 'provisio',
    options: settings.join(' '),
    types,
  };
}

export function createPostgresPool(options: PostgresConnectionOptions): pg.Pool {
  return new pg.Pool({
    ...connectionConfig(options),
    max: options.pool?.max ?? 10,
    idleTimeoutMillis: options.pool?.idleTimeoutMs ?? 30_000,
  });
}

/** Provisio's own advisory lock key: another application's migrations on the same database never wait. */
const MIGRATION_LOCK_KEY = sql.lit(BigInt.asIntN(64, BigInt(`0x${Buffer.from('provisio').toString('hex')}`)));

/**
 * Holds the migration lock until `trx` ends. Transaction-scoped, unlike kysely's session-level lock: the
 * COMMIT or ROLLBACK releases it, so a process that dies mid-migration cannot leave it held.
 */
export async function lockMigrations(trx: QueryExecutorProvider): Promise<void> {
  await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
}

/** The Migrator's own lock call, inside the transaction {@link lockMigrations} already locked. */
class MigrationLockingAdapter extends PostgresAdapter {
  override async acquireMigrationLock(db: Kysely<unknown>): Promise<void> {
    await lockMigrations(db);
  }
  override async releaseMigrationLock(): Promise<void> {}
}

/**
 * kysely's introspector reads every schema's tables and calls `has_schema_privilege(name)` on each, which
 * fails ("schema … does not exist") when another session drops a schema meanwhile — test schemas do, all
 * the time. The Migrator only asks whether its own tables exist, and only in the store's schema.
 */
class CurrentSchemaIntrospector extends PostgresIntrospector {
  readonly #db: Kysely<unknown>;
  constructor(db: Kysely<unknown>) {
    super(db);
    this.#db = db;
  }
  override async getTables(options?: DatabaseMetadataOptions): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string }>`
      select table_name as name, table_schema as schema from information_schema.tables
      where table_schema = current_schema()`.execute(this.#db);
    const internal = new Set([DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE]);
    return rows
      .filter((row) => options?.withInternalKyselyTables || !internal.has(row.name))
      .map((row) => ({ ...row, isView: false, columns: [] }));
  }
}

class ProvisioPostgresDialect extends PostgresDialect {
  override createAdapter() {
    return new MigrationLockingAdapter();
  }
  override createIntrospector(db: Kysely<unknown>) {
    return new CurrentSchemaIntrospector(db);
  }
}

export function createPostgresKysely(pool: pg.Pool, log?: Logger): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new ProvisioPostgresDialect({ pool }),
    ...(log ? { log } : {}),
  });
}

/** Creates `schema` if missing; concurrent creators race on the catalog, and the loser finds it there. */
export async function ensureSchema(db: Kysely<Database>, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(checkSchemaName(schema))}`.execute(db);
  } catch (error) {
    const raced = error instanceof pg.DatabaseError && (error.code === '23505' || error.code === '42P06');
    if (!raced) throw error;
  }
}
