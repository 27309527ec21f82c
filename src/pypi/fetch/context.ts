// What every fetching function needs: the HTTP client, the cache (absent with --no-cache), offline mode and limits.

import { Cache, defaultCacheDir } from './cache.ts';
import { HttpClient, type HttpOptions } from './http.ts';

export const DEFAULT_MAX_DOWNLOAD_BYTES = 256 * 1024 * 1024;
export const DEFAULT_MAX_PAGE_BYTES = 64 * 1024 * 1024;

export interface FetchContext {
  http: HttpClient;
  cache?: Cache;
  /** Serve everything from the cache; never touch the network. */
  offline: boolean;
  /** A distribution larger than this is refused (reading stops there). */
  maxDownloadBytes: number;
  /** An index page or metadata file larger than this is refused. */
  maxPageBytes: number;
}

export interface FetchContextOptions {
  env: NodeJS.ProcessEnv;
  /** Overrides PYGUARD_CACHE_DIR and the XDG default. */
  cacheDir?: string;
  noCache?: boolean;
  offline?: boolean;
  maxDownloadBytes?: number;
  http?: Omit<HttpOptions, 'env'>;
}

export function createFetchContext(options: FetchContextOptions): FetchContext {
  return {
    http: new HttpClient({ ...options.http, env: options.env }),
    cache: options.noCache ? undefined : new Cache(options.cacheDir ?? defaultCacheDir(options.env)),
    offline: options.offline ?? false,
    maxDownloadBytes: options.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES,
    maxPageBytes: DEFAULT_MAX_PAGE_BYTES,
  };
}
