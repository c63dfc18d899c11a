/** The `npm run bench -- http` command line: data-set size, load shape, database, nodes, scenarios. */

export type BenchDatabase = 'sqlite' | 'postgres';

export interface HttpBenchOptions {
  /** Seeded users (1 … 1,000,000). */
  readonly users: number;
  /** Members of the big group (0 … users). */
  readonly group: number;
  /** Seconds each scenario is measured for. */
  readonly duration: number;
  /** Concurrent keep-alive connections of the load generator. */
  readonly connections: number;
  /** Scenario ids to run; undefined means all. The bare fastify baseline always runs. */
  readonly only?: ReadonlySet<string>;
  /** Where the data lives: a temporary SQLite file, or a fresh schema in PostgreSQL. */
  readonly db: BenchDatabase;
  /** SCIM server processes sharing the database; the load generator splits its connections over them. */
  readonly nodes: number;
}

const MAX_USERS = 1_000_000;
const DEFAULT_GROUP_CAP = 100_000;
const FLAGS = ['--users', '--group', '--duration', '--connections', '--only', '--db', '--nodes'] as const;
const DATABASES: readonly BenchDatabase[] = ['sqlite', 'postgres'];
const MAX_NODES = 4;
type Flag = (typeof FLAGS)[number];

/** Thrown for a bad command line; the message lists every problem. */
export class HttpOptionsError extends Error {}

function readFlags(args: readonly string[], problems: string[]): Partial<Record<Flag, string>> {
  const values: Partial<Record<Flag, string>> = {};
  for (let i = 0; i < args.length; i++) {
    const [name = '', inline] = args[i]!.split(/=(.*)/s, 2);
    const flag = FLAGS.find((f) => f === name);
    const value = inline ?? args[i + 1];
    if (flag === undefined) problems.push(`${args[i]}: unknown argument; expected ${FLAGS.join(', ')}`);
    else if (value === undefined) problems.push(`${flag}: a value is missing`);
    else values[flag] = value;
    if (flag !== undefined && inline === undefined) i++;
  }
  return values;
}

function readInteger(
  raw: string | undefined,
  fallback: number,
  [min, max]: readonly [number, number],
  label: string,
  problems: string[],
): number {
  if (raw === undefined) return fallback;
  const value = /^\d[\d_]*$/.test(raw) ? Number(raw.replaceAll('_', '')) : Number.NaN;
  if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
  problems.push(`${label} ${raw}: expected an integer from ${min} to ${max}`);
  return fallback;
}

/**
 * Parses `--users N --group G --duration S --connections C --only a,b --db sqlite|postgres --nodes K`
 * (also `--flag=value`).
 * `knownScenarios` validates `--only`.
 *
 * @throws HttpOptionsError naming every bad argument.
 */
export function parseHttpOptions(
  args: readonly string[],
  knownScenarios: readonly string[],
): HttpBenchOptions {
  const problems: string[] = [];
  const flags = readFlags(args, problems);
  const users = readInteger(flags['--users'], 10_000, [1, MAX_USERS], '--users', problems);
  const group = readInteger(
    flags['--group'],
    Math.min(users, DEFAULT_GROUP_CAP),
    [0, users],
    '--group',
    problems,
  );
  const duration = readInteger(flags['--duration'], 5, [1, 3600], '--duration', problems);
  const connections = readInteger(flags['--connections'], 10, [1, 1000], '--connections', problems);
  const only = flags['--only']?.split(',').map((id) => id.trim());
  const unknown = only?.filter((id) => !knownScenarios.includes(id)) ?? [];
  if (unknown.length > 0) {
    problems.push(`--only ${unknown.join(',')}: unknown scenario; scenarios: ${knownScenarios.join(', ')}`);
  }
  const db = DATABASES.find((name) => name === (flags['--db'] ?? 'sqlite'));
  if (db === undefined) problems.push(`--db ${flags['--db']}: expected one of ${DATABASES.join(', ')}`);
  const nodes = readInteger(flags['--nodes'], 1, [1, MAX_NODES], '--nodes', problems);
  // Several processes on one SQLite file would measure its write lock, not the servers.
  if (nodes > 1 && db === 'sqlite') problems.push(`--nodes ${nodes}: several nodes need --db postgres`);
  if (nodes > connections) problems.push(`--nodes ${nodes}: needs at least as many --connections`);
  if (problems.length > 0 || db === undefined) throw new HttpOptionsError(problems.join('\n'));
  return { users, group, duration, connections, db, nodes, ...(only ? { only: new Set(only) } : {}) };
}
