// Fetching and analysing each chosen file of a resolution: bounded concurrency, sha256 verified against the index
// and against the requirements file's --hash values; a file that fails either check is reported, never scanned.

import { createHash } from 'node:crypto';
import { analyzeTarget } from '../../analysis/api.ts';
import { AnalysisPool } from '../../analysis/pool.ts';
import type { TargetReport } from '../../model/result.ts';
import { openArchive } from '../../pypi/archive/index.ts';
import type { Artifact } from '../../pypi/fetch/download.ts';
import { mapWithConcurrency } from '../../util/concurrency.ts';
import { FetchError } from '../../pypi/fetch/errors.ts';
import type { DistFile } from '../../pypi/index/types.ts';
import type { ResolvedDistribution } from '../../pypi/resolver/index.ts';
import { describeError } from '../../util/errors.ts';

const CONCURRENCY = 4;

export interface AuditJob {
  distribution: ResolvedDistribution;
  file: DistFile;
  /** sha256 digests the requirements file allows for this distribution, when it gives any. */
  allowedHashes?: Set<string>;
}

function requiredByText(d: ResolvedDistribution): string[] {
  return d.requiredBy.map((r) => (r.from === '<root>' ? '<root>' : `${r.from} (${r.requirement}${r.marker ? `; ${r.marker}` : ''})`));
}

function failedTarget(job: AuditJob, code: string, message: string): TargetReport {
  const { distribution: d, file } = job;
  const tampered = code === 'hash-mismatch';
  return {
    kind: 'distribution',
    filename: file.filename,
    name: d.displayName,
    version: d.version,
    url: file.url,
    ...(file.sha256 ? { sha256: file.sha256 } : {}),
    requiredBy: requiredByText(d),
    risk: tampered ? 'high' : 'none',
    reasons: [tampered ? `${message}; nothing of it was scanned` : `not audited: ${message}`],
    capabilities: [],
    files: [],
    findings: [],
    errors: [{ code, message }],
  };
}

async function auditOne(job: AuditJob, fetch: (file: DistFile) => Promise<Artifact>, pool: AnalysisPool): Promise<TargetReport> {
  let artifact: Artifact;
  try {
    artifact = await fetch(job.file);
  } catch (error) {
    return failedTarget(job, error instanceof FetchError ? error.code : 'fetch-failed', describeError(error));
  }
  if (job.allowedHashes && !job.allowedHashes.has(artifact.sha256)) {
    return failedTarget(job, 'hash-mismatch', `${job.file.filename}: sha256 ${artifact.sha256} is not one of the --hash values of the requirements file`);
  }
  const opened = await openArchive(artifact.bytes, job.file.filename);
  const d = job.distribution;
  const target = await analyzeTarget(opened, {
    kind: 'distribution',
    filename: job.file.filename,
    name: d.displayName,
    version: d.version,
    url: job.file.url,
    sha256: artifact.sha256,
    size: artifact.bytes.length,
    requiredBy: requiredByText(d),
    ...(d.projectInfo ? { projectInfo: d.projectInfo } : {}),
  }, { pool });
  pythonDigests.set(target, new Map(opened.entries.filter((e) => e.data && e.path.endsWith('.py')).map((e) => [e.path, createHash('sha256').update(e.data!).digest('hex')])));
  return target;
}

/** sha256 of every Python file of each audited target, for the wheel/sdist comparison. */
export const pythonDigests = new WeakMap<TargetReport, Map<string, string>>();

/** Audits every job, CONCURRENCY at a time, keeping their order. */
export async function auditAll(jobs: AuditJob[], fetch: (file: DistFile) => Promise<Artifact>): Promise<TargetReport[]> {
  const pool = new AnalysisPool();
  try {
    return await mapWithConcurrency(jobs, CONCURRENCY, (job) => auditOne(job, fetch, pool));
  } finally {
    await pool.close();
  }
}
