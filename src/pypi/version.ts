// PEP 440 versions and specifiers with the semantics of pip's `packaging`: parsing and ordering (parts parsed by
// @renovatebot/pep440), specifier matching incl. `===` as string equality, and the pre-release rules of SpecifierSet.

import { explain } from '@renovatebot/pep440';
import { InvalidSpecifier } from './standards-error.ts';

export interface ParsedVersion {
  epoch: number;
  release: number[];
  pre?: { label: 'a' | 'b' | 'rc'; number: number };
  post?: number;
  dev?: number;
  /** Normalised local label (`ubuntu.1`), without the `+`. */
  local?: string;
  /** Normalised version without the local label. */
  public: string;
  /** Epoch and release only (`1!2.0`). */
  baseVersion: string;
}

export type SpecifierOperator = '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';

export interface SpecifierClause {
  operator: SpecifierOperator;
  /** The version as written (for `==`/`!=` it may end in `.*`). */
  version: string;
}

const cache = new Map<string, ParsedVersion | null>();
const CACHE_LIMIT = 20_000;

/** Parses a PEP 440 version (surrounding whitespace and a leading `v` allowed); null when it is not one. */
export function parseVersion(v: string): ParsedVersion | null {
  const key = v.trim();
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const parsed = parseUncached(key);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, parsed);
  return parsed;
}

function parseUncached(v: string): ParsedVersion | null {
  const e = explain(v);
  if (!e) return null;
  const raw = e as unknown as {
    pre: [string, number] | null;
    post: number | null;
    dev: number | null;
    local: string | null;
  };
  const parsed: ParsedVersion = {
    epoch: e.epoch,
    release: e.release,
    public: e.public,
    baseVersion: e.base_version,
  };
  if (raw.pre) parsed.pre = { label: raw.pre[0] as 'a' | 'b' | 'rc', number: raw.pre[1] };
  if (raw.post !== null) parsed.post = raw.post;
  if (raw.dev !== null) parsed.dev = raw.dev;
  if (raw.local !== null) parsed.local = raw.local;
  return parsed;
}

export function isValidVersion(v: string): boolean {
  return parseVersion(v) !== null;
}

/** The canonical form (`1.0-RC1` → `1.0rc1`, `1.0+Ubuntu-1` → `1.0+ubuntu.1`); the input, trimmed, when it is not a version. */
export function normalizeVersion(v: string): string {
  const p = parseVersion(v);
  if (!p) return v.trim();
  return p.local === undefined ? p.public : `${p.public}+${p.local}`;
}

/** A pre-release or development release (packaging's `is_prerelease`). False for anything that is not a version. */
export function isPrerelease(v: string): boolean {
  const p = parseVersion(v);
  return p !== null && isParsedPrerelease(p);
}

function isParsedPrerelease(p: ParsedVersion): boolean {
  return p.pre !== undefined || p.dev !== undefined;
}

/** Orders two versions as packaging does; versions that do not parse sort before all valid ones, among themselves by string. */
export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (pa && pb) return compareParsed(pa, pb);
  if (pa) return 1;
  if (pb) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const PRE_RANK = { a: 0, b: 1, rc: 2 } as const;

function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRelease(a: number[], b: number[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const c = compareNumbers(a[i] ?? 0, b[i] ?? 0);
    if (c !== 0) return c;
  }
  return 0;
}

/** packaging's pre-release key: a dev-only release sorts before any pre-release, a final after all of them. */
function preKey(p: ParsedVersion): number[] {
  if (p.pre === undefined && p.post === undefined && p.dev !== undefined) return [-Infinity];
  if (p.pre === undefined) return [Infinity];
  return [PRE_RANK[p.pre.label], p.pre.number];
}

function compareLocal(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    let c: number;
    if (xn && yn) c = compareNumbers(Number(x), Number(y));
    else if (xn)
      c = 1; // numeric segments sort after alphanumeric ones
    else if (yn) c = -1;
    else c = x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return c;
  }
  return compareNumbers(pa.length, pb.length);
}

export function compareParsed(a: ParsedVersion, b: ParsedVersion): number {
  let c = compareNumbers(a.epoch, b.epoch);
  if (c === 0) c = compareRelease(a.release, b.release);
  if (c === 0) {
    const ka = preKey(a);
    const kb = preKey(b);
    c = compareNumbers(ka[0], kb[0]) || compareNumbers(ka[1] ?? 0, kb[1] ?? 0);
  }
  if (c === 0) c = compareNumbers(a.post ?? -Infinity, b.post ?? -Infinity);
  if (c === 0) c = compareNumbers(a.dev ?? Infinity, b.dev ?? Infinity);
  if (c === 0) c = compareLocal(a.local, b.local);
  return c;
}

// ---- specifiers ----

const CLAUSE = /^(~=|===|==|!=|<=|>=|<|>)\s*(\S.*)$/;
const RELEASE_WILDCARD = /^(?:v?(?:\d+!)?\d+(?:\.\d+)*)\.\*$/i;

/** Splits a specifier set (`>= 2.0 , <3`) into validated clauses; empty parts (odd commas) are ignored. Throws InvalidSpecifier. */
export function parseSpecifier(spec: string): SpecifierClause[] {
  const clauses: SpecifierClause[] = [];
  for (const part of spec.split(',')) {
    const text = part.trim();
    if (text === '') continue;
    const m = CLAUSE.exec(text);
    if (!m) throw new InvalidSpecifier(`invalid version specifier: ${JSON.stringify(spec)}`);
    const clause = { operator: m[1] as SpecifierOperator, version: m[2].trim() };
    if (!isValidClause(clause)) throw new InvalidSpecifier(`invalid version specifier: ${JSON.stringify(spec)}`);
    clauses.push(clause);
  }
  return clauses;
}

export function isValidSpecifier(spec: string): boolean {
  try {
    parseSpecifier(spec);
    return true;
  } catch {
    return false;
  }
}

function isValidClause({ operator, version }: SpecifierClause): boolean {
  if (operator === '===') return /^[^\s;)]+$/.test(version);
  if (/\s/.test(version)) return false;
  if (operator === '==' || operator === '!=') {
    return version.endsWith('.*') ? RELEASE_WILDCARD.test(version) : parseVersion(version) !== null;
  }
  const p = parseVersion(version);
  if (!p || p.local !== undefined) return false;
  return operator !== '~=' || p.release.length >= 2;
}

/** Whether the clause names a pre-release in a way that lets pre-releases match (packaging ≥ 25: all but `!=` and `==X.*`). */
function clauseImpliesPrereleases({ operator, version }: SpecifierClause): boolean {
  if (operator === '!=' || version.endsWith('.*')) return false;
  const p = parseVersion(version);
  return p !== null && isParsedPrerelease(p);
}

/** True when the specifier itself names a pre-release (`>=1.0rc1`), as packaging's `SpecifierSet.prereleases`. */
export function specifierAllowsPrereleases(spec: string): boolean {
  return parseSpecifier(spec).some(clauseImpliesPrereleases);
}

function sameRelease(prefix: number[], p: ParsedVersion): boolean {
  return prefix.every((n, i) => (p.release[i] ?? 0) === n);
}

/** `==X.*`: epoch equal and the release, zero-padded, starts with the prefix. */
function matchesWildcard(prefixText: string, p: ParsedVersion): boolean {
  const prefix = parseVersion(prefixText) as ParsedVersion;
  return prefix.epoch === p.epoch && sameRelease(prefix.release, p);
}

function withoutLocal(p: ParsedVersion): ParsedVersion {
  if (p.local === undefined) return p;
  const { local: _local, ...rest } = p;
  return rest;
}

/** The version that `p` is a post-release of (`1.0a1.post2.dev1` → `1.0a1`). */
function postBase(p: ParsedVersion): ParsedVersion {
  const { post: _post, dev: _dev, local: _local, ...rest } = p;
  return rest;
}

function matchesEqual(version: string, p: ParsedVersion): boolean {
  if (version.endsWith('.*')) return matchesWildcard(version.slice(0, -2), p);
  const s = parseVersion(version) as ParsedVersion;
  return compareParsed(s.local === undefined ? withoutLocal(p) : p, s) === 0;
}

/** A clause other than `===` against a parsed version. */
function matchesClause(clause: SpecifierClause, p: ParsedVersion): boolean {
  const { operator, version } = clause;
  if (operator === '==') return matchesEqual(version, p);
  if (operator === '!=') return !matchesEqual(version, p);
  const s = parseVersion(version) as ParsedVersion;
  const publicP = withoutLocal(p);
  switch (operator) {
    case '<=':
      return compareParsed(publicP, s) <= 0;
    case '>=':
      return compareParsed(publicP, s) >= 0;
    case '~=': {
      const prefix = s.release.slice(0, -1);
      return compareParsed(publicP, s) >= 0 && s.epoch === p.epoch && sameRelease(prefix, p);
    }
    case '<':
      // `<V` excludes pre-releases of V itself (from V.dev0 on) unless V is one.
      if (compareParsed(p, s) >= 0) return false;
      return isParsedPrerelease(s) || !isParsedPrerelease(p) || compareParsed(p, { ...withoutLocal(s), dev: 0 }) < 0;
    case '>':
      // `>V` excludes post-releases of V (unless V is one) and local versions of V.
      if (compareParsed(p, s) <= 0) return false;
      if (s.post === undefined && p.post !== undefined && compareParsed(postBase(p), s) === 0) return false;
      return compareParsed(publicP, s) !== 0;
    default:
      return false;
  }
}

/** Every clause matches; `===` compares the strings as written (case-insensitively), so it also matches non-versions. */
function matchesAll(clauses: SpecifierClause[], raw: string): boolean {
  const p = parseVersion(raw);
  return clauses.every((c) =>
    c.operator === '===' ? raw.trim().toLowerCase() === c.version.toLowerCase() : p !== null && matchesClause(c, p),
  );
}

/**
 * Whether `version` satisfies `specifier` (empty = any), checked on its own as pip's `SpecifierSet.contains` did
 * before packaging 26: a pre-release matches only when `opts.prereleases` is true or the specifier names a
 * pre-release. For choosing among many versions (pre-releases as the fallback when nothing final matches) use
 * `filterVersions`. Throws InvalidSpecifier on an invalid specifier.
 */
export function satisfies(version: string, specifier: string, opts: { prereleases?: boolean } = {}): boolean {
  const clauses = parseSpecifier(specifier);
  const allowPre = opts.prereleases ?? clauses.some(clauseImpliesPrereleases);
  if (!allowPre && isPrerelease(version)) return false;
  return matchesAll(clauses, version);
}

/**
 * The versions matching `specifier`, in input order, as packaging's `SpecifierSet.filter`: with `prereleases`
 * undefined, pre-releases are excluded unless the specifier names one, but when no final release matches the
 * matching pre-releases are returned. `true` includes them, `false` never does. Throws InvalidSpecifier on an invalid specifier.
 */
export function filterVersions(versions: string[], specifier: string, opts: { prereleases?: boolean } = {}): string[] {
  const clauses = parseSpecifier(specifier);
  const allowPre = opts.prereleases ?? (clauses.some(clauseImpliesPrereleases) ? true : undefined);
  const matched = versions.filter((v) => !(allowPre === false && isPrerelease(v)) && matchesAll(clauses, v));
  if (allowPre !== undefined) return matched;
  const finals = matched.filter((v) => !isPrerelease(v));
  return finals.length > 0 ? finals : matched;
}
