// The PyPI JSON API (`<root>/<name>/json`): files from `releases` (or `urls` when a response has no `releases`),
// and `info` as ProjectInfo. The JSON API says nothing about PEP 658 metadata files, so `coreMetadata` is false.

import type { FetchContext } from '../fetch/context.ts';
import { stripFragment } from '../fetch/download.ts';
import { FetchError, redactUrl } from '../fetch/errors.ts';
import { getPage } from '../fetch/page.ts';
import { normalizeName } from '../names.ts';
import { MissingPages } from './missing-pages.ts';
import { fetchCoreMetadata } from './pep658-metadata.ts';
import { lowerCaseHashes } from './simple.ts';
import type { DistFile, PackageIndex, ProjectInfo, ProjectPage } from './types.ts';

export const DEFAULT_JSON_API_URL = 'https://pypi.org/pypi';

export class JsonApiIndex implements PackageIndex {
  readonly description: string;
  /** The root URL as given (credentials included). */
  readonly url: string;
  /** The root URL as reports show it (password hidden): the `indexUrl` of its pages and files. */
  readonly indexUrl: string;
  private readonly ctx: FetchContext;
  private readonly pages = new Map<string, Promise<ProjectPage | null>>();
  private readonly missing = new MissingPages();

  constructor(ctx: FetchContext, url: string = DEFAULT_JSON_API_URL) {
    this.ctx = ctx;
    this.url = url.replace(/\/+$/, '');
    this.indexUrl = redactUrl(this.url);
    this.description = `${this.indexUrl} (JSON API)`;
  }

  getProject(name: string): Promise<ProjectPage | null> {
    const key = normalizeName(name);
    let page = this.pages.get(key);
    if (!page) {
      page = this.load(key);
      this.pages.set(key, page);
    }
    return page;
  }

  getCoreMetadata(file: DistFile): Promise<string | null> {
    return fetchCoreMetadata(this.ctx, file);
  }

  whyMissing(name: string): string | undefined {
    return this.missing.why(name);
  }

  private async load(normalized: string): Promise<ProjectPage | null> {
    const page = await getPage(this.ctx, `${this.url}/${normalized}/json`, 'application/json');
    if (page.status !== 200) {
      this.missing.record(normalized, page.url, page.status);
      return null;
    }
    let document: unknown;
    try {
      document = JSON.parse(page.body);
    } catch {
      throw new FetchError('bad-response', page.url, `${page.url}: the index answered invalid JSON`);
    }
    return parseJsonApiProject(document, page.url, this.indexUrl);
  }
}

interface JsonApiFile {
  filename?: unknown;
  url?: unknown;
  digests?: unknown;
  md5_digest?: unknown;
  requires_python?: unknown;
  yanked?: unknown;
  yanked_reason?: unknown;
  size?: unknown;
  upload_time?: unknown;
  upload_time_iso_8601?: unknown;
}

interface JsonApiDocument {
  info?: Record<string, unknown>;
  releases?: Record<string, JsonApiFile[]>;
  urls?: JsonApiFile[];
}

export function parseJsonApiProject(document: unknown, pageUrl: string, indexUrl: string): ProjectPage {
  const root = (document ?? {}) as JsonApiDocument;
  const info = root.info ?? {};
  if (typeof info.name !== 'string') {
    throw new FetchError('bad-response', pageUrl, `${pageUrl}: not a PyPI JSON API answer (no info.name)`);
  }
  const releases: Record<string, JsonApiFile[]> = root.releases ?? { [String(info.version ?? '')]: root.urls ?? [] };
  const files: DistFile[] = [];
  const releaseTimes: Record<string, string> = {};
  for (const [version, entries] of Object.entries(releases)) {
    for (const entry of Array.isArray(entries) ? entries : []) {
      const file = distFileFromJson(entry, pageUrl, indexUrl);
      if (!file) continue;
      files.push(file);
      if (file.uploadTime && (!releaseTimes[version] || file.uploadTime < releaseTimes[version])) {
        releaseTimes[version] = file.uploadTime;
      }
    }
  }
  return { name: info.name, files, indexUrl, info: projectInfo(info, releaseTimes) };
}

function distFileFromJson(entry: JsonApiFile, pageUrl: string, indexUrl: string): DistFile | null {
  if (typeof entry?.filename !== 'string' || typeof entry.url !== 'string') return null;
  const hashes = lowerCaseHashes(entry.digests);
  if (!hashes.md5 && typeof entry.md5_digest === 'string' && entry.md5_digest)
    hashes.md5 = entry.md5_digest.toLowerCase();
  const requiresPython = typeof entry.requires_python === 'string' ? entry.requires_python.trim() : '';
  const reason = typeof entry.yanked_reason === 'string' ? entry.yanked_reason.trim() : '';
  return {
    filename: entry.filename,
    url: stripFragment(new URL(entry.url, pageUrl).href),
    sha256: hashes.sha256,
    hashes,
    requiresPython: requiresPython || undefined,
    yanked: entry.yanked === true ? reason || true : false,
    coreMetadata: false,
    size: typeof entry.size === 'number' ? entry.size : undefined,
    uploadTime: uploadTime(entry),
    indexUrl,
  };
}

/** ISO 8601 in UTC: `upload_time_iso_8601`, else `upload_time` (PyPI writes it in UTC without a zone). */
function uploadTime(entry: JsonApiFile): string | undefined {
  if (typeof entry.upload_time_iso_8601 === 'string' && entry.upload_time_iso_8601) return entry.upload_time_iso_8601;
  if (typeof entry.upload_time !== 'string' || !entry.upload_time) return undefined;
  return /(?:Z|[+-]\d\d:?\d\d)$/.test(entry.upload_time) ? entry.upload_time : `${entry.upload_time}Z`;
}

function projectInfo(info: Record<string, unknown>, releaseTimes: Record<string, string>): ProjectInfo {
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);
  const urls = info.project_urls;
  return {
    summary: text(info.summary),
    homePage: text(info.home_page),
    projectUrls: typeof urls === 'object' && urls !== null ? (urls as Record<string, string>) : undefined,
    author: text(info.author),
    authorEmail: text(info.author_email),
    releaseTimes,
  };
}
