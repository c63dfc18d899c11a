/**
 * The database side of the HTTP benchmark. SQLite is a temporary file inside the server process, so its
 * CPU is already the server's. PostgreSQL gets a fresh schema, dropped afterwards, and the servers connect
 * with an application_name of their own: the backends serving them are found in pg_stat_activity and their
 * CPU read from /proc, apart from every other PostgreSQL client on the machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PostgresStore, openPostgresStore } from '@provisio/store';
import type { FixtureDatabase } from './http-fixture.js';
import type { BenchDatabase } from './http-options.js';
import { readCpuMs } from './http-process.js';

/** PostgreSQL for `--db postgres` (trust auth on 127.0.0.1 by default). */
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** CPU ms per backend pid at one moment. */
export type CpuSnapshot = ReadonlyMap<number, number>;

export interface BenchDatabaseHandle {
  readonly fixture: FixtureDatabase;
  /** The PROVISIO_* settings that point a server at it. */
  readonly serverEnv: Readonly<Record<string, string>>;
  /** CPU of the servers' PostgreSQL backends so far; undefined on SQLite (it is in the server's own CPU). */
  snapshot(): Promise<CpuSnapshot | undefined>;
  /** Drops the schema or deletes the file. */
  remove(): Promise<void>;
}

/** CPU spent between two snapshots; backends that appeared in between count from zero. */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): number {
  let total = 0;
  for (const [pid, cpu] of after) total += cpu - (before.get(pid) ?? 0);
  return total;
}

function sqlite(): BenchDatabaseHandle {
  const dataDir = mkdtempSync(join(tmpdir(), 'provisio-bench-'));
  return {
    fixture: { kind: 'sqlite', dataDir },
    serverEnv: { PROVISIO_DATA_DIR: dataDir },
    snapshot: async () => undefined,
    remove: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function postgres(): Promise<BenchDatabaseHandle> {
  const schema = `bench_${process.pid}_${Date.now().toString(36)}`;
  const applicationName = `provisio-bench-${process.pid}`;
  const url = new URL(POSTGRES_URL);
  // A connection string parameter wins over the store's own application_name, so only the servers carry it.
  url.searchParams.set('application_name', applicationName);
  const probe: PostgresStore = await openPostgresStore({
    connectionString: POSTGRES_URL,
    schema,
    pool: { max: 1 },
  });
  return {
    fixture: { kind: 'postgres', url: POSTGRES_URL, schema },
    serverEnv: { PROVISIO_DATABASE_URL: url.href, PROVISIO_DATABASE_SCHEMA: schema },
    async snapshot() {
      const { rows } = await probe.pool.query<{ pid: number }>(
        'select pid from pg_stat_activity where application_name = $1',
        [applicationName],
      );
      const cpu = new Map<number, number>();
      for (const { pid } of rows) {
        try {
          cpu.set(pid, readCpuMs(pid));
        } catch {
          // The backend ended between the query and the read: its connection was closed, nothing to bill.
        }
      }
      return cpu;
    },
    async remove() {
      try {
        await probe.pool.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await probe.close();
      }
    },
  };
}

export function openBenchDatabase(db: BenchDatabase): Promise<BenchDatabaseHandle> {
  return db === 'postgres' ? postgres() : Promise.resolve(sqlite());
}
