// The environment probe's answer kept in the cache folder: reused while the interpreter is unchanged, asked again when
// it changes, never kept for an interpreter that is a script (a shim picks its interpreter when it runs).
import assert from 'node:assert/strict';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { detectEnvironment } from '../../src/pypi/environment.ts';
import { ENVIRONMENTS_FOLDER, ProbeCache } from '../../src/cache/probe-cache.ts';

/** Debian's python3 (CI installs it): a native binary, copied so that the test can change it. */
const SYSTEM_PYTHON = '/usr/bin/python3';

function storedFiles(cache: string): string[] {
  try {
    return readdirSync(join(cache, ENVIRONMENTS_FOLDER)).map((name) => join(cache, ENVIRONMENTS_FOLDER, name));
  } catch {
    return [];
  }
}

/** Rewrites the kept answer's full Python version, to tell a kept answer from a fresh one. */
function tamper(file: string, version: string): void {
  const stored = JSON.parse(readFileSync(file, 'utf8'));
  stored.probe.markers.python_full_version = version;
  writeFileSync(file, JSON.stringify(stored));
}

test('a native interpreter: its answer is kept, reused while it is unchanged, asked again once it changes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pyguard-probe-cache-'));
  try {
    const bin = join(dir, 'bin');
    const cache = join(dir, 'cache');
    mkdirSync(bin);
    copyFileSync(realpathSync(SYSTEM_PYTHON), join(bin, 'python3'));
    chmodSync(join(bin, 'python3'), 0o755);
    const first = await detectEnvironment({ env: { PATH: bin }, probes: new ProbeCache(cache) });
    const [kept] = storedFiles(cache);
    assert.ok(kept, 'the answer is kept');
    tamper(kept, '3.99.1');
    const reused = await detectEnvironment({ env: { PATH: bin }, probes: new ProbeCache(cache) });
    assert.equal(reused.pythonFullVersion, '3.99.1', 'the kept answer is used: python was not run');
    assert.deepEqual(reused.tags, first.tags);
    // the interpreter is replaced (same size, new time): asked again
    utimesSync(join(bin, 'python3'), new Date(), new Date(Date.now() - 60_000));
    const again = await detectEnvironment({ env: { PATH: bin }, probes: new ProbeCache(cache) });
    assert.equal(again.pythonFullVersion, first.pythonFullVersion);
    // a relative PATH entry first: which python3 runs depends on the current folder, so nothing is kept
    const relative = join(dir, 'cache-relative');
    await detectEnvironment({ env: { PATH: `.:${bin}` }, probes: new ProbeCache(relative) });
    assert.deepEqual(storedFiles(relative), []);
    // without a cache folder (--no-cache) nothing is read
    tamper(kept, '3.99.2');
    assert.equal((await detectEnvironment({ env: { PATH: bin } })).pythonFullVersion, first.pythonFullVersion);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an interpreter that is a script (a shim) is asked every time and nothing is kept', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pyguard-probe-cache-'));
  try {
    const cache = join(dir, 'cache');
    const shim = (version: string) => {
      const json = JSON.stringify({
        markers: {
          implementation_name: 'cpython',
          implementation_version: version,
          os_name: 'posix',
          platform_machine: 'x86_64',
          platform_release: '6.1',
          platform_system: 'Linux',
          platform_version: '#1',
          python_full_version: version,
          platform_python_implementation: 'CPython',
          python_version: version.split('.').slice(0, 2).join('.'),
          sys_platform: 'linux',
        },
        platform: 'linux-x86_64',
        libc: ['glibc', '2.36'],
        mac: '',
        tags: null,
        files: ['/bin/sh'],
      });
      // an inert stand-in for a shim: prints a fixed probe answer
      writeFileSync(join(dir, 'python3'), `#!/bin/sh\nprintf '%s\\n' '${json}'\n`);
      chmodSync(join(dir, 'python3'), 0o755);
    };
    shim('3.10.4');
    assert.equal(
      (await detectEnvironment({ env: { PATH: dir }, probes: new ProbeCache(cache) })).pythonFullVersion,
      '3.10.4',
    );
    shim('3.12.7');
    assert.equal(
      (await detectEnvironment({ env: { PATH: dir }, probes: new ProbeCache(cache) })).pythonFullVersion,
      '3.12.7',
    );
    assert.deepEqual(storedFiles(cache), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
