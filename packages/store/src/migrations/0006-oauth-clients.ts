/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4, issue 5): per-tenant clients whose secrets are stored as
 * SHA-256 like bearer tokens (0001), and the keys access tokens are signed with. The keys live in the
 * database so that every server process on it signs and verifies with the same ones, and a rotation made
 * by one process is seen by all.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oauth_clients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_used', 'text')
    .addColumn('revoked', 'text')
    .execute();
  await db.schema.createIndex('oauth_clients_tenant').on('oauth_clients').column('tenant_id').execute();

  await db.schema
    .createTable('oauth_signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('retired', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['oauth_signing_keys', 'oauth_clients']) await db.schema.dropTable(table).execute();
}
