// Builds wheels and sdists in memory from a declarative spec, byte-for-byte deterministically.
// Used by scripts/build-fixtures.ts and by tests that need real distributions (resolver vs pip, malware corpus).

import { createHash } from 'node:crypto';
import { writeTarGz, writeZip, type ArchiveMember } from './archive-writers.ts';

export interface DistSpec {
  /** The project name as written, e.g. "Zope.Demo-Thing". */
  name: string;
  version: string;
  /** Wheel tag triple; default "py3-none-any". Compressed tag sets ("cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64") are fine. */
  tag?: string;
  requiresDist?: string[];
  requiresPython?: string;
  /** Default: the extras named in requiresDist markers (`extra == "name"`). */
  providesExtra?: string[];
  summary?: string;
  homePage?: string;
  author?: string;
  authorEmail?: string;
  license?: string;
  /** The long description, written as the metadata body. */
  description?: string;
  /** Path inside the package (wheel root, or below the sdist's top folder) → content. */
  files?: Record<string, string | Uint8Array>;
  /** More metadata header fields, written after the standard ones; an array writes the field once per value. */
  extraMetadata?: Record<string, string | string[]>;
  /** The text of entry_points.txt (wheels). */
  entryPoints?: string;
  sdistFormat?: 'tar.gz' | 'zip';
  /** Files only the sdist holds (setup.py, pyproject.toml, setup.cfg, README...), below its top folder. */
  sdistExtraFiles?: Record<string, string | Uint8Array>;
  /** Sdist PKG-INFO fields marked `Dynamic:` (PEP 643); "Requires-Dist" here also leaves the Requires-Dist lines out. */
  sdistDynamic?: string[];
  /** Name the sdist with the project name as written ("Zope.Demo-Thing-1.0.tar.gz") instead of PEP 625's "zope_demo_thing-1.0.tar.gz". */
  legacySdistName?: boolean;
}

export interface BuiltDist {
  filename: string;
  bytes: Uint8Array;
}

const encoder = new TextEncoder();

function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? encoder.encode(content) : content;
}

/** The wheel spec's escaped name: runs of characters other than letters, digits and `.` become `_`. */
export function wheelEscapedName(name: string): string {
  return name.replace(/[^\w\d.]+/g, '_');
}

function sortedEntries(files: Record<string, string | Uint8Array> | undefined): [string, Uint8Array][] {
  return Object.entries(files ?? {})
    .map(([path, content]): [string, Uint8Array] => [path, toBytes(content)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function extrasOf(spec: DistSpec): string[] {
  if (spec.providesExtra) return spec.providesExtra;
  const extras = new Set<string>();
  for (const requirement of spec.requiresDist ?? []) {
    for (const match of requirement.matchAll(/extra\s*==\s*['"]([^'"]+)['"]/g)) extras.add(match[1]);
  }
  return [...extras];
}

/** Core metadata text (METADATA or PKG-INFO) of the given Metadata-Version. */
export function coreMetadataText(spec: DistSpec, metadataVersion: '2.1' | '2.2', dynamic: string[] = []): string {
  const lines = [`Metadata-Version: ${metadataVersion}`, `Name: ${spec.name}`, `Version: ${spec.version}`];
  const optional: [string, string | undefined][] = [
    ['Summary', spec.summary],
    ['Home-page', spec.homePage],
    ['Author', spec.author],
    ['Author-email', spec.authorEmail],
    ['License', spec.license],
    ['Requires-Python', spec.requiresPython],
  ];
  for (const [field, value] of optional) if (value !== undefined) lines.push(`${field}: ${value}`);
  for (const [field, value] of Object.entries(spec.extraMetadata ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) lines.push(`${field}: ${one}`);
  }
  for (const field of dynamic) lines.push(`Dynamic: ${field}`);
  for (const extra of extrasOf(spec)) lines.push(`Provides-Extra: ${extra}`);
  if (!dynamic.includes('Requires-Dist'))
    for (const requirement of spec.requiresDist ?? []) lines.push(`Requires-Dist: ${requirement}`);
  if (spec.description !== undefined) lines.push('Description-Content-Type: text/markdown');
  return (
    lines.join('\n') + '\n' + (spec.description !== undefined ? '\n' + spec.description.replace(/\n?$/, '\n') : '')
  );
}

/** Expands a compressed tag set into every tag it stands for (PEP 425). */
function expandTags(tag: string): string[] {
  const parts = tag.split('-');
  if (parts.length !== 3) throw new Error(`a wheel tag has three parts: ${tag}`);
  const [pythons, abis, platforms] = parts.map((part) => part.split('.'));
  return pythons.flatMap((python) =>
    abis.flatMap((abi) => platforms.map((platform) => `${python}-${abi}-${platform}`)),
  );
}

function recordDigest(data: Uint8Array): string {
  return 'sha256=' + createHash('sha256').update(data).digest('base64url');
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function topLevelNames(paths: string[]): string[] {
  const names = new Set<string>();
  for (const path of paths) {
    const first = path.split('/')[0];
    if (first.endsWith('.pth') || first.endsWith('.dist-info') || first.endsWith('.data')) continue;
    if (!path.includes('/') && !first.endsWith('.py')) continue;
    names.add(first.replace(/\.py$/, ''));
  }
  return [...names].sort();
}

/** A wheel with METADATA 2.1, WHEEL, top_level.txt, optional entry_points.txt and a RECORD whose hashes verify. */
export function buildWheel(spec: DistSpec): BuiltDist {
  const tag = spec.tag ?? 'py3-none-any';
  const stem = `${wheelEscapedName(spec.name)}-${spec.version.replace(/-/g, '_')}`;
  const distInfo = `${stem}.dist-info`;
  const packageFiles = sortedEntries(spec.files);
  const pure = tag.endsWith('-none-any');
  const wheelText =
    [
      'Wheel-Version: 1.0',
      'Generator: pyguard-build-dist (1.0)',
      `Root-Is-Purelib: ${pure}`,
      ...expandTags(tag).map((one) => `Tag: ${one}`),
    ].join('\n') + '\n';
  const metaFiles: [string, Uint8Array][] = [
    [`${distInfo}/METADATA`, encoder.encode(coreMetadataText(spec, '2.1'))],
    [`${distInfo}/WHEEL`, encoder.encode(wheelText)],
    [
      `${distInfo}/top_level.txt`,
      encoder.encode(
        topLevelNames(packageFiles.map(([path]) => path))
          .map((n) => n + '\n')
          .join(''),
      ),
    ],
  ];
  if (spec.entryPoints !== undefined)
    metaFiles.push([`${distInfo}/entry_points.txt`, encoder.encode(spec.entryPoints)]);
  const recorded = [...packageFiles, ...metaFiles];
  const recordPath = `${distInfo}/RECORD`;
  const record =
    recorded.map(([path, data]) => `${csvField(path)},${recordDigest(data)},${data.length}`).join('\n') +
    `\n${recordPath},,\n`;
  const members: ArchiveMember[] = [...recorded, [recordPath, encoder.encode(record)] as [string, Uint8Array]].map(
    ([path, data]) => ({ path, data }),
  );
  return { filename: `${stem}-${tag}.whl`, bytes: writeZip(members) };
}

/** An sdist: `{name}-{version}/` holding PKG-INFO (2.2, static Requires-Dist unless marked dynamic) and the given files. */
export function buildSdist(spec: DistSpec): BuiltDist {
  const format = spec.sdistFormat ?? 'tar.gz';
  const base = spec.legacySdistName ? spec.name : spec.name.replace(/[-_.]+/g, '_').toLowerCase();
  const stem = `${base}-${spec.version}`;
  const files = sortedEntries({
    ...spec.files,
    ...spec.sdistExtraFiles,
    'PKG-INFO': coreMetadataText(spec, '2.2', spec.sdistDynamic),
  });
  const members = files.map(([path, data]) => ({ path: `${stem}/${path}`, data }));
  const bytes = format === 'zip' ? writeZip(members) : writeTarGz(members);
  return { filename: `${stem}.${format}`, bytes };
}
