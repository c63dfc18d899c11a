/**
 * `password` (RFC 7643 §4.1.1) is writeOnly and returned never: Provisio keeps only an scrypt hash in the
 * PHC string format, so a database dump reveals no password. The store refuses to persist anything else.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const PREFIX = '$scrypt$';
/** N = 2^15, r = 8, p = 1: the parameters OWASP names for scrypt; about 32 MiB and tens of ms per hash. */
const LOG_N = 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { N: 2 ** logN, r, p, maxmem: MAX_MEMORY },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

export function isPasswordHash(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, LOG_N, R, P);
  return `${PREFIX}ln=${LOG_N},r=${R},p=${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Constant-time check of `password` against a hash made by {@link hashPassword}; false for anything else. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const match = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(hash);
  if (!match) return false;
  const [, logN, r, p, salt, expected] = match;
  const wanted = Buffer.from(expected!, 'base64');
  const key = await derive(password, Buffer.from(salt!, 'base64'), Number(logN), Number(r), Number(p));
  return key.length === wanted.length && timingSafeEqual(key, wanted);
}
