// `pyguard check SPEC... [-r FILE]...`: resolves what pip would install for the target environment, fetches each
// chosen file (sha256 verified), reads it in memory and audits it; prints the resolved tree and the summary.
// `pyguard scan NAME[==VERSION]` comes here with --no-deps.

import { initAnalysis } from '../analysis/api.ts';
import { ResultStore } from '../cache/result-store.ts';
import { buildResult } from '../model/build-result.ts';
import { type Resolution, RISK_LEVELS, type RiskLevel } from '../model/result.ts';
import { openArchive } from '../pypi/archive/index.ts';
import { detectEnvironment, type TargetEnvironment } from '../pypi/environment.ts';
import { createFetchContext } from '../pypi/fetch/context.ts';
import { fetchArtifact } from '../pypi/fetch/download.ts';
import { describeSharedProject, type MultiIndex } from '../pypi/index/multi.ts';
import { normalizeName } from '../pypi/names.ts';
import { resolve, sha256Digests, type ResolvedDistribution } from '../pypi/resolver/index.ts';
import { EXIT_USAGE, UserError } from '../util/errors.ts';
import { parseArgs, type ParsedArgs, REPORT_OPTIONS, type OptionSpec } from './args.ts';
import { Auditor, pythonDigests, type AuditJob } from './check/audit.ts';
import { addKnownMalware, compareWheelsWithSdist } from './check/cross-checks.ts';
import { openCheckIndexes, readInputs, type CheckInputs } from './check/inputs.ts';
import { renderTree } from './check/tree.ts';
import type { CommandIO } from './io.ts';
import { failLevel, present } from './present.ts';

export const CHECK_OPTIONS: Record<string, OptionSpec> = {
  ...REPORT_OPTIONS,
  requirement: { kind: 'multi', short: 'r' },
  constraint: { kind: 'multi', short: 'c' },
  'python-version': { kind: 'value' },
  platform: { kind: 'value' },
  pre: { kind: 'boolean' },
  'no-deps': { kind: 'boolean' },
  'all-files': { kind: 'boolean' },
  offline: { kind: 'boolean' },
  'pypi-url': { kind: 'value' },
  'index-url': { kind: 'value', short: 'i' },
  'extra-index-url': { kind: 'multi' },
  'find-links': { kind: 'multi', short: 'f' },
  'no-index': { kind: 'boolean' },
  isolated: { kind: 'boolean' },
  'cache-dir': { kind: 'value' },
  'no-cache': { kind: 'boolean' },
  'osv-url': { kind: 'value' },
  'no-osv': { kind: 'boolean' },
};

/** sha256 digests allowed per distribution name by the requirements files' --hash options. */
function allowedHashes(inputs: CheckInputs): Map<string, Set<string>> {
  const allowed = new Map<string, Set<string>>();
  for (const root of inputs.roots) {
    const digests = sha256Digests(root.hashes);
    if (!digests) continue;
    const name = normalizeName(root.requirement.name);
    allowed.set(name, new Set([...(allowed.get(name) ?? []), ...digests]));
  }
  return allowed;
}

function jobsFor(distributions: ResolvedDistribution[], allFiles: boolean, hashes: Map<string, Set<string>>): AuditJob[] {
  return distributions.flatMap((distribution) => {
    const files = allFiles && distribution.releaseFiles.length > 0 ? distribution.releaseFiles : [distribution.file];
    const allowed = hashes.get(distribution.name);
    return files.map((file) => ({ distribution, file, ...(allowed ? { allowedHashes: allowed } : {}) }));
  });
}

export async function runCheck(argv: string[], io: CommandIO): Promise<number> {
  const args = parseArgs('check', argv, CHECK_OPTIONS);
  failLevel('check', args);
  const inputs = await readInputs(args, io);
  const env = await detectEnvironment({ pythonVersion: args.values.get('python-version'), platform: args.values.get('platform'), env: io.env });
  const noCache = args.flags.has('no-cache');
  const ctx = createFetchContext({ env: io.env, cacheDir: args.values.get('cache-dir'), offline: args.flags.has('offline'), noCache });
  const { index, pre } = await openCheckIndexes(args, inputs, ctx, io);

  // The audit runs as a pipeline beside the resolver: each file the resolver considers is fetched (once, also for
  // its METADATA) and analysed at once; the chosen ones are then judged.
  await initAnalysis();
  const auditor = new Auditor({ fetch: (file) => fetchArtifact(file, ctx), store: ctx.cache && new ResultStore(ctx.cache.root) });
  try {
    return await resolveAndAudit(argv, args, io, { inputs, env, index, pre, auditor });
  } finally {
    await auditor.close();
  }
}

interface CheckRun {
  inputs: CheckInputs;
  env: TargetEnvironment;
  index: MultiIndex;
  pre: boolean;
  auditor: Auditor;
}

async function resolveAndAudit(argv: string[], args: ParsedArgs, io: CommandIO, run: CheckRun): Promise<number> {
  const { inputs, env, index, pre, auditor } = run;
  const outcome = await resolve(inputs.roots, {
    index,
    env,
    fetchFile: async (file) => (await auditor.bytes(file)).bytes,
    openArchive: (bytes, filename) => openArchive(bytes, filename),
    onCandidate: (file) => auditor.prefetch(file),
    constraints: inputs.constraints,
    pre,
    noDeps: args.flags.has('no-deps'),
  });
  if (outcome.unresolved) throw new UserError(outcome.unresolved, EXIT_USAGE);

  const hashes = allowedHashes(inputs);
  const notes = [...outcome.notes, ...index.sharedProjects().map(describeSharedProject)];
  if (hashes.size > 0) {
    const unhashed = outcome.distributions.filter((d) => !hashes.has(d.name)).map((d) => d.name);
    if (unhashed.length > 0) notes.push(`hash-checking mode: no --hash given for ${unhashed.join(', ')} (pip would refuse to install them)`);
  }
  const resolution: Resolution = {
    pythonVersion: env.pythonFullVersion,
    platform: env.platform,
    implementation: env.implementation === 'pp' ? 'PyPy' : 'CPython',
    index: index.description,
    edges: outcome.edges,
    notAuditable: inputs.notAuditable,
    notes,
  };

  const targets = await auditor.auditAll(jobsFor(outcome.distributions, args.flags.has('all-files'), hashes));
  if (args.flags.has('all-files')) compareWheelsWithSdist(targets, pythonDigests);
  const osvUrl = args.values.get('osv-url') ?? io.env.PYGUARD_OSV_URL;
  notes.push(...(await addKnownMalware(targets, { enabled: !args.flags.has('no-osv'), offline: args.flags.has('offline'), ...(osvUrl ? { url: osvUrl } : {}) })));
  const result = buildResult(['check', ...argv], targets, resolution);
  for (const target of targets) {
    for (const error of target.errors) {
      const loud = error.code === 'hash-mismatch' ? 'HASH MISMATCH: ' : '';
      io.stderr(`pyguard: ${loud}${error.message}\n`);
    }
  }
  const risks = new Map<string, RiskLevel>();
  for (const target of targets) {
    const name = target.name ? normalizeName(target.name) : undefined;
    if (name && RISK_LEVELS.indexOf(target.risk) > RISK_LEVELS.indexOf(risks.get(name) ?? 'none')) risks.set(name, target.risk);
  }
  const code = present(result, args, io, renderTree(outcome.distributions, resolution, risks));
  return result.summary.errors > 0 ? Math.max(code, EXIT_USAGE) : code;
}
