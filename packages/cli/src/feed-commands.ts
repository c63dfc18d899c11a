/**
 * `provisio events tail <tenant> [--after N] [--follow]` and `provisio webhook add|list|test`: a tenant's
 * change feed (issue 5) through the admin API. `tail --follow` long-polls, so each new change prints as it
 * commits; without it the command prints what is there and the cursor to resume from.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { tenantPath } from './admin-client.js';
import { formatTable } from './output.js';
import type { CliIo } from './program.js';
import type { AdminAction } from './tenant-commands.js';

interface ChangeEvent {
  readonly seq: number;
  readonly time: string;
  readonly type: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly data: {
    readonly version?: number;
    readonly members?: readonly string[];
    readonly displayName?: string;
  };
}

interface EventPage {
  readonly events: readonly ChangeEvent[];
  readonly next: number;
}

interface Webhook {
  readonly id: string;
  readonly url: string;
  readonly description: string;
  readonly enabled: boolean;
  readonly deliveredSeq: number;
  readonly consecutiveFailures: number;
  readonly disabledReason?: string;
  readonly createdAt: string;
}

interface Delivery {
  readonly eventType: string;
  readonly ok: boolean;
  readonly statusCode?: number;
  readonly error?: string;
  readonly durationMs: number;
}

/** Seconds a follow request waits server-side: under the client's 30 s request timeout. */
const FOLLOW_WAIT_SECONDS = 25;
const PAGE = 1000;

function parseSeq(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected an event sequence number (0 or more)');
  return Number(value);
}

export function formatEvent(event: ChangeEvent): string {
  const { version, members, displayName } = event.data;
  const details = [
    version === undefined ? '' : `v${version}`,
    displayName === undefined ? '' : `"${displayName}"`,
    members === undefined ? '' : `members: ${members.join(', ')}`,
  ].filter((part) => part !== '');
  return [event.seq, event.time, event.type, `${event.resourceType}/${event.resourceId}`, ...details].join(
    '  ',
  );
}

function formatWebhooks(webhooks: readonly Webhook[]): string {
  return formatTable(
    ['ID', 'URL', 'STATUS', 'RESUMES AFTER SEQ', 'FAILURES', 'DESCRIPTION'],
    webhooks.map((w) => [
      w.id,
      w.url,
      w.enabled ? 'enabled' : `disabled (${w.disabledReason ?? ''})`,
      String(w.deliveredSeq),
      String(w.consecutiveFailures),
      w.description,
    ]),
  );
}

function formatDelivery(delivery: Delivery): string {
  const outcome = delivery.ok ? `HTTP ${delivery.statusCode}` : (delivery.error ?? 'failed');
  return `Test ${delivery.eventType} ${delivery.ok ? 'delivered' : 'failed'}: ${outcome} in ${delivery.durationMs} ms.`;
}

export function addFeedCommands(program: Command, io: CliIo, call: AdminAction): void {
  const json = () => program.opts<{ json?: boolean }>().json === true;

  const events = program.command('events').description("read a tenant's change feed");
  events
    .command('tail <tenant>')
    .description(
      'print change events, oldest first (--json: one JSON line each, then the resume cursor); ' +
        '--follow keeps printing new ones until Ctrl-C',
    )
    .option('--after <seq>', 'print events after this sequence number', parseSeq, 0)
    .option('--follow', 'wait for new events instead of stopping at the end')
    .action(
      call(
        async (client, slug: string, options: { after: number; follow?: boolean }) => {
          let after = options.after;
          for (;;) {
            const wait = options.follow ? `&wait=${FOLLOW_WAIT_SECONDS}` : '';
            const page = await client.request<EventPage>(
              'GET',
              `${tenantPath(slug)}/events?after=${after}&limit=${PAGE}${wait}`,
            );
            for (const event of page.events)
              io.out(`${json() ? JSON.stringify(event) : formatEvent(event)}\n`);
            after = page.next;
            if (page.events.length === 0 && !options.follow) return { next: after };
          }
        },
        (answer) => `(end of feed; resume with --after ${answer.next})`,
      ),
    );

  const webhook = program.command('webhook').description("manage a tenant's webhooks (change feed delivery)");
  webhook
    .command('add <tenant> <url>')
    .description(
      'add a webhook that receives every change (POSTed to <url>); its secret is printed only once',
    )
    .option('--description <text>', 'what it is for', '')
    .action(
      call(
        (client, slug: string, url: string, options: { description: string }) =>
          client.request<Webhook & { secret: string }>('POST', `${tenantPath(slug)}/webhooks`, {
            url,
            description: options.description,
          }),
        (answer) =>
          [
            `Added webhook ${answer.id} → ${answer.url}`,
            `Signing secret: ${answer.secret}`,
            'Copy it now: it is shown only this once. Verify the Provisio-Signature header with it.',
          ].join('\n'),
      ),
    );
  webhook
    .command('list <tenant>')
    .description("list a tenant's webhooks (never their secrets)")
    .action(
      call(
        (client, slug: string) =>
          client.request<{ webhooks: Webhook[] }>('GET', `${tenantPath(slug)}/webhooks`),
        (answer) => formatWebhooks(answer.webhooks),
      ),
    );
  webhook
    .command('test <tenant> <id>')
    .description('send a signed "ping" to the webhook now and print the outcome')
    .action(
      call(
        (client, slug: string, id: string) =>
          client.request<Delivery>('POST', `${tenantPath(slug)}/webhooks/${encodeURIComponent(id)}/test`),
        formatDelivery,
      ),
    );
  webhook
    .command('remove <tenant> <id>')
    .description('remove a webhook: deliveries stop and its delivery log goes with it')
    .action(
      call(
        async (client, slug: string, id: string) => {
          await client.request<undefined>('DELETE', `${tenantPath(slug)}/webhooks/${encodeURIComponent(id)}`);
          return { removed: id };
        },
        (answer) => `Removed webhook ${answer.removed}.`,
      ),
    );
}
