// The real calibration data, read where it lies (never copied into the repo): the malicious training archives
// (a folder plus the TSV that lists them), Debian python3-* .debs (read in memory through dpkg-deb --fsys-tarfile),
// the interpreter's standard library and the ensurepip wheels. Each item gets a stable split by package name, so
// rules are tuned on one part and figures are reported on the other.

import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ArchiveEntry, OpenedArchive } from '../../src/model/entries.ts';
import { openArchive } from '../../src/pypi/archive/index.ts';

export type Part = 'tune' | 'held';

/** Share of package names in the tuning part; the rest is held back and only measured. */
const TUNE_SHARE = 0.6;

/** The part a package name belongs to: a stable hash of the normalised name, so every version of it lands together. */
export function partOf(name: string): Part {
  const normal = name.toLowerCase().replace(/[-_.]+/g, '-');
  const value = createHash('sha256').update(normal).digest().readUInt32BE(0) / 2 ** 32;
  return value < TUNE_SHARE ? 'tune' : 'held';
}

export interface MaliciousItem {
  file: string;
  /** The dataset path: name/version/file. */
  datasetPath: string;
  sha256: string;
  package: string;
  version: string;
  part: Part;
}

/** The listed malicious archives that are present in dir. */
export function maliciousItems(listFile: string, dir: string): MaliciousItem[] {
  const [header, ...lines] = readFileSync(listFile, 'utf8').trim().split('\n');
  const columns = header.split('\t');
  const at = (row: string[], name: string) => row[columns.indexOf(name)] ?? '';
  const present = new Set(readdirSync(dir));
  const rows = lines.map((line) => line.split('\t'));
  const basenames = new Map<string, number>();
  for (const row of rows)
    basenames.set(path.basename(at(row, 'path')), (basenames.get(path.basename(at(row, 'path'))) ?? 0) + 1);
  const items: MaliciousItem[] = [];
  for (const row of rows) {
    const datasetPath = at(row, 'path');
    const base = path.basename(datasetPath);
    // The copy script prefixes the package folder when two listed files share a basename.
    const file = (basenames.get(base) ?? 0) > 1 ? `${at(row, 'package')}__${base}` : base;
    if (!present.has(file)) continue;
    items.push({
      file: path.join(dir, file),
      datasetPath,
      sha256: at(row, 'sha256'),
      package: at(row, 'package'),
      version: at(row, 'version'),
      part: partOf(at(row, 'package')),
    });
  }
  return items;
}

export interface BenignItem {
  /** What the item is: a .deb file, the stdlib folder, an ensurepip wheel. */
  source: string;
  name: string;
  version?: string;
  part: Part;
  /** Opens the item in memory. */
  open(): Promise<OpenedArchive>;
  /** Wheels and Debian trees are analysed as distributions (their metadata checked); the stdlib as a folder. */
  kind: 'distribution' | 'directory';
  filename?: string;
}

const SITE = 'usr/lib/python3/dist-packages/';

/** A Debian package's Python files (below dist-packages), read from dpkg-deb's tar stream in memory. */
async function openDeb(file: string): Promise<OpenedArchive> {
  const tar = execFileSync('dpkg-deb', ['--fsys-tarfile', file], { maxBuffer: 1 << 30 });
  const opened = await openArchive(new Uint8Array(tar.buffer, tar.byteOffset, tar.length), 'data.tar');
  const entries: ArchiveEntry[] = [];
  for (const entry of opened.entries) {
    const at = entry.path.replace(/^\.\//, '');
    if (!at.startsWith(SITE) || at === SITE) continue;
    entries.push({ ...entry, path: at.slice(SITE.length) });
  }
  // Problems of Debian's own packaging (links between doc files, /usr/bin aliases) are not the Python package's.
  // Debian also replaces vendored files by links to shared copies (jquery, MathJax, locale data): a wheel has files there.
  const problems = opened.problems.filter(
    (problem) => problem.rule !== 'archive-symlink' && problem.path?.replace(/^\.\//, '').startsWith(SITE),
  );
  return { format: 'directory', entries, problems };
}

/** The python3-* .debs of a folder (name_version_arch.deb); the upstream name is the binary package's name without python3-. */
export function debItems(dir: string): BenignItem[] {
  return readdirSync(dir)
    .filter((file) => /^python3-.*\.deb$/.test(file))
    .sort()
    .map((file) => {
      const full = path.join(dir, file);
      const [binary, version] = file.split('_');
      const name = binary.replace(/^python3-/, '');
      return {
        source: file,
        name,
        version: decodeURIComponent(version ?? ''),
        part: partOf(name),
        kind: 'distribution' as const,
        open: () => openDeb(full),
      };
    });
}

function python(code: string): string {
  const found = spawnSync('python3', ['-c', code], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : '';
}

/** The interpreter's standard library (lib/python3.x without site-packages and tests) and its ensurepip wheels. */
export function pythonItems(): BenignItem[] {
  const items: BenignItem[] = [];
  const stdlib = python('import sysconfig; print(sysconfig.get_path("stdlib"))');
  if (stdlib !== '' && existsSync(stdlib)) {
    items.push({
      source: stdlib,
      name: 'python-stdlib',
      part: partOf('python-stdlib'),
      kind: 'directory',
      open: async () => openFolder(stdlib),
    });
  }
  const wheelDirs = [path.join(stdlib, 'ensurepip', '_bundled'), '/usr/share/python-wheels'].filter((dir) =>
    existsSync(dir),
  );
  for (const dir of wheelDirs) {
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.whl'))
      .sort()) {
      const name = file.split('-')[0];
      const full = path.join(dir, file);
      items.push({
        source: full,
        name,
        version: file.split('-')[1],
        part: partOf(name),
        kind: 'distribution',
        filename: file,
        open: () => openArchive(new Uint8Array(readFileSync(full)), file),
      });
    }
  }
  return items;
}

const STDLIB_SKIP =
  /^(site-packages|dist-packages|test|tests|idlelib\/idle_test|lib2to3\/tests|__pycache__)(\/|$)|\/__pycache__\//;

/** Every .py file of a folder tree, as one folder target. */
function openFolder(root: string): OpenedArchive {
  const entries: ArchiveEntry[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (STDLIB_SKIP.test(rel)) continue;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), rel);
      else if (entry.isFile() && entry.name.endsWith('.py')) {
        const data = new Uint8Array(readFileSync(path.join(dir, entry.name)));
        entries.push({ path: rel, type: 'file', size: data.length, data });
      }
    }
  };
  walk(root, '');
  return { format: 'directory', entries, problems: [] };
}
