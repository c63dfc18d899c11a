/**
 * The directory's change sequence. Taking a number locks the directory's sequence row until the
 * transaction ends, so writers stamp in commit order: a reader who saw sequence n has seen every write
 * stamped n or less.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

/** Only directory so far; every query names it so more can come without touching the SQL. */
export const DEFAULT_DIRECTORY = 'default';

/** Call inside the write's transaction. */
export async function nextSequence(db: Kysely<Database>): Promise<number> {
  const row = await db
    .updateTable('directory_sequences')
    .set((eb) => ({ last_sequence: eb('last_sequence', '+', 1) }))
    .where('directory_id', '=', DEFAULT_DIRECTORY)
    .returning('last_sequence')
    .executeTakeFirstOrThrow();
  return Number(row.last_sequence);
}

export async function currentSequence(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('directory_sequences')
    .select('last_sequence')
    .where('directory_id', '=', DEFAULT_DIRECTORY)
    .executeTakeFirstOrThrow();
  return Number(row.last_sequence);
}
