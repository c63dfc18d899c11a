/**
 * The tenants repository. A tenant owns every other row; deleting it cascades. Deletion through the admin
 * API is two steps: a soft delete (SCIM stops answering, nothing is lost) and a purge (the cascade).
 */
import { Conflict, InvalidValue, NotFound, Uniqueness } from '@provisio/scim-core';
import type { Selectable } from 'kysely';
import type { NewTenant, Tenant, TenantChanges, TenantListOptions, TenantRepository } from '../contract.js';
import type { TenantsTable } from '../database.js';
import type { StoreContext } from '../store-context.js';

/** Slugs appear in URLs: lower-case letters, digits and inner hyphens. */
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function checkSlug(slug: string): void {
  if (!SLUG.test(slug)) {
    throw new InvalidValue(`slug "${slug}" must be 1-63 lower-case letters, digits or inner hyphens`);
  }
}

export function toTenant(row: Selectable<TenantsTable>): Tenant {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    provisioningEnabled: row.provisioning_enabled === 1,
    scimCompat: row.scim_compat,
    created: row.created,
    schemaVersion: row.schema_version,
    ...(row.deleted === null ? {} : { deleted: row.deleted }),
  };
}

export class SqlTenantRepository implements TenantRepository {
  constructor(private readonly context: StoreContext) {}

  async create(input: NewTenant): Promise<Tenant> {
    checkSlug(input.slug);
    const row: TenantsTable = {
      id: this.context.newId(),
      slug: input.slug,
      name: input.name,
      provisioning_enabled: input.provisioningEnabled === false ? 0 : 1,
      scim_compat: input.scimCompat ?? 'entra',
      created: this.context.now(),
      schema_version: 0,
      deleted: null,
    };
    await this.#guardSlug(input.slug, () => this.context.db.insertInto('tenants').values(row).execute());
    return toTenant(row);
  }

  async get(id: string): Promise<Tenant> {
    const row = await this.context.db
      .selectFrom('tenants')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFound(`tenant "${id}" not found`);
    return toTenant(row);
  }

  async findBySlug(slug: string): Promise<Tenant | undefined> {
    const row = await this.context.db
      .selectFrom('tenants')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row && toTenant(row);
  }

  async list(options: TenantListOptions = {}): Promise<readonly Tenant[]> {
    const rows = await this.context.db
      .selectFrom('tenants')
      .selectAll()
      .$if(!options.includeDeleted, (query) => query.where('deleted', 'is', null))
      .orderBy('slug')
      .execute();
    return rows.map(toTenant);
  }

  async update(id: string, changes: TenantChanges): Promise<Tenant> {
    if (changes.slug !== undefined) checkSlug(changes.slug);
    const row = await this.#guardSlug(changes.slug ?? '', () =>
      this.context.db
        .updateTable('tenants')
        .set({
          ...(changes.slug === undefined ? {} : { slug: changes.slug }),
          ...(changes.name === undefined ? {} : { name: changes.name }),
          ...(changes.provisioningEnabled === undefined
            ? {}
            : { provisioning_enabled: changes.provisioningEnabled ? 1 : 0 }),
          ...(changes.scimCompat === undefined ? {} : { scim_compat: changes.scimCompat }),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst(),
    );
    if (!row) throw new NotFound(`tenant "${id}" not found`);
    return toTenant(row);
  }

  async delete(id: string): Promise<void> {
    const deleted = await this.context.db.deleteFrom('tenants').where('id', '=', id).executeTakeFirst();
    if (deleted.numDeletedRows === 0n) throw new NotFound(`tenant "${id}" not found`);
  }

  async softDelete(id: string): Promise<Tenant> {
    return this.#setDeleted(id, this.context.now());
  }

  async restore(id: string): Promise<Tenant> {
    return this.#setDeleted(id, null);
  }

  async purge(id: string): Promise<void> {
    const purged = await this.context.db
      .deleteFrom('tenants')
      .where('id', '=', id)
      .where('deleted', 'is not', null)
      .executeTakeFirst();
    if (purged.numDeletedRows > 0n) return;
    await this.get(id);
    throw new Conflict(`tenant "${id}" is not deleted: only a soft-deleted tenant can be purged`);
  }

  async #setDeleted(id: string, at: string | null): Promise<Tenant> {
    const row = await this.context.db
      .updateTable('tenants')
      // A repeated soft delete keeps the first time: it is when SCIM service stopped.
      .set((eb) => ({ deleted: at === null ? null : eb.fn.coalesce('deleted', eb.val(at)) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new NotFound(`tenant "${id}" not found`);
    return toTenant(row);
  }

  async #guardSlug<T>(slug: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (this.context.dialect.isUniqueViolation(error, 'slug')) {
        throw new Uniqueness(`tenant slug "${slug}" is already in use`);
      }
      throw error;
    }
  }
}
