/**
 * `provisio admin-token list|create|revoke`: the calling admin's own API tokens (`/admin/api/admin-tokens`),
 * for giving each script its own token and revoking one without touching the others.
 */
import type { Command } from 'commander';
import { formatTable } from './output.js';
import type { AdminAction } from './tenant-commands.js';

interface AdminToken {
  readonly id: string;
  readonly description: string;
  readonly prefix: string;
  readonly status: string;
  readonly createdAt: string;
  readonly lastUsedAt?: string;
  readonly lastClientIp?: string;
  readonly expiresAt?: string;
}

function formatAdminTokens(tokens: readonly AdminToken[]): string {
  return formatTable(
    ['ID', 'PREFIX', 'STATUS', 'CREATED', 'LAST USED', 'LAST CLIENT IP', 'EXPIRES', 'DESCRIPTION'],
    tokens.map((t) => [
      t.id,
      t.prefix,
      t.status,
      t.createdAt,
      t.lastUsedAt ?? '',
      t.lastClientIp ?? '',
      t.expiresAt ?? '',
      t.description,
    ]),
  );
}

function formatIssuedAdminToken(token: AdminToken & { readonly secret: string }): string {
  return [
    `Admin token ${token.id} (${token.prefix}…${token.expiresAt ? `, expires ${token.expiresAt}` : ''})`,
    `Admin API token: ${token.secret}`,
    'Copy it now: it is shown only this once.',
  ].join('\n');
}

export function addAdminTokenCommands(program: Command, call: AdminAction): void {
  const adminToken = program
    .command('admin-token')
    .description('manage your admin API tokens (the ones this CLI authenticates with)');
  adminToken
    .command('list')
    .description('list your admin tokens (prefixes only, never secrets)')
    .action(
      call(
        (client) => client.request<{ tokens: AdminToken[] }>('GET', '/admin-tokens'),
        (answer) => formatAdminTokens(answer.tokens),
      ),
    );
  adminToken
    .command('create')
    .description('mint an admin token; its secret is printed only this once')
    .requiredOption('--description <text>', 'what the token is for, e.g. "nightly backup script"')
    .option('--expires <date-time>', 'ISO 8601 expiry, e.g. 2027-01-01T00:00:00Z')
    .action(
      call(
        (client, options: { description: string; expires?: string }) =>
          client.request<AdminToken & { secret: string }>('POST', '/admin-tokens', {
            description: options.description,
            ...(options.expires === undefined ? {} : { expiresAt: options.expires }),
          }),
        formatIssuedAdminToken,
      ),
    );
  adminToken
    .command('revoke <id>')
    .description('revoke an admin token at once (revoking the one in use ends this CLI session too)')
    .action(
      call(
        (client, id: string) =>
          client.request<AdminToken>('DELETE', `/admin-tokens/${encodeURIComponent(id)}`),
        (answer) => `Revoked admin token ${answer.id} (${answer.prefix}…).`,
      ),
    );
}
