/**
 * The server as production runs it: `main` in a child process (the built package, or the source under tsx
 * when the test itself runs from source: the same loader flags are passed on), configured by environment.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import type { TestContext } from 'node:test';
import { type ScratchStore, type TestDialect, databaseEnv } from '@provisio/store/testing';

export interface ServerProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything the process printed on stdout so far (banner, then pino's JSON lines). */
  output(): string;
  /** Everything the process printed on stderr so far. */
  errors(): string;
  /** Resolves with the first match of `pattern` in stdout; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  /** Resolves with the exit code (null when killed by a signal) once the output is complete. */
  readonly exited: Promise<number | null>;
}

/** Starts `main` with `env` added to this process's environment. */
export function runMain(env: Readonly<Record<string, string>>): ServerProcess {
  const script = "import { main } from '@provisio/server'; await main(process.env, process.argv.slice(1));";
  const child = spawn(
    process.execPath,
    [...process.execArgv.filter((a) => !a.startsWith('--test')), '--input-type=module', '-e', script],
    { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
    for (const listener of listeners) listener();
  });
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  // 'close', not 'exit': by then stdout has been read to its end.
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  return {
    child,
    output: () => stdout,
    errors: () => stderr,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = pattern.exec(stdout);
          if (!found) return;
          listeners.delete(check);
          resolve(found);
        };
        listeners.add(check);
        check();
        exited.then((code) => {
          if (!listeners.delete(check)) return;
          reject(new Error(`exited with ${code} before printing ${pattern}:\n${stdout}\n${stderr}`));
        });
      }),
  };
}

/**
 * Runs `main` on a fresh, migrated database of `dialect` (its first start then sees no tenant) with `env`
 * added. When `t` ends the process is killed if it still runs, and then the database is removed.
 */
export async function runMainOn(
  t: Pick<TestContext, 'after'>,
  dialect: TestDialect,
  env: Readonly<Record<string, string>>,
): Promise<{ readonly server: ServerProcess; readonly scratch: ScratchStore }> {
  const scratch = await dialect.openScratch();
  const server = runMain({ PROVISIO_PORT: '0', ...databaseEnv(scratch.location), ...env });
  t.after(async () => {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await server.exited;
    await scratch.dispose();
  });
  return { server, scratch };
}

/** Waits for the start-up banner and returns the Tenant URL. */
export async function tenantUrlOf(server: ServerProcess): Promise<string> {
  const [, url] = await server.waitFor(/Tenant URL: (\S+)/);
  return url!;
}
