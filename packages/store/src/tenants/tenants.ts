/** The tenants repository. A tenant owns every other row; deleting it cascades. */
import { InvalidValue, NotFound, Uniqueness } from '@provisio/scim-core';
import type { Selectable } from 'kysely';
import type { NewTenant, Tenant, TenantChanges, TenantRepository } from '../contract.js';
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

  async list(): Promise<readonly Tenant[]> {
    const rows = await this.context.db.selectFrom('tenants').selectAll().orderBy('slug').execute();
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
