/**
 * Admin API commands about one tenant's SCIM side: `users list` (through the admin API's read routes)
 * and `oauth-client create|list|revoke` (OAuth 2.0 client credentials, issue 5).
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type AdminClient, tenantPath } from './admin-client.js';
import { formatTable } from './output.js';

/** `buildProgram`'s `call`: runs one admin API request and prints its answer as JSON or through `human`. */
export type AdminAction = <T, A extends unknown[]>(
  request: (client: AdminClient, ...args: A) => Promise<T>,
  human: (answer: T) => string,
) => (...args: [...A, Record<string, unknown>, Command]) => Promise<void>;

interface UserPage {
  readonly totalResults: number;
  readonly startIndex: number;
  readonly itemsPerPage: number;
  readonly resources: readonly {
    readonly id: string;
    readonly userName?: string;
    readonly displayName?: string;
    readonly active?: boolean;
    readonly externalId?: string;
  }[];
}

interface OAuthClient {
  readonly clientId: string;
  readonly description: string;
  readonly scope: string;
  readonly status: string;
  readonly createdAt: string;
  readonly lastUsedAt?: string;
  readonly lastClientIp?: string;
}

interface IssuedOAuthClient extends OAuthClient {
  readonly clientSecret: string;
  readonly tokenEndpoint: string;
}

function parsePositive(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return Number(value);
}

function formatUsers(page: UserPage): string {
  const table = formatTable(
    ['ID', 'USERNAME', 'DISPLAY NAME', 'ACTIVE', 'EXTERNAL ID'],
    page.resources.map((u) => [
      u.id,
      u.userName ?? '',
      u.displayName ?? '',
      u.active === undefined ? '' : String(u.active),
      u.externalId ?? '',
    ]),
  );
  const last = page.startIndex + page.resources.length - 1;
  const shown = page.resources.length === 0 ? 'none' : `${page.startIndex}-${last}`;
  const more = last < page.totalResults ? ` (next page: --start-index ${last + 1})` : '';
  return `${table}\nShowing ${shown} of ${page.totalResults}${more}.`;
}

function formatClients(clients: readonly OAuthClient[]): string {
  return formatTable(
    ['CLIENT ID', 'SCOPE', 'STATUS', 'CREATED', 'LAST USED', 'LAST CLIENT IP', 'DESCRIPTION'],
    clients.map((c) => [
      c.clientId,
      c.scope,
      c.status,
      c.createdAt,
      c.lastUsedAt ?? '',
      c.lastClientIp ?? '',
      c.description,
    ]),
  );
}

function formatIssuedClient(client: IssuedOAuthClient): string {
  return [
    `OAuth client for ${client.description} (scope ${client.scope})`,
    `Token Endpoint:    ${client.tokenEndpoint}`,
    `Client Identifier: ${client.clientId}`,
    `Client Secret:     ${client.clientSecret}`,
    'Copy the secret now: it is shown only this once.',
  ].join('\n');
}

/** Adds `users` and `oauth-client` to `program`. */
export function addTenantCommands(program: Command, call: AdminAction): void {
  const users = program.command('users').description("read a tenant's SCIM users");
  users
    .command('list <tenant>')
    .description('list users, optionally filtered (RFC 7644 filter, e.g. \'userName sw "a"\')')
    .option('--filter <filter>', 'SCIM filter')
    .option('--start-index <n>', 'first result, 1-based', parsePositive)
    .option('--count <n>', 'page size (default 100)', parsePositive)
    .action(
      call((client, slug: string, options: { filter?: string; startIndex?: number; count?: number }) => {
        const query = new URLSearchParams({ count: String(options.count ?? 100) });
        if (options.filter !== undefined) query.set('filter', options.filter);
        if (options.startIndex !== undefined) query.set('startIndex', String(options.startIndex));
        return client.request<UserPage>('GET', `${tenantPath(slug)}/users?${query}`);
      }, formatUsers),
    );

  const oauth = program
    .command('oauth-client')
    .description("manage a tenant's OAuth 2.0 clients (client credentials grant, for Entra ID)");
  oauth
    .command('create <tenant>')
    .description('create a client; its secret is printed only this once')
    .requiredOption('--description <text>', 'what the client is for, e.g. "Entra ID"')
    .addOption(
      new Option('--scope <scope>', 'what its tokens may do').choices(['scim', 'scim:read']).default('scim'),
    )
    .action(
      call(
        (client, slug: string, options: { description: string; scope: string }) =>
          client.request<IssuedOAuthClient>('POST', `${tenantPath(slug)}/oauth-clients`, {
            description: options.description,
            scope: options.scope,
          }),
        formatIssuedClient,
      ),
    );
  oauth
    .command('list <tenant>')
    .description("list a tenant's OAuth clients (never secrets)")
    .action(
      call(
        (client, slug: string) =>
          client.request<{ clients: OAuthClient[] }>('GET', `${tenantPath(slug)}/oauth-clients`),
        (answer) => formatClients(answer.clients),
      ),
    );
  oauth
    .command('revoke <tenant> <client-id>')
    .description('revoke a client: its access tokens stop working at once')
    .action(
      call(
        (client, slug: string, id: string) =>
          client.request<OAuthClient>(
            'POST',
            `${tenantPath(slug)}/oauth-clients/${encodeURIComponent(id)}/revoke`,
          ),
        (answer) => `Revoked OAuth client ${answer.clientId}.`,
      ),
    );
}
