/** Where the benchmark finds the SCIM server, and the one-off requests it makes before the load starts. */

export interface ScimEndpoint {
  /** `http://127.0.0.1:<port>`: what the load generator connects to. */
  readonly origin: string;
  /** The SCIM mount, e.g. `/scim/v2`; every request path starts with it. */
  readonly basePath: string;
  /** `Authorization: Bearer …` and `Accept`, sent with every request. */
  readonly headers: Readonly<Record<string, string>>;
}

/** The endpoint behind a tenant URL, authenticated with `token`. */
export function toScimEndpoint(tenantUrl: string, token: string): ScimEndpoint {
  const url = new URL(tenantUrl);
  return {
    origin: url.origin,
    basePath: url.pathname.replace(/\/+$/, ''),
    headers: { authorization: `Bearer ${token}`, accept: 'application/scim+json' },
  };
}

/**
 * GETs `path` (below the SCIM mount) and returns the JSON body. The benchmark prepares its scenarios with
 * these (walking cursors, checking the data set), so anything but 200 stops it with the server's answer.
 */
export async function getScimJson(scim: ScimEndpoint, path: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${scim.origin}${scim.basePath}${path}`, { headers: scim.headers });
  const body = await response.text();
  if (response.status !== 200)
    throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 500)}`);
  return JSON.parse(body) as Record<string, unknown>;
}

/** `totalResults` of a list response; fails loudly when it is missing. */
export async function countScimResults(scim: ScimEndpoint, path: string): Promise<number> {
  const { totalResults } = await getScimJson(scim, path);
  if (typeof totalResults !== 'number') throw new Error(`GET ${path}: no totalResults in the response`);
  return totalResults;
}
