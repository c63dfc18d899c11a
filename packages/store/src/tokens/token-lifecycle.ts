import type { TokenLifecycle } from '../contract.js';

interface LifecycleColumns {
  readonly created: string;
  readonly last_used: string | null;
  readonly last_client_ip: string | null;
  readonly expires: string | null;
  readonly revoked: string | null;
}

/** The lifecycle columns of a token row, with unset times left out rather than null. */
export function lifecycleOf(row: LifecycleColumns): TokenLifecycle {
  return {
    created: row.created,
    ...(row.last_used === null ? {} : { lastUsed: row.last_used }),
    ...(row.last_client_ip === null ? {} : { lastClientIp: row.last_client_ip }),
    ...(row.expires === null ? {} : { expires: row.expires }),
    ...(row.revoked === null ? {} : { revoked: row.revoked }),
  };
}
