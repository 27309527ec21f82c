// A pool of worker threads that analyse Python files in parallel, one per core (PYGUARD_WORKERS overrides);
// started once per run and used for large targets, for every file of a check, and by the benchmark. The files
// queued together (a target's) go out largest first, after those queued before; each worker holds the next file while
// it runs one, so it never waits for this thread.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileReport } from '../model/result.ts';
import type { PythonFileOptions } from './python-file.ts';
import type { WorkerJob } from './worker.ts';

export interface PoolJob {
  path: string;
  bytes: Uint8Array;
  options?: PythonFileOptions;
}

type Reply = { id: number; reports: FileReport[]; error?: string };
type Waiter = { resolve: (reports: FileReport[]) => void; reject: (error: Error) => void };

let devWorker: URL | undefined;

/**
 * The worker module: the bundle's dist/analysis/worker.js, or, when running from the sources (tsx, whose
 * loader hooks do not reach worker threads on Node 20), the worker bundled on the fly with esbuild.
 */
function workerUrl(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./analysis/worker.js', import.meta.url);
  if (!devWorker) {
    const require = createRequire(import.meta.url);
    const esbuild = require('esbuild') as typeof import('esbuild');
    const outfile = fileURLToPath(new URL('../../node_modules/.cache/pyguard/worker.mjs', import.meta.url));
    esbuild.buildSync({
      entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
    });
    devWorker = pathToFileURL(outfile);
  }
  return devWorker;
}

/**
 * A worker's young generation. A file's own data (its nodes, values, facts) lives through the collections made while
 * it is analysed: in a small young generation it is copied at each and promoted. Measured in one worker on the
 * stdlib, analysis after warm-up: 12 MB 11.2-12.8 s CPU, 24 MB 10.6 s, 48 MB 9.6-10.5 s; but `pyguard scan` of the
 * stdlib with 2 workers: 48 MB 10.4 s wall / 316 MB peak RSS, 12 MB 10.9 s / 265 MB, and the 111-distribution check
 * went over its 300 MB budget at 48 (334 MB). 12 MB keeps memory in budget for 5% of time; 4-8 MB cost 10-20% CPU.
 */
const WORKER_YOUNG_GENERATION_MB = 12;

/**
 * A worker's old generation: V8 scales how far a heap may grow past its live data with this limit (at 256 MB or less
 * it grows in small steps; under the default limit, up to 4× after each full collection). Measured on the
 * 111-distribution check: each worker's heap peaks at about 35 MB instead of 55-80 MB, for about 20 more full
 * collections (a quarter of a second of CPU in 36 s). A file that needs more stops its worker (out of memory) and is
 * analysed again on the main thread, like any worker failure.
 */
const WORKER_OLD_GENERATION_MB = 256;

/**
 * Jobs a worker holds at once: the one it runs and the next, waiting in its message queue. With one, a worker sat idle
 * after each file until this thread (busy or not scheduled on a loaded machine) took the answer and sent another file.
 */
const JOBS_PER_WORKER = 2;

/** One worker per core, or PYGUARD_WORKERS (the benchmark's one-worker runs). */
export function defaultPoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.PYGUARD_WORKERS);
  return Number.isInteger(asked) && asked > 0 ? asked : Math.max(1, availableParallelism());
}

export class AnalysisPool {
  private readonly workers: Worker[] = [];
  /** The jobs each worker holds, in the order it runs them: the first is running, so a crash fails that job only. */
  private readonly held = new Map<Worker, WorkerJob[]>();
  private readonly pending = new Map<number, Waiter>();
  /** Jobs waiting for a worker, in the order they are handed out. */
  private readonly queue: WorkerJob[] = [];
  /** Jobs queued since the last hand-out. */
  private readonly arriving: WorkerJob[] = [];
  private nextId = 0;
  private closing = false;

  /**
   * Workers start on the first job, so a pool that small targets never use costs nothing. `module`: the worker
   * module (tests give a stand-in); by default the analysis worker.
   */
  constructor(
    private readonly size = defaultPoolSize(),
    private readonly module?: URL,
  ) {}

  private spawn(): Worker {
    const worker = new Worker(this.module ?? workerUrl(), {
      resourceLimits: {
        maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
        maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB,
      },
    });
    this.workers.push(worker);
    this.held.set(worker, []);
    worker.on('message', (reply: Reply) => {
      const jobs = this.held.get(worker) ?? [];
      const at = jobs.findIndex((job) => job.id === reply.id);
      if (at >= 0) jobs.splice(at, 1);
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error !== undefined) waiter?.reject(new Error(reply.error));
      else waiter?.resolve(reply.reports);
      this.fill();
    });
    // A worker that dies (out of memory, a crash) fails the job it was running and is replaced; the jobs that were
    // waiting behind it go back to the queue.
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      const [running, ...waiting] = this.held.get(worker) ?? [];
      this.held.delete(worker);
      this.workers.splice(this.workers.indexOf(worker), 1);
      for (const job of this.closing ? [running, ...waiting] : [running]) this.fail(job);
      if (this.closing) return;
      this.queue.unshift(...waiting);
      this.fill();
    });
    return worker;
  }

  private fail(job: WorkerJob | undefined): void {
    if (!job) return;
    this.pending.get(job.id)?.reject(new Error('analysis worker stopped'));
    this.pending.delete(job.id);
  }

  /** Hands out waiting jobs: one to each worker (starting workers up to the pool's size), then a second to each. */
  private fill(): void {
    for (let depth = 1; depth <= JOBS_PER_WORKER; depth++) {
      for (const worker of this.workers) if (this.held.get(worker)!.length < depth) this.send(worker);
      while (depth === 1 && this.queue.length > 0 && this.workers.length < this.size && !this.closing)
        this.send(this.spawn());
    }
  }

  private send(worker: Worker): void {
    const job = this.queue.shift();
    if (!job) return;
    this.held.get(worker)!.push(job);
    worker.postMessage(job);
  }

  /** Starts every worker now (they load the parser while this thread reads the files they will be given). */
  start(): void {
    while (this.workers.length < this.size && !this.closing) this.spawn();
  }

  run(job: PoolJob, mode: WorkerJob['mode'] = 'analyze'): Promise<FileReport[]> {
    const id = this.nextId++;
    const message: WorkerJob = { id, mode, path: job.path, bytes: job.bytes, options: job.options ?? {} };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.arriving.push(message);
      if (this.arriving.length === 1) queueMicrotask(() => this.admit());
    });
  }

  /**
   * Queues the jobs that arrived together (a target's files, queued in one go), the largest first: a large file
   * started last would keep one core busy while the others wait at the end of the run. Jobs queued earlier stay
   * ahead, so a target's files are not overtaken by a later target's and its memory is released early.
   */
  private admit(): void {
    this.arriving.sort((a, b) => b.bytes.length - a.bytes.length);
    for (const job of this.arriving) this.queue.push(job);
    this.arriving.length = 0;
    this.fill();
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
