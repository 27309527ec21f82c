// pip 23's resolution provider on top of the backtracking algorithm: identifiers (`name`, `name[extra]`, the target
// Python), candidates from the index through the finder, dependencies from each file's own metadata with markers
// evaluated for the target, and pip's preference order (Requires-Python, pins, backtrack causes, depth, request order).

import type { ProjectPage } from '../index/types.ts';
import { normalizeName } from '../names.ts';
import { evaluateMarker, formatMarker, parseRequirement, type Requirement } from '../pep508.ts';
import { compareVersions, parseSpecifier, satisfies, type SpecifierClause } from '../version.ts';
import type { Provider, State } from './backtrack.ts';
import { evaluateFiles, fileNameAndVersion, selectCandidates, type FileCandidate } from './finder.ts';
import { readFileDependencies, type FileDependencies, type MetadataReaders } from './metadata-source.ts';
import type { InstalledDistribution, ResolveOptions } from './types.ts';

export const PYTHON_ID = '<python>';

export interface SpecifierReq {
  kind: 'specifier';
  id: string;
  name: string;
  extras: string[];
  clauses: SpecifierClause[];
  hashes?: Set<string>;
  /** As written, without the marker (`urllib3<3,>=1.21.1`). */
  text: string;
  marker?: string;
  /** A root requirement's origin (`<command line>`, `requirements.txt:3`), named when it conflicts. */
  source?: string;
}
export interface ExplicitReq {
  kind: 'explicit';
  id: string;
  candidate: BaseCandidate;
}
export interface PythonReq {
  kind: 'python';
  id: typeof PYTHON_ID;
  specifier: string;
}
export type PipRequirement = SpecifierReq | ExplicitReq | PythonReq;

export interface LinkCandidate {
  kind: 'link';
  id: string;
  name: string;
  version: string;
  chosen: FileCandidate;
  page: ProjectPage;
}
/** A distribution already installed in the target environment (pip keeps it when it satisfies). */
export interface InstalledCandidate {
  kind: 'installed';
  id: string;
  name: string;
  version: string;
  installed: InstalledDistribution;
}
/** A candidate that stands for one distribution: a file from the index, or what is installed. */
export type BaseCandidate = LinkCandidate | InstalledCandidate;
export interface ExtrasCandidate {
  kind: 'extras';
  id: string;
  version: string;
  base: BaseCandidate;
  extras: string[];
}
export interface PythonCandidate {
  kind: 'python';
  id: typeof PYTHON_ID;
  version: string;
}
export type PipCandidate = LinkCandidate | InstalledCandidate | ExtrasCandidate | PythonCandidate;

/** pip's identifier: the normalized name, with sorted normalized extras in brackets. */
export function identifierOf(name: string, extras: string[]): string {
  const n = normalizeName(name);
  return extras.length === 0 ? n : `${n}[${[...new Set(extras.map(normalizeName))].sort().join(',')}]`;
}

function baseOf(id: string): string {
  const bracket = id.indexOf('[');
  return bracket < 0 ? id : id.slice(0, bracket);
}

/** The requirement text without its marker: name, extras, specifier (or URL). */
export function requirementText(r: Requirement): string {
  const extras = r.extras.length > 0 ? `[${r.extras.join(',')}]` : '';
  return r.url ? `${r.name}${extras} @ ${r.url}` : `${r.name}${extras}${r.specifier}`;
}

/** sha256 digests of `--hash` values (`sha256:…`); other algorithms are ignored. Undefined when none are given. */
export function sha256Digests(hashes: string[] | undefined): Set<string> | undefined {
  if (!hashes || hashes.length === 0) return undefined;
  const set = new Set<string>();
  for (const h of hashes) {
    const m = /^(?:sha256[:=])?([0-9a-f]{64})$/i.exec(h.trim());
    if (m) set.add(m[1].toLowerCase());
  }
  return set;
}

export function specifierRequirement(r: Requirement, hashes?: string[], source?: string): SpecifierReq {
  const req: SpecifierReq = {
    kind: 'specifier',
    id: identifierOf(r.name, r.extras),
    name: normalizeName(r.name),
    extras: r.extras.map(normalizeName),
    clauses: parseSpecifier(r.specifier),
    text: requirementText(r),
  };
  const set = sha256Digests(hashes);
  if (set) req.hashes = set;
  if (r.marker) req.marker = r.markerText ?? formatMarker(r.marker);
  if (source) req.source = source;
  return req;
}

function intersect(a: Set<string> | undefined, b: Set<string> | undefined): Set<string> | undefined {
  if (!a) return b;
  if (!b) return a;
  return new Set([...a].filter((h) => b.has(h)));
}

export class PipProvider implements Provider<PipRequirement, PipCandidate> {
  private readonly pages = new Map<string, Promise<ProjectPage | null>>();
  private readonly evaluated = new Map<string, FileCandidate[]>();
  private readonly candidates = new Map<string, PipCandidate>();
  private readonly dependencies = new Map<PipCandidate, Promise<PipRequirement[]>>();
  private readonly fileDeps = new Map<string, Promise<FileDependencies>>();
  private readonly knownDepths = new Map<string, number>();
  private readonly userRequested = new Map<string, number>();
  private readonly constraints = new Map<string, SpecifierReq[]>();
  private readonly python: PythonCandidate;
  private readonly installed = new Map<string, InstalledCandidate>();
  /** Names the index does not know. */
  readonly missing = new Set<string>();
  /** What pip would print as WARNING (also in notes). */
  readonly warnings: string[] = [];
  /** Observations for the report (unknown dependencies, URL dependencies, ignored markers...). */
  readonly notes: string[] = [];
  /** Every requirement seen, by identifier, with the candidate that declared it (null for a root). */
  readonly seen = new Map<string, { parent: PipCandidate | null; requirement: SpecifierReq }[]>();

  constructor(
    private readonly options: ResolveOptions,
    roots: SpecifierReq[],
  ) {
    this.python = { kind: 'python', id: PYTHON_ID, version: options.env.pythonFullVersion };
    roots.forEach((r, i) => {
      if (!this.userRequested.has(r.id)) this.userRequested.set(r.id, i);
      this.remember(r, null);
    });
    for (const dist of options.installed ?? []) {
      const name = normalizeName(dist.name);
      this.installed.set(name, { kind: 'installed', id: name, name, version: dist.version, installed: dist });
    }
    for (const c of options.constraints ?? []) {
      const req = specifierRequirement(c.requirement, c.hashes);
      this.constraints.set(req.name, [...(this.constraints.get(req.name) ?? []), req]);
    }
  }

  private remember(requirement: SpecifierReq, parent: PipCandidate | null): void {
    const list = this.seen.get(requirement.id) ?? [];
    if (!list.some((e) => e.parent === parent && e.requirement.text === requirement.text))
      list.push({ parent, requirement });
    this.seen.set(requirement.id, list);
  }

  /** The position of `id` among the user's requirements (Infinity when the user did not ask for it). */
  requestOrder(id: string): number {
    return this.userRequested.get(id) ?? Infinity;
  }

  identifyRequirement(r: PipRequirement): string {
    return r.id;
  }

  identifyCandidate(c: PipCandidate): string {
    return c.id;
  }

  /** What the index answered for a project it does not have. */
  whyMissing(name: string): string | undefined {
    return this.options.index.whyMissing?.(name);
  }

  private page(name: string): Promise<ProjectPage | null> {
    let page = this.pages.get(name);
    if (!page) {
      page = this.options.index.getProject(name).then((p) => {
        if (!p) this.missing.add(name);
        return p;
      });
      this.pages.set(name, page);
    }
    return page;
  }

  /** The files of `name` the target accepts (every version), or [] when the index does not know it. */
  async filesOf(name: string): Promise<FileCandidate[]> {
    const cached = this.evaluated.get(name);
    if (cached) return cached;
    const page = await this.page(name);
    const files = page ? evaluateFiles(page, { env: this.options.env, onlyBinary: this.options.onlyBinary }) : [];
    this.evaluated.set(name, files);
    return files;
  }

  /** Every version the index lists for `name`, whether or not a file fits the target. */
  async publishedVersions(name: string): Promise<string[]> {
    const page = await this.page(name);
    return (page?.files ?? []).flatMap((f) => fileNameAndVersion(f.filename, name)?.version ?? []);
  }

  private linkCandidate(name: string, chosen: FileCandidate, page: ProjectPage): LinkCandidate {
    const key = `${name} ${chosen.file.url}`;
    let c = this.candidates.get(key) as LinkCandidate | undefined;
    if (!c) {
      c = { kind: 'link', id: name, name, version: chosen.version, chosen, page };
      this.candidates.set(key, c);
    }
    return c;
  }

  private extrasCandidate(base: BaseCandidate, id: string, extras: string[]): ExtrasCandidate {
    const key = `${id} ${base.kind === 'link' ? base.chosen.file.url : `installed ${base.version}`}`;
    let c = this.candidates.get(key) as ExtrasCandidate | undefined;
    if (!c) {
      c = { kind: 'extras', id, version: base.version, base, extras };
      this.candidates.set(key, c);
    }
    return c;
  }

  async findMatches(
    id: string,
    requirements: (id: string) => PipRequirement[],
    incompatibilities: (id: string) => PipCandidate[],
  ): Promise<PipCandidate[]> {
    const incompatible = new Set(incompatibilities(id));
    const reqs = requirements(id);
    if (id === PYTHON_ID) {
      const ok = !incompatible.has(this.python) && reqs.every((r) => this.isSatisfiedBy(r, this.python));
      return ok ? [this.python] : [];
    }
    const name = baseOf(id);
    const extras = id === name ? [] : id.slice(name.length + 1, -1).split(',');
    const constraints = this.constraints.get(name) ?? [];
    const explicit = new Set<PipCandidate>();
    for (const r of reqs) if (r.kind === 'explicit') explicit.add(r.candidate);
    if (extras.length > 0) {
      for (const r of requirements(name))
        if (r.kind === 'explicit') explicit.add(this.extrasCandidate(r.candidate, id, extras));
    }
    if (explicit.size > 0) {
      return [...explicit].filter(
        (c) => !incompatible.has(c) && [...constraints, ...reqs].every((r) => this.isSatisfiedBy(r, c)),
      );
    }
    const specifierReqs = reqs.filter((r): r is SpecifierReq => r.kind === 'specifier');
    if (specifierReqs.length === 0) return [];
    const all = [...specifierReqs, ...constraints];
    let hashes: Set<string> | undefined;
    for (const r of all) hashes = intersect(hashes, r.hashes);
    const installed = this.installed.get(name);
    const keep = installed && all.every((r) => this.isSatisfiedBy(r, installed)) ? installed : undefined;
    const files = await this.filesOf(name);
    const page = await this.page(name);
    const bases: BaseCandidate[] = [];
    if (page) {
      const chosen = selectCandidates(files, {
        clauses: all.flatMap((r) => r.clauses),
        hashes,
        pre: Boolean(this.options.pre),
      });
      for (const f of chosen) bases.push(this.linkCandidate(name, f, page));
    }
    if (keep) {
      // pip keeps a satisfying installation; with -U the user's own requirements look for a newer one (eager: all)
      const upgrading =
        this.options.upgrade === 'eager' ||
        (this.options.upgrade === 'only-if-needed' && (this.userRequested.has(id) || this.userRequested.has(name)));
      const newer = upgrading && bases.length > 0 && compareVersions(bases[0].version, keep.version) > 0;
      if (newer) bases.push(keep);
      else bases.unshift(keep);
    }
    const out: PipCandidate[] = [];
    for (const base of bases) {
      const c = extras.length > 0 ? this.extrasCandidate(base, id, extras) : base;
      if (!incompatible.has(c)) out.push(c);
    }
    return out;
  }

  isSatisfiedBy(r: PipRequirement, c: PipCandidate): boolean {
    if (r.kind === 'explicit') {
      if (c.kind === 'installed' || r.candidate.kind === 'installed') return c === r.candidate;
      return c.kind === 'link' && c.chosen.file.url === r.candidate.chosen.file.url;
    }
    if (r.kind === 'python') return satisfiesLeniently(c.version, r.specifier);
    return r.clauses.every((clause) =>
      satisfies(c.version, `${clause.operator}${clause.version}`, { prereleases: true }),
    );
  }

  /** The dependencies a distribution declares: an installed one's from its metadata, a file's read once per file. */
  fileDependencies(c: BaseCandidate): Promise<FileDependencies> {
    if (c.kind === 'installed') {
      const { requires, providesExtra } = c.installed;
      return Promise.resolve({ requiresDist: requires, providesExtra, source: 'installed' });
    }
    const url = c.chosen.file.url;
    let deps = this.fileDeps.get(url);
    if (!deps) {
      this.options.onCandidate?.(c.chosen.file);
      const readers: MetadataReaders = this.options;
      deps = readFileDependencies(c.chosen.file, readers).then((d) => {
        if (d.note) this.notes.push(d.note);
        return d;
      });
      this.fileDeps.set(url, deps);
    }
    return deps;
  }

  getDependencies(c: PipCandidate): Promise<PipRequirement[]> {
    let deps = this.dependencies.get(c);
    if (!deps) {
      deps = this.computeDependencies(c).then((found) => {
        const names = found.flatMap((r) => (r.kind === 'specifier' ? [r.name] : []));
        // the resolver will soon need these projects' pages: ask for them all at once, not one by one
        for (const name of names) this.page(name).catch(() => undefined);
        const base = c.kind === 'extras' ? c.base : c.kind === 'python' ? undefined : c;
        if (base) this.options.onRequires?.(base.name, base.version, names);
        return found;
      });
      this.dependencies.set(c, deps);
    }
    return deps;
  }

  private async computeDependencies(c: PipCandidate): Promise<PipRequirement[]> {
    if (c.kind === 'python') return [];
    if (c.kind === 'extras') {
      const out: PipRequirement[] = [{ kind: 'explicit', id: c.base.id, candidate: c.base }];
      if (this.options.noDeps) return out;
      const file = await this.fileDependencies(c.base);
      const provided = new Set(file.providesExtra.map(normalizeName));
      const valid = c.extras.filter((e) => provided.has(e));
      for (const e of c.extras)
        if (!provided.has(e)) this.warn(`${c.base.name} ${c.version} does not provide the extra '${e}'`);
      return [...out, ...this.requirementsFrom(file.requiresDist, c, valid)];
    }
    if (this.options.noDeps) return [];
    const file = await this.fileDependencies(c);
    const out: PipRequirement[] = this.requirementsFrom(file.requiresDist, c, []);
    if (file.requiresPython && file.requiresPython.trim() !== '')
      out.push({ kind: 'python', id: PYTHON_ID, specifier: file.requiresPython });
    return out;
  }

  private requirementsFrom(
    requiresDist: string[],
    parent: BaseCandidate | ExtrasCandidate,
    extras: string[],
  ): SpecifierReq[] {
    const out: SpecifierReq[] = [];
    const owner = parent.kind === 'extras' ? parent.base : parent;
    for (const text of requiresDist) {
      let r: Requirement;
      try {
        r = parseRequirement(text);
      } catch {
        this.note(`${owner.name} ${owner.version}: ignored an invalid requirement ${JSON.stringify(text)}`);
        continue;
      }
      if (r.marker && !evaluateMarker(r.marker, this.options.env.markers, extras)) continue;
      if (r.url) {
        this.note(`${owner.name} ${owner.version} requires ${requirementText(r)} (a direct URL): not audited`);
        continue;
      }
      const req = specifierRequirement(r);
      this.remember(req, parent);
      // Ask the index early and in parallel; errors surface when the resolver awaits the page.
      this.page(req.name).catch(() => undefined);
      out.push(req);
    }
    return out;
  }

  private note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  /** A note pip would print as a WARNING. */
  private warn(text: string): void {
    this.note(text);
    if (!this.warnings.includes(text)) this.warnings.push(text);
  }

  preference(id: string, state: State<PipRequirement, PipCandidate>): (number | string | boolean)[] {
    const information = state.criteria.get(id)?.information ?? [];
    const hasInformation = information.length > 0;
    const operators = information.flatMap((i) =>
      i.requirement.kind === 'specifier' ? i.requirement.clauses.map((c) => c.operator) : [],
    );
    const pinned = operators.some((op) => op.startsWith('=='));
    const requested = this.userRequested.get(id);
    let depth: number;
    if (requested !== undefined) depth = 1;
    else if (hasInformation) {
      depth =
        Math.min(...information.map((i) => (i.parent === null ? 0 : (this.knownDepths.get(i.parent.id) ?? Infinity)))) +
        1;
    } else depth = Infinity;
    this.knownDepths.set(id, depth);
    const backtrackCause = state.backtrackCauses.some((c) => c.requirement.id === id || c.parent?.id === id);
    // pip compares a tuple of looked-up candidates with None here, so every identifier with information counts as "direct".
    return [
      id !== PYTHON_ID,
      !hasInformation,
      !pinned,
      !backtrackCause,
      depth,
      requested ?? Infinity,
      operators.length === 0,
      id,
    ];
  }
}

function satisfiesLeniently(version: string, specifier: string): boolean {
  try {
    return satisfies(version, specifier, { prereleases: true });
  } catch {
    return true;
  }
}
