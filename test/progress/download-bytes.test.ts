// Download progress by the byte: the fetch layer tells of each chunk as a file streams in, byteProgress turns that
// into at most one event per file every 100 ms, the tracker counts the bytes of files still streaming in, and the
// downloading stage shows bytes done of total, a rate and the file streaming in before that file completes.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { after, before, test } from 'node:test';
import { buildWheel } from '../../scripts/lib/build-dist.ts';
import { runCheck } from '../../src/commands/check.ts';
import type { ProgressEvent } from '../../src/model/progress.ts';
import { stageLines } from '../../src/progress/describe.ts';
import { BYTE_EVENT_MS, byteProgress } from '../../src/progress/download-progress.ts';
import { ProgressTracker } from '../../src/progress/tracker.ts';
import { fetchArtifact } from '../../src/pypi/fetch/download.ts';
import { memoryIO, startOneWheelIndex, tempHome } from '../check/helpers.ts';
import { testContext } from '../fetch/helpers.ts';

const CHUNK = 256 * 1024;
const CHUNK_EVERY_MS = 40;

/** Bytes that do not compress (a sha256 chain), so the wheel is as large as its content. */
function incompressible(size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let at = 0, i = 0; at < size; at += 32, i++)
    out.set(
      createHash('sha256')
        .update(`block ${i}`)
        .digest()
        .subarray(0, Math.min(32, size - at)),
      at,
    );
  return out;
}

const WHEEL = buildWheel({
  name: 'slow-stream',
  version: '1.0',
  files: { 'slow_stream/__init__.py': 'VALUE = 1\n', 'slow_stream/blob.bin': incompressible(4 * 1024 * 1024) },
});

/** Announces the size, then writes the body a chunk at a time with pauses, as a slow network would. */
function slowly(res: ServerResponse, bytes: Uint8Array): void {
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': bytes.length });
  let at = 0;
  const next = (): void => {
    if (res.destroyed) return;
    const end = Math.min(bytes.length, at + CHUNK);
    res.write(bytes.subarray(at, end));
    at = end;
    if (at < bytes.length) setTimeout(next, CHUNK_EVERY_MS);
    else res.end();
  };
  next();
}

let index: Awaited<ReturnType<typeof startOneWheelIndex>>;
before(async () => {
  index = await startOneWheelIndex('slow-stream', WHEEL, WHEEL, slowly);
});
after(() => index.close());

test('byteProgress: at most one event per file every 100 ms, with the bytes so far and the announced total', () => {
  let now = 0;
  const events: ProgressEvent[] = [];
  const report = byteProgress({ emit: (e) => events.push(e) }, 'big.whl', () => now);
  for (let received = 1; received <= 10; received++) {
    report(received * 1000, 50_000);
    now += 15;
  }
  assert.equal(BYTE_EVENT_MS, 100);
  assert.deepEqual(events, [
    { type: 'download-progress', filename: 'big.whl', bytes: 1000, total: 50_000 },
    { type: 'download-progress', filename: 'big.whl', bytes: 8000, total: 50_000 },
  ]);
  report(12_000, undefined);
  assert.equal(events.length, 2, 'still within 100 ms of the last event');
  now += 100;
  report(13_000, undefined);
  assert.deepEqual(events.at(-1), { type: 'download-progress', filename: 'big.whl', bytes: 13_000 });
});

test('the tracker counts the bytes of files still streaming in; the stage names the file and its progress', () => {
  let now = 0;
  const tracker = new ProgressTracker(() => now);
  tracker.emit({
    type: 'resolved',
    packages: [
      { name: 'a', version: '1', filename: 'a-1.whl', size: 1024 * 1024, requiredBy: ['<root>'] },
      { name: 'big', version: '2', filename: 'big-2.whl', size: 4 * 1024 * 1024, requiredBy: ['a'] },
    ],
  });
  tracker.emit({ type: 'downloaded', filename: 'a-1.whl', bytes: 1024 * 1024, fromCache: false });
  now += 1000;
  tracker.emit({ type: 'download-progress', filename: 'big-2.whl', bytes: 1024 * 1024, total: 4 * 1024 * 1024 });
  let s = tracker.snapshot();
  assert.deepEqual(s.download.bytes, { done: 2 * 1024 * 1024, total: 5 * 1024 * 1024 });
  assert.equal(s.download.bytesPerSecond, 2 * 1024 * 1024);
  const downloading = stageLines(s).find((line) => line.label === 'downloading')!;
  assert.equal(downloading.text, '1/2 files, 2.0 MB/5.0 MB, 2.0 MB/s, big-2.whl 1.0 MB/4.0 MB');
  assert.equal(downloading.fraction, 0.4, 'the bar follows the bytes');
  assert.equal(downloading.done, false);
  tracker.emit({ type: 'downloaded', filename: 'big-2.whl', bytes: 4 * 1024 * 1024, fromCache: false });
  s = tracker.snapshot();
  assert.deepEqual(s.download.bytes, { done: 5 * 1024 * 1024, total: 5 * 1024 * 1024 });
  assert.equal(s.download.current, undefined);
  assert.equal(stageLines(s).find((line) => line.label === 'downloading')!.done, true);
});

test('fetchArtifact tells of the bytes while a multi-MB file streams in, before it completes', async () => {
  const { ctx, dispose } = testContext();
  try {
    const project = await fetch(`${index.simpleUrl}slow-stream/`).then((r) => r.json());
    const file = (project as { files: { filename: string; url: string; hashes: { sha256: string } }[] }).files[0];
    const seen: [number, number | undefined][] = [];
    const artifact = await fetchArtifact(
      {
        filename: file.filename,
        url: file.url,
        sha256: file.hashes.sha256,
        hashes: file.hashes,
        yanked: false,
        coreMetadata: false,
        indexUrl: index.simpleUrl,
      },
      { ...ctx, maxDownloadBytes: 64 * 1024 * 1024 },
      (received, total) => seen.push([received, total]),
    );
    assert.equal(artifact.bytes.length, WHEEL.bytes.length);
    const size = WHEEL.bytes.length;
    assert.ok(seen.length >= 8, `${seen.length} chunk reports`);
    assert.ok(
      seen.every(([, total]) => total === size),
      'the announced size is the total',
    );
    const partial = seen.filter(([received]) => received < size);
    assert.ok(partial.length >= 7, 'most reports come before the file is complete');
    assert.deepEqual(
      seen.map(([received]) => received),
      [...seen.map(([received]) => received)].sort((a, b) => a - b),
      'the count only grows',
    );
    assert.equal(seen.at(-1)![0], size);
  } finally {
    await dispose();
  }
});

test('pyguard check on a terminal: the progress line shows partial bytes of the file streaming in', async () => {
  const home = await tempHome();
  try {
    const io = { ...memoryIO(home.dir, { COLUMNS: '400' }), stderrIsTTY: true };
    await runCheck(['slow-stream==1.0', '--index-url', index.simpleUrl, '--isolated', '--no-osv', '--no-cache'], io);
    const total = (WHEEL.bytes.length / (1024 * 1024)).toFixed(1);
    const partial = [
      ...io.err().matchAll(new RegExp(`slow_stream-1\\.0-py3-none-any\\.whl ([\\d.]+) (MB|kB)/${total} MB`, 'g')),
    ].filter(([, done, unit]) => unit === 'kB' || Number(done) < Number(total));
    assert.ok(partial.length >= 2, `partial byte counts drawn before the file completed:\n${io.err()}`);
    assert.match(io.err(), /downloading [^·]*, [\d.]+ (MB|kB)\/s/, 'with a rate');
  } finally {
    await home.remove();
  }
});
