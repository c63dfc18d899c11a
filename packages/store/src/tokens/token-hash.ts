/** Bearer secrets are stored only as SHA-256: a leaked database does not leak usable tokens. */
import { createHash } from 'node:crypto';

/** Hex SHA-256 of a presented or newly minted secret: what `tokens.create`/`findByHash` take. */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
