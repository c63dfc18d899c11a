/**
 * One load run: autocannon (in this process) against a server child, bracketed by /proc readings of the
 * child, so each figure is what the server spent on this scenario alone.
 */
import autocannon, { type Request } from 'autocannon';
import type { ChildServer } from './http-process.js';
import type { LoadPlan } from './http-scenarios.js';

export interface LoadSettings {
  readonly origin: string;
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
  /** Server CPU (user + system) per completed request. */
  readonly serverCpuMsPerRequest: number;
  /** Server resident memory when the run ended. */
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

function fire(plan: LoadPlan, settings: LoadSettings, seconds: number, witness: FailureWitness) {
  return autocannon({
    url: settings.origin,
    headers: { ...settings.headers },
    connections: settings.connections,
    duration: seconds,
    // Each connection gets its own requests (member churn gives each its own spare user).
    setupClient: (client) => client.setRequests(plan.connectionRequests().map(witness.watch)),
  });
}

function statusCounts(result: autocannon.Result): Record<string, number> {
  return Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, stats.count ?? 0]),
  );
}

/** Warms up, then measures `plan` against `server` for `settings.duration` seconds. */
export async function measureLoad(
  server: ChildServer,
  plan: LoadPlan,
  settings: LoadSettings,
): Promise<Measurement> {
  const witness = new FailureWitness();
  await server.settle();
  const warmup = settings.warmup > 0 ? await fire(plan, settings, settings.warmup, witness) : undefined;
  await server.settle();
  const cpuBefore = server.cpuMs();
  const result = await fire(plan, settings, settings.duration, witness);
  const cpuMs = server.cpuMs() - cpuBefore;
  const requests = result.requests.total;
  return {
    label: plan.label,
    requests,
    reqPerSec: requests / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    // A failure while warming up is as much a failure as one while measuring.
    non2xx: result.non2xx + (warmup?.non2xx ?? 0),
    errors: result.errors + (warmup?.errors ?? 0),
    statusCodes: statusCounts(result),
    ...(witness.first === undefined ? {} : { firstFailure: witness.first }),
    serverCpuMsPerRequest: requests > 0 ? cpuMs / requests : Number.NaN,
    serverRssMb: server.memoryMb().rss,
  };
}
