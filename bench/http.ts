/**
 * `npm run bench -- http [--users N] [--group G] [--duration S] [--connections C] [--only a,b]
 * [--db sqlite|postgres] [--nodes K]`: the SCIM server under load over HTTP (issue 4 §4, issue 6). The data
 * set is seeded straight into a temporary SQLite file or a fresh PostgreSQL schema, the servers run in
 * child processes, and autocannon in this one drives them on 127.0.0.1. A bare fastify route, measured in
 * the same run with the same load, is the yardstick: machines here are shared and noisy, so ratios say
 * more than absolute figures.
 */
import { type BenchDatabaseHandle, openBenchDatabase } from './http-database.js';
import { seedFixture } from './http-fixture.js';
import { type LoadSettings, type Measurement, measureLoad } from './http-load.js';
import { type HttpBenchOptions, parseHttpOptions } from './http-options.js';
import { type ChildServer, startChild } from './http-process.js';
import { RSS_TARGET_MB, type ScenarioRow, formatHttpTable, judge, succeeded } from './http-report.js';
import { BASELINE_PLAN, SCENARIO_IDS, type ScenarioContext, selectScenarios } from './http-scenarios.js';
import { type ScimEndpoint, toScimEndpoint } from './http-scim.js';

const WARMUP_SECONDS = 1;
/** Member churn scenarios (2) × runs each (warm-up + measured): every connection of every run has its own. */
const SPARE_USERS_PER_CONNECTION = 4;

const progress = (message: string) => process.stderr.write(`http bench: ${message}\n`);
const integer = (value: number) => Math.round(value).toLocaleString('en-US');

function loadSettings(
  options: HttpBenchOptions,
  origins: readonly string[],
  headers: Record<string, string>,
): LoadSettings {
  return {
    origins,
    headers,
    connections: options.connections,
    duration: options.duration,
    warmup: WARMUP_SECONDS,
  };
}

/** Hands out each spare user once. */
function spareUserPool(ids: readonly string[]): () => string {
  let next = 0;
  return () => {
    const id = ids[next++];
    if (id === undefined) throw new Error(`all ${ids.length} spare users are in use`);
    return id;
  };
}

/** The SCIM server configuration: what is measured is the request path, not logging or the rate limit. */
function scimServerEnv(database: BenchDatabaseHandle): Record<string, string> {
  return {
    ...database.serverEnv,
    PROVISIO_HOST: '127.0.0.1',
    PROVISIO_PORT: '0',
    PROVISIO_RATE_LIMIT: '0',
    PROVISIO_LOG_LEVEL: 'warn',
  };
}

async function measureBaseline(options: HttpBenchOptions, servers: ChildServer[]): Promise<Measurement> {
  progress('bare fastify baseline');
  const bare = await startChild('bare');
  servers.push(bare);
  const measurement = await measureLoad([bare], BASELINE_PLAN, loadSettings(options, [bare.url], {}));
  await bare.stop();
  return measurement;
}

async function measureScenarios(
  options: HttpBenchOptions,
  endpoints: readonly ScimEndpoint[],
  context: ScenarioContext,
  servers: readonly ChildServer[],
  database: BenchDatabaseHandle,
): Promise<ScenarioRow[]> {
  const rows: ScenarioRow[] = [];
  const settings = loadSettings(
    options,
    endpoints.map((endpoint) => endpoint.origin),
    context.scim.headers,
  );
  for (const scenario of selectScenarios(options.only)) {
    progress(scenario.id);
    const plan = await scenario.plan(context);
    const measurement = await measureLoad(servers, plan, settings, database);
    rows.push({ id: scenario.id, measurement, ...(scenario.target ? { target: scenario.target } : {}) });
  }
  return rows;
}

/** Non-2xx answers or socket errors make the run fail: the table still prints, the exit status says so. */
function reportFailures(baseline: Measurement, rows: readonly ScenarioRow[]): void {
  const failed = [{ id: 'bare', measurement: baseline }, ...rows].filter(
    (row) => !succeeded(row.measurement),
  );
  for (const { id, measurement: m } of failed) {
    console.error(
      `HTTP BENCH FAILURE: ${id}: ${m.non2xx} non-2xx, ${m.errors} socket errors/timeouts; status codes ${JSON.stringify(m.statusCodes)}; first failure: ${m.firstFailure ?? '(none recorded)'}`,
    );
  }
  if (failed.length > 0) process.exitCode = 1;
}

/** `SQLite, 1 node` / `PostgreSQL, 2 nodes`: the run's database and server count, for headings. */
export function describeSetup(options: Pick<HttpBenchOptions, 'db' | 'nodes'>): string {
  const database = options.db === 'postgres' ? 'PostgreSQL' : 'SQLite';
  return `${database}, ${options.nodes} node${options.nodes === 1 ? '' : 's'}`;
}

export async function runHttpBench(
  args: readonly string[],
): Promise<{ table: string; data: unknown; setup: string; variant: string }> {
  const options = parseHttpOptions(args, SCENARIO_IDS);
  const database = await openBenchDatabase(options.db);
  const servers: ChildServer[] = [];
  // Ctrl-C: the children stop by themselves (their IPC channel closes); the database needs us.
  const interrupted = () => {
    database.remove().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  try {
    const spareUsers = options.connections * SPARE_USERS_PER_CONNECTION;
    progress(
      `${describeSetup(options)}: seeding ${integer(options.users)} users (+${spareUsers} spare), big group ${integer(options.group)}`,
    );
    const fixture = await seedFixture(database.fixture, {
      users: options.users,
      group: options.group,
      spareUsers,
    });
    const baseline = await measureBaseline(options, servers);

    const nodes = await Promise.all(
      Array.from({ length: options.nodes }, () => startChild('scim', scimServerEnv(database))),
    );
    servers.push(...nodes);
    const endpoints = nodes.map((node) => toScimEndpoint(node.url, fixture.token));
    const context: ScenarioContext = {
      scim: endpoints[0]!,
      fixture,
      totalUsers: options.users + spareUsers,
      claimSpareUser: spareUserPool(fixture.spareUserIds),
    };
    const rows = await measureScenarios(options, endpoints, context, nodes, database);
    const serverPeakRssMb = Math.max(...nodes.map((node) => node.memoryMb().peak));
    await Promise.all(nodes.map((node) => node.stop()));
    reportFailures(baseline, rows);

    const postgres = options.db === 'postgres';
    const notes = [
      `Setup: ${describeSetup(options)}${postgres ? ' (PostgreSQL on this machine, a fresh schema; the servers connect over TCP to 127.0.0.1)' : ''}.`,
      `Data set: ${integer(options.users)} users (+${spareUsers} spare users in no group, for the member add/remove scenarios), big group of ${integer(fixture.bigGroupSize)} members, small group of ${fixture.smallGroupSize}; seeded straight through the store in ${(fixture.seedMs / 1000).toFixed(1)} s.`,
      `Load: autocannon in the bench process, ${options.connections} connections${options.nodes > 1 ? ` split evenly over the ${options.nodes} servers (one autocannon each; p50/p99 are the slower server's)` : ''}, ${options.duration} s per scenario after a ${WARMUP_SECONDS} s warm-up; each server is its own child process on 127.0.0.1 (SCIM server with log level warn and no rate limit).`,
      "Server CPU = user + system time of the server processes (summed) during the measured run ÷ completed requests; RSS is the largest server's when the run ends; latencies are in whole milliseconds, as autocannon records them. Reads run before writes, so every read sees the seeded data set.",
      ...(postgres
        ? [
            "DB CPU = user + system time of the PostgreSQL backends serving the servers' connections (found in pg_stat_activity by application_name, read from /proc) ÷ completed requests; PostgreSQL's background processes (WAL writer, checkpointer, autovacuum) are not included.",
          ]
        : []),
    ];
    const report = { baseline, rows, serverPeakRssMb, notes };
    const data = {
      options: { ...options, only: options.only ? [...options.only] : undefined },
      seedMs: fixture.seedMs,
      baseline,
      scenarios: rows.map((row) => ({
        id: row.id,
        ...row.measurement,
        shareOfBare: row.measurement.reqPerSec / baseline.reqPerSec,
        verdict: judge(row, rows, baseline),
      })),
      serverPeakRssMb,
      rssTarget: { target: `< ${RSS_TARGET_MB} MB`, met: serverPeakRssMb < RSS_TARGET_MB },
    };
    const variant = options.db === 'sqlite' && options.nodes === 1 ? '' : `${options.db}-${options.nodes}`;
    return { table: formatHttpTable(report), data, setup: describeSetup(options), variant };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    process.off('SIGINT', interrupted);
    await database.remove();
  }
}
