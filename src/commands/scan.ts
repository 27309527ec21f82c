// `pyguard scan PATH...`: audits local files, folders and archives in memory. A PATH that does not exist
// but reads as a requirement (NAME or NAME==VERSION) is fetched from the index like `check --no-deps`, with the
// same index options; a bare NAME that looks like a mistyped local path (a sibling of that name exists) is refused.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  analyzeArchive,
  type ArchiveAnalysis,
  isCompleteAnalysis,
  judgeTarget,
  POOL_THRESHOLD,
} from '../analysis/api.ts';
import { AnalysisPool } from '../analysis/pool.ts';
import { ResultStore } from '../cache/result-store.ts';
import type { ProgressSink } from '../model/progress.ts';
import type { OpenedArchive } from '../model/entries.ts';
import { buildResult } from '../model/build-result.ts';
import type { TargetReport } from '../model/result.ts';
import { isArchiveName, openArchive } from '../pypi/archive/index.ts';
import { defaultCacheDir } from '../pypi/fetch/cache.ts';
import { type OnRead, readLocal } from '../scan/local.ts';
import { applyPolicy } from '../policy/apply.ts';
import { closestMatch } from '../util/closest.ts';
import { UserError } from '../util/errors.ts';
import type { CommandIO } from './io.ts';
import { loadJudging } from './judging.ts';
import { openSession } from './session.ts';
import { parseCommandArgs } from './registry.ts';
import { plainBytes } from '../util/bytes.ts';

/** Archives larger than this are refused before reading (a distribution is rarely over a few hundred MB). */
const MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024;
const REQUIREMENT_LIKE = /^[A-Za-z0-9][A-Za-z0-9._-]*(\[[\w,\s.-]+\])?\s*(===?\s*[\w.!+*-]+)?$/;

interface Scanner {
  pool: AnalysisPool;
  store?: ResultStore;
  progress: ProgressSink;
}

/**
 * The analysis of an opened archive or folder, from the result cache when the same content was analysed before.
 * `key`: the cache key, computed only when there is a cache (a folder's digest hashes every byte of it).
 */
async function analyse(
  opened: OpenedArchive,
  key: () => string,
  archiveName: string | undefined,
  scanner: Scanner,
): Promise<ArchiveAnalysis> {
  const run = () => analyzeArchive(opened, archiveName, { pool: scanner.pool, progress: scanner.progress });
  const store = scanner.store;
  if (!store) return run();
  const cacheKey = key();
  const cached = await store.get<ArchiveAnalysis>(cacheKey);
  if (cached) return cached;
  const analysis = await run();
  if (isCompleteAnalysis(analysis)) await store.put(cacheKey, analysis);
  return analysis;
}

/** A digest of a folder's content: every member's path, type, link target and bytes. */
function folderDigest(opened: OpenedArchive): string {
  const hash = createHash('sha256');
  for (const entry of opened.entries) {
    hash.update(
      `${entry.path}\0${entry.type}\0${entry.linkTarget ?? ''}\0${entry.unreadReason ?? ''}\0${entry.size}\0`,
    );
    if (entry.data) hash.update(createHash('sha256').update(entry.data).digest());
  }
  for (const problem of opened.problems) hash.update(`${JSON.stringify(problem)}\0`);
  return hash.digest('hex');
}

async function scanArchive(path: string, shown: string, scanner: Scanner): Promise<TargetReport> {
  const info = await stat(path);
  if (info.size > MAX_ARCHIVE_BYTES)
    throw new UserError(`${shown}: archive is ${info.size} bytes, over the ${MAX_ARCHIVE_BYTES}-byte limit`);
  const bytes = plainBytes(await readFile(path));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const filename = path.split('/').pop();
  const opened = await openArchive(bytes, path);
  const analysis = await analyse(opened, () => ResultStore.key({ of: 'archive', sha256, filename }), path, scanner);
  opened.release?.();
  return judgeTarget(analysis, { kind: 'archive', path: shown, filename, sha256, size: bytes.length });
}

/** Starts the pool's workers once a folder being read holds enough Python files to be analysed on them. */
function startPoolWhenLarge(pool: AnalysisPool): OnRead {
  let parsed = 0;
  return (entry) => {
    if (/\.(py|pth)$/.test(entry.path) && ++parsed === POOL_THRESHOLD) pool.start();
  };
}

async function scanPath(path: string, shown: string, scanner: Scanner): Promise<TargetReport> {
  const info = await stat(path);
  if (info.isFile() && isArchiveName(path)) return scanArchive(path, shown, scanner);
  const opened = await readLocal(path, undefined, startPoolWhenLarge(scanner.pool));
  const kind = info.isDirectory() ? 'directory' : 'file';
  const analysis = await analyse(
    opened,
    () => ResultStore.key({ of: kind, sha256: folderDigest(opened) }),
    shown,
    scanner,
  );
  return judgeTarget(analysis, { kind, path: shown });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** The entry next to `target` whose name (or name without extension) is closest to it, shown as a path. */
async function similarSibling(target: string, cwd: string): Promise<string | undefined> {
  const folder = dirname(target);
  const entries = await readdir(resolve(cwd, folder)).catch(() => [] as string[]);
  const byKey = new Map<string, string>();
  for (const entry of entries) {
    byKey.set(entry, entry);
    byKey.set(entry.replace(/\.[^.]+$/, ''), entry);
  }
  const key = closestMatch(basename(target), byKey.keys());
  return key === undefined ? undefined : join(folder, byKey.get(key)!);
}

export async function runScan(argv: string[], io: CommandIO): Promise<number> {
  const args = parseCommandArgs('scan', argv);
  if (args.positionals.length === 0)
    throw new UserError(
      'scan: give at least one PATH (a .py file, a folder, a wheel, an sdist) or a package NAME[==VERSION]',
    );
  const paths: string[] = [];
  const names: string[] = [];
  for (const target of args.positionals) {
    if (await exists(resolve(io.cwd, target))) {
      paths.push(target);
      continue;
    }
    const sibling = await similarSibling(target, io.cwd);
    const pathLike =
      /[\\/]/.test(target) || target.startsWith('.') || /\.(py|whl|zip|gz|tgz|bz2|tar|egg)$/i.test(target);
    if (pathLike || !REQUIREMENT_LIKE.test(target))
      throw new UserError(`scan: ${target}: no such file or folder${sibling ? ` (did you mean ${sibling}?)` : ''}`);
    if (sibling && !/=/.test(target)) {
      throw new UserError(
        `scan: ${target} is not a file or folder here, but ${sibling} is; to audit the package ${target} from the index instead, give its version (${target}==VERSION)`,
      );
    }
    names.push(target);
  }
  if (names.length > 0) {
    if (paths.length > 0) throw new UserError('scan: give either local paths or package names, not both');
    const { runCheck } = await import('./check.ts');
    return runCheck(['--no-deps', ...argv], io);
  }
  const judging = loadJudging(args, io, paths);
  const targets: TargetReport[] = [];
  const session = await openSession(args, io);
  try {
    const scanner: Scanner = { pool: new AnalysisPool(), progress: session.progress };
    if (!args.flags.has('no-cache'))
      scanner.store = new ResultStore(args.values.get('cache-dir') ?? defaultCacheDir(io.env));
    try {
      for (const path of paths) {
        const target = await scanPath(resolve(io.cwd, path), path, scanner);
        session.progress.emit({
          type: 'scan-end',
          target: path,
          ...(target.name !== undefined && { name: target.name }),
          risk: target.risk,
        });
        targets.push(target);
      }
    } finally {
      await scanner.pool.close();
    }
    const result = applyPolicy(buildResult(['scan', ...argv], targets), judging);
    for (const target of targets)
      for (const error of target.errors) session.io.stderr(`pyguard: ${target.path}: ${error.message}\n`);
    const code = await session.show(result);
    return result.summary.errors > 0 ? Math.max(code, 2) : code;
  } finally {
    session.close();
  }
}
