// A flaky index survived, through the real CLI: 20% of the answers spoiled in each way (503, 500, dropped
// connections, stalls, bodies cut short, resets mid-body) give the same result as the healthy index; a large
// download cut short resumes with Range; a fault that never ends is one line naming the URL and what went wrong;
// a wrong --index-url path says what the index answered and the URL asked.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildWheel } from '../../scripts/lib/build-dist.ts';
import { startIndexServer, type IndexServer } from '../../src/index-server/index.ts';
import type { AuditResult } from '../../src/model/result.ts';
import { RESUME_MIN_BYTES } from '../../src/pypi/fetch/download.ts';
import { BUNDLED } from '../check/helpers.ts';
import { FAULTS, startFaultyProxy } from './faulty-proxy.ts';
import { pyguard, tempDir, type Spawned } from './spawn.ts';

const TARGET = ['--python-version', '3.12', '--platform', 'manylinux_2_28_x86_64', '--no-osv', '--timeout', '1'];
let upstream: IndexServer;
before(async () => {
  upstream = await startIndexServer({ root: BUNDLED });
});
after(() => upstream.close());

/** Runs pyguard in a fresh folder (so a fresh cache: every file is really fetched). */
async function fresh(args: string[]): Promise<Spawned> {
  const work = tempDir();
  try {
    return await pyguard(args, { cwd: work.dir });
  } finally {
    work.remove();
  }
}

/** What a check decided: exit code, overall risk, and each audited file with its sha256 and risk. */
function outcome(run: Spawned): string {
  const result = JSON.parse(run.stdout) as AuditResult;
  const files = result.targets.map((t) => `${t.filename} ${t.sha256} ${t.risk} ${t.errors.length}`).sort();
  return [`exit ${run.code}`, `risk ${result.summary.risk}`, ...files].join('\n');
}

test('20% faulty answers of each kind give the same result as the healthy index', async () => {
  const healthy = await fresh(['check', 'demo-app', '--index-url', upstream.simpleUrl, ...TARGET, '--json']);
  assert.equal(healthy.stderr, '');
  const expected = outcome(healthy);
  assert.match(expected, /^exit 1\n/, 'the healthy index gives a finding that fails the check');
  for (const fault of FAULTS) {
    const proxy = await startFaultyProxy(upstream.url, fault);
    try {
      const run = await fresh(['check', 'demo-app', '--index-url', proxy.simpleUrl, ...TARGET, '--json']);
      const spoiled = proxy.log.filter((entry) => entry.fault).length;
      assert.ok(spoiled >= proxy.log.length / 8, `${fault}: ${spoiled} of ${proxy.log.length} answers spoiled`);
      assert.ok(
        proxy.log.some((entry) => entry.fault && entry.path.startsWith('/files/')),
        `${fault}: a download was spoiled too`,
      );
      assert.equal(run.stderr, '', fault);
      assert.equal(outcome(run), expected, fault);
    } finally {
      await proxy.close();
    }
  }
});

test('a large download cut short resumes from where it stopped (Range, If-Range)', async () => {
  const work = tempDir();
  try {
    const wheel = buildWheel({
      name: 'bigpkg',
      version: '1.0',
      files: { 'bigpkg/__init__.py': 'VALUE = 1\n', 'bigpkg/blob.bin': randomBytes(3 * RESUME_MIN_BYTES) },
    });
    writeFileSync(join(work.dir, wheel.filename), wheel.bytes);
    const index = await startIndexServer({ root: work.dir });
    const proxy = await startFaultyProxy(index.url, 'truncate', { firstAnswerOf: /\.whl$/ });
    try {
      const run = await fresh(['scan', 'bigpkg==1.0', '--index-url', proxy.simpleUrl, ...TARGET, '--json']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal((JSON.parse(run.stdout) as AuditResult).targets[0].size, wheel.bytes.length);
      const downloads = proxy.log.filter((entry) => entry.path.endsWith('.whl'));
      assert.equal(downloads.length, 2);
      assert.equal(downloads[0].fault, 'truncate');
      assert.equal(
        downloads[1].range,
        `bytes=${Math.floor(wheel.bytes.length / 2)}-`,
        'the second request asks only for the rest',
      );
    } finally {
      await proxy.close();
      await index.close();
    }
  } finally {
    work.remove();
  }
});

test('a fault that persists: one line naming the URL, what went wrong and the attempts', async () => {
  const proxy = await startFaultyProxy(upstream.url, '503', { share: 1 });
  try {
    const run = await fresh(['check', 'termcolor-lite', '--index-url', proxy.simpleUrl, ...TARGET]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, `pyguard: ${proxy.url}/simple/termcolor-lite/: HTTP 503 (after 4 attempts)\n`);
  } finally {
    await proxy.close();
  }
});

test('a wrong --index-url path: the index answered 404 for the project page, and its URL', async () => {
  const run = await fresh(['check', 'termcolor-lite', '--index-url', `${upstream.url}/wrong/simple/`, ...TARGET]);
  assert.equal(run.code, 2);
  assert.equal(run.stdout, '');
  assert.match(
    run.stderr,
    /^pyguard: [^\n]*termcolor-lite is not on the index \(the index answered 404 for the project page http:\/\/127\.0\.0\.1:\d+\/wrong\/simple\/termcolor-lite\/\)[^\n]*\n$/,
  );
});
