/**
 * Commands that run on the server's machine instead of calling the admin API: `start` (the server, as
 * `npm start` runs it), and `backup`/`restore` of the SQLite file. They resolve the database exactly as
 * the server does: `--data-dir`, else `PROVISIO_DATA_DIR`, else `./data`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_KEYS, ConfigError, DATABASE_FILE, flagOf, main, parseConfig } from '@provisio/server';
import { type BackupProgress, SqliteCopyRefused, backupSqliteFile, restoreSqliteFile } from '@provisio/store';
import { type Command, Option } from 'commander';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIo } from './program.js';

/** A local command could not do its work; `code` and the exit status say why. */
export class LocalFailure extends Error {
  constructor(
    readonly code: string,
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}

/** The package's version, read from the package.json beside `src/` and `dist/` alike. */
export function cliVersion(): string {
  const manifest = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}

/** The SQLite file the server would open; PostgreSQL has its own tools (pg_dump, pg_restore). */
function databaseFile(io: CliIo, dataDir: string | undefined): string {
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(io.env, dataDir === undefined ? [] : ['--data-dir', dataDir]);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new LocalFailure('usage', EXIT.usage, error.problems.join('; '));
  }
  if (config.databaseUrl !== undefined) {
    throw new LocalFailure(
      'usage',
      EXIT.usage,
      'PROVISIO_DATABASE_URL is set: back up PostgreSQL with pg_dump; backup and restore handle the SQLite file',
    );
  }
  return join(config.dataDir, DATABASE_FILE);
}

/** Progress on stderr, every tenth, so stdout stays the result; nothing under `--json`. */
function reportProgress(io: CliIo, json: boolean, verb: string): BackupProgress | undefined {
  if (json) return undefined;
  let reported = -1;
  return (copied, total) => {
    const tenth = total === 0 ? 10 : Math.floor((copied / total) * 10);
    if (tenth === reported) return;
    reported = tenth;
    io.err(`${verb}: ${tenth * 10}% (${copied}/${total} pages)\n`);
  };
}

async function copying(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof SqliteCopyRefused) throw new LocalFailure(error.code, EXIT.failed, error.message);
    throw new LocalFailure('copy_failed', EXIT.failed, (error as Error).message);
  }
}

/** Adds `start`, `backup` and `restore` to `program`. */
export function addLocalCommands(program: Command, io: CliIo): void {
  const start = program
    .command('start')
    .description('run the SCIM server in this process, configured by PROVISIO_* variables or these flags');
  for (const key of CONFIG_KEYS) {
    start.addOption(new Option(`${flagOf(key.env)} <value>`, `${key.description} (${key.env})`));
  }
  start.action(async (options: Record<string, string | undefined>, command: Command) => {
    // Handed back as flags: the server validates and reports them as `npm start` would (exit 2).
    const argv = command.options.flatMap((option) => {
      const value = options[option.attributeName()];
      return value === undefined ? [] : [option.long ?? '', value];
    });
    await main(io.env, argv);
  });

  program
    .command('backup <file>')
    .description("copy the SQLite database to <file> while servers keep running (SQLite's online backup)")
    .option('--data-dir <dir>', 'directory of provisio.db (default: PROVISIO_DATA_DIR, else ./data)')
    .option('--force', 'overwrite <file> if it exists')
    .action(async (file: string, options: { dataDir?: string; force?: boolean }, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json === true;
      const database = databaseFile(io, options.dataDir);
      await copying(() =>
        backupSqliteFile(database, file, {
          overwrite: options.force === true,
          ...withProgress(reportProgress(io, json, 'backup')),
        }),
      );
      io.out(
        json ? `${JSON.stringify({ backup: file, database })}\n` : `Backed up ${database} to ${file}.\n`,
      );
    });

  program
    .command('restore <file>')
    .description('replace the SQLite database with a backup; refused while a server has the database open')
    .option('--data-dir <dir>', 'directory of provisio.db (default: PROVISIO_DATA_DIR, else ./data)')
    .action(async (file: string, options: { dataDir?: string }, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json === true;
      const database = databaseFile(io, options.dataDir);
      await copying(() =>
        restoreSqliteFile(file, database, withProgress(reportProgress(io, json, 'restore'))),
      );
      io.out(
        json ? `${JSON.stringify({ restored: file, database })}\n` : `Restored ${database} from ${file}.\n`,
      );
    });
}

function withProgress(progress: BackupProgress | undefined): { progress?: BackupProgress } {
  return progress === undefined ? {} : { progress };
}
