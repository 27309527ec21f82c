// What the index server knows about its folder: every distribution file with hashes, core metadata and sidecar
// settings (yanked, upload time, no .metadata), grouped by project. Rescanned when the folder or index.json changes.

import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { openArchive } from '../pypi/archive/index.ts';
import { parseSdistFilename, parseWheelFilename } from '../pypi/filenames.ts';
import { normalizeName } from '../pypi/names.ts';
import { compareVersions } from '../pypi/version.ts';
import { blake2bHex } from './blake2b.ts';
import { readCoreMetadata, type CoreMetadataView } from './metadata-member.ts';
import { readSidecar, SIDECAR_NAME, type Sidecar } from './sidecar.ts';

export interface IndexedFile {
  filename: string;
  kind: 'wheel' | 'sdist';
  /** The project name as the metadata (or else the file name) spells it. */
  name: string;
  version: string;
  /** PyPI's `python_version`: the wheel's python tag (`py3`, `cp312`), or `source` for an sdist. */
  pythonVersion: string;
  size: number;
  sha256: string;
  md5: string;
  blake2b256: string;
  /** The member METADATA / PKG-INFO, when it could be read. */
  metadata?: CoreMetadataView;
  /** Whether `<file>.metadata` is offered (PEP 658). */
  servesMetadata: boolean;
  yanked: false | true | string;
  /** ISO 8601 with a `Z`. */
  uploadTime: string;
}

export interface IndexedProject {
  /** The name as spelled by the newest release's metadata. */
  name: string;
  normalizedName: string;
  /** Files ordered by version, then file name. */
  files: IndexedFile[];
}

export interface FolderListing {
  /** Keyed by normalised name. */
  projects: Map<string, IndexedProject>;
  /** Index-wide serial: the number of files. */
  serial: number;
}

interface FileFacts extends Omit<IndexedFile, 'servesMetadata' | 'yanked' | 'uploadTime'> {
  mtime: Date;
}

/** Reads one distribution file; null when the name is not a wheel or sdist. */
async function readFileFacts(path: string, filename: string): Promise<FileFacts | null> {
  const wheel = parseWheelFilename(filename);
  const sdist = wheel ? null : parseSdistFilename(filename);
  if (!wheel && !sdist) return null;
  const [bytes, info] = await Promise.all([readFile(path), stat(path)]);
  const data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const metadata = readCoreMetadata(await openArchive(data, filename), wheel ? 'wheel' : 'sdist');
  const fromName = (wheel ?? sdist)!;
  return {
    filename,
    kind: wheel ? 'wheel' : 'sdist',
    name: metadata?.name ?? fromName.name,
    version: metadata?.version ?? fromName.version,
    pythonVersion: wheel ? wheelPythonTag(filename) : 'source',
    size: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
    md5: createHash('md5').update(data).digest('hex'),
    blake2b256: blake2bHex(data),
    metadata,
    mtime: info.mtime,
  };
}

/** The python tag of a wheel file name (`py2.py3`, `cp312`): third part from the end. */
function wheelPythonTag(filename: string): string {
  const parts = filename.slice(0, -'.whl'.length).split('-');
  return parts[parts.length - 3];
}

function offersMetadata(facts: FileFacts, sidecar: Sidecar): boolean {
  if (!facts.metadata || sidecar.noMetadata.has(facts.filename)) return false;
  if (facts.kind === 'wheel') return true;
  return (
    facts.metadata.metadataVersionAtLeast22 && !facts.metadata.dynamic.some((f) => f.toLowerCase() === 'requires-dist')
  );
}

function buildListing(all: FileFacts[], sidecar: Sidecar): FolderListing {
  const projects = new Map<string, IndexedProject>();
  const ordered = [...all].sort((a, b) => compareVersions(a.version, b.version) || (a.filename < b.filename ? -1 : 1));
  for (const facts of ordered) {
    const { mtime, ...rest } = facts;
    const file: IndexedFile = {
      ...rest,
      servesMetadata: offersMetadata(facts, sidecar),
      yanked: sidecar.yanked.get(facts.filename) ?? false,
      uploadTime: sidecar.uploadTime.get(facts.filename) ?? mtime.toISOString(),
    };
    const key = normalizeName(file.name);
    const project = projects.get(key) ?? { name: file.name, normalizedName: key, files: [] };
    project.files.push(file);
    project.name = file.name;
    projects.set(key, project);
  }
  return { projects: new Map([...projects].sort(([a], [b]) => (a < b ? -1 : 1))), serial: all.length };
}

/** The listing of a folder, rescanned when the folder's or index.json's mtime changes; unchanged files are not re-read. */
export class WatchedFolder {
  private stamp = '';
  private scan: Promise<FolderListing> | undefined;
  private readonly facts = new Map<string, { key: string; facts: FileFacts | null }>();

  constructor(readonly root: string) {}

  async current(): Promise<FolderListing> {
    const stamp = await this.folderStamp();
    if (!this.scan || stamp !== this.stamp) {
      this.stamp = stamp;
      this.scan = this.rescan();
    }
    return this.scan;
  }

  private async folderStamp(): Promise<string> {
    const folder = await stat(this.root);
    const sidecar = await stat(join(this.root, SIDECAR_NAME)).catch(() => undefined);
    return `${folder.mtimeMs}:${sidecar ? `${sidecar.mtimeMs}:${sidecar.size}` : '-'}`;
  }

  private async rescan(): Promise<FolderListing> {
    const sidecar = await readSidecar(this.root);
    const names = (await readdir(this.root, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
    const all: FileFacts[] = [];
    for (const filename of names.sort()) {
      const path = join(this.root, filename);
      const info = await stat(path).catch(() => undefined);
      if (!info) continue;
      const key = `${info.mtimeMs}:${info.size}`;
      let cached = this.facts.get(filename);
      if (!cached || cached.key !== key) {
        // A file that vanished or cannot be read is left out rather than failing the whole index.
        cached = { key, facts: await readFileFacts(path, filename).catch(() => null) };
        this.facts.set(filename, cached);
      }
      if (cached.facts) all.push(cached.facts);
    }
    for (const filename of this.facts.keys()) if (!names.includes(filename)) this.facts.delete(filename);
    return buildListing(all, sidecar);
  }
}
