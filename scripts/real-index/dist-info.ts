// Turns the metadata folder a Debian package installs (*.dist-info, or *.egg-info with PKG-INFO + requires.txt)
// into the files of a wheel's .dist-info: the original METADATA/PKG-INFO text kept, Requires-Dist lines added.

import { parseMetadata, parseRequiresTxt } from '../../src/pypi/metadata.ts';
import { parseRequirement } from '../../src/pypi/pep508.ts';
import { normalizeName } from '../../src/pypi/names.ts';

export interface InstalledMetadata {
  /** The folder name, e.g. "requests-2.28.1.egg-info". */
  folder: string;
  /** File name inside the folder → bytes. */
  files: Map<string, Uint8Array>;
}

export interface ConvertedMetadata {
  name: string;
  version: string;
  /** Files of the wheel's .dist-info other than WHEEL and RECORD, METADATA first. */
  files: Map<string, Uint8Array>;
  /** Every Requires-Dist of the new METADATA. */
  requiresDist: string[];
  /** What was changed, one sentence each. */
  notes: string[];
}

/** egg-info files with no place in a .dist-info (bdist_wheel leaves them out as well). */
const EGG_ONLY = new Set([
  'PKG-INFO',
  'requires.txt',
  'SOURCES.txt',
  'not-zip-safe',
  'zip-safe',
  'dependency_links.txt',
]);
/** dist-info files an installer writes, or that the wheel writer regenerates. */
const INSTALL_ONLY = new Set(['RECORD', 'WHEEL', 'INSTALLER', 'REQUESTED', 'direct_url.json']);

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Inserts header lines at the end of the header block (before the first blank line that starts the body). */
export function appendHeaders(text: string, headers: string[]): string {
  if (headers.length === 0) return text;
  const normalized = text.replace(/\r\n?/g, '\n');
  const blank = normalized.indexOf('\n\n');
  const head = blank < 0 ? normalized.replace(/\n*$/, '') : normalized.slice(0, blank);
  const rest = blank < 0 ? '\n' : normalized.slice(blank);
  return `${head}\n${headers.join('\n')}${rest}`;
}

/** The extras a requirement's marker names (`extra == "socks"`). */
function extrasNamed(requirement: string): string[] {
  return [...requirement.matchAll(/extra\s*==\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

/** Converts installed metadata, adding the restored requirements that the text does not already hold by name. */
export function convertMetadata(installed: InstalledMetadata, restored: string[]): ConvertedMetadata {
  const egg = installed.folder.endsWith('.egg-info');
  const coreName = egg ? 'PKG-INFO' : 'METADATA';
  const core = installed.files.get(coreName);
  if (!core) throw new Error(`${installed.folder} has no ${coreName}`);
  const text = decoder.decode(core);
  const parsed = parseMetadata(text);
  const notes: string[] = [];
  const requiresTxt = installed.files.get('requires.txt');
  // setuptools may also have written them into PKG-INFO; then requires.txt adds nothing
  const fromRequiresTxt =
    egg && requiresTxt && parsed.requiresDist.length === 0 ? parseRequiresTxt(decoder.decode(requiresTxt)) : [];
  if (egg)
    notes.push(
      `egg-info converted: PKG-INFO became METADATA${fromRequiresTxt.length ? `, requires.txt became ${fromRequiresTxt.length} Requires-Dist` : ''}`,
    );
  const present = [...parsed.requiresDist, ...fromRequiresTxt];
  const unconditional = new Set(
    present.filter((r) => !r.includes(';')).map((r) => normalizeName(parseRequirement(r).name)),
  );
  const added = restored.filter((r) => !unconditional.has(normalizeName(parseRequirement(r).name)));
  if (added.length) notes.push(`Requires-Dist restored: ${added.join(', ')}`);
  const newRequires = [...added, ...fromRequiresTxt];
  const declared = new Set(parsed.providesExtra);
  const newExtras = [...new Set(newRequires.flatMap(extrasNamed))].filter((extra) => !declared.has(extra));
  const headers = [...newExtras.map((e) => `Provides-Extra: ${e}`), ...newRequires.map((r) => `Requires-Dist: ${r}`)];
  const files = new Map<string, Uint8Array>([['METADATA', encoder.encode(appendHeaders(text, headers))]]);
  for (const [name, bytes] of [...installed.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (name === coreName || INSTALL_ONLY.has(name) || (egg && EGG_ONLY.has(name))) continue;
    files.set(name, bytes);
  }
  return {
    name: parsed.name,
    version: parsed.version,
    files,
    requiresDist: [...parsed.requiresDist, ...newRequires],
    notes,
  };
}
