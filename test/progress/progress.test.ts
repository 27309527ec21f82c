// Live progress: the stages' events (index requests, downloads, scanned files), how the tracker counts them, the
// stderr line, and when a run shows it (a terminal stderr, not -q) or not (piped, -q; --json stays clean).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeTarget, initAnalysis } from '../../src/analysis/api.ts';
import { runCheck } from '../../src/commands/check.ts';
import type { ProgressEvent } from '../../src/model/progress.ts';
import type { AuditResult } from '../../src/model/result.ts';
import { progressLine, stageLines } from '../../src/progress/describe.ts';
import { startStderrProgress } from '../../src/progress/stderr-line.ts';
import { ProgressTracker } from '../../src/progress/tracker.ts';
import { watchIndex } from '../../src/progress/watch-index.ts';
import type { PackageIndex } from '../../src/pypi/index/types.ts';
import { bundledWorld, memoryIO } from '../check/helpers.ts';

const ERASE = '\r\x1b[2K';

test('the tracker counts each stage; totals appear once resolution is done', () => {
  let now = 1_000;
  const tracker = new ProgressTracker(() => now);
  tracker.emit({ type: 'request-start', what: 'project', name: 'a' });
  tracker.emit({ type: 'request-start', what: 'project', name: 'b' });
  tracker.emit({ type: 'request-start', what: 'project', name: 'a' });
  tracker.emit({ type: 'request-end', what: 'project', name: 'a' });
  let s = tracker.snapshot();
  assert.deepEqual(s.resolving, { projects: 2, inFlight: 2, done: false });
  assert.match(progressLine(s), /^resolving 2 projects seen, 2 requests in flight · 0\.0s$/);
  tracker.emit({ type: 'downloaded', filename: 'a-1.whl', bytes: 2048, fromCache: false });
  tracker.emit({
    type: 'resolved',
    packages: [
      { name: 'A', version: '1', filename: 'a-1.whl', size: 2048, requiredBy: ['<root>'] },
      { name: 'b', version: '2', filename: 'b-2.whl', size: 4096, requiredBy: ['a'] },
    ],
  });
  now += 2_000;
  tracker.emit({ type: 'scan-start', target: 'A', files: 4, bytes: 4000 });
  tracker.emit({ type: 'file-scanned', target: 'A', bytes: 1024 });
  s = tracker.snapshot();
  assert.deepEqual(s.download.files, { done: 1, total: 2 });
  assert.deepEqual(s.download.bytes, { done: 2048, total: 6144 });
  assert.equal(s.download.bytesPerSecond, 1024);
  assert.deepEqual(s.scan.files, { done: 1, total: 4 });
  assert.equal(s.scan.current, 'A');
  assert.deepEqual(
    stageLines(s).map((line) => [line.label, line.text, line.done]),
    [
      ['resolving', '2 packages from 2 projects', true],
      ['downloading', '1/2 files, 2 kB/6 kB, 1 kB/s', false],
      ['scanning', '1/4 files, 1 kB/4 kB, A', false],
    ],
  );
  tracker.emit({ type: 'scan-end', target: 'A', name: 'a', risk: 'high' });
  assert.deepEqual(
    tracker.snapshot().tree.map((node) => [node.key, node.risk]),
    [
      ['<root>', undefined],
      ['a', 'high'],
      ['b', undefined],
    ],
    'risks match by normalized name',
  );
});

test('the stderr line is drawn in place, fits the width, and is erased at the end', () => {
  const written: string[] = [];
  const line = startStderrProgress(
    (text) => written.push(text),
    () => 30,
  );
  line.emit({ type: 'request-start', what: 'project', name: 'requests' });
  line.stop();
  assert.ok(written.length >= 2);
  for (const text of written.slice(0, -1)) {
    assert.ok(text.startsWith(ERASE));
    assert.ok(text.length - ERASE.length <= 29, JSON.stringify(text));
  }
  assert.equal(written.at(-1), ERASE);
});

test('watchIndex reports every index request with its start and end, also when it fails, and passes the rest through', async () => {
  const events: ProgressEvent[] = [];
  const index: PackageIndex = {
    description: 'test',
    getProject: async (name) =>
      name === 'bad' ? Promise.reject(new Error('boom')) : { name, files: [], indexUrl: 'x' },
    getCoreMetadata: async () => 'Name: x',
  };
  const watched = watchIndex({ ...index, whyMissing: (name) => `no ${name}` }, { emit: (e) => events.push(e) });
  await watched.getProject('good');
  await assert.rejects(watched.getProject('bad'));
  assert.equal(watched.whyMissing?.('x'), 'no x', 'what the index offers besides requests passes through');
  assert.equal(watched.description, 'test');
  assert.deepEqual(
    events.map((e) => `${e.type} ${'name' in e ? e.name : ''}`),
    ['request-start good', 'request-end good', 'request-start bad', 'request-end bad'],
  );
});

test('analyzeTarget reports the files it scans', async () => {
  await initAnalysis();
  const events: ProgressEvent[] = [];
  const bytes = (text: string) => new TextEncoder().encode(text);
  const entries = [
    { path: 'pkg/__init__.py', type: 'file' as const, size: 9, data: bytes('import os') },
    { path: 'pkg/data.txt', type: 'file' as const, size: 2, data: bytes('hi') },
  ];
  const target = await analyzeTarget(
    { format: 'directory', entries, problems: [] } as never,
    { kind: 'directory', path: 'pkg' },
    { progress: { emit: (e) => events.push(e) } },
  );
  assert.deepEqual(events[0], { type: 'scan-start', target: 'pkg', files: 2, bytes: 11 });
  // Files are analysed concurrently, so they may finish in any order.
  assert.deepEqual(
    events
      .slice(1, 3)
      .map((e) => (e.type === 'file-scanned' ? e.bytes : -1))
      .sort(),
    [2, 9],
  );
  assert.deepEqual(events[3], { type: 'scan-end', target: 'pkg', risk: target.risk });
  assert.equal(events.length, 4);
});

describe('which runs show progress', () => {
  const world = bundledWorld();
  const args = () => [
    'webkit-lite==2.0.0',
    '--index-url',
    world.server().simpleUrl,
    '--isolated',
    '--no-osv',
    '--fail-on',
    'critical',
  ];

  test('a terminal stderr gets the progress line, erased before the report', async () => {
    const io = { ...memoryIO(world.home()), stderrIsTTY: true };
    assert.equal(await runCheck(args(), io), 0);
    assert.ok(io.err().startsWith(ERASE));
    assert.ok(io.err().endsWith(ERASE));
    assert.match(io.err(), /resolving \d+ projects seen/);
    assert.match(io.out(), /overall risk/);
  });

  test('-q, or a stderr that is not a terminal, gets none; --json on stdout stays clean', async () => {
    const quiet = { ...memoryIO(world.home()), stderrIsTTY: true };
    await runCheck([...args(), '-q'], quiet);
    assert.equal(quiet.err(), '');
    const piped = memoryIO(world.home());
    await runCheck(args(), piped);
    assert.equal(piped.err(), '');
    const json = { ...memoryIO(world.home()), stderrIsTTY: true };
    await runCheck([...args(), '--json'], json);
    assert.equal((JSON.parse(json.out()) as AuditResult).tool.name, 'pyguard');
  });
});
