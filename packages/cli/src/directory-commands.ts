/**
 * `provisio directory import <file>` and `provisio directory users list`: the directory the engine
 * provisions from (issue 7), through the admin API. An import streams the server's progress and draws
 * it as a bar on a terminal; the report lists every refused row.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { ServerRefused } from './admin-client.js';
import { addApplicationCommands } from './application-commands.js';
import { formatTable } from './output.js';
import { type CliIo, UsageError } from './program.js';
import type { AdminAction } from './tenant-commands.js';

const IMPORT_TYPES = ['users', 'groups', 'assignments'] as const;

/** The media type the server reads a file as, by its extension. */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.jsonl': 'application/x-ndjson',
  '.ndjson': 'application/x-ndjson',
};

/** Characters in the progress bar. */
const BAR_WIDTH = 30;

interface ImportReport {
  readonly type: string;
  readonly rows: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly failed: number;
  readonly errors: readonly { readonly row: number; readonly field?: string; readonly message: string }[];
}

interface ImportLine {
  readonly progress?: { readonly processed: number; readonly total?: number };
  readonly report?: ImportReport;
  readonly error?: { readonly code: string; readonly message: string };
}

interface DirectoryUser {
  readonly objectId: string;
  readonly lifecycle: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

function mediaTypeOf(file: string): string {
  const mediaType = MEDIA_TYPES[extname(file).toLowerCase()];
  if (!mediaType) {
    throw new UsageError(`${file}: expected a .csv, .json, .jsonl or .ndjson file`);
  }
  return mediaType;
}

/** One line, redrawn in place: `users [#######-------]  50%  500/1000 rows`. */
export function progressLine(type: string, processed: number, total: number | undefined): string {
  if (!total) return `\r${type}: ${processed} rows`;
  const filled = Math.round((processed / total) * BAR_WIDTH);
  const percent = Math.floor((processed / total) * 100);
  return `\r${type} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(percent).padStart(3)}%  ${processed}/${total} rows`;
}

export function formatImportReport(report: ImportReport): string {
  const summary = `Imported ${report.rows} ${report.type} rows: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.failed} with errors.`;
  const errors = report.errors.map(
    (error) => `  row ${error.row}${error.field ? ` (${error.field})` : ''}: ${error.message}`,
  );
  return [summary, ...errors].join('\n');
}

function formatUsers(answer: { users: readonly DirectoryUser[]; next?: string }): string {
  const table = formatTable(
    ['OBJECT ID', 'USER PRINCIPAL NAME', 'DISPLAY NAME', 'ENABLED', 'LIFECYCLE'],
    answer.users.map((user) => [
      user.objectId,
      String(user.attributes.userPrincipalName ?? ''),
      String(user.attributes.displayName ?? ''),
      user.attributes.accountEnabled === undefined ? '' : String(user.attributes.accountEnabled),
      user.lifecycle,
    ]),
  );
  return answer.next ? `${table}\nMore: --after ${answer.next}` : table;
}

/** A page size the admin API's listings take. */
export function parseLimit(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1000) {
    throw new InvalidArgumentError('expected a whole number from 1 to 1000');
  }
  return Number(value);
}

/** Adds `directory import`, `directory users list` and the application commands to `program`. */
export function addDirectoryCommands(program: Command, io: CliIo, call: AdminAction): void {
  const directory = program
    .command('directory')
    .description('the directory provisioned from: import users, groups and assignments; list users');

  directory
    .command('import <file>')
    .description(
      'import a .csv (header row of attribute names), .json (array) or .jsonl file; rows are upserted',
    )
    .addOption(new Option('--type <type>', 'what the file holds').choices(IMPORT_TYPES).default('users'))
    .action(
      call(async (client, file: string, options: { type: string }) => {
        const mediaType = mediaTypeOf(file);
        let body: string;
        try {
          body = await readFile(file, 'utf8');
        } catch (error) {
          throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
        }
        const drawing = io.interactive === true && program.opts<{ json?: boolean }>().json !== true;
        let report: ImportReport | undefined;
        await client.streamLines(`/directory/import?type=${options.type}`, body, mediaType, (value) => {
          const line = value as ImportLine;
          if (line.progress && drawing) {
            io.err(progressLine(options.type, line.progress.processed, line.progress.total));
          }
          if (line.report) report = line.report;
          if (line.error) throw new ServerRefused(500, line.error.code, line.error.message);
        });
        if (drawing) io.err('\n');
        if (!report)
          throw new ServerRefused(502, 'incomplete', 'the server ended the import without a report');
        return report;
      }, formatImportReport),
    );

  const users = directory.command('users').description('directory users');
  users
    .command('list')
    .description('list directory users by objectId, a page at a time (soft-deleted ones included)')
    .option('--limit <n>', 'users per page (1-1000)', parseLimit)
    .option('--after <objectId>', 'the page after this objectId (printed under the previous page)')
    .option('--lifecycle <list>', 'comma-separated: active, softDeleted, hardDeleted')
    .action(
      call((client, options: { limit?: number; after?: string; lifecycle?: string }) => {
        const query = new URLSearchParams();
        if (options.limit !== undefined) query.set('limit', String(options.limit));
        if (options.after !== undefined) query.set('after', options.after);
        if (options.lifecycle !== undefined) query.set('lifecycle', options.lifecycle);
        const search = query.size > 0 ? `?${query}` : '';
        return client.request<{ users: DirectoryUser[]; next?: string }>('GET', `/directory/users${search}`);
      }, formatUsers),
    );

  addApplicationCommands(directory, call);
}
