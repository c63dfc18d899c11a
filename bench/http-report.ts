/** The HTTP benchmark's verdicts against the targets, and its markdown table. */
import type { Measurement } from './http-load.js';
import type { Target } from './http-scenarios.js';

export interface ScenarioRow {
  readonly id: string;
  readonly measurement: Measurement;
  readonly target?: Target;
}

export interface Verdict {
  /** The target as the table states it. */
  readonly target: string;
  /** Undefined when the reference scenario was not run (`--only`). */
  readonly met?: boolean;
}

export interface HttpReport {
  readonly baseline: Measurement;
  readonly rows: readonly ScenarioRow[];
  /** Peak resident memory of the SCIM server over the whole run (VmHWM). */
  readonly serverPeakRssMb: number;
  /** Lines printed under the table: data set, load shape, seeding time. */
  readonly notes: readonly string[];
}

/** Issue 4: the SCIM server stays under this much resident memory. */
export const RSS_TARGET_MB = 300;

const integer = (value: number) => Math.round(value).toLocaleString('en-US');
const percent = (share: number) => `${Math.round(share * 100)}%`;
/** autocannon's latency histogram counts whole milliseconds, truncated: 0 means under 1 ms. */
const milliseconds = (value: number) => (value === 0 ? '< 1' : String(value));

/** Checks `row` against its target; `rows` holds the other scenarios a relative target names. */
export function judge(
  row: ScenarioRow,
  rows: readonly ScenarioRow[],
  baseline: Measurement,
): Verdict | undefined {
  const target = row.target;
  const rate = row.measurement.reqPerSec;
  switch (target?.kind) {
    case undefined:
      return undefined;
    case 'baselineShare':
      return {
        target: `≥ ${percent(target.atLeast)} of bare`,
        met: rate / baseline.reqPerSec >= target.atLeast,
      };
    case 'reqPerSec':
      return { target: `≥ ${integer(target.atLeast)} req/s`, met: rate >= target.atLeast };
    case 'within': {
      const other = rows.find((candidate) => candidate.id === target.of);
      const text = `within ${target.factor}× of ${target.of}`;
      return other
        ? { target: text, met: other.measurement.reqPerSec / rate <= target.factor }
        : { target: text };
    }
  }
}

/** True when every request of the run got a 2xx answer. */
export function succeeded(measurement: Measurement): boolean {
  return measurement.non2xx === 0 && measurement.errors === 0;
}

function failureCell(m: Measurement): string {
  if (succeeded(m)) return '0';
  const socket = m.errors > 0 ? ` + ${integer(m.errors)} socket errors/timeouts` : '';
  return `**${integer(m.non2xx)}${socket} FAIL**`;
}

function mark(verdict: Verdict | undefined): string {
  if (verdict === undefined) return ' | ';
  const met = verdict.met === undefined ? 'n/a' : verdict.met ? 'pass' : '**MISS**';
  return `${verdict.target} | ${met}`;
}

function line(
  id: string,
  m: Measurement,
  baseline: Measurement,
  verdict: Verdict | undefined,
  withDatabase: boolean,
): string {
  const databaseCell = m.databaseCpuMsPerRequest === undefined ? '' : m.databaseCpuMsPerRequest.toFixed(3);
  const cells = [
    `\`${id}\` ${m.label}`,
    integer(m.reqPerSec),
    milliseconds(m.p50Ms),
    milliseconds(m.p99Ms),
    failureCell(m),
    m.serverCpuMsPerRequest.toFixed(3),
    ...(withDatabase ? [databaseCell] : []),
    integer(m.serverRssMb),
    percent(m.reqPerSec / baseline.reqPerSec),
    mark(verdict),
  ];
  return `| ${cells.join(' | ')} |`;
}

/** The markdown table, one row per scenario after the baseline, then the notes and the RSS verdict. */
export function formatHttpTable(report: HttpReport): string {
  const { baseline, rows } = report;
  // PostgreSQL runs bill the database's CPU apart; on SQLite it is inside the server's.
  const withDatabase = rows.some((row) => row.measurement.databaseCpuMsPerRequest !== undefined);
  const header = [
    `| scenario | req/s | p50 ms | p99 ms | non-2xx | server CPU ms/req |${withDatabase ? ' DB CPU ms/req |' : ''} server RSS MB | vs bare | target | met |`,
    `| --- | ---: | ---: | ---: | ---: | ---: |${withDatabase ? ' ---: |' : ''} ---: | ---: | --- | --- |`,
  ];
  const body = [
    line('bare', baseline, baseline, undefined, withDatabase),
    ...rows.map((row) => line(row.id, row.measurement, baseline, judge(row, rows, baseline), withDatabase)),
  ];
  const rssMet = report.serverPeakRssMb < RSS_TARGET_MB ? 'pass' : '**MISS**';
  const footer = [
    `SCIM server peak RSS (VmHWM over the whole run): ${integer(report.serverPeakRssMb)} MB; target < ${RSS_TARGET_MB} MB: ${rssMet}.`,
    ...report.notes,
  ];
  return [...header, ...body, '', ...footer.map((note) => `- ${note}`)].join('\n');
}
