// pip's configuration read as pip reads it, through the real CLI with a temporary pip.conf (PIP_CONFIG_FILE):
// file:// index URLs and find-links work, the command line's index options replace the configured ones, and a
// bad configured value names the file or variable it came from and how to ignore it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { startIndexServer, type IndexServer } from '../../src/index-server/index.ts';
import type { AuditResult } from '../../src/model/result.ts';
import { BUNDLED } from '../check/helpers.ts';
import { pyguard, tempDir } from './spawn.ts';

const WHEEL = 'termcolor_lite-2.0.0-py3-none-any.whl';
const TARGET = ['--python-version', '3.12', '--platform', 'manylinux_2_28_x86_64', '--no-osv'];
const work = tempDir();
const conf = join(work.dir, 'pip.conf');
let server: IndexServer;

before(async () => {
  // A PEP 503 index as plain folders: simple/termcolor-lite/index.html links to the wheel with its sha256.
  const bytes = readFileSync(join(BUNDLED, WHEEL));
  mkdirSync(join(work.dir, 'simple/termcolor-lite'), { recursive: true });
  mkdirSync(join(work.dir, 'files'));
  copyFileSync(join(BUNDLED, WHEEL), join(work.dir, 'files', WHEEL));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  writeFileSync(
    join(work.dir, 'simple/termcolor-lite/index.html'),
    `<!DOCTYPE html><html><body><a href="../../files/${WHEEL}#sha256=${sha256}">${WHEEL}</a></body></html>\n`,
  );
  server = await startIndexServer({ root: BUNDLED });
});
after(async () => {
  await server.close();
  work.remove();
});

function check(extra: string[], env: Record<string, string> = {}) {
  return pyguard(['check', 'termcolor-lite', ...TARGET, '--json', ...extra], {
    cwd: work.dir,
    env: { PIP_CONFIG_FILE: conf, ...env },
  });
}

function audited(run: { code: number; stdout: string; stderr: string }): string[] {
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout) as AuditResult;
  return result.targets.map((t) => `${t.filename} ${t.url?.split(':')[0]}`);
}

test('a file:// index-url from pip.conf is read as pip reads it (folder → index.html)', async () => {
  writeFileSync(conf, `[global]\nindex-url = ${pathToFileURL(join(work.dir, 'simple')).href}\n`);
  assert.deepEqual(audited(await check([])), [`${WHEEL} file`]);
});

test('file:// find-links from pip.conf with no-index', async () => {
  writeFileSync(conf, `[global]\nno-index = true\n[install]\nfind-links =\n    ${pathToFileURL(BUNDLED).href}\n`);
  assert.deepEqual(audited(await check([])), [`${WHEEL} file`]);
});

test('--index-url on the command line replaces the configured one, even a broken one', async () => {
  writeFileSync(
    conf,
    `[global]\nindex-url = ftp://mirror.example/simple\nextra-index-url = file:///nonexistent/simple\n`,
  );
  const replaced = await check(['--index-url', server.simpleUrl, '--extra-index-url', server.simpleUrl]);
  assert.deepEqual(audited(replaced), [`${WHEEL} http`]);
  const configured = await check([]);
  assert.equal(configured.code, 2);
  assert.equal(configured.stdout, '');
  assert.equal(
    configured.stderr,
    `pyguard: ${conf} [global]: not an http(s) or file: index URL: ftp://mirror.example/simple (pip's configuration: --isolated ignores user files and PIP_* variables, PIP_CONFIG_FILE=/dev/null ignores every file)\n`,
  );
});

test('a bad value in a PIP_* variable names the variable; --isolated ignores it', async () => {
  writeFileSync(conf, '[global]\n');
  const bad = await check([], { PIP_EXTRA_INDEX_URL: 'file:///nonexistent/simple', PIP_INDEX_URL: server.simpleUrl });
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /^pyguard: PIP_EXTRA_INDEX_URL: no such index folder: file:\/\/\/nonexistent\/simple \(pip's configuration: --isolated ignores/,
  );
  const isolated = await check(['--isolated', '--index-url', server.simpleUrl], {
    PIP_EXTRA_INDEX_URL: 'file:///nonexistent/simple',
  });
  assert.deepEqual(audited(isolated), [`${WHEEL} http`]);
  const flag = await check(['--index-url', 'file:///nonexistent/simple']);
  assert.equal(flag.stderr, 'pyguard: --index-url file:///nonexistent/simple: no such index folder\n');
});
