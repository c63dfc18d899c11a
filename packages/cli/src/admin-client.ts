/** A small HTTP client of the admin API (`/admin/api`): JSON in, JSON out, typed failures. */

/** The server answered with an error: `{ error: { code, message } }`, or something else for proxies. */
export class ServerRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** No HTTP answer at all. */
export class CannotConnect extends Error {}

/** How long one request may take before the server counts as unreachable. */
const TIMEOUT_MS = 30_000;

function refusalOf(status: number, body: unknown, text: string): ServerRefused {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (typeof error?.code === 'string' && typeof error.message === 'string') {
    return new ServerRefused(status, error.code, error.message);
  }
  return new ServerRefused(status, `http_${status}`, text.trim().slice(0, 200) || `HTTP ${status}`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export class AdminClient {
  readonly #apiUrl: string;

  /** `baseUrl` is the server's origin, e.g. `http://127.0.0.1:8080`. */
  constructor(
    baseUrl: string,
    private readonly token: string,
  ) {
    this.#apiUrl = `${baseUrl.replace(/\/+$/, '')}/admin/api`;
  }

  /** Sends one request; resolves to the parsed JSON body of a 2xx answer. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.#apiUrl}${path}`, {
        method,
        headers,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new CannotConnect(
        `cannot reach ${this.#apiUrl}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
      );
    }
    const text = await response.text();
    const parsed = parseJson(text);
    if (!response.ok) throw refusalOf(response.status, parsed, text);
    return parsed as T;
  }
}
