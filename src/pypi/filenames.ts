// Distribution file names: wheels (PEP 427/425, compressed tag sets expanded), sdists (name-version split with
// the project name when known), eggs, and which kind a file name is.

import { normalizeName } from './names.ts';
import type { Tag } from './tags.ts';
import { isValidVersion } from './version.ts';

export interface WheelFilename {
  name: string;
  version: string;
  build?: string;
  tags: Tag[];
}

export interface SdistFilename {
  name: string;
  version: string;
  /** The archive extension with its dot (`.tar.gz`). */
  ext: string;
}

export interface EggFilename {
  name: string;
  version: string;
  pythonVersion?: string;
  platform?: string;
}

export type DistKind = 'wheel' | 'sdist' | 'egg' | 'unknown';

const SDIST_EXTENSIONS = ['.tar.gz', '.tar.bz2', '.tar.xz', '.tgz', '.tar', '.zip'];
const WHEEL_NAME = /^[A-Za-z0-9._]+$/;

/** The file name without directories or a URL's query and fragment. */
function baseName(f: string): string {
  return f.replace(/[?#].*$/, '').replace(/^.*[\\/]/, '');
}

/**
 * Parses `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl`; `py2.py3-none-any` expands to two tags.
 * Tags are lower-cased as packaging does. Null when the name is not a valid wheel file name.
 */
export function parseWheelFilename(f: string): WheelFilename | null {
  const file = baseName(f);
  if (!file.toLowerCase().endsWith('.whl')) return null;
  const parts = file.slice(0, -4).split('-');
  if (parts.length !== 5 && parts.length !== 6) return null;
  const [name, version] = parts;
  if (!WHEEL_NAME.test(name) || name.includes('__') || !isValidVersion(version)) return null;
  const build = parts.length === 6 ? parts[2] : undefined;
  if (build !== undefined && !/^\d+[A-Za-z0-9_.]*$/.test(build)) return null;
  const [interpreters, abis, platforms] = parts.slice(-3).map((p) => p.toLowerCase().split('.'));
  if ([interpreters, abis, platforms].some((list) => list.some((x) => x === ''))) return null;
  const tags: Tag[] = [];
  for (const interpreter of interpreters) {
    for (const abi of abis) for (const platform of platforms) tags.push({ interpreter, abi, platform });
  }
  return build === undefined ? { name, version, tags } : { name, version, build, tags };
}

function sdistExtension(file: string): string | undefined {
  const lower = file.toLowerCase();
  return SDIST_EXTENSIONS.find((ext) => lower.endsWith(ext));
}

/**
 * Parses `{name}-{version}{ext}`. With `projectName`, the name is the prefix that normalises to it (names may contain
 * `-`); without, the split is at the first `-` after which the rest is a valid version. Null when neither works.
 */
export function parseSdistFilename(f: string, projectName?: string): SdistFilename | null {
  const file = baseName(f);
  const ext = sdistExtension(file);
  if (!ext) return null;
  const stem = file.slice(0, -ext.length);
  const wanted = projectName === undefined ? undefined : normalizeName(projectName);
  for (let i = stem.indexOf('-'); i > 0; i = stem.indexOf('-', i + 1)) {
    const name = stem.slice(0, i);
    const version = stem.slice(i + 1);
    const matches = wanted === undefined ? isValidVersion(version) : normalizeName(name) === wanted;
    if (matches && version !== '') return { name, version, ext: file.slice(-ext.length) };
  }
  return null;
}

/** Parses `{name}-{version}(-py{X.Y}(-{platform})?)?.egg`. Null when it is not an egg name with a version. */
export function parseEggFilename(f: string): EggFilename | null {
  const file = baseName(f);
  if (!file.toLowerCase().endsWith('.egg')) return null;
  const parts = file.slice(0, -4).split('-');
  if (parts.length < 2 || parts[0] === '' || !isValidVersion(parts[1])) return null;
  const egg: EggFilename = { name: parts[0], version: parts[1] };
  if (parts.length > 2) {
    if (!/^py\d+(\.\d+)?$/.test(parts[2])) return null;
    egg.pythonVersion = parts[2].slice(2);
  }
  if (parts.length > 3) egg.platform = parts.slice(3).join('-');
  return egg;
}

/** What kind of distribution a file name (or URL) names, by its extension. */
export function distKind(f: string): DistKind {
  const file = baseName(f).toLowerCase();
  if (file.endsWith('.whl')) return 'wheel';
  if (file.endsWith('.egg')) return 'egg';
  if (sdistExtension(file)) return 'sdist';
  return 'unknown';
}
