/**
 * Everything SQLite-specific: opening the file (WAL, foreign keys, busy timeout, `scim_lower`), the kysely
 * dialect (write transactions start IMMEDIATE), and the SQL fragments of {@link SqlDialect}.
 */
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  type Logger,
  type SqlBool,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  sql,
} from 'kysely';
import type { Database } from '../database.js';
import { LruMap } from '../lru-map.js';
import { likePattern } from './like-pattern.js';
import type { MatchOperator, SqlDialect } from './sql-dialect.js';

const SIMPLE_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** SQLite JSON path: `$.emails`, `$."urn:…:enterprise:2.0:User".department`. */
function sqliteJsonPath(path: readonly string[]): string {
  return `$${path.map((key) => (SIMPLE_KEY.test(key) ? `.${key}` : `."${key}"`)).join('')}`;
}

/** GLOB is SQLite's case-sensitive LIKE; `*`, `?` and `[` are made literal with brackets. */
function globPattern(op: MatchOperator, literal: string): string {
  const escaped = literal.replace(/[*?[]/g, (c) => `[${c}]`);
  if (op === 'sw') return `${escaped}*`;
  if (op === 'ew') return `*${escaped}`;
  return `*${escaped}*`;
}

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  jsonValue: (document, path) => sql`json_extract(${document}, ${sqliteJsonPath(path)})`,
  // json_extract already yields SQL scalars (true as 1).
  jsonScalar: (value) => sql`${value}`,
  jsonPresent: (document, path) => {
    const at = sqliteJsonPath(path);
    return sql<SqlBool>`(case json_type(${document}, ${at}) when 'text' then json_extract(${document}, ${at}) <> '' when 'array' then json_array_length(${document}, ${at}) > 0 when 'object' then json_extract(${document}, ${at}) <> '{}' else coalesce(json_type(${document}, ${at}) <> 'null', false) end)`;
  },
  jsonElements: (document, path, alias) =>
    sql`json_each(${document}, ${sqliteJsonPath(path)}) as ${sql.table(alias)}`,
  elementValue: (alias, subAttribute) =>
    subAttribute === undefined
      ? sql.ref(`${alias}.value`)
      : sql`json_extract(${sql.ref(`${alias}.value`)}, ${sqliteJsonPath([subAttribute])})`,
  primaryElementValue: (document, path, subAttribute) => {
    const value = sqliteDialect.elementValue('el', subAttribute);
    const primary = sqliteDialect.elementValue('el', 'primary');
    const order = subAttribute === undefined ? sql`el.key` : sql`coalesce(${primary}, 0) desc, el.key`;
    return sql`(select ${value} from json_each(${document}, ${sqliteJsonPath(path)}) as el order by ${order} limit 1)`;
  },
  lower: (value) => sql<string>`scim_lower(${value})`,
  // SQLite's default BINARY collation compares UTF-8 bytes, which is code point order.
  codePointOrder: (value) => value,
  // strftime's %f prints seconds with milliseconds: the exact shape of Date.toISOString().
  dateTime: (value) => sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', ${value})`,
  booleanValue: (value) => (value ? 1 : 0),
  matchCaseExact: (value, op, literal) => sql`${value} glob ${globPattern(op, literal)}`,
  // LIKE folds ASCII case only; harmless here because both sides are already lower-cased in JavaScript.
  matchFolded: (value, op, literal) => sql`${value} like ${likePattern(op, literal)} escape '\\'`,
  isUniqueViolation: (error, column) =>
    error instanceof BetterSqlite3.SqliteError &&
    /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(error.code) &&
    new RegExp(`\\.${column}(,|$)`).test(error.message),
  // One writer at a time (transactions start IMMEDIATE): a busy lock waits, it never aborts a transaction.
  isRetryableConflict: () => false,
};

/** How long a writer waits for another connection's write lock unless told otherwise. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export interface SqliteFileOptions {
  readonly file: string;
  /** How long a writer waits for another process's write lock before failing. */
  readonly busyTimeoutMs?: number;
}

/** Opens (creating if needed) a SQLite file with the settings every Provisio connection relies on. */
/** Blocks the thread for `ms`: opening a database is synchronous in better-sqlite3, so the wait is too. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Switching a new file to WAL needs a moment of exclusive access, and SQLite answers SQLITE_BUSY at once,
 * without the busy handler, when another process is opening the same file: several servers starting
 * together (or the concurrent-migration test) would fail at random. Retry within the busy timeout.
 */
function enableWal(database: BetterSqlite3.Database, busyTimeoutMs: number): void {
  const deadline = Date.now() + busyTimeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      database.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      const busy = error instanceof BetterSqlite3.SqliteError && error.code === 'SQLITE_BUSY';
      if (!busy || Date.now() >= deadline) throw error;
      sleepSync(Math.min(10 * attempt, 100));
    }
  }
}

export function openSqliteFile(options: SqliteFileOptions): BetterSqlite3.Database {
  const database = new BetterSqlite3(options.file);
  const busyTimeoutMs = Math.trunc(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
  database.pragma(`busy_timeout = ${busyTimeoutMs}`);
  enableWal(database, busyTimeoutMs);
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  // SQLite's lower() folds ASCII only; keys are JavaScript-lowered, so JSON operands must be too.
  database.function('scim_lower', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  );
  return database;
}

/**
 * BEGIN IMMEDIATE takes the write lock up front, so two processes never deadlock upgrading read locks
 * (SQLITE_BUSY), and a migration run holds the lock from reading its state to its commit.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** SQLite DDL is transactional; kysely assumes not, which would let two migrators race. */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ProvisioSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.#config);
  }
  override createAdapter() {
    return new TransactionalSqliteAdapter();
  }
}

/** Distinct SQL texts kept prepared; filters are parameterised, so their shapes, not values, count. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * kysely prepares every query afresh, and preparing costs more than running a point lookup. Statements
 * are reusable once run to completion (kysely never leaves one iterating), so they are kept, least
 * recently used out first.
 */
function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const cache = new LruMap<string, BetterSqlite3.Statement>(STATEMENT_CACHE_SIZE);
  return {
    close: () => database.close(),
    prepare(text) {
      let statement = cache.get(text);
      if (!statement) {
        statement = database.prepare(text);
        cache.set(text, statement);
      }
      return statement;
    },
  };
}

/** A kysely instance over an opened file; destroying it closes the file. */
export function createSqliteKysely(database: BetterSqlite3.Database, log?: Logger): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new ProvisioSqliteDialect({ database: withStatementCache(database) }),
    ...(log ? { log } : {}),
  });
}
