/**
 * One load run: autocannon (in this process) against the server children, one autocannon per child with
 * its share of the connections, bracketed by /proc readings of the children (and of their PostgreSQL
 * backends), so each figure is what the servers and the database spent on this scenario alone.
 */
import autocannon, { type Request } from 'autocannon';
import { type BenchDatabaseHandle, cpuBetween } from './http-database.js';
import type { ChildServer } from './http-process.js';
import type { LoadPlan } from './http-scenarios.js';

export interface LoadSettings {
  /** One per server; the connections are split over them. */
  readonly origins: readonly string[];
  /** Sent with every request (Authorization, Accept). */
  readonly headers: Readonly<Record<string, string>>;
  readonly connections: number;
  /** Measured seconds. */
  readonly duration: number;
  /** Unmeasured seconds run first, so the JIT and SQLite's page cache are warm for every scenario alike. */
  readonly warmup: number;
}

export interface Measurement {
  readonly label: string;
  /** Completed requests in the measured run. */
  readonly requests: number;
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Responses outside 200–299, warm-up included. Must be 0. */
  readonly non2xx: number;
  /** Connection errors and timeouts, warm-up included. Must be 0. */
  readonly errors: number;
  /** Response count per status code in the measured run. */
  readonly statusCodes: Readonly<Record<string, number>>;
  /** The first response outside 200–299 (status and the start of its body), to say what went wrong. */
  readonly firstFailure?: string;
  /** Server CPU (user + system, summed over the servers) per completed request. */
  readonly serverCpuMsPerRequest: number;
  /** CPU of the servers' PostgreSQL backends per completed request; absent on SQLite (in-process). */
  readonly databaseCpuMsPerRequest?: number;
  /** Resident memory of the largest server when the run ended. */
  readonly serverRssMb: number;
}

/** Keeps the first non-2xx response of a run; autocannon collects the bodies anyway. */
class FailureWitness {
  first: string | undefined;

  readonly watch = (request: Request): Request => ({
    ...request,
    onResponse: (status: number, body: string) => {
      if ((status < 200 || status > 299) && this.first === undefined) {
        this.first = `${status} ${body.slice(0, 300)}`;
      }
    },
  });
}

/**
 * The run's figures over all servers; p50/p99 are the slowest server's, since autocannon's histograms
 * cannot be merged after the fact.
 */
type Fired = Pick<Measurement, 'requests' | 'reqPerSec' | 'p50Ms' | 'p99Ms' | 'non2xx' | 'errors'> & {
  readonly statusCodes: Record<string, number>;
};

function statusCounts(result: autocannon.Result): Record<string, number> {
  return Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, stats.count ?? 0]),
  );
}

async function fire(plan: LoadPlan, settings: LoadSettings, seconds: number, witness: FailureWitness) {
  const { origins } = settings;
  const results = await Promise.all(
    origins.map((url, i) =>
      autocannon({
        url,
        headers: { ...settings.headers },
        // Connection i of the total goes to server i mod n.
        connections:
          Math.floor(settings.connections / origins.length) +
          (i < settings.connections % origins.length ? 1 : 0),
        duration: seconds,
        // Each connection gets its own requests (member churn gives each its own spare user).
        setupClient: (client) => client.setRequests(plan.connectionRequests().map(witness.watch)),
      }),
    ),
  );
  const statusCodes: Record<string, number> = {};
  for (const result of results) {
    for (const [status, count] of Object.entries(statusCounts(result))) {
      statusCodes[status] = (statusCodes[status] ?? 0) + count;
    }
  }
  const sum = (value: (result: autocannon.Result) => number) =>
    results.reduce((total, r) => total + value(r), 0);
  return {
    requests: sum((r) => r.requests.total),
    reqPerSec: sum((r) => r.requests.total / r.duration),
    p50Ms: Math.max(...results.map((r) => r.latency.p50)),
    p99Ms: Math.max(...results.map((r) => r.latency.p99)),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    statusCodes,
  } satisfies Fired;
}

/**
 * Warms up, then measures `plan` against `servers` (one origin each in `settings.origins`) for
 * `settings.duration` seconds; `database` adds the PostgreSQL backends' CPU.
 */
export async function measureLoad(
  servers: readonly ChildServer[],
  plan: LoadPlan,
  settings: LoadSettings,
  database?: BenchDatabaseHandle,
): Promise<Measurement> {
  const witness = new FailureWitness();
  const settle = () => Promise.all(servers.map((server) => server.settle()));
  const serverCpuMs = () => servers.reduce((total, server) => total + server.cpuMs(), 0);
  await settle();
  const warmup = settings.warmup > 0 ? await fire(plan, settings, settings.warmup, witness) : undefined;
  await settle();
  const databaseBefore = await database?.snapshot();
  const cpuBefore = serverCpuMs();
  const result = await fire(plan, settings, settings.duration, witness);
  const cpuMs = serverCpuMs() - cpuBefore;
  const databaseAfter = await database?.snapshot();
  const { requests } = result;
  const perRequest = (ms: number) => (requests > 0 ? ms / requests : Number.NaN);
  return {
    label: plan.label,
    requests,
    reqPerSec: result.reqPerSec,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    // A failure while warming up is as much a failure as one while measuring.
    non2xx: result.non2xx + (warmup?.non2xx ?? 0),
    errors: result.errors + (warmup?.errors ?? 0),
    statusCodes: result.statusCodes,
    ...(witness.first === undefined ? {} : { firstFailure: witness.first }),
    serverCpuMsPerRequest: perRequest(cpuMs),
    ...(databaseBefore && databaseAfter
      ? { databaseCpuMsPerRequest: perRequest(cpuBetween(databaseBefore, databaseAfter)) }
      : {}),
    serverRssMb: Math.max(...servers.map((server) => server.memoryMb().rss)),
  };
}
