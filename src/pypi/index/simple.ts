// The "simple" repository API: PEP 691 JSON when the server offers it, PEP 503 HTML otherwise (decided by the
// response's Content-Type), with PEP 592 yanking, PEP 658/714 metadata and PEP 700 sizes and upload times.

import type { FetchContext } from '../fetch/context.ts';
import { stripFragment } from '../fetch/download.ts';
import { FetchError, redactUrl } from '../fetch/errors.ts';
import { getPage } from '../fetch/page.ts';
import { normalizeName } from '../names.ts';
import { MissingPages } from './missing-pages.ts';
import { fetchCoreMetadata } from './pep658-metadata.ts';
import { distFileFromLink, parseAnchors } from './simple-html.ts';
import type { DistFile, PackageIndex, ProjectPage } from './types.ts';

export const DEFAULT_SIMPLE_URL = 'https://pypi.org/simple';
export const SIMPLE_ACCEPT =
  'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';

export class SimpleIndex implements PackageIndex {
  readonly description: string;
  /** The root URL as given (credentials included). */
  readonly url: string;
  /** The root URL as reports show it (password hidden): the `indexUrl` of its pages and files. */
  readonly indexUrl: string;
  private readonly ctx: FetchContext;
  private readonly pages = new Map<string, Promise<ProjectPage | null>>();
  private readonly missing = new MissingPages();

  constructor(ctx: FetchContext, url: string = DEFAULT_SIMPLE_URL) {
    this.ctx = ctx;
    this.url = url.replace(/\/+$/, '');
    this.indexUrl = redactUrl(this.url);
    this.description = `${this.indexUrl} (simple)`;
  }

  getProject(name: string): Promise<ProjectPage | null> {
    const key = normalizeName(name);
    let page = this.pages.get(key);
    if (!page) {
      page = this.load(name, key);
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

  private async load(name: string, normalized: string): Promise<ProjectPage | null> {
    const page = await getPage(this.ctx, `${this.url}/${normalized}/`, SIMPLE_ACCEPT);
    if (page.status !== 200) {
      this.missing.record(normalized, page.url, page.status);
      return null;
    }
    return parseSimplePage(page.body, page.contentType, page.url, name, this.indexUrl);
  }
}

/** Parse a simple-API project page as its Content-Type says (JSON for PEP 691, HTML for anything else). */
export function parseSimplePage(
  body: string,
  contentType: string,
  pageUrl: string,
  requestedName: string,
  indexUrl: string,
): ProjectPage {
  const type = contentType.split(';')[0].trim().toLowerCase();
  const isJson =
    type === 'application/vnd.pypi.simple.v1+json' ||
    type === 'application/json' ||
    (type === '' && body.trimStart().startsWith('{'));
  if (!isJson) return parseSimpleHtml(body, pageUrl, requestedName, indexUrl);
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    throw new FetchError('bad-response', pageUrl, `${pageUrl}: the index answered invalid JSON`);
  }
  return parseSimpleJson(document, pageUrl, indexUrl);
}

export function parseSimpleHtml(html: string, pageUrl: string, name: string, indexUrl: string): ProjectPage {
  const files = parseAnchors(html, pageUrl)
    .map((link) => distFileFromLink(link, indexUrl))
    .filter((file): file is DistFile => file !== null);
  return { name, files, indexUrl };
}

interface SimpleJsonFile {
  filename?: unknown;
  url?: unknown;
  hashes?: unknown;
  'requires-python'?: unknown;
  yanked?: unknown;
  'core-metadata'?: unknown;
  'dist-info-metadata'?: unknown;
  size?: unknown;
  'upload-time'?: unknown;
}

export function parseSimpleJson(document: unknown, pageUrl: string, indexUrl: string): ProjectPage {
  const root = (document ?? {}) as { name?: unknown; files?: unknown; meta?: { 'api-version'?: unknown } };
  const apiVersion = String(root.meta?.['api-version'] ?? '1.0');
  if (Number(apiVersion.split('.')[0]) !== 1) {
    throw new FetchError('bad-response', pageUrl, `${pageUrl}: unsupported simple API version ${apiVersion}`);
  }
  if (typeof root.name !== 'string' || !Array.isArray(root.files)) {
    throw new FetchError('bad-response', pageUrl, `${pageUrl}: not a PEP 691 project page (no name or files)`);
  }
  const files: DistFile[] = [];
  for (const entry of root.files as SimpleJsonFile[]) {
    if (typeof entry?.filename !== 'string' || typeof entry.url !== 'string') continue;
    const hashes = lowerCaseHashes(entry.hashes);
    const requiresPython = typeof entry['requires-python'] === 'string' ? entry['requires-python'].trim() : '';
    files.push({
      filename: entry.filename,
      url: stripFragment(new URL(entry.url, pageUrl).href),
      sha256: hashes.sha256,
      hashes,
      requiresPython: requiresPython || undefined,
      yanked: parseYanked(entry.yanked),
      coreMetadata: parseMetadataField(entry['core-metadata'] ?? entry['dist-info-metadata']),
      size: typeof entry.size === 'number' ? entry.size : undefined,
      uploadTime: typeof entry['upload-time'] === 'string' ? entry['upload-time'] : undefined,
      indexUrl,
    });
  }
  return { name: root.name, files, indexUrl };
}

/** PEP 691: `yanked` is a boolean or the reason (a string means yanked). */
function parseYanked(value: unknown): DistFile['yanked'] {
  if (typeof value === 'string') return value === '' ? true : value;
  return value === true;
}

/** PEP 691/714: `core-metadata` is a boolean or a dictionary of hashes of the metadata file. */
function parseMetadataField(value: unknown): DistFile['coreMetadata'] {
  if (value === true) return {};
  if (typeof value !== 'object' || value === null) return false;
  const sha256 = lowerCaseHashes(value).sha256;
  return sha256 ? { sha256 } : {};
}

export function lowerCaseHashes(value: unknown): Record<string, string> {
  const hashes: Record<string, string> = {};
  if (typeof value !== 'object' || value === null) return hashes;
  for (const [name, digest] of Object.entries(value)) {
    if (typeof digest === 'string' && digest) hashes[name.toLowerCase()] = digest.toLowerCase();
  }
  return hashes;
}
