/**
 * Failed console logins, limited per username and per client IP over a sliding window. The failures are
 * rows in the database, so the limit holds however many server processes share it. A refusal looks the
 * same whether or not the username exists.
 */
import type { LoginAttemptKey, Store } from '@provisio/store';

const WINDOW_MS = 15 * 60_000;
const LIMITS: Readonly<Record<LoginAttemptKey['kind'], number>> = { username: 5, ip: 20 };

function keysOf(username: string, ip: string): LoginAttemptKey[] {
  return [
    { kind: 'username', subject: username },
    { kind: 'ip', subject: ip },
  ];
}

/**
 * Seconds until a login for `username` from `ip` may be tried again; 0 when it may be tried now. With
 * `limit` failures allowed per window, the next try is allowed once the `limit`-th newest failure has
 * left the window.
 */
export async function loginRetryAfter(
  store: Store,
  username: string,
  ip: string,
  now: number,
): Promise<number> {
  const since = new Date(now - WINDOW_MS).toISOString();
  let until = now;
  for (const key of keysOf(username, ip)) {
    const limit = LIMITS[key.kind];
    const failures = await store.loginAttempts.recentFailures(key, since, limit);
    if (failures.length >= limit) until = Math.max(until, Date.parse(failures[limit - 1]!) + WINDOW_MS);
  }
  return Math.ceil((until - now) / 1000);
}

export async function recordLoginFailure(store: Store, username: string, ip: string, now: number) {
  await store.loginAttempts.recordFailure(keysOf(username, ip), new Date(now - WINDOW_MS).toISOString());
}

/** A successful login forgets the username's failures; the IP's stay, so one good account cannot reset them. */
export async function forgetLoginFailures(store: Store, username: string): Promise<void> {
  await store.loginAttempts.clear({ kind: 'username', subject: username });
}
