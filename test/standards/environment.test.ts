// The target environment: from the real python3 (its markers and sys_tags), from flags, and the fallback default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEnvironment, detectEnvironment, platformMarkers } from '../../src/pypi/environment.ts';
import { tagKey } from '../../src/pypi/tags.ts';
import { UnsupportedTarget } from '../../src/pypi/standards-error.ts';

test('with no options, the python3 on PATH is asked: its version, markers and sys_tags order', async () => {
  const real = JSON.parse(
    execFileSync(
      'python3',
      [
        '-I',
        '-c',
        'import json, sys, platform\nfrom pip._vendor.packaging import tags\nprint(json.dumps({"v": platform.python_version(), "sys": sys.platform, "tags": [str(t) for t in tags.sys_tags()]}))',
      ],
      { encoding: 'utf8' },
    ),
  ) as { v: string; sys: string; tags: string[] };
  const env = await detectEnvironment();
  assert.equal(env.pythonFullVersion, real.v);
  assert.equal(env.pythonVersion, real.v.split('.').slice(0, 2).join('.'));
  assert.equal(env.markers.python_full_version, real.v);
  assert.equal(env.markers.sys_platform, real.sys);
  assert.equal(env.implementation, 'cp');
  assert.deepEqual(env.tags.map(tagKey), real.tags);
  assert.equal(env.platform, real.tags[0].split('-')[2]);
});

test('without python3 on PATH: CPython 3.12 on this OS and CPU', async () => {
  const env = await detectEnvironment({ env: { PATH: '/nonexistent-dir-for-test' } });
  assert.equal(env.pythonVersion, '3.12');
  assert.equal(env.pythonFullVersion, '3.12.0');
  const expected =
    process.platform === 'darwin' ? /^macosx_11_0_/ : process.platform === 'win32' ? /^win/ : /^manylinux_2_17_/;
  assert.match(env.platform, expected);
  assert.equal(tagKey(env.tags[0]), `cp312-cp312-${env.platform}`);
});

test('--python-version and --platform give consistent tags and markers', async () => {
  const mac = await detectEnvironment({ pythonVersion: '3.9', platform: 'macosx_14_0_arm64' });
  assert.equal(mac.pythonVersion, '3.9');
  assert.equal(tagKey(mac.tags[0]), 'cp39-cp39-macosx_14_0_arm64');
  assert.deepEqual(
    [
      mac.markers.python_version,
      mac.markers.sys_platform,
      mac.markers.platform_system,
      mac.markers.os_name,
      mac.markers.platform_machine,
      mac.markers.platform_release,
    ],
    ['3.9', 'darwin', 'Darwin', 'posix', 'arm64', '23.0.0'],
  );
  const win = buildEnvironment('3.11.4', 'win_amd64');
  assert.equal(win.pythonFullVersion, '3.11.4');
  assert.equal(win.markers.implementation_version, '3.11.4');
  assert.deepEqual(
    [win.markers.sys_platform, win.markers.platform_system, win.markers.os_name, win.markers.platform_machine],
    ['win32', 'Windows', 'nt', 'AMD64'],
  );
  assert.deepEqual(win.tags.slice(0, 2).map(tagKey), ['cp311-cp311-win_amd64', 'cp311-abi3-win_amd64']);
  const musl = buildEnvironment('3.12', 'musllinux_1_2_aarch64');
  assert.deepEqual([musl.markers.sys_platform, musl.markers.platform_machine], ['linux', 'aarch64']);
  assert.ok(musl.tags.some((t) => t.platform === 'linux_aarch64'));
  assert.ok(!musl.tags.some((t) => t.platform.startsWith('manylinux')));
  assert.equal(platformMarkers('manylinux2014_x86_64').platform_machine, 'x86_64');
  assert.equal(platformMarkers('win32').platform_machine, 'x86');
});

test('invalid version or platform → UnsupportedTarget', async () => {
  await assert.rejects(detectEnvironment({ pythonVersion: '2.7', platform: 'win_amd64' }), UnsupportedTarget);
  await assert.rejects(detectEnvironment({ pythonVersion: 'latest', platform: 'win_amd64' }), UnsupportedTarget);
  await assert.rejects(detectEnvironment({ pythonVersion: '3.12', platform: 'solaris_sparc' }), UnsupportedTarget);
  await assert.rejects(detectEnvironment({ pythonVersion: '3.12', platform: 'bad platform!' }), UnsupportedTarget);
});

test('a python3 without packaging: platform from sysconfig made specific (glibc, macOS version)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pyguard-fake-python-'));
  try {
    const markers = {
      implementation_name: 'cpython',
      implementation_version: '3.10.2',
      os_name: 'posix',
      platform_machine: 'aarch64',
      platform_release: '6.1',
      platform_system: 'Linux',
      platform_version: '#1',
      python_full_version: '3.10.2',
      platform_python_implementation: 'CPython',
      python_version: '3.10',
      sys_platform: 'linux',
    };
    const fake = (platform: string, libc: [string, string], mac: string) => {
      const json = JSON.stringify({ markers, platform, libc, mac, tags: null });
      // an inert stand-in for python3: prints a fixed probe answer
      writeFileSync(join(dir, 'python3'), `#!/bin/sh\nprintf '%s\\n' '${json}'\n`);
      chmodSync(join(dir, 'python3'), 0o755);
    };
    fake('linux-aarch64', ['glibc', '2.31'], '');
    const linux = await detectEnvironment({ env: { PATH: dir } });
    assert.equal(linux.platform, 'manylinux_2_31_aarch64');
    assert.equal(linux.pythonFullVersion, '3.10.2');
    assert.equal(tagKey(linux.tags[0]), 'cp310-cp310-manylinux_2_31_aarch64');
    assert.equal(tagKey(linux.tags.at(-1)!), 'py30-none-any');
    fake('macosx-11.0-arm64', ['', ''], '14.2.1');
    assert.equal((await detectEnvironment({ env: { PATH: dir } })).platform, 'macosx_14_0_arm64');
    fake('linux-x86_64', ['', ''], '');
    assert.equal((await detectEnvironment({ env: { PATH: dir } })).platform, 'linux_x86_64');
    // only the missing option comes from the interpreter
    const mixed = await detectEnvironment({ platform: 'win_amd64', env: { PATH: dir } });
    assert.equal(mixed.pythonVersion, '3.10');
    assert.equal(mixed.markers.sys_platform, 'win32');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
