/** The tenant-schemas repository: each tenant's custom extensions, as data (issue 5). */
import {
  InvalidValue,
  NotFound,
  type SchemaDefinition,
  SchemaRegistry,
  Uniqueness,
  defineSchema,
} from '@provisio/scim-core';
import type { Kysely, Selectable } from 'kysely';
import type { NewTenantSchema, TenantSchema, TenantSchemaRepository } from '../contract.js';
import type { Database, TenantSchemasTable } from '../database.js';
import { guardUniqueness } from '../resources/uniqueness.js';
import { type StoreContext, inTransaction } from '../store-context.js';

const EXTENSIBLE = ['User', 'Group'];

function toTenantSchema(row: Selectable<TenantSchemasTable>): TenantSchema {
  return {
    tenantId: row.tenant_id,
    id: row.schema_id,
    resourceType: row.resource_type,
    required: row.required === 1,
    definition: JSON.parse(row.definition) as SchemaDefinition,
    created: row.created,
  };
}

/**
 * The extension as scim-core defines it. Building it onto the standard registry applies every RFC 7643 §7
 * check and refuses the standard schemas' own URNs, so the stored definition is one the server can load.
 */
function defineExtension(input: NewTenantSchema): SchemaDefinition {
  if (!EXTENSIBLE.includes(input.resourceType)) {
    throw new InvalidValue(
      `resourceType must be one of ${EXTENSIBLE.join(', ')}, not "${input.resourceType}"`,
    );
  }
  SchemaRegistry.standard().withExtension(input.definition, { resourceType: input.resourceType });
  return defineSchema(input.definition);
}

/** Bumps the tenant's schema version; the write also takes the database's write lock for the transaction. */
async function bumpSchemaVersion(db: Kysely<Database>, tenantId: string): Promise<void> {
  const updated = await db
    .updateTable('tenants')
    .set((eb) => ({ schema_version: eb('schema_version', '+', 1) }))
    .where('id', '=', tenantId)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) throw new NotFound(`tenant "${tenantId}" not found`);
}

async function selectRows(db: Kysely<Database>, tenantId: string) {
  return db
    .selectFrom('tenant_schemas')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('created')
    .orderBy('schema_id')
    .execute();
}

/** Schema URNs are compared case-insensitively (RFC 7643 §2.1), as the registry does. */
function findRow(rows: readonly Selectable<TenantSchemasTable>[], id: string) {
  return rows.find((row) => row.schema_id.toLowerCase() === id.toLowerCase());
}

export class SqlTenantSchemaRepository implements TenantSchemaRepository {
  constructor(private readonly context: StoreContext) {}

  async add(tenantId: string, input: NewTenantSchema): Promise<TenantSchema> {
    const definition = defineExtension(input);
    const row: TenantSchemasTable = {
      tenant_id: tenantId,
      schema_id: definition.id,
      resource_type: input.resourceType,
      required: input.required ? 1 : 0,
      definition: JSON.stringify(definition),
      created: this.context.now(),
    };
    const duplicate = `tenant already has the schema extension "${definition.id}"`;
    await inTransaction(this.context, async (db) => {
      await bumpSchemaVersion(db, tenantId);
      if (findRow(await selectRows(db, tenantId), definition.id)) throw new Uniqueness(duplicate);
      await guardUniqueness(this.context.dialect, 'schema_id', duplicate, () =>
        db.insertInto('tenant_schemas').values(row).execute(),
      );
    });
    return toTenantSchema(row);
  }

  async list(tenantId: string): Promise<readonly TenantSchema[]> {
    return (await selectRows(this.context.db, tenantId)).map(toTenantSchema);
  }

  async remove(tenantId: string, id: string): Promise<void> {
    await inTransaction(this.context, async (db) => {
      await bumpSchemaVersion(db, tenantId);
      const row = findRow(await selectRows(db, tenantId), id);
      if (!row) throw new NotFound(`tenant has no schema extension "${id}"`);
      await db
        .deleteFrom('tenant_schemas')
        .where('tenant_id', '=', tenantId)
        .where('schema_id', '=', row.schema_id)
        .execute();
    });
  }
}
