/**
 * Console sessions: a 256-bit random secret in an HttpOnly, SameSite=Strict cookie; the database keeps only
 * its SHA-256. The CSRF token is an HMAC of the secret, so it needs no storage, can be handed out again by
 * `GET /session` after a page reload, and reveals nothing about the cookie it is derived from.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { AdminSession } from '@provisio/store';

export const SESSION_COOKIE = 'provisio_session';
export const CSRF_HEADER = 'x-csrf-token';
/** However active, a session ends after this long: a stolen cookie is not good forever. */
export const SESSION_LIFETIME_MS = 12 * 3600_000;
/** A console left alone this long is logged out. */
export const SESSION_IDLE_MS = 3600_000;

export function mintSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function csrfTokenOf(sessionSecret: string): string {
  return createHmac('sha256', sessionSecret).update('provisio-csrf').digest('base64url');
}

/** Constant-time check of a presented `X-CSRF-Token` against the session's. */
export function isCsrfTokenOf(presented: string | undefined, sessionSecret: string): boolean {
  if (presented === undefined) return false;
  const expected = Buffer.from(csrfTokenOf(sessionSecret));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `Secure` follows the public URL: a plain-HTTP development server would never get the cookie back. */
export function sessionCookieOptions(publicUrl: string, maxAgeMs: number): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: publicUrl.startsWith('https:'),
    maxAge: Math.max(0, Math.floor(maxAgeMs / 1000)),
  };
}

/** Whether `session` is still usable at `now`: before its absolute end and not idle too long. */
export function isSessionLive(session: AdminSession, now: number): boolean {
  return now < Date.parse(session.expires) && now - Date.parse(session.lastSeen) < SESSION_IDLE_MS;
}
