// A stand-in for the analysis worker in the pool's tests: answers each file with a report that says in which order
// this worker took it and which worker it was; a file named crash.py ends the worker, one named throws.py is
// answered with an error.
import { parentPort, threadId } from 'node:worker_threads';

let taken = 0;
parentPort.on('message', (job) => {
  if (job.path.endsWith('crash.py')) process.exit(3);
  if (job.path.endsWith('throws.py')) return parentPort.postMessage({ id: job.id, error: 'broken file' });
  const report = {
    path: job.path,
    kind: 'python',
    size: job.bytes.length,
    egress: false,
    partial: false,
    findings: [],
  };
  parentPort.postMessage({ id: job.id, reports: [{ ...report, taken: taken++, worker: threadId }] });
});
