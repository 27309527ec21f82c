// Building the index set of a run from pip-style options: --index-url (PyPI's simple API by default),
// --extra-index-url, --find-links and --no-index, as one MultiIndex.

import { UserError } from '../../util/errors.ts';
import type { FetchContext } from '../fetch/context.ts';
import { FindLinksIndex } from './find-links.ts';
import { JsonApiIndex } from './json-api.ts';
import { MultiIndex } from './multi.ts';
import { DEFAULT_SIMPLE_URL, SimpleIndex } from './simple.ts';
import type { PackageIndex } from './types.ts';

export interface IndexSources {
  indexUrl?: string;
  extraIndexUrls: string[];
  findLinks: string[];
  noIndex: boolean;
}

export function openIndexes(ctx: FetchContext, sources: IndexSources, cwd: string): MultiIndex {
  const urls = sources.noIndex ? [] : [sources.indexUrl ?? DEFAULT_SIMPLE_URL, ...sources.extraIndexUrls];
  const indexes: PackageIndex[] = [...new Set(urls)].map((url) => indexForUrl(ctx, url));
  for (const location of sources.findLinks) indexes.push(new FindLinksIndex(ctx, location, cwd));
  return new MultiIndex(indexes);
}

/** A JSON API client for a URL ending in `/pypi` (PyPI's JSON root), a simple-API client for anything else (file: too). */
export function indexForUrl(ctx: FetchContext, url: string): PackageIndex {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`not a valid index URL: ${url}`);
  }
  if (!['http:', 'https:', 'file:'].includes(parsed.protocol)) throw new UserError(`not an http(s) or file: index URL: ${url}`);
  return /\/pypi\/?$/.test(parsed.pathname) ? new JsonApiIndex(ctx, url) : new SimpleIndex(ctx, url);
}
