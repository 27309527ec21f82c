// A pool of worker threads that analyse Python files in parallel, one per core (PYGUARD_WORKERS overrides);
// started once per run and used for large targets, for every file of a check, and by the benchmark.
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
 * A worker's young generation: V8's default lets each worker hold tens of megabytes of short-lived garbage. Measured
 * on the pip + setuptools source with 2 workers: 12 MB costs no CPU and 15-35 MB less peak RSS; 4-8 MB cost 10-20%
 * more CPU.
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

/** One worker per core, or PYGUARD_WORKERS (the benchmark's one-worker runs). */
export function defaultPoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.PYGUARD_WORKERS);
  return Number.isInteger(asked) && asked > 0 ? asked : Math.max(1, availableParallelism());
}

export class AnalysisPool {
  private readonly workers = new Set<Worker>();
  /** The job each busy worker is running, so a crash fails that job only. */
  private readonly running = new Map<Worker, number>();
  private readonly pending = new Map<number, { resolve: (r: FileReport[]) => void; reject: (e: Error) => void }>();
  private readonly queue: WorkerJob[] = [];
  private readonly idle: Worker[] = [];
  private nextId = 0;
  private closing = false;

  /** Workers start on the first job, so a pool that small targets never use costs nothing. */
  constructor(private readonly size = defaultPoolSize()) {}

  private spawn(): Worker {
    const worker = new Worker(workerUrl(), {
      resourceLimits: {
        maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
        maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB,
      },
    });
    this.workers.add(worker);
    worker.on('message', (reply: Reply) => {
      this.running.delete(worker);
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error !== undefined) waiter?.reject(new Error(reply.error));
      else waiter?.resolve(reply.reports);
      this.dispatch(worker);
    });
    // A worker that dies (out of memory, a crash) fails its own job and is replaced.
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      this.workers.delete(worker);
      const index = this.idle.indexOf(worker);
      if (index >= 0) this.idle.splice(index, 1);
      const id = this.running.get(worker);
      this.running.delete(worker);
      if (id !== undefined) {
        this.pending.get(id)?.reject(new Error('analysis worker stopped'));
        this.pending.delete(id);
      }
      if (!this.closing && this.queue.length > 0) this.dispatch(this.spawn());
    });
    return worker;
  }

  private dispatch(worker: Worker): void {
    const job = this.queue.shift();
    if (!job) {
      this.idle.push(worker);
      return;
    }
    this.running.set(worker, job.id);
    worker.postMessage(job);
  }

  run(job: PoolJob, mode: WorkerJob['mode'] = 'analyze'): Promise<FileReport[]> {
    const id = this.nextId++;
    const message: WorkerJob = { id, mode, path: job.path, bytes: job.bytes, options: job.options ?? {} };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.queue.push(message);
      const worker = this.idle.pop() ?? (this.workers.size < this.size ? this.spawn() : undefined);
      if (worker) this.dispatch(worker);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.workers].map((worker) => worker.terminate()));
  }
}
