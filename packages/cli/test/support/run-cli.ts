/**
 * Runs the CLI as its own process: the built `dist/main.js`, or the TypeScript source under tsx when the
 * test itself runs from source.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const fromSource = self.endsWith('.ts');
const entry = fromSource
  ? join(self, '..', '..', '..', 'src', 'main.ts')
  : join(self, '..', '..', '..', 'dist', 'main.js');
const loader = fromSource ? ['--conditions=development', '--import', 'tsx'] : [];

/** The node arguments that run the CLI with `args`, for tests that spawn it themselves. */
export function cliArguments(args: readonly string[]): string[] {
  return [...loader, entry, ...args];
}

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read --json answers freely.
  readonly json: any;
}

/** Runs the CLI asynchronously: the server lives in this process, so a blocking spawn would starve it. */
export function cli(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliResult> {
  const { PROVISIO_ADMIN_TOKEN: _ignored, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...loader, entry, ...args],
      { env: { ...inherited, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const status = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        let json: unknown;
        try {
          json = JSON.parse(status === 0 ? stdout : stderr);
        } catch {
          json = undefined;
        }
        resolve({ status, stdout, stderr, json });
      },
    );
  });
}
