// Format detection: magic bytes decide, the file name is a hint, and mismatches or unknown data are reported.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { isArchiveName, openArchive } from '../../src/pypi/archive/index.ts';
import { makeTar, yazlZip } from './build.ts';

test('isArchiveName knows wheel, egg, zip and tar names, in any case', () => {
  for (const name of [
    'a-1.0-py3-none-any.whl',
    'a-1.0.egg',
    'a-1.0.zip',
    'a-1.0.tar.gz',
    'A-1.0.TGZ',
    'a.tar.bz2',
    'a.tar',
    'a-1.0.tar.xz',
  ]) {
    assert.equal(isArchiveName(name), true, name);
  }
  for (const name of ['setup.py', 'a.gz', 'a.whl.txt', 'README', 'a.xz'])
    assert.equal(isArchiveName(name), false, name);
});

test('a .whl holding gzip data is read as tar.gz, with a mismatch problem', async () => {
  const tarGz = zlib.gzipSync(makeTar([{ name: 'pkg/setup.py', data: 'print(1)\n' }]));
  const opened = await openArchive(tarGz, 'pkg-1.0-py3-none-any.whl');
  assert.equal(opened.format, 'tar.gz');
  assert.equal(opened.fatal, undefined);
  assert.deepEqual(
    opened.problems.map((p) => [p.rule, p.severity]),
    [['archive-format-mismatch', 'high']],
  );
  assert.match(
    opened.problems[0].message,
    /named like a zip archive but holds tar\.gz data: a different kind of archive disguised/,
  );
  assert.equal(Buffer.from(opened.entries[0].data ?? []).toString(), 'print(1)\n');
});

test('a zip named .tar.gz is read as a zip, with a high mismatch problem', async () => {
  const opened = await openArchive(await yazlZip([{ name: 'a.py', data: 'a' }]), 'a-1.0.tar.gz');
  assert.equal(opened.format, 'zip');
  assert.deepEqual(
    opened.problems.map((p) => [p.rule, p.severity]),
    [['archive-format-mismatch', 'high']],
  );
  assert.equal(opened.entries.length, 1);
});

test('unknown, empty and unsupported data come back fatal, never thrown', async () => {
  const random = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 2654435761) % 256));
  const garbage = await openArchive(random, 'x-1.0-py3-none-any.whl');
  assert.deepEqual(garbage, {
    format: 'zip',
    entries: [],
    problems: [],
    fatal: 'unrecognized format: not zip, gzip, bzip2 or tar data',
  });
  assert.equal((await openArchive(new Uint8Array(), 'x.tar.gz')).fatal, 'empty file, not a tar.gz archive');
  const xz = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2, 3]);
  assert.match((await openArchive(xz, 'x.tar.xz')).fatal ?? '', /^corrupt xz: /);
  const zstd = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]);
  assert.equal((await openArchive(zstd, 'x.tar.gz')).fatal, 'unsupported archive format: zstd');
  assert.match((await openArchive(random, 'x.tar')).fatal ?? '', /^corrupt tar: /);
});

test('compression is sniffed from the bytes: a .tar.gz holding xz or bzip2 data is read (pip reads .tar.xz sdists)', async () => {
  const tar = makeTar([{ name: 'pkg-1.0/pkg/__init__.py', data: 'import socket\n' }]);
  const compressed = (module: string) =>
    execFileSync(
      'python3',
      ['-c', `import sys,${module}; sys.stdout.buffer.write(${module}.compress(sys.stdin.buffer.read()))`],
      { input: tar },
    );
  for (const [module, format] of [
    ['lzma', 'tar.xz'],
    ['bz2', 'tar.bz2'],
  ] as const) {
    const opened = await openArchive(compressed(module), 'pkg-1.0.tar.gz');
    assert.equal(opened.fatal, undefined, module);
    assert.equal(opened.format, format);
    assert.equal(
      Buffer.from(opened.entries.find((entry) => entry.path === 'pkg-1.0/pkg/__init__.py')!.data!).toString(),
      'import socket\n',
    );
    assert.deepEqual(
      opened.problems.map((problem) => [problem.rule, problem.severity]),
      [['archive-format-mismatch', 'medium']],
    );
  }
  const named = await openArchive(compressed('lzma'), 'pkg-1.0.tar.xz');
  assert.deepEqual([named.format, named.problems.length], ['tar.xz', 0]);
});

test('a tar without the ustar magic is still read when the name says tar', async () => {
  const tar = makeTar([{ name: 'old.py', data: 'v7 = True\n' }]);
  // Turn the header into a pre-POSIX one: blank the magic and fix the checksum.
  tar.fill(0, 257, 265);
  tar.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of tar.subarray(0, 512)) sum += byte;
  tar.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  const opened = await openArchive(tar, 'old.tar');
  assert.equal(opened.fatal, undefined);
  assert.deepEqual(
    opened.entries.map((e) => e.path),
    ['old.py'],
  );
});
