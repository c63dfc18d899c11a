/**
 * `provisio tenant delete|restore|rename`: a tenant's life after creation. Deleting is the admin API's
 * two steps: a soft delete (SCIM answers as if the tenant did not exist; `restore` undoes it), then
 * `--purge`, which removes the tenant and all its rows for good. Both must be confirmed by repeating the
 * slug, checked here before anything is sent so a slip of the keyboard never reaches the server.
 */
import type { Command } from 'commander';
import { tenantPath } from './admin-client.js';
import { formatTenant } from './output.js';
import { UsageError } from './program.js';
import type { AdminAction } from './tenant-commands.js';
import type { Tenant } from './views.js';

/** What `tenant delete` answers: the soft-deleted tenant, or the slug of the purged one. */
type Deletion = Tenant | { readonly purged: string };

function formatDeletion(answer: Deletion): string {
  if ('purged' in answer) return `Purged tenant ${answer.purged} and all its data.`;
  return [
    formatTenant(answer),
    `Its SCIM tokens stop working. Undo: provisio tenant restore ${answer.slug}`,
    `Remove it for good: provisio tenant delete ${answer.slug} --purge --confirm ${answer.slug}`,
  ].join('\n');
}

/** Adds `delete`, `restore` and `rename` to the `tenant` command. */
export function addTenantLifecycleCommands(tenant: Command, call: AdminAction): void {
  tenant
    .command('delete <slug>')
    .description('soft-delete a tenant (restore undoes it); with --purge, remove a deleted one for good')
    .option('--confirm <slug>', 'the slug again: deleting must be confirmed')
    .option('--purge', 'remove a soft-deleted tenant and all its users, groups, tokens and logs')
    .action(
      call(
        async (client, slug: string, options: { confirm?: string; purge?: boolean }): Promise<Deletion> => {
          if (options.confirm !== slug) {
            const what = options.purge
              ? `purging tenant "${slug}" removes all its data for good`
              : `deleting tenant "${slug}"`;
            throw new UsageError(`${what} must be confirmed by repeating its slug: --confirm ${slug}`);
          }
          const query = new URLSearchParams({ confirm: slug, ...(options.purge ? { purge: 'true' } : {}) });
          // A soft delete answers the tenant; a purge answers 204, no body.
          const deleted = await client.request<Tenant | undefined>('DELETE', `${tenantPath(slug)}?${query}`);
          return deleted ?? { purged: slug };
        },
        formatDeletion,
      ),
    );
  tenant
    .command('restore <slug>')
    .description('bring back a soft-deleted tenant, with everything it had')
    .action(
      call(
        (client, slug: string) => client.request<Tenant>('POST', `${tenantPath(slug)}/restore`),
        formatTenant,
      ),
    );
  tenant
    .command('rename <slug>')
    .description("change a tenant's display name (the slug, and so its URLs, stay)")
    .requiredOption('--name <name>', 'the new display name')
    .action(
      call(
        (client, slug: string, options: { name: string }) =>
          client.request<Tenant>('PATCH', tenantPath(slug), { name: options.name }),
        formatTenant,
      ),
    );
}
