/** The base URL clients reach the server at, for `Location` and `meta.location`. */
import type { AddressInfo } from 'node:net';
import type { ServerConfig } from './config.js';

/** Wildcard listening addresses are reachable on loopback from the same machine. */
const LOOPBACK: Readonly<Record<string, string>> = { '0.0.0.0': '127.0.0.1', '::': '::1' };

function hostOf(address: string): string {
  const host = LOOPBACK[address] ?? address;
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * `PROVISIO_PUBLIC_URL` when set; otherwise `http://<host>:<port>` of the listening socket (so port 0 shows
 * the real port), or of the configuration before the server listens.
 */
export function publicUrlOf(config: ServerConfig, address: AddressInfo | string | null): string {
  if (config.publicUrl !== undefined) return config.publicUrl;
  if (address && typeof address === 'object') return `http://${hostOf(address.address)}:${address.port}`;
  return `http://${hostOf(config.host)}:${config.port}`;
}
