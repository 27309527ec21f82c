// GET of an index page (or any small text resource) through the response cache: revalidated with
// If-None-Match / If-Modified-Since when online (304 → the cached copy), served from the cache alone when offline.
// A file: URL is read from disk as pip reads it: a folder stands for its index.html, a missing path is a 404.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { CachedResponse } from './cache.ts';
import { readBounded, tooLarge } from './body.ts';
import type { FetchContext } from './context.ts';
import { offlineMiss, statusError } from './errors.ts';

export interface Page {
  /** The URL that answered, after redirects: relative links resolve against it. */
  url: string;
  /** 200, or 404 / 410 (the caller decides what "not found" means). */
  status: number;
  contentType: string;
  body: string;
  fromCache: boolean;
}

const MISSING_STATUSES = new Set([404, 410]);

export async function getPage(ctx: FetchContext, url: string, accept: string): Promise<Page> {
  if (url.startsWith('file:')) return readLocalPage(url, ctx.maxPageBytes);
  const key = `${accept}\n${url}`;
  const cached = (await ctx.cache?.readResponse(key)) ?? null;
  if (ctx.offline) {
    if (!cached) throw offlineMiss(url);
    return fromCached(cached);
  }
  const headers: Record<string, string> = { accept };
  if (cached?.etag) headers['if-none-match'] = cached.etag;
  if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
  const page = await ctx.http.get(
    url,
    async (response): Promise<CachedResponse | 'not-modified'> => {
      if (response.status === 304 && cached) return 'not-modified';
      if (response.status !== 200 && !MISSING_STATUSES.has(response.status)) {
        throw statusError(response.url, response.status);
      }
      const body = response.status === 200 ? await readBounded(response.body, ctx.maxPageBytes, response.url) : null;
      return {
        url,
        finalUrl: response.url,
        status: response.status,
        contentType: response.header('content-type'),
        etag: response.header('etag'),
        lastModified: response.header('last-modified'),
        storedAt: new Date().toISOString(),
        body: body ? Buffer.from(body.bytes).toString('utf8') : '',
      };
    },
    headers,
  );
  if (page === 'not-modified') return fromCached(cached!);
  // an index that sends no validators answers 200 every time: an unchanged page is not written again, only touched
  if (cached && sameResponse(cached, page)) await ctx.cache?.touchResponse(key);
  else await ctx.cache?.writeResponse(key, page);
  return { ...fromCached(page), fromCache: false };
}

function sameResponse(a: CachedResponse, b: CachedResponse): boolean {
  return (
    a.url === b.url &&
    a.finalUrl === b.finalUrl &&
    a.status === b.status &&
    a.contentType === b.contentType &&
    a.etag === b.etag &&
    a.lastModified === b.lastModified &&
    a.body === b.body
  );
}

function fromCached(cached: CachedResponse): Page {
  return {
    url: cached.finalUrl,
    status: cached.status,
    contentType: cached.contentType ?? '',
    body: cached.body,
    fromCache: true,
  };
}

async function readLocalPage(url: string, limit: number): Promise<Page> {
  let path = fileURLToPath(url);
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) path = join(path, 'index.html');
  const size = info?.isDirectory() ? (await stat(path).catch(() => undefined))?.size : info?.size;
  const missing = { url, status: 404, contentType: '', body: '', fromCache: false };
  if (size === undefined) return missing;
  if (size > limit) throw tooLarge(url, limit);
  const body = await readFile(path, 'utf8').catch(() => undefined);
  if (body === undefined) return missing;
  return {
    url: pathToFileURL(path).href,
    status: 200,
    contentType: /\.html?$/i.test(path) ? 'text/html' : '',
    body,
    fromCache: false,
  };
}
