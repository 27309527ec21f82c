// Rebuilds one extracted Debian python3-* package into a py3-none-any wheel that keeps its real metadata:
// the files under usr/lib/python3/dist-packages, the dist-info/egg-info converted, what was left out noted.

import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { convertMetadata } from './dist-info.ts';
import { OMITTED_MEMBER_RULES, UPSTREAM_ORIGIN, type DebSource } from './sources.ts';
import { writeWheel, type WrittenWheel } from './wheel-writer.ts';

export interface DebianWheel extends WrittenWheel {
  name: string;
  version: string;
  requiresDist: string[];
  /** What differs from the installed tree, one sentence each. */
  notes: string[];
}

const SITE = join('usr', 'lib', 'python3', 'dist-packages');
export const GENERATOR = 'pyguard-build-real-index (1.0)';

/** Every path below folder (files and symlinks), relative, with '/' separators, sorted. */
async function walk(folder: string, base = folder): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(path, base)));
    else found.push(relative(base, path).split(sep).join('/'));
  }
  return found.sort();
}

/** Builds the wheel of one extracted .deb (tree = the folder dpkg-deb -x wrote). */
export async function debianWheel(tree: string, source: DebSource): Promise<DebianWheel> {
  const site = join(tree, SITE);
  const folders = (await readdir(site)).filter((name) => /\.(dist|egg)-info$/.test(name));
  if (folders.length !== 1)
    throw new Error(`${source.deb}: expected one metadata folder, found ${folders.join(', ') || 'none'}`);
  const metaFolder = folders[0];
  const metaFiles = new Map<string, Uint8Array>();
  if ((await lstat(join(site, metaFolder))).isFile()) {
    // an .egg-info written by distutils is a single PKG-INFO-style file
    metaFiles.set('PKG-INFO', await readFile(join(site, metaFolder)));
  } else {
    for (const path of await walk(join(site, metaFolder)))
      metaFiles.set(path, await readFile(join(site, metaFolder, path)));
  }
  const converted = convertMetadata(
    { folder: metaFolder, files: metaFiles },
    source.requires.map((r) => r.requirement),
  );
  const notes = [...converted.notes];
  for (const { requirement, origin } of source.requires)
    if (origin !== UPSTREAM_ORIGIN) notes.push(`${requirement}: ${origin}`);
  const omitted = new Map<string, string[]>();
  const files = new Map<string, Uint8Array>();
  const siteReal = await realpath(site);
  for (const path of await walk(site)) {
    if (path === metaFolder || path.startsWith(`${metaFolder}/`)) continue;
    const rule = OMITTED_MEMBER_RULES.find((r) => r.pattern.test(path));
    const absolute = join(site, path);
    let reason = rule?.reason;
    if (!reason && (await lstat(absolute)).isSymbolicLink()) {
      const target = await realpath(absolute).catch(() => '');
      if (!target.startsWith(siteReal + sep)) reason = 'symlink to a file of another Debian package';
    }
    if (reason) omitted.set(reason, [...(omitted.get(reason) ?? []), path]);
    else files.set(path, await readFile(absolute));
  }
  for (const [reason, paths] of omitted) notes.push(`left out (${reason}): ${paths.join(', ')}`);
  const scripts = await readdir(join(tree, 'usr', 'bin')).catch(() => [] as string[]);
  if (scripts.length)
    notes.push(`/usr/bin scripts not carried (entry points regenerate them): ${scripts.sort().join(', ')}`);
  notes.push(...(source.codeNotes ?? []));
  const wheel = writeWheel({
    name: converted.name,
    version: converted.version,
    files,
    distInfo: converted.files,
    generator: GENERATOR,
  });
  return { ...wheel, name: converted.name, version: converted.version, requiresDist: converted.requiresDist, notes };
}
