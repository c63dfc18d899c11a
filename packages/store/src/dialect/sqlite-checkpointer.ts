/**
 * WAL checkpoints on a worker thread. SQLite's automatic checkpoint runs inside the commit that crosses
 * the threshold, on the connection that committed, and with `synchronous = NORMAL` it fsyncs the WAL and
 * the database file: better-sqlite3 is synchronous, so every ~1,000 pages of writes the event loop stalled
 * for two fsyncs and every request in flight waited. The worker opens its own connection to the file and
 * runs PASSIVE checkpoints, which never block writers; the serving connection only appends to the WAL.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface CheckpointerOptions {
  readonly file: string;
  readonly busyTimeoutMs: number;
  /** How often the worker checkpoints whatever the WAL holds. */
  readonly intervalMs?: number;
  /** Called if the worker cannot run, so the caller can fall back to SQLite's own checkpoints. */
  readonly onFailure: (error: Error) => void;
}

export interface Checkpointer {
  /** Stops the worker after one last checkpoint, so a closed store leaves a small WAL behind. */
  stop(): Promise<void>;
}

// Plain CommonJS evaluated in the worker: it works the same from compiled `dist/` and from sources run
// with tsx, where a worker entry file next to this one would be TypeScript the worker cannot load.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const database = new Database(workerData.file);
database.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
const checkpoint = () => {
  try {
    database.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // A busy or locked file is retried on the next tick; the serving connection never depends on it.
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  database.close();
  parentPort.close();
});
`;

const DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');

export function startCheckpointer(options: CheckpointerOptions): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: DRIVER,
      file: options.file,
      busyTimeoutMs: options.busyTimeoutMs,
      intervalMs: options.intervalMs ?? 200,
    },
  });
  // A process that forgets to close its store must still be able to exit.
  worker.unref();
  worker.once('error', options.onFailure);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      // Unreferenced, the worker would not keep the process alive for its own last checkpoint.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
