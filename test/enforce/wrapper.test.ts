// The pip wrapper's refusals (URL, VCS, local path, editable, unknown options), before anything is fetched, and the
// shell functions of `pyguard shell-init`, run in a real bash with stand-ins for pyguard and pip.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, test } from 'node:test';
import { shellInit } from '../../src/enforce/shell-init.ts';
import { pyguard } from './helpers.ts';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'pyguard-wrapper-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('what pip would fetch from elsewhere than an index is refused with a reason, nothing fetched', async () => {
  mkdirSync(join(root, 'proj'));
  writeFileSync(join(root, 'proj', 'pyproject.toml'), '[project]\nname = "proj"\n');
  writeFileSync(join(root, 'reqs.txt'), 'clean-app\n-e ./proj\n');
  const cases: [string[], RegExp][] = [
    [['https://files.example/pkg-1.0.whl'], /refused https:\/\/files\.example\/pkg-1\.0\.whl: a direct URL/],
    [['pkg @ https://files.example/pkg-1.0.tar.gz'], /refused pkg @ https:.*: a direct URL/],
    [['git+https://code.example/pkg.git'], /refused git\+https:\/\/code\.example\/pkg\.git: a VCS requirement/],
    [['./proj'], /refused \.\/proj: a local path/],
    [['proj'], /refused proj: a local path/],
    [['-e', 'proj'], /refused -e: an editable install/],
    [['-r', 'reqs.txt'], /refused .*proj.*editable/],
    [['clean-app', '--no-binary', ':all:'], /refused --no-binary/],
    [['clean-app', '--frobnicate'], /unknown option --frobnicate/],
  ];
  for (const [args, message] of cases) {
    const result = await pyguard(['pip', 'install', '--index-url', 'http://192.0.2.1:9/simple/', ...args], {
      cwd: root,
      home: root,
    });
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.err, message);
    assert.equal(result.err.split('\n').filter(Boolean).length, 1, 'one line');
  }
});

test('shell-init routes pip install and python -m pip install through pyguard, everything else to pip', async () => {
  const bin = join(root, 'bin');
  mkdirSync(bin);
  const log = join(root, 'calls.log');
  for (const name of ['pyguard', 'pip', 'python3']) {
    writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> "${log}"\n`);
    chmodSync(join(bin, name), 0o755);
  }
  const script = `${shellInit('bash')}\npip install clean-app -U\npip list\npython3 -m pip install -r reqs.txt\npython3 -m pip list\npython3 -c pass\n`;
  await run('bash', ['-c', script], { env: { PATH: `${bin}:/usr/bin:/bin` } });
  assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), [
    'pyguard pip install clean-app -U',
    'pip list',
    `pyguard pip --python ${join(bin, 'python3')} install -r reqs.txt`,
    'python3 -m pip list',
    'python3 -c pass',
  ]);
  assert.match(shellInit('fish'), /function pip --wraps pip/);
  const bad = await pyguard(['shell-init', 'tcsh'], { cwd: root, home: root });
  assert.equal(bad.code, 2);
  assert.match(bad.err, /give one shell: bash\|zsh\|fish/);
});
