// Builds a local index of REAL packages nobody here wrote: the ensurepip wheels (pip, setuptools) and Debian's
// python3-* packages for requests, flask and boto3 rebuilt into wheels. Reuses a complete earlier build.
// --large builds the benchmark's optional jupyter-like tree of 100+ packages instead (scripts/real-index/large-set.ts).
// Usage: node --import tsx scripts/build-real-index.ts [--large] [--out fixtures/real-index] [--debs FOLDER]

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openArchive } from '../src/pypi/archive/index.ts';
import { parseWheelFilename } from '../src/pypi/filenames.ts';
import { parseMetadata } from '../src/pypi/metadata.ts';
import { normalizeName } from '../src/pypi/names.ts';
import { parseRequirement } from '../src/pypi/pep508.ts';
import { downloadDebs, extractDeb, pythonDepends } from './real-index/deb.ts';
import { debianWheel } from './real-index/debian-wheel.ts';
import {
  FORMAT_VERSION,
  MANIFEST_NAME,
  PROVENANCE_NAME,
  provenanceMarkdown,
  type RealIndexEntry,
  type RealIndexManifest,
} from './real-index/provenance.ts';
import { LARGE_DEBS, largeSetMembers } from './real-index/large-set.ts';
import { DEB_SOURCES } from './real-index/sources.ts';

const run = promisify(execFile);

export const DEFAULT_REAL_INDEX = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'real-index');
export const DEFAULT_LARGE_INDEX = `${DEFAULT_REAL_INDEX}-large`;

export interface BuildResult {
  out: string;
  manifest: RealIndexManifest;
  reused: boolean;
  seconds: number;
}

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** The manifest of out when the folder holds a complete build of this format (every wheel present, right size). */
export async function readCompleteIndex(out: string): Promise<RealIndexManifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(out, MANIFEST_NAME), 'utf8')) as RealIndexManifest;
    if (manifest.formatVersion !== FORMAT_VERSION) return undefined;
    for (const entry of manifest.entries) {
      if ((await stat(join(out, entry.filename))).size !== entry.size) return undefined;
    }
    return manifest;
  } catch {
    return undefined;
  }
}

async function pythonFacts(): Promise<{ version: string; bundled: string }> {
  const code =
    'import ensurepip,os,platform;print(platform.python_version());print(os.path.join(os.path.dirname(ensurepip.__file__),"_bundled"))';
  const { stdout } = await run('python3', ['-c', code]);
  const [version, bundled] = stdout.trim().split('\n');
  return { version, bundled };
}

async function ensurepipEntries(bundled: string, staging: string): Promise<RealIndexEntry[]> {
  const entries: RealIndexEntry[] = [];
  for (const filename of (await readdir(bundled)).filter((f) => f.endsWith('.whl')).sort()) {
    const parsed = parseWheelFilename(filename);
    if (!parsed) continue;
    await copyFile(join(bundled, filename), join(staging, filename));
    const bytes = new Uint8Array(await readFile(join(staging, filename)));
    const opened = await openArchive(bytes, filename);
    const metadata = opened.entries.find((e) => /^[^/]+\.dist-info\/METADATA$/.test(e.path))?.data;
    const requiresDist = metadata ? parseMetadata(new TextDecoder().decode(metadata)).requiresDist : [];
    entries.push({
      name: parsed.name,
      version: parsed.version,
      filename,
      sha256: sha256(bytes),
      size: bytes.length,
      source: 'ensurepip',
      requiresDist,
      notes: [],
    });
  }
  return entries;
}

/** Each python3-* Depends of a .deb should be a Requires-Dist (any marker) or be explained in sources.ts. */
function dependsWarnings(entries: RealIndexEntry[], depends: Map<string, string>): string[] {
  const distOfDeb = new Map(entries.filter((e) => e.deb).map((e) => [e.deb!.package, normalizeName(e.name)]));
  const warnings: string[] = [];
  for (const source of DEB_SOURCES) {
    const entry = entries.find((e) => e.deb?.package === source.deb)!;
    const required = new Set(entry.requiresDist.map((r) => normalizeName(parseRequirement(r).name)));
    for (const dep of pythonDepends(depends.get(source.deb) ?? '')) {
      const dist = distOfDeb.get(dep) ?? normalizeName(dep.slice('python3-'.length));
      if (!required.has(dist) && !source.dependsNotRequired?.[dep]) {
        warnings.push(
          `${source.deb} Depends ${dep}, but ${entry.name} ${entry.version} has no Requires-Dist on ${dist}`,
        );
      }
    }
  }
  return warnings;
}

async function buildInto(staging: string, work: string, log: (line: string) => void): Promise<RealIndexManifest> {
  const python = await pythonFacts();
  const entries = await ensurepipEntries(python.bundled, staging);
  const debFolder = join(work, 'debs');
  await mkdir(debFolder);
  const debs = await downloadDebs(
    DEB_SOURCES.map((s) => s.deb),
    debFolder,
    log,
  );
  const depends = new Map<string, string>();
  for (const [i, deb] of debs.entries()) {
    const tree = join(work, 'trees', deb.package);
    await mkdir(tree, { recursive: true });
    await extractDeb(deb.path, tree);
    depends.set(deb.package, deb.depends);
    entries.push(await stageDebianWheel(staging, tree, DEB_SOURCES[i], deb, log));
  }
  entries.sort((a, b) => (normalizeName(a.name) < normalizeName(b.name) ? -1 : 1));
  const manifest: RealIndexManifest = {
    formatVersion: FORMAT_VERSION,
    python: python.version,
    entries,
    warnings: dependsWarnings(entries, depends),
  };
  for (const warning of manifest.warnings) log(`warning: ${warning}`);
  await writeFile(join(staging, PROVENANCE_NAME), provenanceMarkdown(manifest));
  await writeFile(join(staging, MANIFEST_NAME), JSON.stringify(manifest, null, 2) + '\n'); // written last: marks completeness
  return manifest;
}

/** Rebuilds one unpacked .deb tree into a wheel in `staging`, removes the tree, and returns its manifest entry. */
async function stageDebianWheel(
  staging: string,
  tree: string,
  source: Parameters<typeof debianWheel>[1],
  deb: { package: string; version: string; filename: string; path: string },
  log: (line: string) => void,
): Promise<RealIndexEntry> {
  const wheel = await debianWheel(tree, source);
  await writeFile(join(staging, wheel.filename), wheel.bytes);
  const debBytes = new Uint8Array(await readFile(deb.path));
  log(`${wheel.filename} (${deb.filename}, ${wheel.members} members)`);
  await rm(tree, { recursive: true, force: true });
  return {
    name: wheel.name,
    version: wheel.version,
    filename: wheel.filename,
    sha256: sha256(wheel.bytes),
    size: wheel.bytes.length,
    source: 'debian',
    deb: { package: deb.package, version: deb.version, filename: deb.filename, sha256: sha256(debBytes) },
    requiresDist: wheel.requiresDist,
    notes: wheel.notes,
  };
}

/** The large set's wheels, each with the Requires-Dist derived from its Debian Depends. */
async function buildLargeInto(
  staging: string,
  work: string,
  debFolder: string,
  log: (line: string) => void,
): Promise<RealIndexManifest> {
  const python = await pythonFacts();
  const debs = await downloadDebs(LARGE_DEBS, debFolder, log);
  const { members, skipped } = await largeSetMembers(debs, work);
  const entries: RealIndexEntry[] = [];
  for (const { deb, tree, source } of members) {
    entries.push(await stageDebianWheel(staging, tree, source, deb, log));
  }
  entries.sort((a, b) => (normalizeName(a.name) < normalizeName(b.name) ? -1 : 1));
  const manifest: RealIndexManifest = {
    formatVersion: FORMAT_VERSION,
    python: python.version,
    entries,
    warnings: skipped.map((s) => `left out ${s}`),
  };
  await writeFile(join(staging, PROVENANCE_NAME), provenanceMarkdown(manifest));
  await writeFile(join(staging, MANIFEST_NAME), JSON.stringify(manifest, null, 2) + '\n'); // written last: marks completeness
  return manifest;
}

export interface BuildOptions {
  out?: string;
  log?: (line: string) => void;
  /** Build the benchmark's large set instead of the default one. */
  large?: boolean;
  /** Where .debs are downloaded to and reused from (default: a temporary folder). */
  debFolder?: string;
}

/** Builds the index into out, or reuses it when out already holds a complete build. */
export async function buildRealIndex(options: BuildOptions = {}): Promise<BuildResult> {
  const out = resolve(options.out ?? (options.large ? DEFAULT_LARGE_INDEX : DEFAULT_REAL_INDEX));
  const log = options.log ?? (() => {});
  const started = performance.now();
  const seconds = (): number => Math.round((performance.now() - started) / 100) / 10;
  const existing = await readCompleteIndex(out);
  if (existing) return { out, manifest: existing, reused: true, seconds: seconds() };
  await mkdir(dirname(out), { recursive: true });
  const staging = await mkdtemp(`${out}.partial-`);
  const work = await mkdtemp(join(tmpdir(), 'pyguard-real-index-'));
  try {
    let manifest: RealIndexManifest;
    if (options.large) {
      const debFolder = options.debFolder ?? join(work, 'debs');
      await mkdir(debFolder, { recursive: true });
      manifest = await buildLargeInto(staging, work, debFolder, log);
    } else {
      manifest = await buildInto(staging, work, log);
    }
    const again = await readCompleteIndex(out); // a concurrent build may have finished first
    if (again) return { out, manifest: again, reused: true, seconds: seconds() };
    await chmod(staging, 0o755);
    await rm(out, { recursive: true, force: true });
    await rename(staging, out);
    return { out, manifest, reused: false, seconds: seconds() };
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<void> {
  const valueOf = (flag: string): string | undefined => {
    const at = argv.indexOf(flag);
    if (at >= 0 && !argv[at + 1]) throw new Error(`${flag} needs a folder`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const result = await buildRealIndex({
    out: valueOf('--out'),
    debFolder: valueOf('--debs'),
    large: argv.includes('--large'),
    log: (line) => console.log(line),
  });
  const verb = result.reused ? 'reused' : 'built';
  console.log(`${verb} ${result.out}: ${result.manifest.entries.length} wheels in ${result.seconds}s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`build-real-index: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
