// The distribution builder: deterministic bytes, wheels whose RECORD verifies, sdists with a static PKG-INFO.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { openArchive } from '../../src/pypi/archive/index.ts';
import { parseMetadata } from '../../src/pypi/metadata.ts';
import { buildSdist, buildWheel, type DistSpec } from '../../scripts/lib/build-dist.ts';

const SPEC: DistSpec = {
  name: 'Odd.Name-Pkg',
  version: '1.2.3',
  requiresDist: ['requests>=2', 'rich; extra == "pretty"', 'colorama; sys_platform == "win32"'],
  requiresPython: '>=3.8',
  summary: 'A package for tests',
  files: {
    'odd_name/__init__.py': 'def hello():\n    return "hi"\n',
    'odd_name/data,with comma.txt': 'x',
    'odd_name/blob.bin': new Uint8Array([0, 1, 2, 255]),
  },
  sdistExtraFiles: { 'setup.py': 'from setuptools import setup\nsetup()\n' },
  entryPoints: '[console_scripts]\nodd = odd_name:hello\n',
};

const text = (data: Uint8Array | undefined): string => new TextDecoder().decode(data);

async function members(bytes: Uint8Array, filename: string): Promise<Map<string, Uint8Array>> {
  const opened = await openArchive(bytes, filename);
  assert.equal(opened.fatal, undefined);
  assert.deepEqual(opened.problems, []);
  return new Map(opened.entries.map((e) => [e.path, e.data ?? new Uint8Array()]));
}

/** RECORD rows (the builder quotes fields with commas as CSV does). */
function recordRows(record: string): string[][] {
  return record
    .trim()
    .split('\n')
    .map((line) =>
      [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)]
        .slice(0, 3)
        .map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"')),
    );
}

test('building the same spec twice gives the same bytes', () => {
  assert.deepEqual(buildWheel(SPEC).bytes, buildWheel(SPEC).bytes);
  assert.deepEqual(buildSdist(SPEC).bytes, buildSdist(SPEC).bytes);
  assert.deepEqual(
    buildSdist({ ...SPEC, sdistFormat: 'zip' }).bytes,
    buildSdist({ ...SPEC, sdistFormat: 'zip' }).bytes,
  );
});

test('wheel file name escapes the name and keeps the tag', () => {
  assert.equal(buildWheel(SPEC).filename, 'Odd.Name_Pkg-1.2.3-py3-none-any.whl');
  assert.equal(
    buildWheel({ ...SPEC, tag: 'cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64' }).filename,
    'Odd.Name_Pkg-1.2.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
  );
});

test('every RECORD row of a wheel matches the member digest and size; RECORD lists itself without a hash', async () => {
  const { filename, bytes } = buildWheel(SPEC);
  const files = await members(bytes, filename);
  const rows = recordRows(text(files.get('Odd.Name_Pkg-1.2.3.dist-info/RECORD')));
  assert.deepEqual(new Set(rows.map((r) => r[0])), new Set(files.keys()));
  for (const [path, digest, size] of rows) {
    if (path.endsWith('/RECORD')) {
      assert.deepEqual([digest, size], ['', '']);
      continue;
    }
    const data = files.get(path)!;
    assert.equal(digest, 'sha256=' + createHash('sha256').update(data).digest('base64url'), path);
    assert.equal(Number(size), data.length, path);
  }
});

test('wheel METADATA, WHEEL, top_level.txt and entry_points.txt say what the spec says', async () => {
  const files = await members(
    buildWheel({ ...SPEC, tag: 'cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64' }).bytes,
    'x.whl',
  );
  const metadata = parseMetadata(text(files.get('Odd.Name_Pkg-1.2.3.dist-info/METADATA')));
  assert.equal(metadata.metadataVersion, '2.1');
  assert.equal(metadata.name, 'Odd.Name-Pkg');
  assert.equal(metadata.requiresPython, '>=3.8');
  assert.deepEqual(metadata.requiresDist, SPEC.requiresDist);
  assert.deepEqual(metadata.providesExtra, ['pretty']);
  assert.equal(
    text(files.get('Odd.Name_Pkg-1.2.3.dist-info/WHEEL')),
    'Wheel-Version: 1.0\nGenerator: pyguard-build-dist (1.0)\nRoot-Is-Purelib: false\n' +
      'Tag: cp311-cp311-manylinux_2_17_x86_64\nTag: cp311-cp311-manylinux2014_x86_64\n',
  );
  assert.equal(text(files.get('Odd.Name_Pkg-1.2.3.dist-info/top_level.txt')), 'odd_name\n');
  assert.equal(text(files.get('Odd.Name_Pkg-1.2.3.dist-info/entry_points.txt')), SPEC.entryPoints);
  assert.ok(!files.has('setup.py'), 'sdist-only files stay out of the wheel');
});

test('sdist holds {name}-{version}/ with a 2.2 PKG-INFO and static Requires-Dist; gzip header has no time stamp', async () => {
  const { filename, bytes } = buildSdist(SPEC);
  assert.equal(filename, 'odd_name_pkg-1.2.3.tar.gz');
  assert.deepEqual([...bytes.subarray(4, 8)], [0, 0, 0, 0]);
  const files = await members(bytes, filename);
  assert.deepEqual([...files.keys()].sort(), [
    'odd_name_pkg-1.2.3/PKG-INFO',
    'odd_name_pkg-1.2.3/odd_name/__init__.py',
    'odd_name_pkg-1.2.3/odd_name/blob.bin',
    'odd_name_pkg-1.2.3/odd_name/data,with comma.txt',
    'odd_name_pkg-1.2.3/setup.py',
  ]);
  const pkgInfo = parseMetadata(text(files.get('odd_name_pkg-1.2.3/PKG-INFO')));
  assert.equal(pkgInfo.metadataVersion, '2.2');
  assert.deepEqual(pkgInfo.requiresDist, SPEC.requiresDist);
  assert.deepEqual([...files.get('odd_name_pkg-1.2.3/odd_name/blob.bin')!], [0, 1, 2, 255]);
  // ustar headers: owner 0:0 and the fixed mtime (2020-02-02), padded to whole 10 KiB records
  const tar = gunzipSync(bytes);
  assert.equal(tar.length % 10240, 0);
  assert.equal(tar.subarray(257, 262).toString(), 'ustar');
  assert.equal(tar.subarray(108, 115).toString(), '0000000');
  assert.equal(parseInt(tar.subarray(136, 147).toString(), 8), Date.UTC(2020, 1, 2) / 1000);
});

test('legacy sdist names, zip sdists and dynamic Requires-Dist', async () => {
  const legacy = buildSdist({ ...SPEC, legacySdistName: true, sdistFormat: 'zip', sdistDynamic: ['Requires-Dist'] });
  assert.equal(legacy.filename, 'Odd.Name-Pkg-1.2.3.zip');
  const files = await members(legacy.bytes, legacy.filename);
  const pkgInfo = parseMetadata(text(files.get('Odd.Name-Pkg-1.2.3/PKG-INFO')));
  assert.deepEqual(pkgInfo.dynamic, ['Requires-Dist']);
  assert.deepEqual(pkgInfo.requiresDist, []);
});

test('long member paths use the ustar prefix field', async () => {
  const deep = `pkg/${'d'.repeat(60)}/${'e'.repeat(60)}/module.py`;
  const { filename, bytes } = buildSdist({ name: 'deep', version: '1', files: { [deep]: 'x = 1\n' } });
  const files = await members(bytes, filename);
  assert.equal(text(files.get(`deep-1/${deep}`)), 'x = 1\n');
});
