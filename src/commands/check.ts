// `pyguard check SPEC... [-r FILE]...`: resolves what pip would install for the target environment, fetches each
// chosen file (sha256 verified), reads it in memory and audits it; prints the resolved tree and the summary.
// `pyguard scan NAME[==VERSION]` comes here with --no-deps.

import { ProbeCache } from '../cache/probe-cache.ts';
import { ResultStore } from '../cache/result-store.ts';
import { buildResult } from '../model/build-result.ts';
import { type AuditResult, type Resolution, RISK_LEVELS, type RiskLevel, type TargetReport } from '../model/result.ts';
import { applyPolicy } from '../policy/apply.ts';
import { detectEnvironment, type TargetEnvironment } from '../pypi/environment.ts';
import { defaultCacheDir } from '../pypi/fetch/cache.ts';
import { createFetchContext } from '../pypi/fetch/context.ts';
import { fetchArtifact } from '../pypi/fetch/download.ts';
import type { HttpOptions } from '../pypi/fetch/http.ts';
import { describeSharedProject, type MultiIndex } from '../pypi/index/multi.ts';
import { normalizeName } from '../pypi/names.ts';
import {
  resolve,
  sha256Digests,
  type InstalledDistribution,
  type ResolvedDistribution,
} from '../pypi/resolver/index.ts';
import { EXIT_USAGE, UserError } from '../util/errors.ts';
import type { ParsedArgs } from './args.ts';
import { analysisModules, Auditor, pythonDigests, type AuditJob } from './check/audit.ts';
import { addKnownMalware, compareWheelsWithSdist } from '../judge/cross-checks.ts';
import { openCheckIndexes } from './check/indexes.ts';
import { readInputs, type CheckInputs } from './check/inputs.ts';
import { renderTree } from './check/tree.ts';
import type { CommandIO } from './io.ts';
import { loadJudging, withPolicyIndex } from './judging.ts';
import { reportWidth } from './present.ts';
import { openSession } from './session.ts';
import { NO_PROGRESS, type ProgressSink } from '../model/progress.ts';
import { watched, watchIndex } from '../progress/watch-index.ts';
import { parseCommandArgs } from './registry.ts';
import type { UpgradeStrategy } from '../pypi/resolver/types.ts';

/** --timeout SEC (pip's socket timeout): for connecting, for the answer and between the bytes of a body. */
function timeouts(text: string | undefined): HttpOptions {
  const seconds = Number(text ?? 15);
  if (!(seconds > 0) || !Number.isFinite(seconds))
    throw new UserError(`--timeout takes a number of seconds, not '${text}'`);
  const ms = Math.round(seconds * 1000);
  return { connectTimeoutMs: ms, headersTimeoutMs: ms, bodyTimeoutMs: ms, responseDeadlineMs: 2 * ms };
}

/** Where interpreters' answers are kept: the run's cache folder (--cache-dir, else the default), none with --no-cache. */
export function probeCache(args: ParsedArgs, env: NodeJS.ProcessEnv): ProbeCache | undefined {
  return args.flags.has('no-cache') ? undefined : new ProbeCache(args.values.get('cache-dir') ?? defaultCacheDir(env));
}

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

function jobsFor(
  distributions: ResolvedDistribution[],
  allFiles: boolean,
  hashes: Map<string, Set<string>>,
): AuditJob[] {
  return distributions.flatMap((distribution) => {
    const files = allFiles && distribution.releaseFiles.length > 0 ? distribution.releaseFiles : [distribution.file];
    const allowed = hashes.get(distribution.name);
    return files.map((file) => ({ distribution, file, ...(allowed ? { allowedHashes: allowed } : {}) }));
  });
}

/** What pip install knows that check does not: the interpreter's environment and what it already has. */
export interface AuditTarget {
  env: TargetEnvironment;
  installed: InstalledDistribution[];
  /** pip's -U with its strategy; undefined without -U. */
  upgrade: UpgradeStrategy | undefined;
}

export interface RequirementsAudit {
  /** The audit, not yet judged by the user's policy. */
  result: AuditResult;
  distributions: ResolvedDistribution[];
  resolution: Resolution;
  /** Installed distributions the resolution keeps. */
  satisfied: { name: string; version: string }[];
  /** Why the known-malware lookup could not be done, when it could not (already shown as a warning). */
  osvFailure?: string;
}

/** Resolves, fetches (sha256 verified) and audits what pip would install for `inputs`; check and pip install share it. */
export async function auditRequirements(
  args: ParsedArgs,
  inputs: CheckInputs,
  io: CommandIO,
  command: string[],
  target?: AuditTarget,
  progress: ProgressSink = NO_PROGRESS,
): Promise<RequirementsAudit> {
  const env =
    target?.env ??
    (await detectEnvironment({
      pythonVersion: args.values.get('python-version'),
      platform: args.values.get('platform'),
      env: io.env,
      probes: probeCache(args, io.env),
    }));
  const ctx = createFetchContext({
    env: io.env,
    cacheDir: args.values.get('cache-dir'),
    offline: args.flags.has('offline'),
    noCache: args.flags.has('no-cache'),
    http: timeouts(args.values.get('timeout')),
  });
  const { index, pre } = await openCheckIndexes(args, inputs, ctx, io);

  // The audit runs as a pipeline beside the resolver: each file the resolver considers is fetched (once, also for
  // its METADATA) and analysed at once, on one worker pool; the chosen ones are judged once resolution ends.
  const auditor = new Auditor({
    fetch: (file, onBytes) => fetchArtifact(file, ctx, onBytes),
    store: ctx.cache && new ResultStore(ctx.cache.root),
    progress,
  });
  try {
    return await resolveAndAudit(args, inputs, io, command, {
      env,
      index,
      pre,
      auditor,
      progress,
      ...(target ? { target } : {}),
    });
  } finally {
    await auditor.close();
  }
}

interface AuditRun {
  env: TargetEnvironment;
  index: MultiIndex;
  pre: boolean;
  auditor: Auditor;
  progress: ProgressSink;
  target?: AuditTarget;
}

async function resolveAndAudit(
  args: ParsedArgs,
  inputs: CheckInputs,
  io: CommandIO,
  command: string[],
  run: AuditRun,
): Promise<RequirementsAudit> {
  const { env, index, pre, auditor, progress, target } = run;
  progress.emit({ type: 'requires', name: '<root>', requires: inputs.roots.map((r) => r.requirement.name) });
  const outcome = await resolve(inputs.roots, {
    index: watchIndex(index, progress),
    env,
    fetchFile: async (file) => (await watched(progress, 'file', file.filename, () => auditor.bytes(file))).bytes,
    openArchive: async (bytes, filename) => (await analysisModules())[0].openArchive(bytes, filename),
    onCandidate: (file) => auditor.prefetch(file),
    onRequires: (name, version, requires) => progress.emit({ type: 'requires', name, version, requires }),
    constraints: inputs.constraints,
    pre,
    noDeps: args.flags.has('no-deps'),
    ...(target ? { installed: target.installed, ...(target.upgrade && { upgrade: target.upgrade }) } : {}),
  });
  for (const warning of outcome.warnings) io.stderr(`pyguard: warning: ${warning}\n`);
  if (outcome.unresolved) throw new UserError(outcome.unresolved, EXIT_USAGE);
  progress.emit({
    type: 'resolved',
    packages: outcome.distributions.map((d) => ({
      name: d.displayName,
      version: d.version,
      filename: d.file.filename,
      ...(d.file.size !== undefined && { size: d.file.size }),
      requiredBy: d.requiredBy.map((r) => r.from),
    })),
  });

  const hashes = allowedHashes(inputs);
  const notes = [...outcome.notes, ...index.sharedProjects().map(describeSharedProject)];
  if (hashes.size > 0) {
    const unhashed = outcome.distributions.filter((d) => !hashes.has(d.name)).map((d) => d.name);
    if (unhashed.length > 0)
      notes.push(`hash-checking mode: no --hash given for ${unhashed.join(', ')} (pip would refuse to install them)`);
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
  const osv = await addKnownMalware(targets, {
    enabled: !args.flags.has('no-osv'),
    offline: args.flags.has('offline'),
    ...(osvUrl ? { url: osvUrl } : {}),
  });
  notes.push(...osv.notes);
  const requireOsv = args.flags.has('require-osv');
  if (osv.failure)
    io.stderr(
      `pyguard: ${requireOsv ? '' : 'warning: '}${osv.failure}${requireOsv ? ' (--require-osv)' : '; known malware may go unrecognised (--require-osv makes this an error)'}\n`,
    );
  const result = buildResult(command, targets, resolution);
  return {
    result,
    distributions: outcome.distributions,
    resolution,
    satisfied: outcome.satisfied,
    ...(osv.failure ? { osvFailure: osv.failure } : {}),
  };
}

/** Prints each target's errors (a hash mismatch loudly). */
export function reportTargetErrors(targets: TargetReport[], io: CommandIO): void {
  for (const target of targets) {
    for (const error of target.errors) {
      const loud = error.code === 'hash-mismatch' ? 'HASH MISMATCH: ' : '';
      io.stderr(`pyguard: ${loud}${error.message}\n`);
    }
  }
}

/** The resolved tree with the risk each distribution was judged at. */
export function judgedTree(audit: RequirementsAudit, judged: AuditResult, width = Infinity): string {
  const risks = new Map<string, RiskLevel>();
  for (const target of judged.targets) {
    const name = target.name ? normalizeName(target.name) : undefined;
    if (name && RISK_LEVELS.indexOf(target.risk) > RISK_LEVELS.indexOf(risks.get(name) ?? 'none'))
      risks.set(name, target.risk);
  }
  return renderTree(audit.distributions, audit.resolution, risks, width);
}

export async function runCheck(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseCommandArgs('check', argv);
  if (parsed.flags.has('no-osv') && parsed.flags.has('require-osv'))
    throw new UserError('check: give --no-osv or --require-osv, not both');
  const judging = loadJudging(parsed, io);
  const args = withPolicyIndex(parsed, judging.policy);
  const inputs = await readInputs(args, io);
  const session = await openSession(args, io);
  try {
    const audit = await auditRequirements(args, inputs, session.io, ['check', ...argv], undefined, session.progress);
    const result = applyPolicy(audit.result, judging);
    reportTargetErrors(result.targets, session.io);
    const code = await session.show(result, judgedTree(audit, result, reportWidth(io)));
    const incomplete = result.summary.errors > 0 || (audit.osvFailure !== undefined && args.flags.has('require-osv'));
    return incomplete ? Math.max(code, EXIT_USAGE) : code;
  } finally {
    session.close();
  }
}
