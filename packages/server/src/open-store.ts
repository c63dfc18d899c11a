/**
 * The store the configuration names: PostgreSQL when `PROVISIO_DATABASE_URL` is set (shared by every server
 * process pointed at it), otherwise the SQLite file in the data directory. The server, `provisio migrate`
 * and the benchmark open it through here, so they always agree on where the data is.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Store, openStore } from '@provisio/store';
import type { ServerConfig } from './config.js';

export const DATABASE_FILE = 'provisio.db';

/** The database settings of {@link ServerConfig}: what opening the store needs. */
export type DatabaseConfig = Pick<
  ServerConfig,
  'dataDir' | 'databaseUrl' | 'databaseSchema' | 'dbPoolMax' | 'dbStatementTimeoutMs'
>;

/** Opens (without migrating) the configured store; creates the SQLite data directory if missing. */
export async function openConfiguredStore(config: DatabaseConfig): Promise<Store> {
  if (config.databaseUrl !== undefined) {
    return openStore(config.databaseUrl, {
      ...(config.databaseSchema === undefined ? {} : { schema: config.databaseSchema }),
      pool: { max: config.dbPoolMax },
      statementTimeoutMs: config.dbStatementTimeoutMs,
    });
  }
  await mkdir(config.dataDir, { recursive: true });
  return openStore(join(config.dataDir, DATABASE_FILE));
}

/** Where the store lives, for messages: the PostgreSQL URL without its password, or the SQLite file. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.databaseUrl === undefined) return `SQLite ${join(config.dataDir, DATABASE_FILE)}`;
  const url = new URL(config.databaseUrl);
  if (url.password !== '') url.password = '***';
  const schema = config.databaseSchema === undefined ? '' : ` (schema ${config.databaseSchema})`;
  return `PostgreSQL ${url.href}${schema}`;
}
