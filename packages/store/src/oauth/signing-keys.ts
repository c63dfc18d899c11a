/** Keys for access-token signatures, shared through the database by every server process. */
import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import { type StoreContext, inTransaction } from '../store-context.js';
import type { SigningKey, SigningKeyRepository } from './oauth-contract.js';
import type { OAuthSigningKeysTable } from './tables.js';

/** HS256 wants a key at least as long as its 256-bit hash (RFC 7518 §3.2). */
const KEY_BYTES = 32;

function toKey(row: Selectable<OAuthSigningKeysTable>): SigningKey {
  return {
    kid: row.kid,
    algorithm: 'HS256',
    secret: row.secret,
    created: row.created,
    ...(row.retired === null ? {} : { retired: row.retired }),
  };
}

export class SqlSigningKeyRepository implements SigningKeyRepository {
  constructor(private readonly context: StoreContext) {}

  current(rotateBefore: string): Promise<SigningKey> {
    return inTransaction(this.context, async (trx) => {
      const newest = await trx
        .selectFrom('oauth_signing_keys')
        .selectAll()
        .where('retired', 'is', null)
        .orderBy('created', 'desc')
        .orderBy('kid', 'desc')
        .executeTakeFirst();
      if (newest && newest.created >= rotateBefore) return toKey(newest);
      const now = this.context.now();
      await trx
        .updateTable('oauth_signing_keys')
        .set({ retired: now })
        .where('retired', 'is', null)
        .execute();
      const row: OAuthSigningKeysTable = {
        kid: this.context.newId(),
        algorithm: 'HS256',
        secret: randomBytes(KEY_BYTES).toString('base64url'),
        created: now,
        retired: null,
      };
      await trx.insertInto('oauth_signing_keys').values(row).execute();
      return toKey(row);
    });
  }

  async get(kid: string): Promise<SigningKey | undefined> {
    const row = await this.context.db
      .selectFrom('oauth_signing_keys')
      .selectAll()
      .where('kid', '=', kid)
      .executeTakeFirst();
    return row && toKey(row);
  }
}
