// Fetches Debian packages with apt-get download (refreshing the lists only when they lack a package) and reads
// their control fields and files with dpkg-deb, into a temporary folder. A build input step, not package analysis.

import { execFile } from 'node:child_process';
import { chmod, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface DownloadedDeb {
  package: string;
  /** The Debian version, e.g. "2.28.1+dfsg-1". */
  version: string;
  /** The raw Depends field. */
  depends: string;
  path: string;
  filename: string;
}

async function aptDownload(packages: string[], folder: string): Promise<void> {
  await run('apt-get', ['download', '-q', ...packages], { cwd: folder, maxBuffer: 16 << 20 });
}

/**
 * apt-get download of every package into folder (those it does not hold already); runs apt-get update once when the
 * lists do not know one.
 */
export async function downloadDebs(
  packages: string[],
  folder: string,
  log: (line: string) => void,
): Promise<DownloadedDeb[]> {
  await chmod(folder, 0o777).catch(() => undefined); // apt's _apt user writes the files; without access apt warns and downloads as root
  const held = (await readdir(folder)).filter((name) => name.endsWith('.deb'));
  const missing = packages.filter((name) => !held.some((file) => file.startsWith(`${name}_`)));
  if (missing.length > 0) {
    try {
      await aptDownload(missing, folder);
    } catch (error) {
      log(`apt-get download failed (${firstLine(error)}); running apt-get update`);
      await run('apt-get', ['update', '-q'], { maxBuffer: 16 << 20 });
      await aptDownload(missing, folder);
    }
  }
  const files = (await readdir(folder)).filter((name) => name.endsWith('.deb')).sort();
  const debs: DownloadedDeb[] = [];
  for (const name of packages) {
    const filename = files.find((file) => file.startsWith(`${name}_`));
    if (!filename) throw new Error(`apt-get download left no .deb for ${name}`);
    const path = join(folder, filename);
    const fields = await controlFields(path, ['Package', 'Version', 'Depends']);
    debs.push({ package: name, version: fields.Version ?? '', depends: fields.Depends ?? '', path, filename });
  }
  return debs;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? (error as { stderr?: string }).stderr || error.message : String(error);
  return text.trim().split('\n').pop() ?? '';
}

async function controlFields(path: string, names: string[]): Promise<Record<string, string>> {
  const { stdout } = await run('dpkg-deb', ['-f', path, ...names]);
  const fields: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const match = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
    if (match) fields[match[1]] = match[2];
  }
  return fields;
}

/** Extracts the .deb's file tree into folder (dpkg-deb -x). */
export async function extractDeb(path: string, folder: string): Promise<void> {
  await run('dpkg-deb', ['-x', path, folder]);
}

/** The python3-* package names of a Depends field (first choice of each alternative, python3 itself left out). */
export function pythonDepends(depends: string): string[] {
  return depends
    .split(',')
    .map(
      (item) =>
        item
          .split('|')[0]
          .trim()
          .split(/[\s(:]/)[0],
    )
    .filter((name) => name.startsWith('python3-'));
}
