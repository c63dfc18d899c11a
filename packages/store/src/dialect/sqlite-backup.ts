/**
 * Copies of a Provisio SQLite file through SQLite's online backup API (better-sqlite3 `backup()`): a
 * backup is a consistent snapshot even while servers write, and both directions report progress in pages.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** Called after each step with the pages copied so far and the total. */
export type BackupProgress = (copiedPages: number, totalPages: number) => void;

/** Why a backup or restore did not run; `code` is stable for scripts. */
export class SqliteCopyRefused extends Error {
  constructor(
    readonly code: 'database_missing' | 'destination_exists' | 'invalid_backup' | 'database_in_use',
    message: string,
  ) {
    super(message);
  }
}

/** Pages per step: small enough for steady progress, large enough that steps cost little. */
const PAGES_PER_STEP = 1000;

async function copy(source: BetterSqlite3.Database, destination: string, progress?: BackupProgress) {
  mkdirSync(dirname(destination), { recursive: true });
  // better-sqlite3 reports before each step, never after the last one: the end is reported here.
  const { totalPages } = await source.backup(destination, {
    progress: ({ totalPages: total, remainingPages }) => {
      progress?.(total - remainingPages, total);
      return PAGES_PER_STEP;
    },
  });
  progress?.(totalPages, totalPages);
}

/** Writes a snapshot of `database` to `destination`, which must not exist unless `overwrite`. */
export async function backupSqliteFile(
  database: string,
  destination: string,
  options: { readonly overwrite?: boolean; readonly progress?: BackupProgress } = {},
): Promise<void> {
  if (!existsSync(database))
    throw new SqliteCopyRefused('database_missing', `there is no database at ${database}`);
  if (!options.overwrite && existsSync(destination)) {
    throw new SqliteCopyRefused('destination_exists', `${destination} exists; pass --force to overwrite it`);
  }
  const source = new BetterSqlite3(database, { readonly: true, fileMustExist: true });
  try {
    await copy(source, destination, options.progress);
  } finally {
    source.close();
  }
}

/**
 * Leaving WAL mode needs the only connection to the file, so it fails at once (busy timeout 0) while any
 * other process, a server, has the database open, even idle; after a crash it succeeds. It must run in a
 * process that has not opened the file itself (the CLI's), since SQLite's locks are per process.
 */
function refuseIfInUse(database: string): void {
  if (!existsSync(database)) return;
  const probe = new BetterSqlite3(database, { fileMustExist: true });
  try {
    probe.pragma('busy_timeout = 0');
    probe.prepare('select count(*) from sqlite_master').get();
    probe.pragma('journal_mode = DELETE');
  } catch (error) {
    if (error instanceof BetterSqlite3.SqliteError && error.code.startsWith('SQLITE_BUSY')) {
      throw new SqliteCopyRefused(
        'database_in_use',
        `${database} is open in another process (a running server?); stop it before restoring`,
      );
    }
    throw error;
  } finally {
    probe.close();
  }
}

/** A Provisio database passes SQLite's quick check and has the migration table. */
function openBackup(backup: string): BetterSqlite3.Database {
  if (!existsSync(backup)) throw new SqliteCopyRefused('invalid_backup', `there is no backup at ${backup}`);
  const source = new BetterSqlite3(backup, { readonly: true, fileMustExist: true });
  try {
    const check = source.pragma('quick_check', { simple: true });
    const migrations = source
      .prepare("select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get() as { n: number };
    if (check !== 'ok' || migrations.n !== 1) {
      throw new SqliteCopyRefused('invalid_backup', `${backup} is not a Provisio database`);
    }
    return source;
  } catch (error) {
    source.close();
    if (error instanceof SqliteCopyRefused) throw error;
    throw new SqliteCopyRefused(
      'invalid_backup',
      `${backup} is not a Provisio database: ${(error as Error).message}`,
    );
  }
}

/**
 * Replaces `database` with the snapshot in `backup`. Refused while another process has `database` open:
 * a server's caches (schemas, signing keys) would not match the restored rows. A server started during the
 * copy waits on SQLite's lock, which the copy holds on the destination until it ends.
 */
export async function restoreSqliteFile(
  backup: string,
  database: string,
  options: { readonly progress?: BackupProgress } = {},
): Promise<void> {
  const source = openBackup(backup);
  try {
    refuseIfInUse(database);
    await copy(source, database, options.progress);
  } finally {
    source.close();
  }
}
