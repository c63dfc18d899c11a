/** Admin API tokens: like SCIM tokens (`tokens/tokens.ts`) but owned by an admin, and without scopes. */
import { NotFound } from '@provisio/scim-core';
import type { Selectable } from 'kysely';
import type { AdminToken, AdminTokenRepository, NewAdminToken } from '../contract.js';
import type { AdminTokensTable } from '../database.js';
import { guardUniqueness } from '../resources/uniqueness.js';
import type { StoreContext } from '../store-context.js';
import { lifecycleOf } from '../tokens/token-lifecycle.js';

function toAdminToken(row: Selectable<AdminTokensTable>): AdminToken {
  return {
    id: row.id,
    adminId: row.admin_id,
    description: row.description,
    prefix: row.prefix,
    hash: row.hash,
    ...lifecycleOf(row),
  };
}

export class SqlAdminTokenRepository implements AdminTokenRepository {
  constructor(private readonly context: StoreContext) {}

  async create(adminId: string, input: NewAdminToken): Promise<AdminToken> {
    const row: AdminTokensTable = {
      id: this.context.newId(),
      admin_id: adminId,
      description: input.description,
      prefix: input.prefix,
      hash: input.hash.toLowerCase(),
      created: this.context.now(),
      last_used: null,
      expires: input.expires ?? null,
      revoked: null,
    };
    await guardUniqueness(
      this.context.dialect,
      'hash',
      'an admin token with this secret already exists',
      () => this.context.db.insertInto('admin_tokens').values(row).execute(),
    );
    return toAdminToken(row);
  }

  async findByHash(hash: string): Promise<AdminToken | undefined> {
    const row = await this.context.db
      .selectFrom('admin_tokens')
      .selectAll()
      .where('hash', '=', hash.toLowerCase())
      .executeTakeFirst();
    return row && toAdminToken(row);
  }

  async list(adminId: string): Promise<readonly AdminToken[]> {
    const rows = await this.context.db
      .selectFrom('admin_tokens')
      .selectAll()
      .where('admin_id', '=', adminId)
      .orderBy('created')
      .orderBy('id')
      .execute();
    return rows.map(toAdminToken);
  }

  async markUsed(id: string): Promise<void> {
    await this.context.db
      .updateTable('admin_tokens')
      .set({ last_used: this.context.now() })
      .where('id', '=', id)
      .execute();
  }

  async revoke(adminId: string, id: string): Promise<AdminToken> {
    const row = await this.context.db
      .updateTable('admin_tokens')
      .set((eb) => ({ revoked: eb.fn.coalesce('revoked', eb.val(this.context.now())) }))
      .where('admin_id', '=', adminId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new NotFound(`admin token "${id}" not found`);
    return toAdminToken(row);
  }
}
