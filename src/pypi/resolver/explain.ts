// A resolution failure in words, naming what the user asked for and who requires what:
// "Cannot install flask==2.0 and werkzeug>=3: flask 2.0.0 requires werkzeug<2.1".

import { compareVersions, satisfies } from '../version.ts';
import type { Information } from './backtrack.ts';
import type { ResolverEnvironment } from './types.ts';
import {
  PYTHON_ID,
  type PipCandidate,
  type PipProvider,
  type PipRequirement,
  type SpecifierReq,
} from './pip-provider.ts';

/** The project and version of the candidate that declared a requirement. */
function describeParent(c: PipCandidate): [string, string] {
  if (c.kind === 'python') return ['Python', c.version];
  const base = c.kind === 'extras' ? c.base : c;
  return [base.kind === 'link' ? base.page.name : base.installed.name, base.version];
}

function describeRequirement(r: PipRequirement): string {
  if (r.kind === 'specifier') return r.text;
  if (r.kind === 'python') return `Python${r.specifier}`;
  return `${r.candidate.name}==${r.candidate.version}`;
}

/** A root requirement with where it was given, when known: "six==1.16 (requirements.txt:3)". */
function describeRoot(r: PipRequirement): string {
  return r.kind === 'specifier' && r.source ? `${r.text} (${r.source})` : describeRequirement(r);
}

/** The root requirements that lead to `id`, following who required whom. */
function rootsLeadingTo(id: string, provider: PipProvider): SpecifierReq[] {
  const roots: SpecifierReq[] = [];
  const visited = new Set<string>();
  const queue = [id];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    if (visited.has(current)) continue;
    visited.add(current);
    for (const { parent, requirement } of provider.seen.get(current) ?? []) {
      if (parent === null) roots.push(requirement);
      else queue.push(parent.id);
    }
  }
  return roots;
}

function newestFirst(versions: Iterable<string>): string[] {
  return [...new Set(versions)].sort((a, b) => compareVersions(b, a));
}

async function availability(req: SpecifierReq, provider: PipProvider, env: ResolverEnvironment): Promise<string> {
  const target = `Python ${env.pythonFullVersion}${env.platform ? ` on ${env.platform}` : ' and this platform'}`;
  if (provider.missing.has(req.name)) {
    const why = provider.whyMissing(req.name);
    return `${req.name} is not on the index${why ? ` (${why})` : ''}`;
  }
  const fitting = newestFirst((await provider.filesOf(req.name)).map((f) => f.version));
  const unfit = newestFirst(await provider.publishedVersions(req.name)).filter(
    (v) =>
      !fitting.includes(v) &&
      req.clauses.every((c) => satisfies(v, `${c.operator}${c.version}`, { prereleases: true })),
  );
  if (unfit.length > 0) {
    const which = unfit.length === 1 ? unfit[0] : unfit.slice(0, 3).join(', ');
    return `${req.name} ${which} would match ${req.text}, but none of ${unfit.length === 1 ? 'its' : 'their'} files fits ${target} (wheel tags, Requires-Python)`;
  }
  if (fitting.length === 0) return `no file of ${req.name} fits ${target} (wheel tags, Requires-Python)`;
  return `no version of ${req.name} matches ${req.text} (available: ${fitting.slice(0, 8).join(', ')})`;
}

/** "x 3.0 requires y>=1", or "x 3.0, 2.0, 1.0 require y>=1" when several releases of x do. */
function describeRequirers(project: string, versions: string[], requirement: string): string {
  if (versions.length === 1) return `${project} ${versions[0]} requires ${requirement}`;
  const shown =
    versions.length <= 3
      ? versions.join(', ')
      : `${versions.slice(0, 3).join(', ')} and ${versions.length - 3} more releases`;
  return `${project} ${shown} require ${requirement}`;
}

export async function explainConflict(
  causes: Information<PipRequirement, PipCandidate>[],
  provider: PipProvider,
  env: ResolverEnvironment,
): Promise<string> {
  const roots: PipRequirement[] = [];
  const requirers = new Map<string, { project: string; versions: string[]; requirement: string }>();
  const byId = new Map<string, Set<string>>();
  const firstOf = new Map<string, PipRequirement>();
  for (const { requirement, parent } of causes) {
    const text = describeRequirement(requirement);
    byId.set(requirement.id, (byId.get(requirement.id) ?? new Set()).add(text));
    if (!firstOf.has(requirement.id)) firstOf.set(requirement.id, requirement);
    if (parent === null) {
      roots.push(requirement);
      continue;
    }
    roots.push(...rootsLeadingTo(parent.id, provider));
    const [project, version] = describeParent(parent);
    const key = `${project}\n${text}`;
    const entry = requirers.get(key) ?? { project, versions: [], requirement: text };
    if (!entry.versions.includes(version)) entry.versions.push(version);
    requirers.set(key, entry);
  }
  const details = [...requirers.values()].map((r) => describeRequirers(r.project, r.versions, r.requirement));
  for (const [id, texts] of byId) {
    const requirement = firstOf.get(id) as PipRequirement;
    if (id === PYTHON_ID) details.push(`the target Python is ${env.pythonFullVersion}`);
    else if (texts.size === 1 && requirement.kind === 'specifier')
      details.push(await availability(requirement, provider, env));
  }
  const order = (r: PipRequirement) => provider.requestOrder(r.id);
  // Where each root was given matters when they come from different places (command line, files, pyproject).
  const origins = new Set(roots.map((r) => (r.kind === 'specifier' ? r.source : undefined)));
  const describe = origins.size > 1 ? describeRoot : describeRequirement;
  const uniqueRoots = [...new Set([...roots].sort((a, b) => order(a) - order(b) || 0).map(describe))];
  const uniqueDetails = [...new Set(details)];
  const head =
    uniqueRoots.length > 0 ? `Cannot install ${uniqueRoots.join(' and ')}` : 'Cannot resolve the requirements';
  return uniqueDetails.length > 0 ? `${head}: ${uniqueDetails.join('; ')}` : head;
}
