/**
 * `provisio migrate [--database-url <url>]`: brings the database schema up to date before servers start
 * (servers also migrate when they start; running it first makes a deploy's schema change its own step).
 * It opens the database directly, resolved exactly as the server resolves it: `--database-url`, else
 * `PROVISIO_DATABASE_URL`, else SQLite in `PROVISIO_DATA_DIR`.
 */
import {
  ConfigError,
  type DatabaseConfig,
  describeDatabase,
  openConfiguredStore,
  parseConfig,
} from '@provisio/server';
import type { Command } from 'commander';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIo } from './program.js';

/** `migrate` could not do its work; `code` and the exit status say why. */
export class MigrateFailed extends Error {
  constructor(
    readonly code: 'usage' | 'unreachable' | 'migration_failed',
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}

/** Node's socket codes for "nobody answered": the connection failed before any SQL ran. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH']);

function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
  const inner = (error as { errors?: unknown }).errors; // an AggregateError: one failure per address
  return Array.isArray(inner) && inner.length > 0 && inner.every(isUnreachable);
}

/** Reads the database settings from the environment, `--database-url` winning, as the server would. */
function databaseConfig(io: CliIo, databaseUrl: string | undefined): DatabaseConfig {
  try {
    return parseConfig(io.env, databaseUrl === undefined ? [] : ['--database-url', databaseUrl]);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new MigrateFailed('usage', EXIT.usage, error.problems.join('; '));
  }
}

async function migrate(io: CliIo, config: DatabaseConfig): Promise<void> {
  const where = describeDatabase(config);
  let applied: readonly string[];
  try {
    const store = await openConfiguredStore(config);
    try {
      applied = await store.migrate();
    } finally {
      await store.close();
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (isUnreachable(error)) {
      throw new MigrateFailed('unreachable', EXIT.unreachable, `cannot reach ${where}: ${reason}`);
    }
    throw new MigrateFailed('migration_failed', EXIT.refused, `migrating ${where} failed: ${reason}`);
  }
  io.out(applied.length === 0 ? `${where} is up to date.\n` : `Migrated ${where}: ${applied.join(', ')}.\n`);
}

/** Adds `migrate` to `program`. */
export function addMigrateCommand(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description('apply pending database migrations (SQLite or PostgreSQL), as a server start would')
    .option(
      '--database-url <url>',
      'postgres://… URL (default: PROVISIO_DATABASE_URL, else SQLite in PROVISIO_DATA_DIR)',
    )
    .action(async (options: { databaseUrl?: string }) => {
      await migrate(io, databaseConfig(io, options.databaseUrl));
    });
}
