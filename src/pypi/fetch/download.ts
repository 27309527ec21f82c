// Downloading distribution files: content-addressed cache first, then HTTP (or file:) with a size cap, sha256
// verified against the index before the bytes are cached or returned.

import { stat, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { DistFile } from '../index/types.ts';
import { tooLarge, type ReadBody } from './body.ts';
import { isSha256Digest, sha256Hex } from './cache.ts';
import type { FetchContext } from './context.ts';
import { FetchError, HashMismatchError, offlineMiss, redactUrl, statusError } from './errors.ts';
import type { Artifact } from './types.ts';
import { plainBytes } from '../../util/bytes.ts';

export type { Artifact } from './types.ts';

/** Told the bytes of a body received so far while it streams in, and its size when the server announces one. */
export type OnBytes = (received: number, total: number | undefined) => void;

/**
 * The verified bytes of `file`. Throws HashMismatchError (nothing cached) when they differ from `file.sha256`;
 * a file without an index digest is returned with `verified: false` and is not cached.
 */
export async function fetchArtifact(file: DistFile, ctx: FetchContext, onBytes?: OnBytes): Promise<Artifact> {
  const expected = file.sha256?.toLowerCase();
  const url = stripFragment(file.url);
  if (expected !== undefined && !isSha256Digest(expected)) {
    throw new FetchError(
      'bad-response',
      url,
      `${file.filename}: the index gives an invalid sha256 ${JSON.stringify(expected)}`,
    );
  }
  if (expected && ctx.cache) {
    const bytes = await ctx.cache.readBlob(expected);
    if (bytes) return { file, bytes, sha256: expected, fromCache: true, verified: true };
  }
  const isLocal = url.startsWith('file:');
  if (ctx.offline && !isLocal) throw offlineMiss(url);
  const read = isLocal ? await readLocal(url, ctx.maxDownloadBytes) : await download(url, ctx, onBytes);
  if (expected && read.sha256 !== expected) throw new HashMismatchError(file.filename, url, expected, read.sha256);
  if (expected && !isLocal) await ctx.cache?.writeBlob(expected, read.bytes);
  return { file, bytes: read.bytes, sha256: read.sha256, fromCache: false, verified: Boolean(expected) };
}

async function download(url: string, ctx: FetchContext, onBytes?: OnBytes): Promise<ReadBody> {
  const read = await fetchBytes(ctx, url, ctx.maxDownloadBytes, onBytes);
  if (!read) throw new FetchError('not-found', url, `${redactUrl(url)}: not found`);
  return read;
}

/** A broken body with at least this much received resumes with Range (when the server allows) instead of starting over. */
export const RESUME_MIN_BYTES = 1024 * 1024;

/** What has been received so far over the attempts of one GET, and how to ask for the rest. */
interface Received {
  chunks: Uint8Array[];
  size: number;
  /** ETag or Last-Modified of the answer, sent as If-Range, when the server takes byte ranges. */
  validator?: string;
}

/** Where a 206 answer starts (`Content-Range: bytes START-END/TOTAL`), or undefined. */
function rangeStart(header: string | undefined): number | undefined {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(header?.trim() ?? '');
  return match ? Number(match[1]) : undefined;
}

function resumeHeaders(received: Received): Record<string, string> {
  if (received.size < RESUME_MIN_BYTES || !received.validator) return { accept: '*/*' };
  return { accept: '*/*', range: `bytes=${received.size}-`, 'if-range': received.validator };
}

/**
 * The body of `url` (hashed, at most `limit` bytes), or null on 404 / 410; other non-200 statuses throw. A body cut
 * short or reset is retried like any fault; past RESUME_MIN_BYTES the retry asks only for the rest (Range + If-Range),
 * and a server that answers with the whole file again simply starts it over. `onBytes` hears of every chunk.
 */
export function fetchBytes(ctx: FetchContext, url: string, limit: number, onBytes?: OnBytes): Promise<ReadBody | null> {
  if (url.startsWith('file:'))
    return readLocal(url, limit).catch((error) =>
      error instanceof FetchError && error.code === 'not-found' ? null : Promise.reject(error),
    );
  const received: Received = { chunks: [], size: 0 };
  return ctx.http.get(
    url,
    async (response) => {
      if (response.status === 404 || response.status === 410) return null;
      const resumed =
        response.status === 206 && received.size > 0 && rangeStart(response.header('content-range')) === received.size;
      if (response.status !== 200 && !resumed) throw statusError(response.url, response.status);
      if (!resumed) {
        const etag = response.header('etag');
        const validator = etag && !etag.startsWith('W/') ? etag : response.header('last-modified');
        Object.assign(received, {
          chunks: [],
          size: 0,
          validator: response.header('accept-ranges') === 'bytes' ? validator : undefined,
        });
      }
      const declared = Number(response.header('content-length'));
      if (received.size + declared > limit) throw tooLarge(response.url, limit);
      const total = declared > 0 ? received.size + declared : undefined;
      for await (const chunk of response.body) {
        received.size += chunk.byteLength;
        if (received.size > limit) throw tooLarge(response.url, limit);
        received.chunks.push(chunk);
        onBytes?.(received.size, total);
      }
      const bytes = plainBytes(Buffer.concat(received.chunks, received.size));
      return { bytes, sha256: sha256Hex(bytes) };
    },
    () => resumeHeaders(received),
  );
}

async function readLocal(url: string, limit: number): Promise<ReadBody> {
  const path = fileURLToPath(url);
  try {
    if ((await stat(path)).size > limit) throw tooLarge(url, limit);
    const bytes = plainBytes(await readFile(path));
    return { bytes, sha256: sha256Hex(bytes) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new FetchError('not-found', url, `${path}: no such file`);
    throw error;
  }
}

export function stripFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}
