/**
 * Server child processes for the HTTP benchmark: started from the compiled `http-child.js`, watched through
 * /proc (Linux) for CPU time and resident memory, and always stopped: by `stop()`, by the exit hook below if
 * the benchmark throws, and by the child itself when the IPC channel closes (the benchmark was killed).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildReady } from './http-child.js';

export type ChildMode = 'scim' | 'bare';

export interface ChildServer {
  readonly pid: number;
  /** The SCIM tenant URL, or the bare app's origin. */
  readonly url: string;
  /** User + system CPU time the process has used so far, in ms. */
  cpuMs(): number;
  /** Resident memory now (`VmRSS`) and at its peak (`VmHWM`), in MB. */
  memoryMb(): { readonly rss: number; readonly peak: number };
  /**
   * Waits until the process is idle. When a load run ends, the server may still be working through
   * requests the load generator gave up on: that work must not be billed to the next run.
   */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

const CHILD_SCRIPT = join(import.meta.dirname, 'http-child.js');
const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 5_000;
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Clock ticks per second, the unit of /proc/<pid>/stat's utime and stime. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU time process `pid` has used so far, in ms (Linux /proc). */
export function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

function readMemoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kilobytes('VmRSS') / 1024, peak: kilobytes('VmHWM') / 1024 };
}

const IDLE_WINDOW_MS = 250;
/** At most one clock tick of CPU in the window counts as idle. */
const IDLE_CPU_MS = 1000 / CLOCK_TICKS;
const SETTLE_TIMEOUT_MS = 120_000;

async function settle(pid: number, mode: ChildMode): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let before = readCpuMs(pid);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, IDLE_WINDOW_MS));
    const now = readCpuMs(pid);
    if (now - before <= IDLE_CPU_MS) return;
    before = now;
  }
  process.stderr.write(`warning: the ${mode} server is still busy after ${SETTLE_TIMEOUT_MS / 1000} s\n`);
}

function waitForReady(child: ChildProcess, mode: ChildMode): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${mode} server did not start in time`)),
      READY_TIMEOUT_MS,
    );
    child.once('message', (message: ChildReady) => {
      clearTimeout(timer);
      resolve(message.url);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${mode} server exited before it was ready (code ${code}, signal ${signal})`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    // Closing the IPC channel is the child's cue to exit normally (so `--cpu-prof` and friends still write).
    if (child.connected) child.disconnect();
    else child.kill('SIGTERM');
  });
}

/**
 * Starts a server child and waits until it listens. `env` is added to this process's environment, minus
 * any inherited PROVISIO_* settings, so the operator's shell cannot change what is measured. The child's
 * output goes to this process's stderr: stdout carries the result table.
 */
export async function startChild(
  mode: ChildMode,
  env: Readonly<Record<string, string>> = {},
): Promise<ChildServer> {
  const inherited = Object.entries(process.env).filter(([key]) => !key.startsWith('PROVISIO_'));
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CHILD_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CHILD_PROF] : []),
      CHILD_SCRIPT,
      mode,
    ],
    {
      env: { ...Object.fromEntries(inherited), ...env },
      stdio: ['ignore', 2, 2, 'ipc'],
    },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  try {
    const url = await waitForReady(child, mode);
    const pid = child.pid!;
    return {
      pid,
      url,
      cpuMs: () => readCpuMs(pid),
      memoryMb: () => readMemoryMb(pid),
      settle: () => settle(pid, mode),
      stop: () => stopChild(child),
    };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}
