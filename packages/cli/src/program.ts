/**
 * The `provisio` command line: `tenant create|list|show|enable|disable` (and `delete|restore|rename`),
 * `token create|list|revoke|rotate` and `schema add|list|remove`, each one admin API call, the command
 * groups registered from their own modules, and `migrate`, which opens the database itself.
 * `run` maps every outcome to an exit status from {@link EXIT}.
 */
import { readFile } from 'node:fs/promises';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { addActivityCommands } from './activity-commands.js';
import { AdminClient, CannotConnect, ServerRefused, tenantPath } from './admin-client.js';
import { addAdminTokenCommands } from './admin-token-commands.js';
import { addDirectoryCommands } from './directory-commands.js';
import { EXIT, EXIT_HELP, type ExitCode } from './exit-codes.js';
import { addFeedCommands } from './feed-commands.js';
import { LocalFailure, addLocalCommands, cliVersion } from './local-commands.js';
import { MigrateFailed, addMigrateCommand } from './migrate.js';
import {
  formatIssuedToken,
  formatRotatedToken,
  formatSchemas,
  formatTenant,
  formatTenants,
  formatTokens,
} from './output.js';
import { addTenantCommands } from './tenant-commands.js';
import { addTenantLifecycleCommands } from './tenant-lifecycle-commands.js';
import type { IssuedToken, RotatedToken, Schema, Tenant, Token } from './views.js';

export const DEFAULT_URL = 'http://127.0.0.1:8080';
export const TOKEN_VARIABLE = 'PROVISIO_ADMIN_TOKEN';

/** Where the CLI reads and writes: the process's streams and environment, or a test's. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether `err` is a terminal, where progress may be redrawn in place. */
  readonly interactive?: boolean;
}

/** A mistake on the command line that commander cannot see (a missing token). */
export class UsageError extends Error {}

interface GlobalOptions {
  readonly url: string;
  readonly token?: string;
  readonly json?: boolean;
}

function parseUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw new InvalidArgumentError('expected an http(s) URL such as http://127.0.0.1:8080');
  }
  return value;
}

function parseSeconds(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number of seconds');
  return Number(value);
}

/** The JSON body of `schema add --file`; a missing or unparsable file is the caller's mistake. */
async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

/** Builds the command tree; actions call the admin API and print through `io`. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('provisio')
    .description('Manage a Provisio server through its admin API.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError()
    .addOption(new Option('--url <url>', 'server base URL').default(DEFAULT_URL).argParser(parseUrl))
    .addOption(new Option('--token <token>', `admin API token (prefer the ${TOKEN_VARIABLE} variable)`))
    .option('--json', 'print the server answer as JSON, for scripts')
    .version(cliVersion())
    .addHelpText('after', EXIT_HELP);

  /** Runs one API call, then prints its answer as JSON or through `human`. */
  const call =
    <T, A extends unknown[]>(
      request: (client: AdminClient, ...args: A) => Promise<T>,
      human: (answer: T) => string,
    ) =>
    async (...args: [...A, Record<string, unknown>, Command]) => {
      const command = args[args.length - 1] as Command;
      const options = command.optsWithGlobals<GlobalOptions>();
      const token = options.token ?? io.env[TOKEN_VARIABLE];
      if (!token) throw new UsageError(`no admin token: pass --token or set ${TOKEN_VARIABLE}`);
      const answer = await request(new AdminClient(options.url, token), ...(args.slice(0, -1) as A));
      io.out(`${options.json ? JSON.stringify(answer, null, 2) : human(answer)}\n`);
    };

  const tenant = program
    .command('tenant')
    .description('create, list, rename, enable, disable, delete and restore tenants');
  tenant
    .command('create <slug>')
    .description('create a tenant and print its Tenant URLs')
    .option('--name <name>', 'display name (default: the slug)')
    .action(
      call(
        (client, slug: string, options: { name?: string }) =>
          client.request<Tenant>('POST', '/tenants', { slug, name: options.name ?? slug }),
        formatTenant,
      ),
    );
  tenant
    .command('list')
    .description('list tenants')
    .action(
      call(
        (client) => client.request<{ tenants: Tenant[] }>('GET', '/tenants'),
        (answer) => formatTenants(answer.tenants),
      ),
    );
  tenant
    .command('show <slug>')
    .description('show a tenant and its Tenant URLs')
    .action(call((client, slug: string) => client.request<Tenant>('GET', tenantPath(slug)), formatTenant));
  for (const [name, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    tenant
      .command(`${name} <slug>`)
      .description(`${name} SCIM provisioning for a tenant (disabled tenants get 403)`)
      .action(
        call(
          (client, slug: string) =>
            client.request<Tenant>('PATCH', tenantPath(slug), { provisioningEnabled: enabled }),
          formatTenant,
        ),
      );
  }
  addTenantLifecycleCommands(tenant, call);

  const token = program.command('token').description("manage a tenant's SCIM bearer tokens");
  token
    .command('create <tenant>')
    .description('mint a SCIM token; its secret is printed only this once')
    .requiredOption('--description <text>', 'what the token is for, e.g. "Entra ID"')
    .addOption(new Option('--scope <scope>', 'what it may do').choices(['scim', 'scim:read']).default('scim'))
    .option('--expires <date-time>', 'ISO 8601 expiry, e.g. 2027-01-01T00:00:00Z')
    .action(
      call(
        (client, slug: string, options: { description: string; scope: string; expires?: string }) =>
          client.request<IssuedToken>('POST', `${tenantPath(slug)}/tokens`, {
            description: options.description,
            scope: options.scope,
            ...(options.expires === undefined ? {} : { expiresAt: options.expires }),
          }),
        formatIssuedToken,
      ),
    );
  token
    .command('list <tenant>')
    .description("list a tenant's tokens (prefixes only, never secrets)")
    .action(
      call(
        (client, slug: string) => client.request<{ tokens: Token[] }>('GET', `${tenantPath(slug)}/tokens`),
        (answer) => formatTokens(answer.tokens),
      ),
    );
  token
    .command('revoke <tenant> <id>')
    .description('revoke a token at once')
    .action(
      call(
        (client, slug: string, id: string) =>
          client.request<Token>('POST', `${tenantPath(slug)}/tokens/${encodeURIComponent(id)}/revoke`),
        (answer) => `Revoked token ${answer.id} (${answer.prefix}…).`,
      ),
    );
  token
    .command('rotate <tenant> <id>')
    .description('mint a replacement; the old token keeps working for the overlap, then expires')
    .requiredOption('--overlap <seconds>', 'how long the old token keeps working', parseSeconds)
    .option('--expires <date-time>', 'ISO 8601 expiry of the new token')
    .action(
      call(
        (client, slug: string, id: string, options: { overlap: number; expires?: string }) =>
          client.request<RotatedToken>(
            'POST',
            `${tenantPath(slug)}/tokens/${encodeURIComponent(id)}/rotate`,
            {
              overlapSeconds: options.overlap,
              ...(options.expires === undefined ? {} : { expiresAt: options.expires }),
            },
          ),
        formatRotatedToken,
      ),
    );

  const schema = program.command('schema').description("manage a tenant's custom SCIM schema extensions");
  schema
    .command('add <tenant>')
    .description('add a schema extension: {id, name?, description?, resourceType, required?, attributes}')
    .requiredOption('--file <json>', 'the extension as a JSON file')
    .action(
      call(
        async (client, slug: string, options: { file: string }) =>
          client.request<Schema>('POST', `${tenantPath(slug)}/schemas`, await readJsonFile(options.file)),
        (answer) =>
          `Added schema ${answer.id} to ${answer.resourceType} (${answer.attributes.length} attributes).`,
      ),
    );
  schema
    .command('list <tenant>')
    .description("list a tenant's schema extensions")
    .action(
      call(
        (client, slug: string) => client.request<{ schemas: Schema[] }>('GET', `${tenantPath(slug)}/schemas`),
        (answer) => formatSchemas(answer.schemas),
      ),
    );
  schema
    .command('remove <tenant> <id>')
    .description('remove a schema extension; stored values stay in the resources but are no longer served')
    .action(
      call(
        async (client, slug: string, id: string) => {
          await client.request<undefined>('DELETE', `${tenantPath(slug)}/schemas/${encodeURIComponent(id)}`);
          return { removed: id };
        },
        (answer) => `Removed schema ${answer.removed}.`,
      ),
    );
  addMigrateCommand(program, io);
  addTenantCommands(program, call);
  addLocalCommands(program, io);
  addDirectoryCommands(program, io, call);
  addFeedCommands(program, io, call);
  addAdminTokenCommands(program, call);
  addActivityCommands(program, call);
  return program;
}

/** The message for a failure, as a JSON error body under `--json` so scripts can parse both outcomes. */
function describeFailure(
  error: ServerRefused | CannotConnect | UsageError | MigrateFailed | LocalFailure,
  json: boolean,
): string {
  const code =
    error instanceof ServerRefused || error instanceof MigrateFailed || error instanceof LocalFailure
      ? error.code
      : error instanceof CannotConnect
        ? 'unreachable'
        : 'usage';
  if (json) return `${JSON.stringify({ error: { code, message: error.message } })}\n`;
  const status = error instanceof ServerRefused ? ` (${error.code}, HTTP ${error.status})` : '';
  return `provisio: ${error.message}${status}\n`;
}

/** Runs `provisio <argv…>` and returns the exit status. */
export async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    // Commander has already printed its own message (and the help) for usage errors.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const json = program.opts<GlobalOptions>().json === true;
    if (error instanceof UsageError) {
      io.err(describeFailure(error, json));
      return EXIT.usage;
    }
    if (error instanceof ServerRefused) {
      io.err(describeFailure(error, json));
      return EXIT.refused;
    }
    if (error instanceof CannotConnect) {
      io.err(describeFailure(error, json));
      return EXIT.unreachable;
    }
    if (error instanceof MigrateFailed || error instanceof LocalFailure) {
      io.err(describeFailure(error, json));
      return error.exitCode;
    }
    throw error;
  }
}
