// The Simple Repository API: content negotiation (PEP 691), the JSON form (PEP 691/700/714) and the HTML form
// (PEP 503/592/658/714) of the project list and of each project page.

import { compareVersions } from '../pypi/version.ts';
import type { FolderListing, IndexedFile, IndexedProject } from './folder-listing.ts';
import { fileUrl, isoMicroseconds } from './formats.ts';

export const SIMPLE_JSON = 'application/vnd.pypi.simple.v1+json';
export const SIMPLE_HTML = 'application/vnd.pypi.simple.v1+html';
const API_VERSION = '1.4';

/** What a simple page is answered with: the content type to send. */
export type SimpleFormat = typeof SIMPLE_JSON | typeof SIMPLE_HTML | 'text/html';

const OFFERED: Record<string, SimpleFormat> = {
  [SIMPLE_JSON]: SIMPLE_JSON,
  'application/vnd.pypi.simple.latest+json': SIMPLE_JSON,
  [SIMPLE_HTML]: SIMPLE_HTML,
  'application/vnd.pypi.simple.latest+html': SIMPLE_HTML,
  'text/html': 'text/html',
};

/**
 * Picks the response form from the Accept header (highest q wins, earlier wins a tie) or PyPI's `?format=` override;
 * HTML when nothing offered matches, as PyPI does.
 */
export function negotiateSimple(accept: string | undefined, formatParam: string | null): SimpleFormat {
  const requested = formatParam?.replace(/ /g, '+'); // an unescaped `+` in the query reads as a space
  if (requested && OFFERED[requested]) return OFFERED[requested];
  let best: { format: SimpleFormat; q: number } | undefined;
  for (const range of (accept ?? '').split(',')) {
    const [type, ...params] = range.split(';').map((s) => s.trim().toLowerCase());
    const format = OFFERED[type];
    if (!format) continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { format, q };
  }
  return best?.format ?? 'text/html';
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function htmlPage(title: string, body: string[], serial: number): string {
  return [
    '<!DOCTYPE html>',
    '<html>',
    '  <head>',
    `    <meta name="pypi:repository-version" content="${API_VERSION}">`,
    `    <title>${escapeHtml(title)}</title>`,
    '  </head>',
    '  <body>',
    `    <h1>${escapeHtml(title)}</h1>`,
    ...body.map((line) => `    ${line}`),
    '  </body>',
    '</html>',
    `<!--SERIAL ${serial}-->`,
    '',
  ].join('\n');
}

/** `GET /simple/` as PEP 691 JSON. */
export function simpleIndexJson(listing: FolderListing): unknown {
  return {
    meta: { '_last-serial': listing.serial, 'api-version': API_VERSION },
    projects: [...listing.projects.values()].map((p) => ({ '_last-serial': listing.serial, name: p.name })),
  };
}

/** `GET /simple/` as PEP 503 HTML. */
export function simpleIndexHtml(listing: FolderListing, baseUrl: string): string {
  const links = [...listing.projects.values()].map(
    (p) => `<a href="${escapeHtml(`${baseUrl}/simple/${p.normalizedName}/`)}">${escapeHtml(p.name)}</a><br />`,
  );
  return htmlPage('Simple index', links, listing.serial);
}

function fileJson(file: IndexedFile, baseUrl: string): Record<string, unknown> {
  const metadata = file.servesMetadata && file.metadata ? { sha256: file.metadata.sha256 } : false;
  return {
    'core-metadata': metadata,
    'data-dist-info-metadata': metadata,
    filename: file.filename,
    hashes: { sha256: file.sha256 },
    provenance: null,
    'requires-python': file.metadata?.requiresPython ?? null,
    size: file.size,
    'upload-time': isoMicroseconds(file.uploadTime),
    url: fileUrl(baseUrl, file.filename),
    yanked: file.yanked,
  };
}

/** `GET /simple/<name>/` as PEP 691 JSON. */
export function simpleProjectJson(project: IndexedProject, listing: FolderListing, baseUrl: string): unknown {
  const versions = [...new Set(project.files.map((f) => f.version))].sort(compareVersions);
  return {
    'alternate-locations': [],
    files: project.files.map((f) => fileJson(f, baseUrl)),
    meta: { '_last-serial': listing.serial, 'api-version': API_VERSION },
    name: project.normalizedName,
    'project-status': { status: 'active' },
    versions,
  };
}

function fileAnchor(file: IndexedFile, baseUrl: string): string {
  const attributes = [`href="${escapeHtml(`${fileUrl(baseUrl, file.filename)}#sha256=${file.sha256}`)}"`];
  const requiresPython = file.metadata?.requiresPython;
  if (requiresPython) attributes.push(`data-requires-python="${escapeHtml(requiresPython)}"`);
  if (file.yanked !== false) attributes.push(`data-yanked="${file.yanked === true ? '' : escapeHtml(file.yanked)}"`);
  if (file.servesMetadata && file.metadata) {
    const value = `sha256=${file.metadata.sha256}`;
    attributes.push(`data-dist-info-metadata="${value}"`, `data-core-metadata="${value}"`);
  }
  return `<a ${attributes.join(' ')}>${escapeHtml(file.filename)}</a><br />`;
}

/** `GET /simple/<name>/` as PEP 503 HTML. */
export function simpleProjectHtml(project: IndexedProject, listing: FolderListing, baseUrl: string): string {
  return htmlPage(
    `Links for ${project.normalizedName}`,
    project.files.map((f) => fileAnchor(f, baseUrl)),
    listing.serial,
  );
}
