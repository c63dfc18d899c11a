/**
 * What every bearer credential's repository shares (SCIM tokens, admin tokens, OAuth clients): rows keyed
 * by id, owned by a tenant or an admin, found by the SHA-256 of a secret, marked used and revoked.
 */
import { NotFound } from '@provisio/scim-core';
import type { Compilable } from 'kysely';
import type { Tenant } from '../contract.js';
import type { Database, TenantsTable } from '../database.js';
import { guardUniqueness } from '../resources/uniqueness.js';
import type { StoreContext } from '../store-context.js';
import { toTenant } from '../tenants/tenants.js';

export type CredentialTableName = 'tokens' | 'admin_tokens' | 'oauth_clients';

/** One credential table: its columns that play the shared roles, and how its rows become records. */
export interface CredentialTable<T extends CredentialTableName, R> {
  readonly name: T;
  readonly owner: Extract<keyof Database[T], 'tenant_id' | 'admin_id'>;
  /** The unique column holding the hex SHA-256 of the secret. */
  readonly secretHash: Extract<keyof Database[T], 'hash' | 'secret_hash'>;
  /** Names one credential in a `NotFound` detail: `token`, `admin token`… */
  readonly noun: string;
  /** The `uniqueness` detail when a new secret's hash is already stored. */
  readonly duplicateSecret: string;
  readonly toRecord: (row: Database[T]) => R;
}

/** The columns every credential starts with, whatever its table. */
interface FreshColumns {
  readonly id: string;
  readonly created: string;
  readonly last_used: null;
  readonly last_client_ip: null;
  readonly revoked: null;
}

export class SqlCredentialRepository<T extends CredentialTableName, R> {
  constructor(
    protected readonly context: StoreContext,
    private readonly table: CredentialTable<T, R>,
  ) {}

  /** Looks a presented secret's hash up across owners. Revoked and expired credentials are returned too. */
  async findByHash(hash: string): Promise<R | undefined> {
    const [record] = await this.#records(
      this.context.db
        .selectFrom(this.#name)
        .selectAll()
        .where(this.context.db.dynamic.ref(this.table.secretHash), '=', hash.toLowerCase()),
    );
    return record;
  }

  /** In creation order. */
  list(ownerId: string): Promise<readonly R[]> {
    return this.#records(
      this.context.db
        .selectFrom(this.#name)
        .selectAll()
        .where(this.context.db.dynamic.ref(this.table.owner), '=', ownerId)
        .orderBy('created')
        .orderBy('id'),
    );
  }

  async markUsed(id: string, clientIp: string): Promise<void> {
    await this.context.db
      .updateTable(this.#name)
      .set({ last_used: this.context.now(), last_client_ip: clientIp })
      .where('id', '=', id)
      .execute();
  }

  /** Revoking twice keeps the first time. Throws `NotFound` when the owner has no such credential. */
  async revoke(ownerId: string, id: string): Promise<R> {
    return this.#found(
      id,
      await this.#records(
        this.context.db
          .updateTable(this.#name)
          .set((eb) => ({ revoked: eb.fn.coalesce('revoked', eb.val(this.context.now())) }))
          .where(this.context.db.dynamic.ref(this.table.owner), '=', ownerId)
          .where('id', '=', id)
          .returningAll(),
      ),
    );
  }

  /** Throws `NotFound` when the owner has no such credential. */
  async get(ownerId: string, id: string): Promise<R> {
    return this.#found(
      id,
      await this.#records(
        this.context.db
          .selectFrom(this.#name)
          .selectAll()
          .where(this.context.db.dynamic.ref(this.table.owner), '=', ownerId)
          .where('id', '=', id),
      ),
    );
  }

  protected freshColumns(): FreshColumns {
    return {
      id: this.context.newId(),
      created: this.context.now(),
      last_used: null,
      last_client_ip: null,
      revoked: null,
    };
  }

  /** Stores a new credential; the unique index on the secret's hash decides collisions. */
  protected async insert(row: Database[T]): Promise<R> {
    const values: Database[CredentialTableName] = row;
    await guardUniqueness(this.context.dialect, this.table.secretHash, this.table.duplicateSecret, () =>
      this.context.db.insertInto(this.#name).values(values).execute(),
    );
    return this.table.toRecord(row);
  }

  /** Widened so kysely types the query over the columns all credential tables share. */
  get #name(): CredentialTableName {
    return this.table.name;
  }

  /**
   * Runs `query` and maps its rows. kysely cannot name the row type of a generic table, so it is stated
   * here, once: every query above reads `this.table.name`, which is `T`, so its rows are `T`'s.
   */
  async #records(query: Compilable<unknown>): Promise<R[]> {
    const { rows } = await this.context.db.executeQuery<Database[T]>(query);
    return rows.map(this.table.toRecord);
  }

  #found(id: string, [record]: readonly R[]): R {
    if (record === undefined) throw new NotFound(`${this.table.noun} "${id}" not found`);
    return record;
  }
}

/** The tenant columns a credential lookup joins in, renamed where they would clash with the credential's. */
export const JOINED_TENANT_COLUMNS = [
  'tenants.slug',
  'tenants.name',
  'tenants.provisioning_enabled',
  'tenants.scim_compat',
  'tenants.created as tenant_created',
  'tenants.schema_version',
  'tenants.deleted',
] as const;

type JoinedTenantRow = Omit<TenantsTable, 'id' | 'created'> & {
  readonly tenant_id: string;
  readonly tenant_created: string;
};

/** The tenant of a row selected with {@link JOINED_TENANT_COLUMNS}. */
export function joinedTenant(row: JoinedTenantRow): Tenant {
  const {
    tenant_id,
    slug,
    name,
    provisioning_enabled,
    scim_compat,
    tenant_created,
    schema_version,
    deleted,
  } = row;
  return toTenant({
    id: tenant_id,
    slug,
    name,
    provisioning_enabled,
    scim_compat,
    created: tenant_created,
    schema_version,
    deleted,
  });
}
