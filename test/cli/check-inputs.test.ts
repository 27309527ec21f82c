// What check and scan are given, through the real CLI: scan NAME with check's index options and mistyped paths
// refused; check . / check DIR / check -r pyproject.toml; local files sent to scan; pip-like messages for unknown
// extras, `=` for `==`, conflicting pins and files that fit no platform; coverage and OSV warnings in the terminal.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildWheel } from '../../scripts/lib/build-dist.ts';
import { startIndexServer, type IndexServer } from '../../src/index-server/index.ts';
import type { AuditResult } from '../../src/model/result.ts';
import { BUNDLED } from '../check/helpers.ts';
import { pyguard, tempDir, type Spawned } from './spawn.ts';

const TARGET = ['--python-version', '3.12', '--platform', 'manylinux_2_28_x86_64', '--no-osv'];
const work = tempDir();
const cwd = work.dir;
let server: IndexServer;

before(async () => {
  server = await startIndexServer({ root: BUNDLED });
  mkdirSync(join(cwd, 'mypackage'));
  writeFileSync(join(cwd, 'mypackage/__init__.py'), 'VALUE = 1\n');
  mkdirSync(join(cwd, 'proj'));
  writeFileSync(
    join(cwd, 'proj/pyproject.toml'),
    [
      '[project]',
      'name = "proj"',
      'version = "1.0"',
      'dependencies = ["termcolor-lite>=2"]',
      '[project.optional-dependencies]',
      'color = ["colorlog-plus"]',
      '[dependency-groups]',
      'test = ["http-router-mini==0.4.2"]',
      'dev = [{include-group = "test"}]',
      '',
    ].join('\n'),
  );
  mkdirSync(join(cwd, 'docs-only'));
  writeFileSync(join(cwd, 'docs-only/README.md'), '# nothing to run\n');
  writeFileSync(join(cwd, 'broken.py'), 'def broken(:\n    return 1\n');
  writeFileSync(join(cwd, 'reqs.txt'), 'termcolor-lite==1.0\n');
  mkdirSync(join(cwd, 'wheels'));
  const native = buildWheel({
    name: 'nativeonly',
    version: '1.0',
    tag: 'cp312-cp312-manylinux_2_17_x86_64',
    files: { 'nativeonly/__init__.py': 'X = 1\n' },
  });
  writeFileSync(join(cwd, 'wheels', native.filename), native.bytes);
});
after(async () => {
  await server.close();
  work.remove();
});

function run(args: string[]): Promise<Spawned> {
  return pyguard(args, { cwd });
}

function names(result: Spawned): string[] {
  assert.ok(result.code === 0 || result.code === 1, result.stderr);
  return (JSON.parse(result.stdout) as AuditResult).targets.map((t) => `${t.name} ${t.version}`).sort();
}

function oneLineError(result: Spawned, message: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^pyguard: [^\n]*\n$/);
  assert.match(result.stderr, message);
}

test('scan NAME takes the index options of check', async () => {
  assert.deepEqual(
    names(await run(['scan', 'termcolor-lite==2.0.0', '--index-url', server.simpleUrl, ...TARGET, '--json'])),
    ['termcolor-lite 2.0.0'],
  );
  assert.deepEqual(
    names(await run(['scan', 'termcolor-lite', '--no-index', '--find-links', BUNDLED, ...TARGET, '--json'])),
    ['termcolor-lite 2.0.0'],
  );
});

test('scan refuses a NAME that looks like a mistyped path, with a hint', async () => {
  oneLineError(
    await run(['scan', 'mypackge']),
    /^pyguard: scan: mypackge is not a file or folder here, but mypackage is; to audit the package mypackge from the index instead, give its version \(mypackge==VERSION\)$/m,
  );
  oneLineError(
    await run(['scan', 'mypackage/__init__.pyy']),
    /^pyguard: scan: mypackage\/__init__\.pyy: no such file or folder \(did you mean mypackage\/__init__\.py\?\)$/m,
  );
  oneLineError(await run(['scan', 'src/app.py']), /^pyguard: scan: src\/app\.py: no such file or folder$/m);
});

test("check ., check DIR and check -r pyproject.toml audit the project's dependencies, extras and groups", async () => {
  const expected = ['colorlog-plus 1.2.0', 'http-router-mini 0.4.2', 'termcolor-lite 2.0.0'];
  assert.deepEqual(
    names(
      await pyguard(['check', '.', '--index-url', server.simpleUrl, ...TARGET, '--json'], { cwd: join(cwd, 'proj') }),
    ),
    expected,
  );
  assert.deepEqual(names(await run(['check', 'proj', '--index-url', server.simpleUrl, ...TARGET, '--json'])), expected);
  const viaFile = await run(['check', '-r', 'proj/pyproject.toml', '--index-url', server.simpleUrl, ...TARGET]);
  assert.equal(viaFile.code, 0, viaFile.stderr);
  assert.match(viaFile.stdout, /^Resolved 3 distributions for CPython 3\.12\.\d+ on manylinux_2_28_x86_64/);
});

test('a local file, archive or folder without pyproject.toml given to check says to use scan', async () => {
  oneLineError(
    await run(['check', 'broken.py']),
    /^pyguard: check: broken\.py is a local file; to audit it, use: pyguard scan broken\.py$/m,
  );
  writeFileSync(join(cwd, 'pkg-1.0.tar.gz'), 'not really an archive');
  oneLineError(
    await run(['check', './pkg-1.0.tar.gz']),
    /is a local archive; to audit it, use: pyguard scan \.\/pkg-1\.0\.tar\.gz$/m,
  );
  oneLineError(
    await run(['check', 'docs-only/']),
    /^pyguard: check: docs-only\/ has no pyproject\.toml to read dependencies from; to audit the code in it, use: pyguard scan docs-only\/$/m,
  );
  oneLineError(await run(['check', 'reqs.txt']), /check: reqs\.txt looks like a requirements file; use -r reqs\.txt/);
});

test('pip-like messages: unknown extras, = for ==, conflicting pins with their origins, the platform no file fits', async () => {
  const extra = await run(['check', 'termcolor-lite[nonexistent]', '--index-url', server.simpleUrl, ...TARGET]);
  assert.equal(extra.code, 0, extra.stderr);
  assert.equal(extra.stderr, "pyguard: warning: termcolor-lite 2.0.0 does not provide the extra 'nonexistent'\n");
  oneLineError(
    await run(['check', 'six=1.17']),
    /invalid requirement "six=1\.17": invalid version specifier "=1\.17" \(did you mean six==1\.17\?\)/,
  );
  const conflict = await run([
    'check',
    'termcolor-lite==2.0.0',
    '-r',
    'reqs.txt',
    '--index-url',
    server.simpleUrl,
    ...TARGET,
  ]);
  oneLineError(
    conflict,
    /Cannot install termcolor-lite==2\.0\.0 \(<command line>\) and termcolor-lite==1\.0 \(\S*reqs\.txt:1\)/,
  );
  const platform = await run([
    'check',
    'nativeonly',
    '--no-index',
    '--find-links',
    'wheels',
    '--python-version',
    '3.12',
    '--platform',
    'win_amd64',
    '--no-osv',
  ]);
  oneLineError(
    platform,
    /^pyguard: Cannot install nativeonly: nativeonly 1\.0 would match nativeonly, but none of its files fits Python 3\.12\.\d+ on win_amd64 \(wheel tags, Requires-Python\)$/m,
  );
});

test('a scan with no Python file, or with files that do not parse, says so in the terminal', async () => {
  const empty = await run(['scan', 'docs-only']);
  assert.equal(empty.code, 0, empty.stderr);
  assert.equal(empty.stderr, 'pyguard: warning: no Python file found: no code was analysed\n');
  const broken = await run(['scan', 'broken.py']);
  assert.match(broken.stderr, /^pyguard: warning: 1 Python file could not be fully analysed \(broken\.py: [^\n]+\)\n$/);
});

test('OSV failing is a visible warning; --require-osv makes it an error', async () => {
  const args = [
    'check',
    'termcolor-lite',
    '--index-url',
    server.simpleUrl,
    '--python-version',
    '3.12',
    '--platform',
    'manylinux_2_28_x86_64',
    '--osv-url',
    'http://127.0.0.1:9',
    '--timeout',
    '1',
  ];
  const warned = await run(args);
  assert.equal(warned.code, 0);
  assert.match(
    warned.stderr,
    /^pyguard: warning: known-malware lookup \(OSV\) failed: [^\n]*127\.0\.0\.1:9[^\n]*; known malware may go unrecognised \(--require-osv makes this an error\)\n$/,
  );
  const required = await run([...args, '--require-osv']);
  assert.equal(required.code, 2);
  assert.match(required.stderr, /^pyguard: known-malware lookup \(OSV\) failed: [^\n]* \(--require-osv\)\n$/);
  oneLineError(
    await run(['check', 'termcolor-lite', '--no-osv', '--require-osv']),
    /give --no-osv or --require-osv, not both/,
  );
});

test('npm run demo exits 0 after its finding and says why check itself would exit 1', async () => {
  const demo = await new Promise<Spawned>((done) => {
    import('node:child_process').then(({ execFile }) =>
      execFile(
        'npm',
        ['run', '-s', 'demo'],
        {
          cwd: join(import.meta.dirname, '../..'),
          env: { ...process.env, NO_COLOR: '1', PIP_CONFIG_FILE: '/dev/null' },
        },
        (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
      ),
    );
  });
  assert.equal(demo.code, 0, demo.stderr);
  assert.match(demo.stdout, /^usage-stats-lite 0\.2\.1 {2}HIGH /m);
  const last = demo.stdout.trimEnd().split('\n').at(-1);
  assert.equal(
    last,
    'demo: done. `pyguard check` itself exits 1 here: usage-stats-lite 0.2.1 is judged HIGH, at or above --fail-on (default high); the demo exits 0 because finding it is the point.',
  );
});
