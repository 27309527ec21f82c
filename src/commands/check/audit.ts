// Fetching and analysing each chosen file of a resolution, as a pipeline: a file the resolver is considering is
// fetched, opened and analysed at once (on the run's one worker pool), while resolution goes on; the audit of the
// chosen files then reuses those analyses. sha256 is verified against the index and against the requirements
// file's --hash values; a file that fails either check is reported, never passed as scanned. Analyses are read
// from and written to the result cache, keyed by the file's sha256; the bytes are dropped once analysed.

import { availableParallelism } from 'node:os';
import { isCompleteAnalysis, judgeTarget, type ArchiveAnalysis } from '../../analysis/judge-target.ts';
import { AnalysisPool } from '../../analysis/pool.ts';
import { ResultStore } from '../../cache/result-store.ts';
import { memberSha256 } from '../../model/entries.ts';
import type { ProgressSink } from '../../model/progress.ts';
import type { TargetReport } from '../../model/result.ts';
import { byteProgress } from '../../progress/download-progress.ts';
import { isSha256Digest } from '../../pypi/fetch/cache.ts';
import type { Artifact, OnBytes } from '../../pypi/fetch/download.ts';
import { FetchError } from '../../pypi/fetch/errors.ts';
import type { DistFile } from '../../pypi/index/types.ts';
import type { ResolvedDistribution } from '../../pypi/resolver/index.ts';
import { describeError } from '../../util/errors.ts';

/** Archives opened and analysed at once (one per core, at least two): bounds the decompressed archives in memory. */
const OPEN_ARCHIVES = Math.max(2, availableParallelism());

export interface AuditJob {
  distribution: ResolvedDistribution;
  file: DistFile;
  /** sha256 digests the requirements file allows for this distribution, when it gives any. */
  allowedHashes?: Set<string>;
}

/** One distribution file's analysis, as the result cache stores it. */
export interface AnalysedFile {
  sha256: string;
  size: number;
  analysis: ArchiveAnalysis;
  /** sha256 of every Python member, for the wheel/sdist comparison. */
  pythonDigests: [string, string][];
}

function requiredByText(d: ResolvedDistribution): string[] {
  return d.requiredBy.map((r) =>
    r.from === '<root>' ? '<root>' : `${r.from} (${r.requirement}${r.marker ? `; ${r.marker}` : ''})`,
  );
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

/** Runs at most `limit` tasks at once, in the order they were asked for. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((go) => waiting.push(go));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/**
 * The archive readers and the analysis (the parser, the rules), loaded when a file must be analysed: a check whose
 * results are all cached never loads them (~0.3 s of CPU).
 */
export function analysisModules() {
  return Promise.all([import('../../pypi/archive/index.ts'), import('../../analysis/target.ts')]);
}

/** sha256 of every Python file of each audited target, for the wheel/sdist comparison. */
export const pythonDigests = new WeakMap<TargetReport, Map<string, string>>();

export interface AuditorOptions {
  /** Downloads a file (sha256 verified against the index), telling `onBytes` of the bytes as they stream in. */
  fetch: (file: DistFile, onBytes?: OnBytes) => Promise<Artifact>;
  /** The result cache, absent with --no-cache. */
  store?: ResultStore;
  /** Told of each download, each archive's members as they are analysed, and each target's verdict. */
  progress?: ProgressSink;
}

export class Auditor {
  private readonly pool = new AnalysisPool();
  private readonly slot = limiter(OPEN_ARCHIVES);
  /** Files downloaded ahead of analysis: without a bound, a fast index fills memory with archives that wait. */
  private readonly held = limiter(2 * OPEN_ARCHIVES);
  private readonly analyses = new Map<string, Promise<AnalysedFile>>();
  private readonly downloads = new Map<string, Promise<Artifact>>();

  constructor(private readonly options: AuditorOptions) {}

  /** The file's bytes, downloaded once for the resolver and the analysis together, until it is analysed. */
  bytes(file: DistFile): Promise<Artifact> {
    let artifact = this.downloads.get(file.url);
    if (!artifact) {
      const progress = this.options.progress;
      artifact = this.options.fetch(file, progress && byteProgress(progress, file.filename));
      if (progress)
        artifact.then(
          (a) =>
            progress.emit({
              type: 'downloaded',
              filename: file.filename,
              bytes: a.bytes.length,
              fromCache: a.fromCache,
            }),
          () => {},
        );
      this.downloads.set(file.url, artifact);
    }
    return artifact;
  }

  /** Starts auditing a file the resolver is considering; its analysis is reused if it is chosen. */
  prefetch(file: DistFile): void {
    this.analysis(file).catch(() => undefined); // failures are reported when (if) the file is audited
  }

  private cacheKey(sha256: string, file: DistFile): string {
    return ResultStore.key({ of: 'distribution', sha256: sha256.toLowerCase(), filename: file.filename });
  }

  private analysis(file: DistFile): Promise<AnalysedFile> {
    let analysed = this.analyses.get(file.url);
    if (!analysed) {
      analysed = this.analyse(file);
      this.analyses.set(file.url, analysed);
    }
    return analysed;
  }

  private async analyse(file: DistFile): Promise<AnalysedFile> {
    const { store } = this.options;
    // the index's digest finds a result without reading the file: its bytes were verified against it when analysed
    if (store && file.sha256 && isSha256Digest(file.sha256)) {
      const cached = await store.get<AnalysedFile>(this.cacheKey(file.sha256, file));
      if (cached) return cached;
    }
    return this.held(() => this.fetchAndAnalyse(file));
  }

  private async fetchAndAnalyse(file: DistFile): Promise<AnalysedFile> {
    const { store } = this.options;
    let artifact: Artifact;
    try {
      artifact = await this.bytes(file);
    } finally {
      this.downloads.delete(file.url);
    }
    const key = this.cacheKey(artifact.sha256, file);
    const cached = store && !file.sha256 ? await store.get<AnalysedFile>(key) : undefined;
    if (cached) return cached;
    const result = await this.slot(() => this.openAndAnalyse(artifact));
    // an analysis with anything left unanalysed is not stored: the next run tries again
    if (store && isCompleteAnalysis(result.analysis)) await store.put(key, result);
    return result;
  }

  /** Opening and analysing wait for a slot (the downloads ahead of them for a place in `held`). */
  private async openAndAnalyse(artifact: Artifact): Promise<AnalysedFile> {
    const { filename } = artifact.file;
    const [{ openArchive }, { analyzeArchive }] = await analysisModules();
    const opened = await openArchive(artifact.bytes, filename);
    const analysis = await analyzeArchive(opened, filename, {
      pool: this.pool,
      poolThreshold: 1,
      ...(this.options.progress && { progress: this.options.progress }),
    });
    const digests: [string, string][] = [];
    for (const entry of opened.entries) {
      const digest = entry.path.endsWith('.py') ? memberSha256(entry) : undefined;
      if (digest) digests.push([entry.path, digest]);
    }
    opened.release?.(); // the analysis and the digests are done with the members' bytes
    return { sha256: artifact.sha256, size: artifact.bytes.length, analysis, pythonDigests: digests };
  }

  async audit(job: AuditJob): Promise<TargetReport> {
    const target = await this.judged(job);
    this.options.progress?.emit({
      type: 'scan-end',
      target: job.file.filename,
      ...(target.name !== undefined && { name: target.name }),
      risk: target.risk,
    });
    return target;
  }

  private async judged(job: AuditJob): Promise<TargetReport> {
    let analysed: AnalysedFile;
    try {
      analysed = await this.analysis(job.file);
    } catch (error) {
      return failedTarget(job, error instanceof FetchError ? error.code : 'fetch-failed', describeError(error));
    }
    if (job.allowedHashes && !job.allowedHashes.has(analysed.sha256)) {
      return failedTarget(
        job,
        'hash-mismatch',
        `${job.file.filename}: sha256 ${analysed.sha256} is not one of the --hash values of the requirements file`,
      );
    }
    const d = job.distribution;
    const target = judgeTarget(analysed.analysis, {
      kind: 'distribution',
      filename: job.file.filename,
      name: d.displayName,
      version: d.version,
      url: job.file.url,
      sha256: analysed.sha256,
      size: analysed.size,
      requiredBy: requiredByText(d),
      ...(d.projectInfo ? { projectInfo: d.projectInfo } : {}),
    });
    pythonDigests.set(target, new Map(analysed.pythonDigests));
    return target;
  }

  /** Audits every job (in parallel, within the pipeline's bounds), keeping their order. */
  auditAll(jobs: AuditJob[]): Promise<TargetReport[]> {
    return Promise.all(jobs.map((job) => this.audit(job)));
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
