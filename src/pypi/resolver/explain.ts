// A resolution failure in words, naming what the user asked for and who requires what:
// "Cannot install flask==2.0 and werkzeug>=3: flask 2.0.0 requires werkzeug<2.1".

import type { Information } from './backtrack.ts';
import type { PipCandidate, PipProvider, PipRequirement, SpecifierReq } from './pip-provider.ts';

function describeParent(c: PipCandidate): string {
  if (c.kind === 'python') return 'Python';
  const base = c.kind === 'extras' ? c.base : c;
  return `${base.page.name} ${base.version}`;
}

/** The root requirements that lead to `id`, following who required whom. */
function rootsLeadingTo(id: string, provider: PipProvider): string[] {
  const roots: string[] = [];
  const visited = new Set<string>();
  const queue = [id];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    if (visited.has(current)) continue;
    visited.add(current);
    for (const { parent, requirement } of provider.seen.get(current) ?? []) {
      if (parent === null) roots.push(requirement.text);
      else queue.push(parent.id);
    }
  }
  return roots;
}

async function availability(req: SpecifierReq, provider: PipProvider, pythonVersion: string): Promise<string> {
  if (provider.missing.has(req.name)) return `${req.name} is not on the index`;
  const files = await provider.filesOf(req.name);
  const versions = [...new Set(files.map((f) => f.version))];
  if (versions.length === 0) return `no file of ${req.name} fits this target (Python ${pythonVersion}, its platform and wheel tags)`;
  const shown = versions.slice(-8).join(', ');
  return `no version of ${req.name} matches ${req.text} (available: ${shown})`;
}

export async function explainConflict(
  causes: Information<PipRequirement, PipCandidate>[],
  provider: PipProvider,
  pythonVersion: string,
): Promise<string> {
  const roots: string[] = [];
  const details: string[] = [];
  const byId = new Map<string, Information<PipRequirement, PipCandidate>[]>();
  for (const cause of causes) {
    const { requirement, parent } = cause;
    byId.set(requirement.id, [...(byId.get(requirement.id) ?? []), cause]);
    const text = requirement.kind === 'specifier' ? requirement.text : requirement.kind === 'python' ? `Python${requirement.specifier}` : `${requirement.candidate.name}==${requirement.candidate.version}`;
    if (parent === null) roots.push(text);
    else {
      roots.push(...rootsLeadingTo(parent.id, provider));
      details.push(`${describeParent(parent)} requires ${text}`);
    }
  }
  for (const [id, list] of byId) {
    const requirement = list[0].requirement;
    if (id === '<python>') details.push(`the target Python is ${pythonVersion}`);
    else if (list.length === 1 && requirement.kind === 'specifier') details.push(await availability(requirement, provider, pythonVersion));
  }
  const uniqueRoots = [...new Set(roots)];
  const uniqueDetails = [...new Set(details)];
  const head = uniqueRoots.length > 0 ? `Cannot install ${uniqueRoots.join(' and ')}` : 'Cannot resolve the requirements';
  return uniqueDetails.length > 0 ? `${head}: ${uniqueDetails.join('; ')}` : head;
}
