// GET of an index page (or any small text resource) through the response cache: revalidated with
// If-None-Match / If-Modified-Since when online (304 → the cached copy), served from the cache alone when offline.

import type { CachedResponse } from './cache.ts';
import { readBounded } from './body.ts';
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
  const key = `${accept}\n${url}`;
  const cached = (await ctx.cache?.readResponse(key)) ?? null;
  if (ctx.offline) {
    if (!cached) throw offlineMiss(url);
    return fromCached(cached);
  }
  const headers: Record<string, string> = { accept };
  if (cached?.etag) headers['if-none-match'] = cached.etag;
  if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
  const page = await ctx.http.get(url, async (response): Promise<CachedResponse | 'not-modified'> => {
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
  }, headers);
  if (page === 'not-modified') return fromCached(cached!);
  await ctx.cache?.writeResponse(key, page);
  return { ...fromCached(page), fromCache: false };
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
