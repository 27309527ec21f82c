// PEP 425 tags: platform expansion and supported-tag order, checked against the machine's real pip (packaging.tags).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { platformTags, supportedTags, tagKey, wheelTagPriority, type Tag } from '../../src/pypi/tags.ts';
import { parseWheelFilename } from '../../src/pypi/filenames.ts';
import { UnsupportedTarget } from '../../src/pypi/standards-error.ts';

/** Runs the machine's python3 with pip's vendored packaging; only the interpreter and pip run, isolated (-I). */
function askPip(script: string, arg = ''): unknown {
  const code = `import json, sys\nfrom pip._vendor.packaging import tags\n${script}`;
  return JSON.parse(execFileSync('python3', ['-I', '-c', code, arg], { encoding: 'utf8' }));
}

test('supportedTags equals pip sys_tags() of the real interpreter, in order', () => {
  const real = askPip(
    'print(json.dumps({"version": "%d.%d" % sys.version_info[:2], "tags": [str(t) for t in tags.sys_tags()]}))',
  ) as { version: string; tags: string[] };
  const platform = real.tags[0].split('-')[2];
  const mine = supportedTags({ pythonVersion: real.version, platforms: [platform] }).map(tagKey);
  const cpNoneAny = `cp${real.version.replace('.', '')}-none-any`;
  // packaging < 22 (vendored by pip < 23.3 or so) has no cpXY-none-any in sys_tags; newer packaging and the brief do.
  const expected = real.tags.includes(cpNoneAny) ? mine : mine.filter((t) => t !== cpNoneAny);
  assert.deepEqual(real.tags.slice(0, 10), expected.slice(0, 10));
  assert.deepEqual(real.tags, expected);
  assert.ok(mine.includes(cpNoneAny));
  assert.ok(mine.indexOf(cpNoneAny) < mine.indexOf(`py${real.version.replace('.', '')}-none-any`));
});

test('platformTags for macOS equals pip mac_platforms()', () => {
  const cases: [number, number, string][] = [
    [14, 0, 'arm64'],
    [13, 0, 'x86_64'],
    [11, 0, 'arm64'],
    [10, 15, 'x86_64'],
    [10, 9, 'i386'],
    [10, 5, 'ppc64'],
    [10, 6, 'ppc'],
  ];
  const real = askPip(
    'print(json.dumps([list(tags.mac_platforms((a, b), c)) for a, b, c in json.loads(sys.argv[1])]))',
    JSON.stringify(cases),
  ) as string[][];
  cases.forEach(([major, minor, arch], i) => {
    assert.deepEqual(platformTags(`macosx_${major}_${minor}_${arch}`), real[i], `${major}.${minor} ${arch}`);
  });
});

test('platformTags: manylinux, legacy aliases, musllinux, windows', () => {
  const x86 = platformTags('manylinux_2_28_x86_64');
  assert.deepEqual(x86.slice(0, 3), ['manylinux_2_28_x86_64', 'manylinux_2_27_x86_64', 'manylinux_2_26_x86_64']);
  assert.deepEqual(x86.slice(-4), [
    'manylinux_2_6_x86_64',
    'manylinux_2_5_x86_64',
    'manylinux1_x86_64',
    'linux_x86_64',
  ]);
  assert.equal(x86.indexOf('manylinux2014_x86_64'), x86.indexOf('manylinux_2_17_x86_64') + 1);
  assert.equal(x86.indexOf('manylinux2010_x86_64'), x86.indexOf('manylinux_2_12_x86_64') + 1);
  assert.equal(x86.length, 24 + 3 + 1);
  const arm = platformTags('manylinux_2_28_aarch64');
  assert.deepEqual(arm.slice(-3), ['manylinux_2_17_aarch64', 'manylinux2014_aarch64', 'linux_aarch64']);
  assert.deepEqual(platformTags('manylinux2014_x86_64').slice(0, 3), [
    'manylinux_2_17_x86_64',
    'manylinux2014_x86_64',
    'manylinux_2_16_x86_64',
  ]);
  assert.deepEqual(platformTags('musllinux_1_2_x86_64'), [
    'musllinux_1_2_x86_64',
    'musllinux_1_1_x86_64',
    'musllinux_1_0_x86_64',
    'linux_x86_64',
  ]);
  assert.deepEqual(platformTags('win_amd64'), ['win_amd64']);
  assert.deepEqual(platformTags('win32'), ['win32']);
  assert.deepEqual(platformTags('win_arm64'), ['win_arm64']);
  assert.deepEqual(platformTags('macosx-14.0-arm64').slice(0, 2), ['macosx_14_0_arm64', 'macosx_14_0_universal2']);
  assert.throws(() => platformTags('bad platform!'), UnsupportedTarget);
  assert.throws(() => platformTags('macosx_10_3_x86_64'), UnsupportedTarget);
});

test('supportedTags order for CPython 3.12 on win_amd64 (packaging.tags.sys_tags)', () => {
  const tags = supportedTags({ pythonVersion: '3.12', platforms: ['win_amd64'] }).map(tagKey);
  assert.deepEqual(tags.slice(0, 6), [
    'cp312-cp312-win_amd64',
    'cp312-abi3-win_amd64',
    'cp312-none-win_amd64',
    'cp311-abi3-win_amd64',
    'cp310-abi3-win_amd64',
    'cp39-abi3-win_amd64',
  ]);
  assert.equal(tags[tags.indexOf('cp32-abi3-win_amd64') + 1], 'py312-none-win_amd64');
  assert.deepEqual(tags.slice(tags.indexOf('py312-none-win_amd64'), tags.indexOf('py312-none-win_amd64') + 3), [
    'py312-none-win_amd64',
    'py3-none-win_amd64',
    'py311-none-win_amd64',
  ]);
  assert.deepEqual(tags.slice(-16, -12), ['py30-none-win_amd64', 'cp312-none-any', 'py312-none-any', 'py3-none-any']);
  assert.equal(tags.at(-1), 'py30-none-any');
  assert.equal(tags.length, 3 + 10 + 14 + 15);
  const py37 = supportedTags({ pythonVersion: '3.7', platforms: ['win32'] }).map(tagKey);
  assert.equal(py37[0], 'cp37-cp37m-win32');
});

test('wheelTagPriority picks the best tag of a wheel; null when incompatible', () => {
  const supported = supportedTags({ pythonVersion: '3.12', platforms: ['manylinux_2_28_x86_64'] });
  const priority = (file: string) => wheelTagPriority((parseWheelFilename(file) as { tags: Tag[] }).tags, supported);
  const native = priority('numpy-2.0.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl');
  const abi3 = priority('cryptography-42.0.0-cp39-abi3-manylinux_2_28_x86_64.whl');
  const pure = priority('requests-2.19.0-py2.py3-none-any.whl');
  assert.ok(native !== null && abi3 !== null && pure !== null);
  assert.ok(native < abi3 && abi3 < pure);
  assert.equal(priority('numpy-2.0.0-cp311-cp311-manylinux_2_17_x86_64.whl'), null);
  assert.equal(priority('numpy-2.0.0-cp312-cp312-musllinux_1_1_x86_64.whl'), null);
  assert.equal(priority('numpy-2.0.0-cp312-cp312-win_amd64.whl'), null);
  assert.equal(priority('x-1.0-py2-none-any.whl'), null);
});

test('supportedTags rejects unsupported Python versions', () => {
  for (const bad of ['2.7', 'three', '3', '']) {
    assert.throws(() => supportedTags({ pythonVersion: bad, platforms: ['win_amd64'] }), UnsupportedTarget, bad);
  }
});
