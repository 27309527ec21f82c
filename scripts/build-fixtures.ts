// Builds the bundled fixture world (fixtures/src/world.ts + the sources beside it) into fixtures/wheels/:
// wheels, sdists and the index server's index.json. Deterministic: a second run changes nothing.
// Run: node --import tsx scripts/build-fixtures.ts

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { COMMON_METADATA, WORLD, type Release } from '../fixtures/src/world.ts';
import { buildSdist, buildWheel, type BuiltDist, type DistSpec } from './lib/build-dist.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
export const FIXTURE_SOURCES = join(REPO, 'fixtures', 'src');
export const FIXTURE_WHEELS = join(REPO, 'fixtures', 'wheels');
const SIDECAR = 'index.json';

/** Every file below `dir`, keyed by its slash-separated relative path (bytecode caches skipped). */
function readTree(dir: string, prefix = ''): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '__pycache__') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(files, readTree(path, `${prefix}${entry.name}/`));
    else files[`${prefix}${entry.name}`] = new Uint8Array(readFileSync(path));
  }
  return files;
}

/** Placeholder bytes for a native extension in a platform wheel: the right magic number, then a note. */
function nativeExtension(modulePath: string, tag: string): Record<string, Uint8Array> {
  const [interpreter, , platform] = tag.split('-');
  const pyVersion = interpreter.replace(/^cp(\d)(\d+)$/, '$1$2');
  const note = new TextEncoder().encode('\nfixture placeholder: not a real extension module\n');
  let suffix: string;
  let magic: number[];
  if (platform.startsWith('win')) {
    suffix = `.${interpreter}-${platform}.pyd`;
    magic = [0x4d, 0x5a];
  } else if (platform.startsWith('macosx')) {
    suffix = `.cpython-${pyVersion}-darwin.so`;
    magic = [0xcf, 0xfa, 0xed, 0xfe];
  } else {
    suffix = `.cpython-${pyVersion}-x86_64-linux-gnu.so`;
    magic = [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01];
  }
  const bytes = new Uint8Array(64 + note.length);
  bytes.set(magic);
  bytes.set(note, 64);
  return { [modulePath + suffix]: bytes };
}

function specOf(release: Release): DistSpec {
  const tree = readTree(join(FIXTURE_SOURCES, release.source));
  const files: Record<string, Uint8Array> = {};
  const sdistExtraFiles: Record<string, Uint8Array> = {};
  for (const [path, data] of Object.entries(tree)) {
    (release.packages.includes(path.split('/')[0]) ? files : sdistExtraFiles)[path] = data;
  }
  const readme = tree['README.md'];
  return {
    ...COMMON_METADATA,
    name: release.project,
    version: release.version,
    summary: release.summary,
    requiresDist: release.requiresDist,
    requiresPython: release.requiresPython,
    description: readme ? new TextDecoder().decode(readme) : undefined,
    files,
    sdistExtraFiles,
    sdistDynamic: release.sdistDynamic,
    legacySdistName: release.sdist === 'legacy',
    entryPoints: release.entryPoints,
  };
}

export interface BuiltWorld {
  /** File name → bytes, for every distribution and index.json. */
  files: Map<string, Uint8Array>;
}

/** Builds every release of the world in memory. */
export function buildWorld(): BuiltWorld {
  const files = new Map<string, Uint8Array>();
  const yanked: Record<string, true | string> = {};
  const uploadTime: Record<string, string> = {};
  for (const release of WORLD) {
    const spec = specOf(release);
    const built: BuiltDist[] = release.wheels.map((tag) =>
      buildWheel({
        ...spec,
        tag,
        files: release.nativeModule ? { ...spec.files, ...nativeExtension(release.nativeModule, tag) } : spec.files,
      }),
    );
    if (release.sdist) built.push(buildSdist(spec));
    for (const dist of built) {
      if (files.has(dist.filename)) throw new Error(`two releases build ${dist.filename}`);
      files.set(dist.filename, dist.bytes);
      uploadTime[dist.filename] = release.uploaded;
      if (release.yanked) yanked[dist.filename] = release.yanked;
    }
  }
  const sidecar = { yanked, uploadTime, noMetadata: [] as string[] };
  files.set(SIDECAR, new TextEncoder().encode(JSON.stringify(sidecar, null, 2) + '\n'));
  return { files };
}

/** Writes the world to `outDir`, touching only files whose bytes changed and removing files no release builds. */
export function writeWorld(world: BuiltWorld, outDir: string): { written: string[]; removed: string[] } {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const [filename, bytes] of world.files) {
    const path = join(outDir, filename);
    let current: Buffer | undefined;
    try {
      current = readFileSync(path);
    } catch {
      current = undefined;
    }
    if (current && Buffer.compare(current, bytes) === 0) continue;
    writeFileSync(path, bytes);
    written.push(filename);
  }
  const removed = readdirSync(outDir).filter((name) => !world.files.has(name));
  for (const name of removed) rmSync(join(outDir, name));
  return { written, removed };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const world = buildWorld();
  const { written, removed } = writeWorld(world, FIXTURE_WHEELS);
  console.log(
    `${world.files.size} files in ${FIXTURE_WHEELS}: ${written.length} written, ${removed.length} removed` +
      (written.length ? `\n  written: ${written.join(', ')}` : '') +
      (removed.length ? `\n  removed: ${removed.join(', ')}` : ''),
  );
}
