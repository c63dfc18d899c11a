/** Column types shared by migrations. */
import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect/dialect-of.js';

/**
 * The type of the columns that are sorted and scanned as ranges (`sw` → [prefix, successor of prefix)):
 * on PostgreSQL they compare in the "C" collation, by code point as on SQLite, whatever collation the
 * database was created with; a language collation would order `ä` between `a` and `b` and put it in the
 * range of `sw "a"`.
 */
export function keyText(db: Kysely<unknown>) {
  return dialectOf(db) === 'postgres' ? sql`text collate "C"` : 'text';
}
