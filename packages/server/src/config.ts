/**
 * Server configuration from the environment (and optional `--flag value` arguments). One table,
 * {@link CONFIG_KEYS}, drives parsing, validation, the error lines and the README's configuration table.
 */

/** The validated configuration; frozen. */
export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  /** Directory of the SQLite file (`provisio.db`); unused when {@link databaseUrl} is set. */
  readonly dataDir: string;
  /** A `postgres://` or `postgresql://` URL; undefined means SQLite in {@link dataDir}. */
  readonly databaseUrl: string | undefined;
  /** The PostgreSQL schema for Provisio's tables; undefined means the connection's search_path. */
  readonly databaseSchema: string | undefined;
  /** Most PostgreSQL connections this process holds. */
  readonly dbPoolMax: number;
  /** PostgreSQL `statement_timeout` in ms; 0 means none. */
  readonly dbStatementTimeoutMs: number;
  /** Absolute base URL for `Location` and `meta.location`; undefined means "derive from the listening address". */
  readonly publicUrl: string | undefined;
  readonly logLevel: LogLevel;
  /** Requests per second per tenant; 0 switches rate limiting off. */
  readonly rateLimit: number;
  readonly maxPageSize: number;
  readonly bulkMaxOperations: number;
  /** Also the request body limit of every SCIM endpoint: no single resource may be larger than a bulk. */
  readonly bulkMaxPayloadBytes: number;
  /** Days the activity log keeps a request's entry. */
  readonly activityRetentionDays: number;
  /** Lifetime of an OAuth access token (`expires_in`). */
  readonly oauthTokenLifetimeSeconds: number;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A parser returns the value, or a string saying what was expected. */
type Parse<T> = (raw: string) => T | { readonly problem: string };

interface KeyDefinition<K extends keyof ServerConfig> {
  readonly env: string;
  readonly key: K;
  /** The default as written in the environment; undefined when the key is optional. */
  readonly default: string | undefined;
  readonly description: string;
  readonly parse: Parse<ServerConfig[K]>;
  /** What the README shows in the Default column when `default` is undefined; `(derived)` if not set. */
  readonly whenUnset?: string;
  /** The value may hold a password: problem lines leave it out. */
  readonly secret?: boolean;
}

type AnyKeyDefinition = { [K in keyof ServerConfig]: KeyDefinition<K> }[keyof ServerConfig];

function integer(min: number, max: number): Parse<number> {
  return (raw) => {
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    return Number.isSafeInteger(value) && value >= min && value <= max
      ? value
      : { problem: `expected an integer from ${min} to ${max}` };
  };
}

const text: Parse<string> = (raw) => (raw.trim() === '' ? { problem: 'expected a non-empty value' } : raw);

const publicUrl: Parse<string | undefined> = (raw) => {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash) {
    return { problem: 'expected an absolute http(s) URL without query or fragment' };
  }
  return url.href.replace(/\/+$/, '');
};

const postgresUrl: Parse<string | undefined> = (raw) => {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  return url && ['postgres:', 'postgresql:'].includes(url.protocol)
    ? raw
    : { problem: 'expected a postgres:// or postgresql:// URL' };
};

/** What PostgreSQL takes unquoted and unfolded: the store refuses anything else. */
const schemaName: Parse<string | undefined> = (raw) =>
  /^[a-z_][a-z0-9_]{0,62}$/.test(raw)
    ? raw
    : { problem: 'expected a lower-case identifier (a-z, 0-9, _; at most 63 characters)' };

const logLevel: Parse<LogLevel> = (raw) =>
  LOG_LEVELS.find((level) => level === raw) ?? { problem: `expected one of ${LOG_LEVELS.join(', ')}` };

/** Every configuration key, in the order the README lists them. */
export const CONFIG_KEYS: readonly AnyKeyDefinition[] = [
  {
    env: 'PROVISIO_HOST',
    key: 'host',
    default: '127.0.0.1',
    description: 'Interface to listen on (`0.0.0.0` for all).',
    parse: text,
  },
  {
    env: 'PROVISIO_PORT',
    key: 'port',
    default: '8080',
    description: 'TCP port (0 picks a free one).',
    parse: integer(0, 65535),
  },
  {
    env: 'PROVISIO_DATA_DIR',
    key: 'dataDir',
    default: './data',
    description:
      'Directory holding the SQLite database `provisio.db` (when `PROVISIO_DATABASE_URL` is unset); created if missing.',
    parse: text,
  },
  {
    env: 'PROVISIO_DATABASE_URL',
    key: 'databaseUrl',
    default: undefined,
    whenUnset: '(SQLite)',
    description:
      'PostgreSQL to store everything in, e.g. `postgres://provisio@db.internal:5432/provisio`; unset: SQLite in the data directory.',
    parse: postgresUrl,
    secret: true,
  },
  {
    env: 'PROVISIO_DATABASE_SCHEMA',
    key: 'databaseSchema',
    default: undefined,
    whenUnset: '(search_path)',
    description:
      "PostgreSQL schema holding Provisio's tables, created if missing; unset: the connection's `search_path` (normally `public`).",
    parse: schemaName,
  },
  {
    env: 'PROVISIO_DB_POOL_MAX',
    key: 'dbPoolMax',
    default: '10',
    description:
      'Most PostgreSQL connections this process opens; every server process has its own pool (ignored on SQLite).',
    parse: integer(1, 1000),
  },
  {
    env: 'PROVISIO_DB_STATEMENT_TIMEOUT_MS',
    key: 'dbStatementTimeoutMs',
    default: '30000',
    description:
      'PostgreSQL `statement_timeout` in milliseconds: a longer statement is cancelled; 0 turns it off (ignored on SQLite).',
    parse: integer(0, 3_600_000),
  },
  {
    env: 'PROVISIO_PUBLIC_URL',
    key: 'publicUrl',
    default: undefined,
    description:
      'Base URL clients reach the server at, used in `Location` and `meta.location`. Default: `http://<host>:<port>` of the listening socket.',
    parse: publicUrl,
  },
  {
    env: 'PROVISIO_LOG_LEVEL',
    key: 'logLevel',
    default: 'info',
    description: `pino log level: ${LOG_LEVELS.join(', ')}.`,
    parse: logLevel,
  },
  {
    env: 'PROVISIO_RATE_LIMIT',
    key: 'rateLimit',
    default: '1000',
    description:
      'Requests per second per tenant in each server process (the buckets are in memory), with bursts of the same size; 0 turns the limit off.',
    parse: integer(0, 1_000_000),
  },
  {
    env: 'PROVISIO_MAX_PAGE_SIZE',
    key: 'maxPageSize',
    default: '1000',
    description: 'Most resources in one list page (`filter.maxResults`, `pagination.maxPageSize`).',
    parse: integer(1, 100_000),
  },
  {
    env: 'PROVISIO_BULK_MAX_OPERATIONS',
    key: 'bulkMaxOperations',
    default: '1000',
    description: 'Most operations in one `/Bulk` request (`bulk.maxOperations`).',
    parse: integer(1, 100_000),
  },
  {
    env: 'PROVISIO_BULK_MAX_PAYLOAD_BYTES',
    key: 'bulkMaxPayloadBytes',
    default: '1048576',
    description:
      'Largest request body in bytes, for `/Bulk` and every other endpoint (`bulk.maxPayloadSize`).',
    parse: integer(1024, 1024 * 1024 * 1024),
  },
  {
    env: 'PROVISIO_ACTIVITY_RETENTION_DAYS',
    key: 'activityRetentionDays',
    default: '30',
    description:
      'Days the activity log keeps each SCIM request (time, token, method, path, status; never bodies); older entries are pruned hourly.',
    parse: integer(1, 3650),
  },
  {
    env: 'PROVISIO_OAUTH_TOKEN_LIFETIME',
    key: 'oauthTokenLifetimeSeconds',
    default: '3600',
    description: 'Seconds an OAuth access token from `/oauth/token` stays valid (`expires_in`).',
    parse: integer(60, 86_400),
  },
];

/** Thrown by {@link parseConfig}: one line per bad key or argument. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** `PROVISIO_DATA_DIR` → `--data-dir`. */
export function flagOf(env: string): string {
  return `--${env
    .replace(/^PROVISIO_/, '')
    .toLowerCase()
    .replaceAll('_', '-')}`;
}

/** Reads `--flag value` and `--flag=value` pairs into environment names; unknown flags are problems. */
function readArguments(argv: readonly string[], problems: string[]): Record<string, string> {
  const byFlag = new Map(CONFIG_KEYS.map((d) => [flagOf(d.env), d.env]));
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i]!;
    const [flag = '', inline] = argument.split(/=(.*)/s, 2);
    const env = byFlag.get(flag);
    const value = inline ?? argv[i + 1];
    if (env === undefined)
      problems.push(`${argument}: unknown argument; expected one of ${[...byFlag.keys()].join(', ')}`);
    else if (value === undefined) problems.push(`${flag}: a value is missing`);
    else values[env] = value;
    if (env !== undefined && inline === undefined) i++;
  }
  return values;
}

/**
 * Validates the configuration. Arguments override the environment; empty environment values count as unset.
 *
 * @throws ConfigError listing every bad key, each as `NAME=value: expected …`.
 */
export function parseConfig(
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[] = [],
): ServerConfig {
  const problems: string[] = [];
  const overrides = readArguments(argv, problems);
  const config: Record<string, unknown> = {};
  for (const definition of CONFIG_KEYS) {
    const raw = overrides[definition.env] ?? (env[definition.env] || undefined) ?? definition.default;
    if (raw === undefined) {
      config[definition.key] = undefined;
      continue;
    }
    const value = definition.parse(raw);
    if (typeof value === 'object' && value !== null && 'problem' in value) {
      const shown = definition.secret ? '(value hidden)' : JSON.stringify(raw);
      problems.push(`${definition.env}=${shown}: ${value.problem}`);
    } else config[definition.key] = value;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config as unknown as ServerConfig);
}

/** {@link parseConfig} for a command line: prints one line per problem and exits with status 2. */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[] = [],
): ServerConfig {
  try {
    return parseConfig(env, argv);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`provisio: ${problem}\n`);
    process.exit(2);
  }
}

/** The configuration table as markdown; the README embeds it and a test keeps the two equal. */
export function configTable(): string {
  const rows = CONFIG_KEYS.map((d) => {
    const shown = d.default === undefined ? (d.whenUnset ?? '(derived)') : `\`${d.default}\``;
    return `| \`${d.env}\` | \`${flagOf(d.env)}\` | ${shown} | ${d.description} |`;
  });
  return ['| Variable | Flag | Default | Meaning |', '|---|---|---|---|', ...rows].join('\n');
}
