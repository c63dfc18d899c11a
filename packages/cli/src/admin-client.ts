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

/** The admin API path of one tenant, under which its tokens, schemas, users and logs sit. */
export function tenantPath(slug: string): string {
  return `/tenants/${encodeURIComponent(slug)}`;
}

/** No HTTP answer at all. */
export class CannotConnect extends Error {}

/** How long one request may take before the server counts as unreachable. */
const TIMEOUT_MS = 30_000;
/** A streamed answer (an import) reports as it goes, so it may take far longer than one request. */
const STREAM_TIMEOUT_MS = 60 * 60_000;

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
    const response = await this.#send(method, path, {
      accept: 'application/json',
      ...(body === undefined ? {} : { body: JSON.stringify(body), contentType: 'application/json' }),
    });
    const text = await response.text();
    const parsed = parseJson(text);
    if (!response.ok) throw refusalOf(response.status, parsed, text);
    return parsed as T;
  }

  /**
   * Sends `body` as `contentType` and reads an `application/x-ndjson` answer as it arrives, handing each
   * parsed line to `onLine`: how a long operation reports progress before its result.
   */
  async streamLines(
    path: string,
    body: string,
    contentType: string,
    onLine: (line: unknown) => void,
  ): Promise<void> {
    const response = await this.#send('POST', path, {
      accept: 'application/x-ndjson',
      body,
      contentType,
      timeoutMs: STREAM_TIMEOUT_MS,
    });
    if (!response.ok || !response.body) {
      const text = await response.text();
      throw refusalOf(response.status, parseJson(text), text);
    }
    let pending = '';
    try {
      for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) if (line.trim() !== '') onLine(parseJson(line));
      }
    } catch (error) {
      throw new CannotConnect(`the answer from ${this.#apiUrl} broke off: ${(error as Error).message}`);
    }
    if (pending.trim() !== '') onLine(parseJson(pending));
  }

  async #send(
    method: string,
    path: string,
    options: { accept: string; body?: string; contentType?: string; timeoutMs?: number },
  ): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: options.accept };
    if (options.contentType !== undefined) headers['content-type'] = options.contentType;
    try {
      return await fetch(`${this.#apiUrl}${path}`, {
        method,
        headers,
        signal: AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS),
        ...(options.body === undefined ? {} : { body: options.body }),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new CannotConnect(
        `cannot reach ${this.#apiUrl}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
      );
    }
  }
}
