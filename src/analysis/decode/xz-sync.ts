// Synchronous .xz decoding for the payload decoders. xz-decompress (xz-embedded in WebAssembly) only offers an async
// stream, and analysis folds constants synchronously, so a helper thread runs the stream while the caller waits on a
// shared buffer (Atomics.wait). Output stops at the caller's cap; the thread is started on the first .xz payload.

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What the helper answers in the status word. */
const PENDING = 0;
const DONE = 1;
const FAILED = 2;
const OVER_CAP = 3;

const HEADER_BYTES = 8;
const TIMEOUT_MS = 30_000;

// Plain JavaScript run with `eval`, so it works the same from src/ (tsx) and from dist/ (esbuild).
const HELPER = `
const { parentPort, workerData } = require('node:worker_threads');
const { XzReadableStream } = require(workerData.modulePath);
parentPort.on('message', async ({ bytes, cap, shared }) => {
  const header = new Int32Array(shared, 0, 2);
  const out = new Uint8Array(shared, ${HEADER_BYTES});
  let total = 0;
  let status = ${DONE};
  try {
    const source = new ReadableStream({ start(c) { c.enqueue(bytes); c.close(); } });
    const reader = new XzReadableStream(source).getReader();
    let idle = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      idle = value.length === 0 ? idle + 1 : 0;
      if (idle > 64) throw new Error('truncated stream');
      if (total + value.length > cap) { status = ${OVER_CAP}; await reader.cancel(); break; }
      out.set(value, total);
      total += value.length;
    }
  } catch (error) {
    status = ${FAILED};
    const message = new TextEncoder().encode(String(error && error.message || error)).subarray(0, out.length);
    out.set(message, 0);
    total = message.length;
  }
  header[1] = total;
  Atomics.store(header, 0, status);
  Atomics.notify(header, 0);
});
`;

let helper: Worker | undefined;

function helperThread(): Worker {
  if (!helper) {
    const modulePath = createRequire(import.meta.url).resolve('xz-decompress');
    helper = new Worker(HELPER, { eval: true, workerData: { modulePath } });
    helper.unref();
    helper.on('error', () => {
      helper = undefined;
    });
  }
  return helper;
}

export type XzOutcome = { bytes: Uint8Array } | { overCap: true } | { error: string };

/** Decodes an .xz stream, blocking until done; at most `cap` bytes come back, more is reported as overCap. */
export function decodeXzSync(bytes: Uint8Array, cap: number): XzOutcome {
  const shared = new SharedArrayBuffer(HEADER_BYTES + Math.max(cap, 1024));
  const header = new Int32Array(shared, 0, 2);
  const thread = helperThread();
  thread.postMessage({ bytes: Uint8Array.from(bytes), cap, shared });
  if (Atomics.wait(header, 0, PENDING, TIMEOUT_MS) === 'timed-out') {
    void thread.terminate();
    helper = undefined;
    return { error: `no answer within ${TIMEOUT_MS / 1000} s` };
  }
  const status = Atomics.load(header, 0);
  const body = new Uint8Array(shared, HEADER_BYTES, header[1]);
  if (status === OVER_CAP) return { overCap: true };
  if (status === FAILED) return { error: new TextDecoder().decode(body) };
  return { bytes: body.slice() };
}
