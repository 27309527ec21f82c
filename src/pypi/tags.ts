// PEP 425 compatibility tags: the platforms one target platform accepts and the ordered list of tags a CPython
// interpreter supports, in the order of packaging.tags.sys_tags (pip's preference order), and wheel tag matching.

import { UnsupportedTarget } from './standards-error.ts';

export interface Tag {
  interpreter: string;
  abi: string;
  platform: string;
}

export function tagKey(t: Tag): string {
  return `${t.interpreter}-${t.abi}-${t.platform}`;
}

const LEGACY_MANYLINUX: Record<string, string> = {
  '2_17': 'manylinux2014',
  '2_12': 'manylinux2010',
  '2_5': 'manylinux1',
};
const LEGACY_TO_GLIBC: Record<string, [number, number]> = {
  manylinux2014: [2, 17],
  manylinux2010: [2, 12],
  manylinux1: [2, 5],
};
/** packaging assumes each older glibc major ended at minor 50. */
const LAST_GLIBC_MINOR = 50;

/** packaging's `_normalize_string`: `-` and `.` become `_` (`macosx-14.0-arm64` → `macosx_14_0_arm64`). */
export function normalizePlatform(platform: string): string {
  return platform.trim().replace(/[-.]/g, '_').toLowerCase();
}

function manylinuxTags(major: number, minor: number, arch: string): string[] {
  // The oldest glibc supported is 2.17, or 2.5 on x86.
  const oldestMinor = arch === 'x86_64' || arch === 'i686' ? 5 : 17;
  const maxima: [number, number][] = [[major, minor]];
  for (let m = major - 1; m > 1; m--) maxima.push([m, LAST_GLIBC_MINOR]);
  const tags: string[] = [];
  for (const [maj, maxMinor] of maxima) {
    const minMinor = maj === 2 ? oldestMinor : 0;
    for (let min = maxMinor; min >= minMinor; min--) {
      tags.push(`manylinux_${maj}_${min}_${arch}`);
      const legacy = LEGACY_MANYLINUX[`${maj}_${min}`];
      if (legacy) tags.push(`${legacy}_${arch}`);
    }
  }
  return tags;
}

function musllinuxTags(major: number, minor: number, arch: string): string[] {
  const tags: string[] = [];
  for (let min = minor; min >= 0; min--) tags.push(`musllinux_${major}_${min}_${arch}`);
  return tags;
}

/** packaging's `_mac_binary_formats`: the architecture names a macOS version accepts for one CPU. */
function macBinaryFormats(major: number, minor: number, arch: string): string[] {
  const before = (a: number, b: number) => major < a || (major === a && minor < b);
  const after = (a: number, b: number) => major > a || (major === a && minor > b);
  const formats = [arch];
  if (arch === 'x86_64') {
    if (before(10, 4)) return [];
    formats.push('intel', 'fat64', 'fat32');
  } else if (arch === 'i386') {
    if (before(10, 4)) return [];
    formats.push('intel', 'fat32', 'fat');
  } else if (arch === 'ppc64') {
    if (after(10, 5) || before(10, 4)) return [];
    formats.push('fat64');
  } else if (arch === 'ppc') {
    if (after(10, 6)) return [];
    formats.push('fat32', 'fat');
  }
  if (arch === 'arm64' || arch === 'x86_64') formats.push('universal2');
  if (['x86_64', 'i386', 'ppc64', 'ppc', 'intel'].includes(arch)) formats.push('universal');
  return formats;
}

/** packaging's `mac_platforms`: from the given macOS version down (11+ by major version, then 10.16…10.4). */
function macTags(major: number, minor: number, arch: string): string[] {
  const tags: string[] = [];
  const add = (maj: number, min: number, formats: string[]) => {
    for (const f of formats) tags.push(`macosx_${maj}_${min}_${f}`);
  };
  if (major === 10) {
    for (let min = minor; min >= 0; min--) add(10, min, macBinaryFormats(10, min, arch));
  } else if (major >= 11) {
    for (let maj = major; maj > 10; maj--) add(maj, 0, macBinaryFormats(maj, 0, arch));
    // x86_64 runs binaries of older releases; other CPUs only universal2 ones built for them.
    for (let min = 16; min > 3; min--)
      add(10, min, arch === 'x86_64' ? macBinaryFormats(10, min, arch) : ['universal2']);
  }
  return tags;
}

const MANYLINUX = /^manylinux_(\d+)_(\d+)_(\w+)$/;
const MANYLINUX_LEGACY = /^(manylinux1|manylinux2010|manylinux2014)_(\w+)$/;
const MUSLLINUX = /^musllinux_(\d+)_(\d+)_(\w+)$/;
const MACOSX = /^macosx_(\d+)_(\d+)_(\w+)$/;
const PLATFORM = /^[a-z0-9_]+$/;

/**
 * The platform tags one target platform accepts, best first, as pip on that platform: `manylinux_2_28_x86_64` →
 * manylinux_2_28 … manylinux_2_5 (with manylinux2014/2010/1 after 2_17/2_12/2_5), then `linux_x86_64`;
 * `musllinux_1_2_x86_64` → musllinux_1_2 … 1_0, then `linux_x86_64`; `macosx_14_0_arm64` → 14_0 … 11_0, then
 * 10_16 … 10_4 universal2; other platforms (`win_amd64`, `linux_x86_64`) as themselves. Throws UnsupportedTarget on junk.
 */
export function platformTags(platform: string): string[] {
  const p = normalizePlatform(platform);
  if (!PLATFORM.test(p)) throw new UnsupportedTarget(`invalid platform tag: ${JSON.stringify(platform)}`);
  let m: RegExpExecArray | null;
  if ((m = MANYLINUX.exec(p))) return [...manylinuxTags(Number(m[1]), Number(m[2]), m[3]), `linux_${m[3]}`];
  if ((m = MANYLINUX_LEGACY.exec(p))) {
    const [major, minor] = LEGACY_TO_GLIBC[m[1]];
    return [...manylinuxTags(major, minor, m[2]), `linux_${m[2]}`];
  }
  if ((m = MUSLLINUX.exec(p))) return [...musllinuxTags(Number(m[1]), Number(m[2]), m[3]), `linux_${m[3]}`];
  if ((m = MACOSX.exec(p))) {
    const tags = macTags(Number(m[1]), Number(m[2]), m[3]);
    if (tags.length === 0) throw new UnsupportedTarget(`unsupported macOS platform: ${JSON.stringify(platform)}`);
    return tags;
  }
  return [p];
}

/** Parses `3.12` (or `3.12.1`, `312`) into [major, minor]. Throws UnsupportedTarget. */
export function parsePythonVersion(version: string): [number, number] {
  const v = version.trim();
  const m = /^(\d)\.?(\d+)(?:\.\d+)?$/.exec(v);
  if (m?.[1] !== '3')
    throw new UnsupportedTarget(`invalid or unsupported Python version: ${JSON.stringify(version)} (expected 3.x)`);
  return [3, Number(m[2])];
}

/** packaging's `_py_interpreter_range`: py312, py3, py311, … py30. */
function pyInterpreterRange(major: number, minor: number): string[] {
  const names = [`py${major}${minor}`, `py${major}`];
  for (let m = minor - 1; m >= 0; m--) names.push(`py${major}${m}`);
  return names;
}

/**
 * The tags a target interpreter supports, best first, in packaging.tags.sys_tags order. For CPython:
 * cpXY-cpXY-plat…, cpXY-abi3-plat…, cpXY-none-plat…, cpX(Y-1)…cp32-abi3-plat…, pyXY-none-plat…, py3-none-plat…,
 * pyX(Y-1)…py30-none-plat…, cpXY-none-any, pyXY-none-any, py3-none-any, py3(Y-1)…py30-none-any. `platforms` are
 * expanded with platformTags and de-duplicated, keeping their order. For PyPy only the `none` ABI is known.
 */
export function supportedTags(opts: {
  pythonVersion: string;
  implementation?: 'cp' | 'pp';
  platforms: string[];
}): Tag[] {
  const [major, minor] = parsePythonVersion(opts.pythonVersion);
  const platforms = [...new Set(opts.platforms.flatMap(platformTags))];
  const nodot = `${major}${minor}`;
  const tags: Tag[] = [];
  const forPlatforms = (interpreter: string, abi: string) => {
    for (const platform of platforms) tags.push({ interpreter, abi, platform });
  };
  let compatibleInterpreter: string;
  if (opts.implementation === 'pp') {
    forPlatforms(`pp${nodot}`, 'none');
    compatibleInterpreter = 'pp3';
  } else {
    const interpreter = `cp${nodot}`;
    forPlatforms(interpreter, minor < 8 ? `cp${nodot}m` : interpreter);
    const abi3 = minor >= 2;
    if (abi3) forPlatforms(interpreter, 'abi3');
    forPlatforms(interpreter, 'none');
    if (abi3) for (let m = minor - 1; m > 1; m--) forPlatforms(`cp${major}${m}`, 'abi3');
    compatibleInterpreter = interpreter;
  }
  const pyRange = pyInterpreterRange(major, minor);
  for (const py of pyRange) forPlatforms(py, 'none');
  tags.push({ interpreter: compatibleInterpreter, abi: 'none', platform: 'any' });
  for (const py of pyRange) tags.push({ interpreter: py, abi: 'none', platform: 'any' });
  return tags;
}

const priorityIndexes = new WeakMap<Tag[], Map<string, number>>();

function indexOf(supported: Tag[]): Map<string, number> {
  let index = priorityIndexes.get(supported);
  if (!index) {
    index = new Map();
    for (let i = supported.length - 1; i >= 0; i--) index.set(tagKey(supported[i]), i);
    priorityIndexes.set(supported, index);
  }
  return index;
}

/** The index in `supported` of the best tag a wheel carries (lower is better); null when the wheel is incompatible. */
export function wheelTagPriority(fileTags: Tag[], supported: Tag[]): number | null {
  const index = indexOf(supported);
  let best: number | null = null;
  for (const t of fileTags) {
    const i = index.get(tagKey(t));
    if (i !== undefined && (best === null || i < best)) best = i;
  }
  return best;
}
