// Core metadata (METADATA / PKG-INFO, email-header format) and setuptools `requires.txt`, read into plain values;
// tolerant of CRLF, folded lines and junk lines, since the files come from untrusted distributions.

export interface CoreMetadata {
  metadataVersion?: string;
  name: string;
  version: string;
  summary?: string;
  homePage?: string;
  downloadUrl?: string;
  projectUrls: Record<string, string>;
  author?: string;
  authorEmail?: string;
  maintainer?: string;
  maintainerEmail?: string;
  license?: string;
  requiresPython?: string;
  requiresDist: string[];
  providesExtra: string[];
  dynamic: string[];
  description?: string;
  descriptionContentType?: string;
  classifiers: string[];
}

type Fields = Map<string, string[]>;

/** Header fields (keys lower-cased, repeated fields kept in order) and the body after the first blank line. */
function splitHeaders(text: string): { fields: Fields; body?: string } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const fields: Fields = new Map();
  let current: string[] | undefined;
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') break;
    if (/^[ \t]/.test(line)) {
      if (current) current[current.length - 1] += `\n${line}`;
      continue;
    }
    const m = /^([^\s:]+):[ \t]*(.*)$/.exec(line);
    if (!m) {
      current = undefined; // junk line: ignored, and nothing folds into it
      continue;
    }
    const key = m[1].toLowerCase();
    const values = fields.get(key) ?? [];
    values.push(m[2]);
    fields.set(key, values);
    current = values;
  }
  const body = lines.slice(i + 1).join('\n');
  return { fields, body: i < lines.length && body.trim() !== '' ? body : undefined };
}

/** A folded single value: continuation lines trimmed and kept on their own lines. */
function unfold(value: string): string {
  return value
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .trim();
}

/** The `Description:` header keeps its lines; setuptools indents them by 8 spaces or `       |`. */
function unfoldDescription(value: string): string {
  return value
    .split('\n')
    .map((l, i) => (i === 0 ? l : l.replace(/^ {7}\||^ {8}|^\t/, '')))
    .join('\n');
}

/** Parses METADATA / PKG-INFO text. Missing Name or Version come back as empty strings. */
export function parseMetadata(text: string): CoreMetadata {
  const { fields, body } = splitHeaders(text);
  const one = (key: string): string | undefined => {
    const v = fields.get(key)?.[0];
    if (v === undefined) return undefined;
    const s = unfold(v);
    return s === '' || s === 'UNKNOWN' ? undefined : s;
  };
  const all = (key: string): string[] => (fields.get(key) ?? []).map(unfold).filter((v) => v !== '');
  const projectUrls: Record<string, string> = {};
  for (const entry of all('project-url')) {
    const comma = entry.indexOf(',');
    if (comma < 0) continue;
    projectUrls[entry.slice(0, comma).trim()] = entry.slice(comma + 1).trim();
  }
  const described = fields.get('description')?.[0];
  const md: CoreMetadata = {
    name: one('name') ?? '',
    version: one('version') ?? '',
    projectUrls,
    requiresDist: all('requires-dist'),
    providesExtra: [...new Set(all('provides-extra'))],
    dynamic: all('dynamic'),
    classifiers: all('classifier'),
  };
  const optional: [keyof CoreMetadata, string][] = [
    ['metadataVersion', 'metadata-version'],
    ['summary', 'summary'],
    ['homePage', 'home-page'],
    ['downloadUrl', 'download-url'],
    ['author', 'author'],
    ['authorEmail', 'author-email'],
    ['maintainer', 'maintainer'],
    ['maintainerEmail', 'maintainer-email'],
    ['license', 'license'],
    ['requiresPython', 'requires-python'],
    ['descriptionContentType', 'description-content-type'],
  ];
  for (const [prop, key] of optional) {
    const value = one(key);
    if (value !== undefined) (md as unknown as Record<string, string>)[prop] = value;
  }
  const description = body ?? (described !== undefined ? unfoldDescription(described) : undefined);
  if (description !== undefined && description.trim() !== '' && description.trim() !== 'UNKNOWN')
    md.description = description;
  return md;
}

/** Wraps a marker in parentheses when it is combined with others and contains an `or`. */
function group(marker: string): string {
  return /\bor\b/.test(marker) ? `(${marker})` : marker;
}

/**
 * Converts setuptools egg-info `requires.txt` into PEP 508 strings: lines under `[extra]`, `[:marker]` or
 * `[extra:marker]` get `extra == "…"` and the marker added (`PySocks>=1.5; extra == "socks"`).
 */
export function parseRequiresTxt(text: string): string[] {
  const result: string[] = [];
  let extra = '';
  let sectionMarker = '';
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const section = /^\[(.*)\]$/.exec(line);
    if (section) {
      const colon = section[1].indexOf(':');
      extra = (colon < 0 ? section[1] : section[1].slice(0, colon)).trim();
      sectionMarker = colon < 0 ? '' : section[1].slice(colon + 1).trim();
      continue;
    }
    const semicolon = line.indexOf(';');
    const requirement = (semicolon < 0 ? line : line.slice(0, semicolon)).trim();
    const markers = [semicolon < 0 ? '' : line.slice(semicolon + 1).trim(), sectionMarker].filter((m) => m !== '');
    if (extra !== '') markers.push(`extra == "${extra}"`);
    const combined = markers.length === 1 ? markers[0] : markers.map(group).join(' and ');
    result.push(markers.length === 0 ? requirement : `${requirement}; ${combined}`);
  }
  return result;
}
