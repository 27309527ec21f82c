// A worker thread that analyses Python files for the pool (src/analysis/pool.ts), or only parses them
// (for the benchmark's baseline).
import { setFlagsFromString } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { initParser, parseOnly } from './parser.ts';
import { analyzePythonFile, type PythonFileOptions } from './python-file.ts';
import { decodeSource } from './source-text.ts';

export interface WorkerJob {
  id: number;
  mode: 'analyze' | 'parse';
  path: string;
  bytes: Uint8Array;
  options: PythonFileOptions;
}

/**
 * V8's optimising compiler, tuned for the analysis. By default it optimises the analysis's large functions early, on
 * little type feedback, and again after each deoptimisation: about 1500 compilations for the standard library, a
 * third of a 2-worker scan's CPU, on the background threads that compete with the workers for the cores. Optimising
 * after 8× more calls and loops, with half the inlining, measured a quarter less CPU for the same results. V8's
 * flags are the process's (a Worker's execArgv refuses them), so this thread's setting holds for the main thread too.
 */
setFlagsFromString('--interrupt-budget=540672');
setFlagsFromString('--max-inlined-bytecode-size-cumulative=460');

await initParser();
parentPort?.on('message', (job: WorkerJob) => {
  try {
    if (job.mode === 'parse') {
      parseOnly(decodeSource(job.bytes).text);
      parentPort!.postMessage({ id: job.id, reports: [] });
    } else {
      parentPort!.postMessage({ id: job.id, reports: analyzePythonFile(job.path, job.bytes, job.options) });
    }
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: (error as Error).message });
  }
});
