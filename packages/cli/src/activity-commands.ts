/**
 * `provisio activity list <tenant>`: a tenant's SCIM requests from its activity log, newest first, one
 * page at a time; the human output ends with the `--cursor` of the next page.
 */
import type { ActivityEntry, ActivityPage, ActivityQuery } from '@provisio/store';
import { type Command, InvalidArgumentError } from 'commander';
import { tenantPath } from './admin-client.js';
import { parseLimit } from './directory-commands.js';
import { formatTable } from './output.js';
import type { AdminAction } from './tenant-commands.js';

/** The admin API's answer: the store's page, without the tenant id the URL already names. */
interface ActivityListing {
  readonly entries: readonly Omit<ActivityEntry, 'tenantId'>[];
  readonly nextCursor?: ActivityPage['nextCursor'];
}

/** Commander's options: the store's filters, each left out when not given. */
type ActivityOptions = Partial<ActivityQuery>;

/** The command's options, by the admin API's query parameter names. */
const QUERY_PARAMETERS = [
  'method',
  'status',
  'since',
  'until',
  'tokenId',
  'resourceId',
  'limit',
  'cursor',
] as const satisfies readonly (keyof ActivityOptions)[];

function parseStatus(value: string): number {
  if (!/^[1-5]\d\d$/.test(value)) throw new InvalidArgumentError('expected an HTTP status from 100 to 599');
  return Number(value);
}

export function formatActivity(page: ActivityListing): string {
  const table = formatTable(
    ['TIME', 'METHOD', 'STATUS', 'MS', 'PATH', 'TOKEN', 'CLIENT IP'],
    page.entries.map((e) => [
      e.time,
      e.method,
      e.scimType === undefined ? String(e.status) : `${e.status} ${e.scimType}`,
      e.durationMs.toFixed(1),
      e.path,
      e.tokenId ?? '',
      e.clientIp ?? '',
    ]),
  );
  return page.nextCursor === undefined ? table : `${table}\nMore: --cursor ${page.nextCursor}`;
}

export function addActivityCommands(program: Command, call: AdminAction): void {
  const activity = program.command('activity').description("read a tenant's activity log of SCIM requests");
  activity
    .command('list <tenant>')
    .description('list SCIM requests, newest first (never bodies); filters combine')
    .option('--method <method>', 'only this HTTP method, e.g. PATCH')
    .option('--status <code>', 'only answers with this HTTP status, e.g. 409', parseStatus)
    .option('--since <date-time>', 'only requests at or after this ISO 8601 time')
    .option('--until <date-time>', 'only requests before this ISO 8601 time')
    .option('--token-id <id>', 'only requests with this SCIM token or OAuth client')
    .option('--resource-id <id>', 'only requests about this user or group')
    .option('--limit <n>', 'entries per page (1-1000, default 100)', parseLimit)
    .option('--cursor <cursor>', 'the page after the previous one (printed under it)')
    .action(
      call((client, slug: string, options: ActivityOptions) => {
        const query = new URLSearchParams();
        for (const name of QUERY_PARAMETERS) {
          const value = options[name];
          if (value !== undefined) query.set(name, String(value));
        }
        const search = query.size > 0 ? `?${query}` : '';
        return client.request<ActivityListing>('GET', `${tenantPath(slug)}/activity${search}`);
      }, formatActivity),
    );
}
