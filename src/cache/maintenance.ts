// `pyguard cache` underneath: what the cache folder holds (downloads, index pages, analysis results per engine and
// rules version, interpreter probes), deleting it, and pruning results of other versions and entries unused for a
// while. Only the folders pyguard writes (blobs/, http/, results/, environments/) are ever deleted, never the cache
// folder itself.
import { readdir, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { EngineVersions } from '../analysis/engine-version.ts';
import { ENVIRONMENTS_FOLDER } from './probe-cache.ts';
import { RESULTS_FOLDER, versionFolder } from './result-store.ts';

/** The folders pyguard writes under the cache folder. */
export const CACHE_PARTS = {
  blobs: 'downloaded distributions',
  http: 'index pages',
  [RESULTS_FOLDER]: 'analysis results',
  [ENVIRONMENTS_FOLDER]: 'interpreter probes',
} as const;

export interface FolderUsage {
  files: number;
  bytes: number;
}

export interface CacheInfo {
  root: string;
  parts: { name: string; label: string; usage: FolderUsage }[];
  /** Result folders by engine-rules version, the current one marked. */
  resultVersions: { version: string; current: boolean; usage: FolderUsage }[];
}

/** Calls visit on every file below folder (none when it does not exist). */
async function eachFile(folder: string, visit: (path: string) => Promise<void>): Promise<void> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await eachFile(path, visit);
    else await visit(path);
  }
}

async function usage(folder: string): Promise<FolderUsage> {
  const total: FolderUsage = { files: 0, bytes: 0 };
  await eachFile(folder, async (path) => {
    const info = await stat(path).catch(() => undefined);
    if (!info) return;
    total.files++;
    total.bytes += info.size;
  });
  return total;
}

async function subfolders(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

export async function cacheInfo(root: string, versions: EngineVersions): Promise<CacheInfo> {
  const parts = [];
  for (const [name, label] of Object.entries(CACHE_PARTS))
    parts.push({ name, label, usage: await usage(join(root, name)) });
  const current = versionFolder(versions);
  const resultVersions = [];
  for (const version of await subfolders(join(root, RESULTS_FOLDER))) {
    resultVersions.push({
      version,
      current: version === current,
      usage: await usage(join(root, RESULTS_FOLDER, version)),
    });
  }
  return { root, parts, resultVersions };
}

/** Deletes everything pyguard cached under root; returns what was deleted. */
export async function cleanCache(root: string): Promise<FolderUsage> {
  const deleted: FolderUsage = { files: 0, bytes: 0 };
  for (const name of Object.keys(CACHE_PARTS)) {
    const used = await usage(join(root, name));
    await rm(join(root, name), { recursive: true, force: true });
    deleted.files += used.files;
    deleted.bytes += used.bytes;
  }
  return deleted;
}

/**
 * Deletes the results of other engine or rules versions (never read again) and, with olderThanMs, every cached
 * file not written or used for that long (a result's age restarts when it is read).
 */
export async function pruneCache(
  root: string,
  versions: EngineVersions,
  options: { olderThanMs?: number; now?: number } = {},
): Promise<FolderUsage> {
  const deleted: FolderUsage = { files: 0, bytes: 0 };
  const current = versionFolder(versions);
  for (const version of await subfolders(join(root, RESULTS_FOLDER))) {
    if (version === current) continue;
    const used = await usage(join(root, RESULTS_FOLDER, version));
    await rm(join(root, RESULTS_FOLDER, version), { recursive: true, force: true });
    deleted.files += used.files;
    deleted.bytes += used.bytes;
  }
  if (options.olderThanMs === undefined) return deleted;
  const cutoff = (options.now ?? Date.now()) - options.olderThanMs;
  for (const name of Object.keys(CACHE_PARTS)) {
    await eachFile(join(root, name), async (path) => {
      const info = await stat(path).catch(() => undefined);
      if (!info || info.mtimeMs >= cutoff) return;
      await rm(path, { force: true });
      deleted.files++;
      deleted.bytes += info.size;
    });
    await removeEmptyFolders(join(root, name));
  }
  return deleted;
}

async function removeEmptyFolders(folder: string): Promise<void> {
  for (const name of await subfolders(folder)) {
    await removeEmptyFolders(join(folder, name));
    await rmdir(join(folder, name)).catch(() => undefined); // not empty, or in use by another run
  }
}

/** Parses a duration such as 30d, 12h, 90m, 2w or 45s into milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$/.exec(text.trim());
  if (!match) return undefined;
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[
    match[2] as 's' | 'm' | 'h' | 'd' | 'w'
  ];
  return Number(match[1]) * unit;
}
