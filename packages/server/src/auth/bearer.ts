/** RFC 6750 bearer credentials, shared by the SCIM mounts and the admin API. */
import { timingSafeEqual } from 'node:crypto';

/** The secret of an RFC 6750 §2.1 `Bearer` credential; the scheme is case-insensitive. */
export function bearerSecret(header: string | undefined): string | undefined {
  const match = header && /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
  return match ? match[1] : undefined;
}

/** Constant-time comparison of hex digests, so response timing says nothing about how much matched. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * "Last used" is recorded to the minute: writing it on every request would make each read a write.
 * Deciding from the stored value keeps this right across several server processes.
 */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Whether a use at `now` should be written, given the recorded `lastUsed`. */
export function isUseWorthRecording(lastUsed: string | undefined, now: number): boolean {
  return lastUsed === undefined || now - Date.parse(lastUsed) >= LAST_USED_RESOLUTION_MS;
}
