// HTTP GET for index pages and downloads: one pooled undici dispatcher (proxy-aware), redirects, retries with
// exponential backoff, timeouts and an overall deadline, and one-line errors that name the URL.

import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import packageJson from '../../../package.json' with { type: 'json' };
import { FetchError, redactUrl, statusError } from './errors.ts';

export interface HttpOptions {
  /** Where HTTP(S)_PROXY / NO_PROXY are read from (lower-case names win, as curl and pip do). */
  env?: NodeJS.ProcessEnv;
  userAgent?: string;
  /** Connections per origin. */
  connections?: number;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  /** Longest silence while reading a body. */
  bodyTimeoutMs?: number;
  /** Overall limit for one `get`, retries and body included. */
  deadlineMs?: number;
  /**
   * Watchdog per attempt until response headers arrive, whatever undici is doing: a proxy that drops CONNECT makes
   * undici 7 reconnect in a tight loop that ignores its own timeouts and the abort signal (undici#3897).
   */
  responseDeadlineMs?: number;
  /** Attempts after the first one, for resets, timeouts, 429 and 5xx (also a body cut short or reset mid-way). */
  retries?: number;
  /** No new attempt starts once this long has passed since the first one began. */
  retryBudgetMs?: number;
  /** First backoff delay; doubles on every retry. */
  retryBaseMs?: number;
  /** Use this dispatcher instead of building one (tests: MockAgent). */
  dispatcher?: Dispatcher;
}

export interface HttpResponse {
  status: number;
  /** The URL that answered, after redirects. */
  url: string;
  header(name: string): string | undefined;
  body: AsyncIterable<Uint8Array>;
}

/** Request headers, or a function giving them afresh for each attempt. */
export type Headers = Record<string, string> | (() => Record<string, string>);

export const USER_AGENT = `pyguard/${packageJson.version}`;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const MAX_REDIRECTS = 10;
const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

export class HttpClient {
  readonly userAgent: string;
  readonly proxied: boolean;
  private readonly options: Required<Omit<HttpOptions, 'dispatcher' | 'env' | 'userAgent'>>;
  private readonly env: NodeJS.ProcessEnv;
  private readonly given?: Dispatcher;
  private built?: Dispatcher;
  /** Basic credentials seen in a URL, reused for later URLs of the same origin (files of a private index), as pip does. */
  private readonly credentials = new Map<string, string>();

  constructor(options: HttpOptions = {}) {
    this.env = options.env ?? process.env;
    this.userAgent = options.userAgent ?? USER_AGENT;
    this.given = options.dispatcher;
    this.proxied = !options.dispatcher && Boolean(proxyEnv(this.env).httpProxy || proxyEnv(this.env).httpsProxy);
    this.options = {
      connections: options.connections ?? 8,
      connectTimeoutMs: options.connectTimeoutMs ?? 15_000,
      headersTimeoutMs: options.headersTimeoutMs ?? 30_000,
      bodyTimeoutMs: options.bodyTimeoutMs ?? 30_000,
      deadlineMs: options.deadlineMs ?? 600_000,
      responseDeadlineMs: options.responseDeadlineMs ?? 60_000,
      retries: options.retries ?? 3,
      retryBudgetMs: options.retryBudgetMs ?? 120_000,
      retryBaseMs: options.retryBaseMs ?? 500,
    };
  }

  /**
   * GET `url` and hand the response to `read` (which consumes the body). Redirects are followed; 429/5xx, resets and
   * timeouts are retried, also when they happen while `read` consumes the body (a retry calls `read` again with a
   * fresh response; `headers` may be a function, asked again for each attempt, e.g. for a Range to resume from).
   * Other statuses reach `read` as they are.
   */
  async get<T>(url: string, read: (response: HttpResponse) => Promise<T>, headers: Headers = {}): Promise<T> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const seconds = Math.round(this.options.deadlineMs / 100) / 10;
        const error = new FetchError('timeout', url, `${redactUrl(url)}: no complete answer within ${seconds}s`);
        controller.abort(error);
        reject(error);
      }, this.options.deadlineMs);
    });
    try {
      return await Promise.race([this.attempts(url, read, headers, controller.signal), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Close idle connections (call once at the end of a run). */
  async close(): Promise<void> {
    const dispatcher = this.built;
    this.built = undefined;
    await dispatcher?.close();
  }

  private async attempts<T>(
    url: string,
    read: (r: HttpResponse) => Promise<T>,
    headers: Headers,
    signal: AbortSignal,
  ): Promise<T> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(url, read, typeof headers === 'function' ? headers() : headers, signal);
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        const failure = toFetchError(error, url);
        if (!failure.retryable) throw failure;
        const backoff = this.options.retryBaseMs * 2 ** (attempt - 1);
        const elapsed = Date.now() - started;
        const outOfTime = elapsed + backoff > this.options.retryBudgetMs;
        if (attempt > this.options.retries || outOfTime) {
          if (attempt === 1 && !outOfTime) throw failure;
          const spent = outOfTime ? ` in ${Math.round(elapsed / 1000)}s, the retry time limit` : '';
          throw new FetchError(
            failure.code,
            failure.url,
            `${failure.message} (after ${attempt} attempt${attempt === 1 ? '' : 's'}${spent})`,
            true,
          );
        }
        await sleep(backoff, signal);
      }
    }
  }

  private async once<T>(
    url: string,
    read: (r: HttpResponse) => Promise<T>,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<T> {
    let current = url;
    for (let hop = 0; ; hop++) {
      const { url: clean, authorization } = this.withoutCredentials(current);
      current = clean;
      const response = await this.untilHeaders(
        current,
        { 'user-agent': this.userAgent, ...(authorization ? { authorization } : {}), ...headers },
        signal,
      );
      const header = (name: string): string | undefined => {
        const value = response.headers[name.toLowerCase()];
        return Array.isArray(value) ? value[0] : value;
      };
      const location = header('location');
      if (REDIRECT_STATUSES.has(response.statusCode) && location) {
        discard(response.body);
        if (hop >= MAX_REDIRECTS)
          throw new FetchError('bad-response', url, `${redactUrl(url)}: more than ${MAX_REDIRECTS} redirects`);
        const next = new URL(location, current);
        if (current.startsWith('https:') && next.protocol !== 'https:') {
          throw new FetchError(
            'bad-response',
            current,
            `${current}: refused redirect from https to ${redactUrl(next.href)}`,
          );
        }
        current = next.href;
        continue;
      }
      if (RETRY_STATUSES.has(response.statusCode)) {
        discard(response.body);
        throw statusError(current, response.statusCode, true);
      }
      try {
        return await read({ status: response.statusCode, url: current, header, body: response.body });
      } finally {
        discard(response.body);
      }
    }
  }

  /** Send the request; give up (and, behind a proxy, drop the dispatcher) when no headers come within the watchdog. */
  private async untilHeaders(
    url: string,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<Dispatcher.ResponseData> {
    const watchdog = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const seconds = Math.round(this.options.responseDeadlineMs / 100) / 10;
        const error = new FetchError(
          'timeout',
          url,
          `${redactUrl(url)}: no response within ${seconds}s${this.proxied ? ' (through the proxy)' : ''}`,
          true,
        );
        watchdog.abort(error);
        if (this.proxied) this.resetDispatcher();
        reject(error);
      }, this.options.responseDeadlineMs);
    });
    try {
      const sent = request(url, {
        method: 'GET',
        dispatcher: this.dispatcher(),
        headers,
        signal: AbortSignal.any([signal, watchdog.signal]),
      });
      return await Promise.race([sent, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The URL without user:password, and the Authorization header for its origin (from this URL or an earlier one). */
  private withoutCredentials(url: string): { url: string; authorization?: string } {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { url };
    }
    if (parsed.username || parsed.password) {
      const secret = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
      this.credentials.set(parsed.origin, `Basic ${Buffer.from(secret).toString('base64')}`);
      parsed.username = '';
      parsed.password = '';
    }
    return { url: parsed.href, authorization: this.credentials.get(parsed.origin) };
  }

  private dispatcher(): Dispatcher {
    if (this.given) return this.given;
    this.built ??= this.build();
    return this.built;
  }

  private build(): Dispatcher {
    const options = {
      connections: this.options.connections,
      connect: { timeout: this.options.connectTimeoutMs },
      headersTimeout: this.options.headersTimeoutMs,
      bodyTimeout: this.options.bodyTimeoutMs,
    };
    return this.proxied ? new EnvHttpProxyAgent({ ...options, ...proxyEnv(this.env) }) : new Agent(options);
  }

  private resetDispatcher(): void {
    const stale = this.built;
    this.built = undefined;
    stale?.destroy().catch(() => undefined);
  }
}

/** Proxy settings from `env` only (EnvHttpProxyAgent would otherwise read process.env). */
function proxyEnv(env: NodeJS.ProcessEnv): { httpProxy: string; httpsProxy: string; noProxy: string } {
  return {
    httpProxy: env.http_proxy ?? env.HTTP_PROXY ?? '',
    httpsProxy: env.https_proxy ?? env.HTTPS_PROXY ?? '',
    noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
  };
}

/** Turn whatever undici or Node threw into a one-line FetchError naming the URL. */
function toFetchError(error: unknown, url: string): FetchError {
  if (error instanceof FetchError) return error;
  const code = errorCode(error);
  const shown = redactUrl(url);
  const where = hostAndPort(url);
  const retryable = code !== undefined && RETRYABLE_CODES.has(code);
  switch (code) {
    case 'ECONNREFUSED':
      return new FetchError('unreachable', url, `${shown}: cannot reach ${where} (connection refused)`, retryable);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new FetchError('unreachable', url, `${shown}: cannot resolve host ${new URL(url).hostname}`, retryable);
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
      return new FetchError('unreachable', url, `${shown}: cannot reach ${where} (network unreachable)`, retryable);
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return new FetchError('timeout', url, `${shown}: timed out connecting to ${where}`, retryable);
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new FetchError('timeout', url, `${shown}: timed out waiting for the server to answer`, retryable);
    case 'UND_ERR_BODY_TIMEOUT':
      return new FetchError('timeout', url, `${shown}: timed out reading the response body`, retryable);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return new FetchError('network', url, `${shown}: connection to ${where} was closed unexpectedly`, retryable);
    case 'ERR_INVALID_URL':
    case 'UND_ERR_INVALID_ARG':
      return new FetchError('bad-response', url, `${shown}: not a valid http(s) URL`);
  }
  if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return new FetchError('network', url, `${shown}: TLS problem with ${where} (${code})`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new FetchError('network', url, `${shown}: ${message}${code ? ` (${code})` : ''}`, retryable);
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown[] };
  if (typeof record.code === 'string') return record.code;
  if (Array.isArray(record.errors) && record.errors.length > 0) return errorCode(record.errors[0]);
  if (record.cause) return errorCode(record.cause);
  return undefined;
}

function hostAndPort(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || (parsed.protocol === 'https:' ? 443 : 80)}`;
  } catch {
    return url;
  }
}

/** Drop a body nobody will read, without an unhandled "aborted" error. */
function discard(body: NodeJS.ReadableStream & { destroyed: boolean; destroy(): void }): void {
  if (body.destroyed) return;
  body.on('error', () => undefined);
  body.destroy();
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
