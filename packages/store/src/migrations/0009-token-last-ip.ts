/**
 * The client IP of a credential's last recorded use (issue 5: "last client IP" in the token list), for
 * SCIM tokens, admin tokens and OAuth clients. It is written by the same statement as `last_used`, at
 * most once a minute per credential, so it adds no write to the request path.
 */
import type { Kysely } from 'kysely';

const CREDENTIAL_TABLES = ['tokens', 'admin_tokens', 'oauth_clients'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of CREDENTIAL_TABLES) {
    await db.schema.alterTable(table).addColumn('last_client_ip', 'text').execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of CREDENTIAL_TABLES) {
    await db.schema.alterTable(table).dropColumn('last_client_ip').execute();
  }
}
