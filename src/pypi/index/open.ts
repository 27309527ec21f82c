// Building the index set of a run from pip-style options: a main index (--index-url, a simple API, or a PyPI JSON
// API root; PyPI's JSON API by default), --extra-index-url, --find-links and --no-index, as one MultiIndex.

import { UserError } from '../../util/errors.ts';
import type { FetchContext } from '../fetch/context.ts';
import { FindLinksIndex } from './find-links.ts';
import { DEFAULT_JSON_API_URL, JsonApiIndex } from './json-api.ts';
import { MultiIndex } from './multi.ts';
import { SimpleIndex } from './simple.ts';
import type { PackageIndex } from './types.ts';

export interface IndexSources {
  /** The main index as a simple API (pip's --index-url). */
  indexUrl?: string;
  /** The main index as a PyPI JSON API root (--pypi-url); used when indexUrl is not given. */
  jsonApiUrl?: string;
  extraIndexUrls: string[];
  findLinks: string[];
  noIndex: boolean;
}

/** Every index named by `sources`, in pip's order (main, extras, find-links); without indexUrl or jsonApiUrl, PyPI's JSON API. */
export function openIndexes(ctx: FetchContext, sources: IndexSources, cwd: string): MultiIndex {
  const indexes: PackageIndex[] = [];
  if (!sources.noIndex) {
    const main = sources.indexUrl ?? sources.jsonApiUrl ?? DEFAULT_JSON_API_URL;
    checkIndexUrl(main);
    indexes.push(sources.indexUrl !== undefined ? new SimpleIndex(ctx, main) : new JsonApiIndex(ctx, main));
    for (const url of new Set(sources.extraIndexUrls)) if (url !== main) indexes.push(indexForUrl(ctx, url));
  }
  for (const location of new Set(sources.findLinks)) indexes.push(new FindLinksIndex(ctx, location, cwd));
  return new MultiIndex(indexes);
}

/** A JSON API client for a URL ending in `/pypi` (PyPI's JSON root), a simple-API client for anything else (file: too). */
export function indexForUrl(ctx: FetchContext, url: string): PackageIndex {
  const parsed = checkIndexUrl(url);
  return /\/pypi\/?$/.test(parsed.pathname) ? new JsonApiIndex(ctx, url) : new SimpleIndex(ctx, url);
}

/** What is wrong with an index URL, or undefined: it must parse and be http(s) or file:. */
export function indexUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a valid index URL';
  }
  return ['http:', 'https:', 'file:'].includes(parsed.protocol) ? undefined : 'not an http(s) or file: index URL';
}

function checkIndexUrl(url: string): URL {
  const problem = indexUrlProblem(url);
  if (problem !== undefined) throw new UserError(`${problem}: ${url}`);
  return new URL(url);
}
