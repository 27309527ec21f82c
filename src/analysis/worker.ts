// A worker thread that analyses Python files for the pool (src/analysis/pool.ts), or only parses them
// (for the benchmark's baseline).
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
