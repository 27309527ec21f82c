// A real client accepts the index: the machine's pip downloads from it and resolves demo-app's whole tree through it.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { startIndexServer, type IndexServer } from '../../src/index-server/index.ts';
import { FIXTURE_WHEELS } from '../../scripts/build-fixtures.ts';

const run = promisify(execFile);
let server: IndexServer;
let work: string;
/** Both pip runs start together in `before` (pip is slow to start); each test awaits its own. */
let download: Promise<string>;
let dryRun: Promise<string>;

before(async () => {
  server = await startIndexServer({ root: FIXTURE_WHEELS });
  work = mkdtempSync(join(tmpdir(), 'pyguard-pip-'));
  download = pip('download', '--no-deps', '-d', join(work, 'download'), 'demo-app', 'webkit-lite==2.1.1');
  dryRun = pip(
    'install',
    '--dry-run',
    '--ignore-installed',
    '--only-binary',
    ':all:',
    '--report',
    join(work, 'report.json'),
    'demo-app',
  );
  // Failures surface in the tests that await them.
  download.catch(() => undefined);
  dryRun.catch(() => undefined);
});

after(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

/** Runs pip without the user's configuration, caches or version check, against the test index only. */
async function pip(...args: string[]): Promise<string> {
  const { stdout, stderr } = await run(
    'python3',
    [
      '-m',
      'pip',
      '--isolated',
      '--disable-pip-version-check',
      '--no-cache-dir',
      '--no-input',
      ...args,
      '--index-url',
      server.simpleUrl,
    ],
    { env: { ...process.env, PIP_CONFIG_FILE: '/dev/null' }, timeout: 120_000 },
  );
  return stdout + stderr;
}

async function pythonTag(): Promise<string> {
  const { stdout } = await run('python3', ['-c', 'import sys; print("cp%d%d" % sys.version_info[:2])']);
  return stdout.trim();
}

test('pip downloads from the index, taking a yanked release only when pinned to it', async () => {
  const output = await download;
  assert.deepEqual(readdirSync(join(work, 'download')).sort(), [
    'demo_app-1.0.0-py3-none-any.whl',
    'webkit_lite-2.1.1-py3-none-any.whl',
  ]);
  assert.match(output, /yanked/i);
});

test('pip resolves the demo tree: yanked and pre-releases skipped, markers applied, the platform wheel chosen', async () => {
  await dryRun;
  const report = JSON.parse(readFileSync(join(work, 'report.json'), 'utf8'));
  const chosen = new Map<string, string>(
    report.install.map((item: any) => [item.metadata.name, item.download_info.url.split('/').pop()]),
  );
  const tag = await pythonTag();
  assert.ok(
    tag === 'cp311' || tag === 'cp312',
    `the expectations below are for CPython 3.11/3.12 on x86_64 Linux, not ${tag}`,
  );
  const fastjson = `fastjson_ng-3.1.0-${tag}-${tag}-manylinux_2_17_x86_64.manylinux2014_x86_64.whl`;
  const expected = new Map([
    ['demo-app', 'demo_app-1.0.0-py3-none-any.whl'],
    ['webkit-lite', 'webkit_lite-2.1.0-py3-none-any.whl'],
    ['http-router-mini', 'http_router_mini-0.4.2-py3-none-any.whl'],
    ['usage-stats-lite', 'usage_stats_lite-0.2.1-py3-none-any.whl'],
    ['Zope.Demo-Thing', 'Zope.Demo_Thing-1.3.0-py3-none-any.whl'],
    ['fastjson-ng', fastjson],
    ['colorlog-plus', 'colorlog_plus-1.2.0-py3-none-any.whl'],
    ['termcolor-lite', 'termcolor_lite-2.0.0-py3-none-any.whl'],
    ['envsettings-lite', 'envsettings_lite-0.9.3-py3-none-any.whl'],
  ]);
  assert.deepEqual(new Map([...chosen].sort()), new Map([...expected].sort()));
  for (const item of report.install) {
    const sha = item.download_info.archive_info.hashes?.sha256 ?? item.download_info.archive_info.hash?.split('=')[1];
    assert.match(sha, /^[0-9a-f]{64}$/, item.metadata.name);
  }
});
