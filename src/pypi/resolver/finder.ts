// Which files of a project pip 23 would consider, best first: link evaluation (name, wheel tags, file-level
// Requires-Python, binary-only), the specifier filter with packaging 21.3's pre-release rules, hashes, yanked files
// (only when every match is yanked and the specifier pins), and pip's sort key (hash, not yanked, version, tag, build).

import type { DistFile, ProjectPage } from '../index/types.ts';
import { parseSdistFilename, parseWheelFilename } from '../filenames.ts';
import { normalizeName } from '../names.ts';
import { wheelTagPriority } from '../tags.ts';
import { compareVersions, isPrerelease, parseVersion, satisfies, type SpecifierClause } from '../version.ts';
import type { ResolverEnvironment } from './types.ts';

export interface FileCandidate {
  file: DistFile;
  version: string;
  kind: 'wheel' | 'sdist';
  /** pip's tag preference: the index of the wheel's best tag in the supported list; sdists rank after every wheel. */
  tagRank: number;
  build?: [number, string];
}

export interface FinderOptions {
  env: ResolverEnvironment;
  onlyBinary?: boolean;
}

/** The files of `page` pip's LinkEvaluator accepts for the target (every version). */
export function evaluateFiles(page: ProjectPage, opts: FinderOptions): FileCandidate[] {
  const project = normalizeName(page.name);
  const out: FileCandidate[] = [];
  for (const file of page.files) {
    const candidate = evaluateFile(file, project, opts);
    if (candidate) out.push(candidate);
  }
  return out;
}

/** The project name (as the file spells it) and version of a wheel or sdist of `project`; null for other files. */
export function fileNameAndVersion(filename: string, project: string): { name: string; version: string } | null {
  const parsed = filename.endsWith('.whl') ? parseWheelFilename(filename) : parseSdistFilename(filename, project);
  return parsed && normalizeName(parsed.name) === normalizeName(project)
    ? { name: parsed.name, version: parsed.version }
    : null;
}

function evaluateFile(file: DistFile, project: string, opts: FinderOptions): FileCandidate | null {
  if (!requiresPythonAllows(file.requiresPython, opts.env.pythonFullVersion)) return null;
  if (file.filename.endsWith('.whl')) {
    const wheel = parseWheelFilename(file.filename);
    if (!wheel || normalizeName(wheel.name) !== project) return null;
    const rank = wheelTagPriority(wheel.tags, opts.env.tags);
    if (rank === null) return null;
    const candidate: FileCandidate = { file, version: wheel.version, kind: 'wheel', tagRank: rank };
    const build = wheel.build ? /^(\d+)(.*)$/.exec(wheel.build) : null;
    if (build) candidate.build = [Number(build[1]), build[2]];
    return candidate;
  }
  if (opts.onlyBinary) return null;
  const sdist = fileNameAndVersion(file.filename, project);
  if (!sdist) return null;
  return { file, version: sdist.version, kind: 'sdist', tagRank: opts.env.tags.length };
}

/** A file-level Requires-Python against the target; an invalid specifier is ignored, as pip does. */
export function requiresPythonAllows(spec: string | undefined, pythonFullVersion: string): boolean {
  if (!spec || spec.trim() === '') return true;
  try {
    return satisfies(pythonFullVersion, spec, { prereleases: true });
  } catch {
    return true;
  }
}

/** packaging 21.3 `Specifier.prereleases`: an inclusive clause naming a pre-release lets pre-releases match. */
function clauseNamesPrerelease({ operator, version }: SpecifierClause): boolean {
  if (!['==', '>=', '<=', '~=', '==='].includes(operator)) return false;
  const v = operator === '==' && version.endsWith('.*') ? version.slice(0, -2) : version;
  return isPrerelease(v);
}

/**
 * packaging 21.3 `SpecifierSet.filter` as pip 23 calls it (prereleases = --pre or undefined): with clauses and none
 * naming a pre-release, pre-releases never match; with no clauses they are the fallback when no final release exists.
 */
export function pipFilterVersions(versions: string[], clauses: SpecifierClause[], pre: boolean): Set<string> {
  const matching = versions.filter((v) =>
    clauses.every((c) => satisfies(v, `${c.operator}${c.version}`, { prereleases: true })),
  );
  if (pre || clauses.some(clauseNamesPrerelease)) return new Set(matching);
  const finals = matching.filter((v) => !isPrerelease(v));
  if (clauses.length > 0 || finals.length > 0) return new Set(finals);
  return new Set(matching);
}

export interface SelectOptions {
  clauses: SpecifierClause[];
  /** Allowed sha256 digests (from --hash), when any requirement gives them. */
  hashes?: Set<string>;
  pre: boolean;
}

/**
 * pip's candidates for one identifier, best first, one file per version (the best-ranked one): the applicable files
 * sorted by pip's key, yanked files dropped unless all matches are yanked and the specifier pins a version.
 */
export function selectCandidates(files: FileCandidate[], opts: SelectOptions): FileCandidate[] {
  const allowed = pipFilterVersions([...new Set(files.map((f) => f.version))], opts.clauses, opts.pre);
  let applicable = files.filter((f) => allowed.has(f.version));
  applicable = filterUnallowedHashes(applicable, opts.hashes);
  // Ascending then reversed, as pip does: among equal keys the file listed last comes first.
  const sorted = [...applicable].sort((a, b) => compareCandidates(a, b, opts.hashes)).reverse();
  const allYanked = sorted.every((f) => f.file.yanked !== false);
  const pinned = opts.clauses.some((c) => c.operator === '===' || (c.operator === '==' && !c.version.endsWith('.*')));
  const out: FileCandidate[] = [];
  const versions = new Set<string>();
  for (const f of sorted) {
    if (f.file.yanked !== false && !(allYanked && pinned)) continue;
    const key = versionKey(f.version);
    if (versions.has(key)) continue;
    versions.add(key);
    out.push(f);
  }
  return out;
}

/** Equal versions get equal keys (`1.0` and `1.0.0`, `1.0-RC1` and `1.0rc1`). */
function versionKey(version: string): string {
  const p = parseVersion(version);
  if (!p) return version;
  const release = [...p.release];
  while (release.length > 1 && release[release.length - 1] === 0) release.pop();
  return `${p.epoch}!${release.join('.')}|${p.pre ? p.pre.label + p.pre.number : ''}|${p.post ?? ''}|${p.dev ?? ''}|${p.local ?? ''}`;
}

/** pip's filter_unallowed_hashes: keep matching files (and files without a digest) when at least one matches. */
function filterUnallowedHashes(files: FileCandidate[], hashes: Set<string> | undefined): FileCandidate[] {
  if (!hashes || hashes.size === 0) return files;
  const kept = files.filter((f) => !f.file.sha256 || hashes.has(f.file.sha256));
  return kept.some((f) => f.file.sha256) ? kept : files;
}

function hashAllowed(f: FileCandidate, hashes: Set<string> | undefined): number {
  return hashes && hashes.size > 0 && f.file.sha256 && hashes.has(f.file.sha256) ? 1 : 0;
}

/** pip's CandidateEvaluator._sort_key order: positive when `a` is preferred over `b`. */
function compareCandidates(a: FileCandidate, b: FileCandidate, hashes: Set<string> | undefined): number {
  return (
    hashAllowed(a, hashes) - hashAllowed(b, hashes) ||
    (a.file.yanked === false ? 0 : -1) - (b.file.yanked === false ? 0 : -1) ||
    compareVersions(a.version, b.version) ||
    b.tagRank - a.tagRank ||
    compareBuild(a.build, b.build)
  );
}

function compareBuild(a: [number, string] | undefined, b: [number, string] | undefined): number {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}
