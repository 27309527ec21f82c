// `pyguard check` in-process against the bundled fixtures/wheels world (JSON API and simple API), a tampered index,
// and requirements files: the resolved edges and required-by in the JSON, hash checking, not-auditable lines, exit codes.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/cli.ts';
import { runCheck } from '../../src/commands/check.ts';
import { runScan } from '../../src/commands/scan.ts';
import type { IndexServer } from '../../src/index-server/index.ts';
import type { AuditResult } from '../../src/model/result.ts';
import { BUNDLED, memoryIO, startBundledIndex, startTamperedIndex, tempHome } from './helpers.ts';

const LINUX_312 = ['--python-version', '3.12', '--platform', 'manylinux_2_28_x86_64'];

describe('pyguard check', () => {
  let server: IndexServer;
  let home: { dir: string; remove: () => Promise<void> };
  before(async () => {
    server = await startBundledIndex();
    home = await tempHome();
  });
  after(async () => {
    await server.close();
    await home.remove();
  });
  const io = (env: Record<string, string> = {}) => memoryIO(home.dir, { PYGUARD_PYPI_URL: server.jsonUrl, ...env });

  it('resolves the tree, audits every distribution and reports edges and required-by in the JSON', async () => {
    const out = io();
    const code = await runCheck(['demo-app', ...LINUX_312, '--json'], out);
    const result = JSON.parse(out.out()) as AuditResult;
    const names = result.targets.map((t) => `${t.name} ${t.version}`).sort();
    assert.deepEqual(
      names,
      [
        'Zope.Demo-Thing 1.3.0',
        'colorlog-plus 1.2.0',
        'demo-app 1.0.0',
        'envsettings-lite 0.9.3',
        'fastjson-ng 3.1.0',
        'http-router-mini 0.4.2',
        'termcolor-lite 2.0.0',
        'usage-stats-lite 0.2.1',
        'webkit-lite 2.1.0',
      ].sort((a, b) => (a < b ? -1 : 1)),
    );
    const resolution = result.resolution!;
    assert.equal(resolution.pythonVersion, '3.12.0');
    assert.equal(resolution.platform, 'manylinux_2_28_x86_64');
    assert.match(resolution.index, /JSON API/);
    assert.ok(resolution.edges.some((e) => e.from === '<root>' && e.to === 'demo-app'));
    assert.ok(resolution.edges.some((e) => e.from === 'webkit-lite' && e.to === 'usage-stats-lite'));
    const termcolor = resolution.edges.find((e) => e.to === 'termcolor-lite');
    assert.equal(termcolor?.from, 'colorlog-plus');
    assert.equal(termcolor?.marker, 'extra == "color"');
    const native = result.targets.find((t) => t.name === 'fastjson-ng');
    assert.equal(native?.filename, 'fastjson_ng-3.1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl');
    const stats = result.targets.find((t) => t.name === 'usage-stats-lite')!;
    assert.deepEqual(stats.requiredBy, ['webkit-lite 2.1.0 (usage-stats-lite>=0.2)']);
    assert.match(stats.sha256 ?? '', /^[0-9a-f]{64}$/);
    assert.equal(stats.risk, 'high');
    assert.equal(code, 1, 'a high-risk dependency fails the default --fail-on high');
  });

  it('prints the resolved tree before the terminal summary', async () => {
    const out = io();
    const code = await runCheck(['webkit-lite==2.0.0', ...LINUX_312, '--fail-on', 'critical'], out);
    const text = out.out();
    assert.match(text, /^Resolved \d+ distributions for CPython 3\.12\.0 on manylinux_2_28_x86_64/);
    assert.match(text, /webkit-lite 2\.0\.0 {2}webkit_lite-2\.0\.0-py3-none-any\.whl {2}← webkit-lite==2\.0\.0/);
    assert.ok(text.indexOf('Resolved') < text.indexOf('overall risk'));
    // each package of the tree carries the risk it was judged at (none is left unmarked)
    assert.match(
      text,
      /usage-stats-lite 0\.2\.1 {2}usage_stats_lite-0\.2\.1-py3-none-any\.whl {2}\[HIGH\] {2}← usage-stats-lite>=0\.2/,
    );
    assert.equal(code, 0);
  });

  it('uses a simple index from --index-url and honours a yanked release only when pinned', async () => {
    const pinned = io();
    await runCheck(
      ['webkit-lite==2.1.1', '--no-deps', '--index-url', server.simpleUrl, ...LINUX_312, '--json'],
      pinned,
    );
    const result = JSON.parse(pinned.out()) as AuditResult;
    assert.deepEqual(
      result.targets.map((t) => t.filename),
      ['webkit_lite-2.1.1-py3-none-any.whl'],
    );
    assert.match(result.resolution!.index, /simple/i);
    const open = io();
    await runCheck(['webkit-lite', '--no-deps', '--index-url', server.simpleUrl, ...LINUX_312, '--json'], open);
    assert.deepEqual(
      (JSON.parse(open.out()) as AuditResult).targets.map((t) => t.version),
      ['2.1.0'],
    );
  });

  it('--offline audits from the cache alone once a run has filled it', async () => {
    const own = await startBundledIndex();
    const env = { PYGUARD_PYPI_URL: own.jsonUrl };
    const online = memoryIO(home.dir, env);
    try {
      await runCheck(['http-router-mini==0.4.2', ...LINUX_312, '--json'], online);
    } finally {
      await own.close();
    }
    const offline = memoryIO(home.dir, env);
    const code = await runCheck(
      ['http-router-mini==0.4.2', '--offline', ...LINUX_312, '--json', '--fail-on', 'critical'],
      offline,
    );
    assert.equal(code, 0, offline.err());
    const files = (out: string) => (JSON.parse(out) as AuditResult).targets.map((t) => [t.filename, t.sha256]);
    assert.deepEqual(files(offline.out()), files(online.out()));
  });

  it('reads PIP_INDEX_URL unless --isolated', async () => {
    const env = { PIP_INDEX_URL: server.simpleUrl };
    const withPip = memoryIO(home.dir, env);
    await runCheck(['tomli-compat', ...LINUX_312, '--json'], withPip);
    assert.match((JSON.parse(withPip.out()) as AuditResult).resolution!.index, /simple/i);
    const isolated = memoryIO(home.dir, { ...env, PYGUARD_PYPI_URL: server.jsonUrl });
    await runCheck(['tomli-compat', '--isolated', ...LINUX_312, '--json'], isolated);
    assert.match((JSON.parse(isolated.out()) as AuditResult).resolution!.index, /JSON API/);
  });

  it('reports a project found on more than one index as a dependency-confusion risk', async () => {
    const mirror = await startBundledIndex();
    try {
      const out = io();
      await runCheck(
        [
          'tomli-compat',
          '--index-url',
          server.simpleUrl,
          '--extra-index-url',
          mirror.simpleUrl,
          ...LINUX_312,
          '--json',
        ],
        out,
      );
      const notes = (JSON.parse(out.out()) as AuditResult).resolution!.notes.join('\n');
      assert.match(notes, /tomli-compat exists on 2 sources .*dependency confusion/);
    } finally {
      await mirror.close();
    }
  });

  it('reads a local folder with --no-index --find-links', async () => {
    const out = io();
    await runCheck(['termcolor-lite', '--no-index', '--find-links', BUNDLED, ...LINUX_312, '--json'], out);
    const result = JSON.parse(out.out()) as AuditResult;
    assert.deepEqual(
      result.targets.map((t) => t.filename),
      ['termcolor_lite-2.0.0-py3-none-any.whl'],
    );
    assert.match(result.targets[0].sha256 ?? '', /^[0-9a-f]{64}$/);
  });

  it('--all-files audits every file of the release', async () => {
    const out = io();
    await runCheck(['fastjson-ng==3.1.0', '--all-files', ...LINUX_312, '--json'], out);
    const files = (JSON.parse(out.out()) as AuditResult).targets.map((t) => t.filename).sort();
    assert.equal(files.length, 5);
    assert.ok(files.includes('fastjson_ng-3.1.0.tar.gz'));
    assert.ok(files.includes('fastjson_ng-3.1.0-cp311-cp311-win_amd64.whl'));
  });

  it('reads -r files with nested -r and -c, --hash, and lists what cannot be audited', async () => {
    const dir = join(home.dir, 'reqs');
    await mkdir(join(dir, 'more'), { recursive: true });
    const wheel = 'webkit_lite-2.0.0-py3-none-any.whl';
    const sha = createHash('sha256')
      .update(readFileSync(join(BUNDLED, wheel)))
      .digest('hex');
    await writeFile(
      join(dir, 'requirements.txt'),
      [
        '# the app',
        `webkit-lite \\`,
        `    --hash=sha256:${sha}`,
        '-r more/extra.txt',
        '-c constraints.txt',
        '-e ./src/mypkg',
        'git+https://example.invalid/repo.git#egg=private-thing',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(dir, 'more', 'extra.txt'),
      'tomli-compat ; python_version >= "3.8"\n./local/thing-1.0-py3-none-any.whl\n',
    );
    await writeFile(join(dir, 'constraints.txt'), 'webkit-lite<2.1\n');
    const out = io();
    await runCheck(['-r', 'reqs/requirements.txt', ...LINUX_312, '--json', '--fail-on', 'critical'], out);
    const result = JSON.parse(out.out()) as AuditResult;
    const webkit = result.targets.find((t) => t.name === 'webkit-lite');
    assert.equal(webkit?.filename, wheel, 'the constraint webkit-lite<2.1 applies');
    assert.deepEqual(webkit?.errors, []);
    assert.ok(result.targets.some((t) => t.name === 'tomli-compat'));
    const reasons = result.resolution!.notAuditable.map((n) => n.requirement).join('\n');
    assert.match(reasons, /-e|src\/mypkg/);
    assert.match(reasons, /example\.invalid/);
    assert.match(reasons, /thing-1\.0/);
    assert.ok(result.resolution!.notAuditable.every((n) => n.reason.length > 0));
    assert.match(result.resolution!.notes.join('\n'), /hash-checking mode: no --hash given for/);
  });

  it('a --hash that does not match the chosen file is a hash-mismatch error (exit 2, nothing scanned)', async () => {
    await writeFile(join(home.dir, 'bad-hash.txt'), `webkit-lite==2.0.0 --hash=sha256:${'0'.repeat(64)}\n`);
    const out = io();
    const code = await runCheck(['-r', 'bad-hash.txt', '--no-deps', ...LINUX_312, '--json'], out);
    const [target] = (JSON.parse(out.out()) as AuditResult).targets;
    assert.equal(target.errors[0]?.code, 'hash-mismatch');
    assert.deepEqual(target.files, []);
    assert.match(out.err(), /HASH MISMATCH/);
    assert.equal(code, 2);
  });

  it('a download whose sha256 differs from the index is reported loudly and not scanned', async () => {
    const tampered = await startTamperedIndex();
    try {
      const out = io();
      const code = await runCheck(['tampered', '--index-url', tampered.simpleUrl, ...LINUX_312, '--json'], out);
      const [target] = (JSON.parse(out.out()) as AuditResult).targets;
      assert.equal(target.errors[0]?.code, 'hash-mismatch');
      assert.deepEqual(target.files, []);
      assert.equal(target.risk, 'high');
      assert.match(out.err(), /^pyguard: HASH MISMATCH: .*sha256 mismatch/m);
      assert.equal(code, 2);
    } finally {
      await tampered.close();
    }
  });

  it('explains an impossible resolution in one line and exits 2', async () => {
    const out = io();
    const code = await main(['check', 'demo-app', 'webkit-lite<2', ...LINUX_312], out);
    assert.equal(code, 2);
    assert.match(
      out.err(),
      /^pyguard: Cannot install demo-app and webkit-lite<2: demo-app 1\.0\.0 requires webkit-lite>=2\.0\n$/,
    );
  });

  it('rejects bad input with exit 2', async () => {
    assert.equal(await main(['check', ...LINUX_312], io()), 2);
    const bad = io();
    assert.equal(await main(['check', 'demo-app', '--fail-on', 'sometimes'], bad), 2);
    assert.match(bad.err(), /^pyguard: check: --fail-on/);
    const file = io();
    assert.equal(await main(['check', 'requirements.txt'], file), 2);
    assert.equal(
      file.err(),
      'pyguard: check: requirements.txt looks like a requirements file; use -r requirements.txt\n',
    );
    const missing = io();
    assert.equal(await main(['check', 'no-such-project-here', ...LINUX_312], missing), 2);
    assert.match(missing.err(), /no-such-project-here is not on the index/);
  });

  it('scan NAME==VERSION audits that one package without dependencies', async () => {
    const out = io();
    await runScan(['webkit-lite==2.0.0', '--json'], out);
    const result = JSON.parse(out.out()) as AuditResult;
    assert.deepEqual(
      result.targets.map((t) => `${t.name} ${t.version}`),
      ['webkit-lite 2.0.0'],
    );
    assert.deepEqual(result.resolution?.edges, [
      { from: '<root>', to: 'webkit-lite', requirement: 'webkit-lite==2.0.0' },
    ]);
  });
});
