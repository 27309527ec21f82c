// PEP 503 HTML pages (simple index and find-links pages): anchors with their attributes in any order, HTML entities,
// relative links and <base href>, and the DistFile each link describes (#sha256= fragment, data-* attributes).

import type { DistFile } from './types.ts';

export interface HtmlLink {
  /** Absolute URL, fragment included. */
  url: string;
  /** Attribute names in lower case, values with entities decoded. */
  attributes: Record<string, string>;
}

// Only the opening tag matters (the file name comes from the URL, as in pip).
const ANCHOR_START = /<a\b/gi;
const BASE_START = /<base\b/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const HASH_NAMES = new Set(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']);

/**
 * The attribute text of every opening tag found by `start`, up to its '>' (a value quoted after '=' may hold '>'). Linear: a tag
 * left open to the end of the page ends the scan, where a regex would rescan the rest from every later '<a'.
 */
function openingTags(text: string, start: RegExp): string[] {
  const tags: string[] = [];
  start.lastIndex = 0;
  for (let match = start.exec(text); match; match = start.exec(text)) {
    const from = match.index + match[0].length;
    let quote = '';
    let previous = '';
    let end = from;
    for (; end < text.length; end++) {
      const ch = text[end];
      if (quote) {
        if (ch === quote) quote = '';
      } else if ((ch === '"' || ch === "'") && previous === '=')
        quote = ch; // a quote opens a value only after '='
      else if (ch === '>') break;
      if (!/\s/.test(ch)) previous = ch;
    }
    if (end >= text.length) break;
    tags.push(text.slice(from, end));
    start.lastIndex = end + 1;
  }
  return tags;
}

/** Every `<a href>` of the page, resolved against the page URL (or its `<base href>`). */
export function parseAnchors(html: string, pageUrl: string): HtmlLink[] {
  const text = html.replace(COMMENT, '');
  const baseHref = parseAttributes(openingTags(text, BASE_START)[0] ?? '').href;
  const base = baseHref ? (resolve(baseHref, pageUrl) ?? pageUrl) : pageUrl;
  const links: HtmlLink[] = [];
  for (const tagAttributes of openingTags(text, ANCHOR_START)) {
    const attributes = parseAttributes(tagAttributes);
    if (attributes.href === undefined) continue;
    const url = resolve(attributes.href.trim(), base);
    if (!url) continue;
    links.push({ url, attributes });
  }
  return links;
}

/** The distribution file a link points to, or null when its URL has no file name. */
export function distFileFromLink(link: HtmlLink, indexUrl: string): DistFile | null {
  const url = new URL(link.url);
  const hashes = parseFragmentHashes(url.hash);
  url.hash = '';
  const filename = safeDecode(url.pathname.slice(url.pathname.lastIndexOf('/') + 1));
  if (!filename) return null;
  const requiresPython = link.attributes['data-requires-python']?.trim();
  const yanked = link.attributes['data-yanked'];
  return {
    filename,
    url: url.href,
    sha256: hashes.sha256,
    hashes,
    requiresPython: requiresPython || undefined,
    yanked: yanked === undefined ? false : yanked === '' ? true : yanked,
    coreMetadata: parseMetadataAttribute(
      link.attributes['data-core-metadata'] ?? link.attributes['data-dist-info-metadata'],
    ),
    indexUrl,
  };
}

/** PEP 658/714 attribute: absent → false; "true" → available; "sha256=<hex>" → available with its digest. */
export function parseMetadataAttribute(value: string | undefined): DistFile['coreMetadata'] {
  if (value === undefined) return false;
  const trimmed = value.trim();
  if (trimmed.toLowerCase() === 'true') return {};
  const match = /^([a-z0-9]+)=([0-9a-f]+)$/i.exec(trimmed);
  if (!match) return false;
  return match[1].toLowerCase() === 'sha256' ? { sha256: match[2].toLowerCase() } : {};
}

function parseFragmentHashes(fragment: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const part of fragment.replace(/^#/, '').split('&')) {
    const match = /^([a-z0-9]+)=([0-9a-f]+)$/i.exec(part);
    if (match && HASH_NAMES.has(match[1].toLowerCase())) hashes[match[1].toLowerCase()] = match[2].toLowerCase();
  }
  return hashes;
}

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1].toLowerCase();
    if (name in attributes) continue; // HTML keeps the first of duplicated attributes
    attributes[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  excl: '!',
  num: '#',
  percnt: '%',
  lpar: '(',
  rpar: ')',
  ast: '*',
  plus: '+',
  comma: ',',
  period: '.',
  sol: '/',
  colon: ':',
  semi: ';',
  equals: '=',
  quest: '?',
  commat: '@',
  lsqb: '[',
  rsqb: ']',
  lowbar: '_',
  tilde: '~',
  verbar: '|',
  lcub: '{',
  rcub: '}',
  Tab: '\t',
  NewLine: '\n',
};
const LEGACY_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot']);

/** Decode numeric and common named character references (legacy `&amp` `&lt` `&gt` `&quot` without `;` too). */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*)(;?)/g,
    (whole, name: string, semicolon: string) => {
      if (name.startsWith('#')) {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
      }
      if (semicolon && name in NAMED_ENTITIES) return NAMED_ENTITIES[name];
      if (!semicolon && LEGACY_ENTITIES.has(name)) return NAMED_ENTITIES[name];
      return whole;
    },
  );
}

function resolve(href: string, base: string): string | null {
  try {
    return new URL(href, base).href;
  } catch {
    return null;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
