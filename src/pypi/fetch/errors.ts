// Errors of the fetch side (index pages, downloads, cache), each a one-line message naming the URL, with a stable code.

import { UserError } from '../../util/errors.ts';

export type FetchErrorCode =
  | 'not-found'
  | 'http-error'
  | 'unreachable'
  | 'timeout'
  | 'network'
  | 'too-large'
  | 'offline'
  | 'bad-response'
  | 'hash-mismatch';

export class FetchError extends UserError {
  readonly code: FetchErrorCode;
  readonly url: string;
  /** True when trying again later might succeed (resets, timeouts, 5xx). */
  readonly retryable: boolean;
  constructor(code: FetchErrorCode, url: string, message: string, retryable = false) {
    super(message);
    this.name = 'FetchError';
    this.code = code;
    this.url = redactUrl(url);
    this.retryable = retryable;
  }
}

/** The bytes received do not have the digest the index announced. */
export class HashMismatchError extends FetchError {
  readonly filename: string;
  readonly expected: string;
  readonly actual: string;
  constructor(filename: string, url: string, expected: string, actual: string) {
    super(
      'hash-mismatch',
      url,
      `${filename}: sha256 mismatch: the index says ${expected}, the download is ${actual} (${redactUrl(url)})`,
    );
    this.name = 'HashMismatchError';
    this.filename = filename;
    this.expected = expected;
    this.actual = actual;
  }
}

/** The message used when offline mode has no cached copy of a URL. */
export function offlineMiss(url: string): FetchError {
  return new FetchError('offline', url, `not in cache (offline): ${redactUrl(url)}`);
}

/** A status that is neither success nor "not found", e.g. "URL: HTTP 401 (authentication required)". */
export function statusError(url: string, status: number, retryable = false): FetchError {
  const meaning = STATUS_MEANINGS[status];
  return new FetchError(
    'http-error',
    url,
    `${redactUrl(url)}: HTTP ${status}${meaning ? ` (${meaning})` : ''}`,
    retryable,
  );
}

const STATUS_MEANINGS: Record<number, string> = {
  401: 'authentication required',
  403: 'forbidden',
  407: 'proxy authentication required',
};

/** The URL with its secret hidden, as pip shows it: `https://user:****@host/...`, or `https://****@host/...` for a token. */
export function redactUrl(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i.exec(url);
  if (!match) return url;
  const colon = match[2].indexOf(':');
  const shown = colon === -1 ? '****' : `${match[2].slice(0, colon)}:****`;
  return `${match[1]}${shown}@${url.slice(match[0].length)}`;
}
