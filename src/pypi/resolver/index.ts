// resolve(): what pip 23 would install for some requirements on one target environment, with the required-by graph,
// notes, and a conflict explained in words when there is no solution. Never runs a build.

import { evaluateMarker } from '../pep508.ts';
import { compareVersions } from '../version.ts';
import { BacktrackingResolver, ResolutionImpossible, ResolutionTooDeep, type Resolution } from './backtrack.ts';
import { explainConflict } from './explain.ts';
import { fileNameAndVersion } from './finder.ts';
import {
  PipProvider,
  specifierRequirement,
  type BaseCandidate,
  type PipCandidate,
  type PipRequirement,
  type SpecifierReq,
} from './pip-provider.ts';
import type {
  RequiredBy,
  ResolutionOutcome,
  ResolvedDistribution,
  ResolvedEdge,
  ResolveOptions,
  RootRequirement,
} from './types.ts';

export type * from './types.ts';
export { sha256Digests } from './pip-provider.ts';

const DEFAULT_MAX_ROUNDS = 200_000;

function baseOf(c: PipCandidate): BaseCandidate | null {
  return c.kind === 'link' || c.kind === 'installed' ? c : c.kind === 'extras' ? c.base : null;
}

export async function resolve(roots: RootRequirement[], options: ResolveOptions): Promise<ResolutionOutcome> {
  const notes: string[] = [];
  const requirements: SpecifierReq[] = [];
  for (const root of roots) {
    const r = root.requirement;
    if (r.marker && !evaluateMarker(r.marker, options.env.markers)) {
      notes.push(`ignored ${r.raw.trim()}: its markers do not match the target`);
      continue;
    }
    requirements.push(specifierRequirement(r, root.hashes, root.source));
  }
  const provider = new PipProvider(options, requirements);
  const resolver = new BacktrackingResolver<PipRequirement, PipCandidate>(provider);
  let resolution: Resolution<PipRequirement, PipCandidate>;
  const failed = (unresolved: string) => ({
    distributions: [],
    satisfied: [],
    edges: [],
    notes: [...notes, ...provider.notes],
    warnings: provider.warnings,
    unresolved,
  });
  try {
    resolution = await resolver.resolve(requirements, options.maxRounds ?? DEFAULT_MAX_ROUNDS);
  } catch (error) {
    if (error instanceof ResolutionImpossible) {
      const causes = error.causes as ResolutionImpossible<PipRequirement, PipCandidate>['causes'];
      const unresolved = await explainConflict(causes, provider, options.env);
      return failed(unresolved);
    }
    if (error instanceof ResolutionTooDeep) {
      return failed(`${error.message} without finding a solution`);
    }
    throw error;
  }
  const { distributions, edges } = await assemble(resolution, provider, Boolean(options.noDeps));
  const satisfied = [...resolution.mapping.values()].flatMap((c) =>
    c.kind === 'installed' ? [{ name: c.name, version: c.version }] : [],
  );
  return { distributions, satisfied, edges, notes: [...notes, ...provider.notes], warnings: provider.warnings };
}

async function assemble(resolution: Resolution<PipRequirement, PipCandidate>, provider: PipProvider, noDeps: boolean) {
  const pinned = new Set(resolution.mapping.values());
  const byName = new Map<string, ResolvedDistribution>();
  for (const c of resolution.mapping.values()) {
    if (c.kind !== 'link') continue;
    // With --no-deps the metadata was never needed, so it is not read just for the report.
    const deps = noDeps ? { name: undefined, source: 'none' as const } : await provider.fileDependencies(c);
    byName.set(c.name, {
      name: c.name,
      displayName: deps.name ?? c.page.name,
      version: c.version,
      file: c.chosen.file,
      requiredBy: [],
      extras: [],
      metadataSource: deps.source,
      // every file of the release, including those this target cannot use (for --all-files)
      releaseFiles: c.page.files.filter((f) => {
        const parsed = fileNameAndVersion(f.filename, c.name);
        return parsed !== null && compareVersions(parsed.version, c.version) === 0;
      }),
      ...(c.page.info ? { projectInfo: c.page.info } : {}),
    });
  }
  for (const c of resolution.mapping.values()) {
    if (c.kind === 'extras') {
      const d = byName.get(c.base.name);
      if (d) d.extras = [...new Set([...d.extras, ...c.extras])].sort();
    }
  }
  const edges: ResolvedEdge[] = [];
  const edgeKeys = new Set<string>();
  for (const [id, criterion] of resolution.criteria) {
    for (const { requirement, parent } of criterion.information) {
      if (requirement.kind !== 'specifier') continue;
      if (parent !== null && !pinned.has(parent)) continue;
      const target = byName.get(requirement.name);
      if (!target || !resolution.mapping.has(id)) continue;
      const from = parent === null ? '<root>' : baseOf(parent);
      const fromName = from === '<root>' ? '<root>' : from ? from.name : null;
      if (fromName === null || fromName === target.name) continue;
      const key = `${fromName}\n${target.name}\n${requirement.text}\n${requirement.marker ?? ''}`;
      if (edgeKeys.has(key)) continue;
      edgeKeys.add(key);
      const edge: ResolvedEdge = { from: fromName, to: target.name, requirement: requirement.text };
      if (requirement.marker) edge.marker = requirement.marker;
      if (requirement.extras.length > 0) edge.extras = requirement.extras;
      edges.push(edge);
      const by: RequiredBy = {
        from: from === '<root>' || from === null ? '<root>' : `${from.name} ${from.version}`,
        requirement: requirement.text,
      };
      if (requirement.marker) by.marker = requirement.marker;
      target.requiredBy.push(by);
    }
  }
  return { distributions: [...byName.values()], edges };
}
