// Distribution file names: wheels (tag sets expanded), sdists (names with dashes), eggs, and their kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { distKind, parseEggFilename, parseSdistFilename, parseWheelFilename } from '../../src/pypi/filenames.ts';
import { normalizeName } from '../../src/pypi/names.ts';

test('parseWheelFilename expands compressed tag sets and reads build tags', () => {
  assert.deepEqual(parseWheelFilename('requests-2.19.0-py2.py3-none-any.whl'), {
    name: 'requests',
    version: '2.19.0',
    tags: [
      { interpreter: 'py2', abi: 'none', platform: 'any' },
      { interpreter: 'py3', abi: 'none', platform: 'any' },
    ],
  });
  const numpy = parseWheelFilename('numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl');
  assert.deepEqual(
    numpy?.tags.map((t) => t.platform),
    ['manylinux_2_17_x86_64', 'manylinux2014_x86_64'],
  );
  assert.deepEqual(parseWheelFilename('PyYAML-6.0.1-1-cp311-cp311-win_amd64.whl'), {
    name: 'PyYAML',
    version: '6.0.1',
    build: '1',
    tags: [{ interpreter: 'cp311', abi: 'cp311', platform: 'win_amd64' }],
  });
  const zope = parseWheelFilename(
    'https://files.example/p/zope.interface-6.1-cp312-cp312-macosx_11_0_arm64.whl#sha256=00',
  );
  assert.equal(zope?.name, 'zope.interface');
  assert.equal(normalizeName(zope!.name), 'zope-interface');
  assert.equal(parseWheelFilename('Foo_Bar-1.0-PY3-NONE-ANY.whl')?.tags[0].interpreter, 'py3');
  for (const bad of [
    'x-1.0.whl',
    'x-1.0-py3-none.whl',
    'x-notaversion-py3-none-any.whl',
    'x-1.0-b1-py3-none-any.whl',
    'x-1.0-py3-none-any.zip',
    'x__y-1.0-py3-none-any.whl',
    'a-b-1.0-1-py3-none-any.whl',
  ]) {
    assert.equal(parseWheelFilename(bad), null, bad);
  }
});

test('parseSdistFilename: extensions, names with dashes, projectName', () => {
  assert.deepEqual(parseSdistFilename('requests-2.19.0.tar.gz'), {
    name: 'requests',
    version: '2.19.0',
    ext: '.tar.gz',
  });
  assert.deepEqual(parseSdistFilename('PyYAML-6.0.1.tar.gz', 'pyyaml'), {
    name: 'PyYAML',
    version: '6.0.1',
    ext: '.tar.gz',
  });
  assert.deepEqual(parseSdistFilename('python-dateutil-2.8.2.tar.gz'), {
    name: 'python-dateutil',
    version: '2.8.2',
    ext: '.tar.gz',
  });
  assert.deepEqual(parseSdistFilename('zope.interface-6.1.zip'), {
    name: 'zope.interface',
    version: '6.1',
    ext: '.zip',
  });
  assert.deepEqual(parseSdistFilename('foo-bar-1.0-2.tar.bz2', 'foo_bar'), {
    name: 'foo-bar',
    version: '1.0-2',
    ext: '.tar.bz2',
  });
  assert.deepEqual(parseSdistFilename('pkg-1.0.TGZ'), { name: 'pkg', version: '1.0', ext: '.TGZ' });
  assert.deepEqual(parseSdistFilename('pkg-1.0.tar'), { name: 'pkg', version: '1.0', ext: '.tar' });
  // with projectName the version is what follows, valid or not (legacy sdists): the resolver decides
  assert.deepEqual(parseSdistFilename('pkg-dev.tar.gz', 'pkg'), { name: 'pkg', version: 'dev', ext: '.tar.gz' });
  assert.equal(parseSdistFilename('pkg-dev.tar.gz'), null);
  assert.equal(parseSdistFilename('other-1.0.tar.gz', 'pkg'), null);
  assert.equal(parseSdistFilename('pkg-1.0.rar'), null);
  assert.equal(parseSdistFilename('pkg.tar.gz'), null);
});

test('parseEggFilename and distKind', () => {
  assert.deepEqual(parseEggFilename('setuptools-0.6c11-py2.7.egg'), {
    name: 'setuptools',
    version: '0.6c11',
    pythonVersion: '2.7',
  });
  assert.deepEqual(parseEggFilename('foo_bar-1.0-py3.8-linux-x86_64.egg'), {
    name: 'foo_bar',
    version: '1.0',
    pythonVersion: '3.8',
    platform: 'linux-x86_64',
  });
  assert.deepEqual(parseEggFilename('x-2.0.egg'), { name: 'x', version: '2.0' });
  assert.equal(parseEggFilename('x-2.0-cp38.egg'), null);
  assert.equal(parseEggFilename('x.egg'), null);
  const kinds: [string, string][] = [
    ['a-1.0-py3-none-any.whl', 'wheel'],
    ['a-1.0.tar.gz', 'sdist'],
    ['a-1.0.zip', 'sdist'],
    ['a-1.0.tar.bz2', 'sdist'],
    ['a-1.0-py2.7.egg', 'egg'],
    ['a-1.0.exe', 'unknown'],
    ['https://files.example/a-1.0.tar.gz?x=1#sha256=ab', 'sdist'],
  ];
  for (const [file, kind] of kinds) assert.equal(distKind(file), kind, file);
});

test('every file name in the recorded Simple API pages (fixtures/, from /work/shared/pypi-api) parses', () => {
  for (const project of ['requests', 'attrs']) {
    const page = JSON.parse(readFileSync(new URL(`fixtures/${project}.json`, import.meta.url), 'utf8')) as {
      files: { filename: string }[];
    };
    for (const { filename } of page.files) {
      const kind = distKind(filename);
      const parsed = kind === 'wheel' ? parseWheelFilename(filename) : parseSdistFilename(filename, project);
      assert.ok(parsed, filename);
      assert.equal(normalizeName(parsed.name), project);
    }
  }
});
