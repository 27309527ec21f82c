// Tar reading (plain, gzip, bzip2): members and bytes, links and special files, traversal, duplicates, bombs, corrupt input.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import zlib from 'node:zlib';
import type { OpenedArchive } from '../../src/model/entries.ts';
import { openArchive } from '../../src/pypi/archive/index.ts';
import { compressZeros, makeTar, tarHeader } from './build.ts';

const text = (data?: Uint8Array): string => Buffer.from(data ?? []).toString('utf8');
const rules = (opened: OpenedArchive): string[] => opened.problems.map((p) => p.rule);
const byPath = (opened: OpenedArchive, p: string) => opened.entries.find((e) => e.path === p);
const bzip2 = (data: Buffer): Buffer => execFileSync('bzip2', ['-c', '-9'], { input: data });

const SETUP_PY = 'from setuptools import setup\nsetup(name="demo")\n';
const PKG_INFO = 'Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n';
const sdist = makeTar([
  { name: 'demo-1.0/', type: '5' },
  { name: 'demo-1.0/setup.py', data: SETUP_PY },
  { name: 'demo-1.0/PKG-INFO', data: PKG_INFO },
  { name: 'demo-1.0/demo/big.txt', data: 'line of text\n'.repeat(5000) },
  { name: 'demo-1.0/empty.txt', data: '' },
]);

function assertSdist(opened: OpenedArchive, format: string): void {
  assert.equal(opened.format, format);
  assert.equal(opened.fatal, undefined);
  assert.deepEqual(opened.problems, []);
  assert.deepEqual(
    opened.entries.map((e) => [e.path, e.type, e.size]),
    [
      ['demo-1.0/', 'directory', 0],
      ['demo-1.0/setup.py', 'file', SETUP_PY.length],
      ['demo-1.0/PKG-INFO', 'file', PKG_INFO.length],
      ['demo-1.0/demo/big.txt', 'file', 65000],
      ['demo-1.0/empty.txt', 'file', 0],
    ],
  );
  assert.equal(text(byPath(opened, 'demo-1.0/setup.py')?.data), SETUP_PY);
  assert.equal(text(byPath(opened, 'demo-1.0/PKG-INFO')?.data), PKG_INFO);
  assert.equal(text(byPath(opened, 'demo-1.0/demo/big.txt')?.data), 'line of text\n'.repeat(5000));
  assert.equal(byPath(opened, 'demo-1.0/empty.txt')?.data?.length, 0);
}

test('a plain tar, a tar.gz and a tar.bz2 sdist give the same members and bytes', async () => {
  assertSdist(await openArchive(sdist, 'demo-1.0.tar'), 'tar');
  assertSdist(await openArchive(zlib.gzipSync(sdist), 'demo-1.0.tar.gz'), 'tar.gz');
  assertSdist(await openArchive(bzip2(sdist), 'demo-1.0.tar.bz2'), 'tar.bz2');
});

test('empty tar archives have no entries and no problems', async () => {
  const empty = Buffer.alloc(1024);
  assert.deepEqual(await openArchive(empty, 'e.tar'), { format: 'tar', entries: [], problems: [] });
  assert.deepEqual(await openArchive(zlib.gzipSync(empty), 'e.tar.gz'), {
    format: 'tar.gz',
    entries: [],
    problems: [],
  });
  assert.deepEqual(await openArchive(bzip2(empty), 'e.tar.bz2'), { format: 'tar.bz2', entries: [], problems: [] });
});

test('links, devices and FIFOs are listed as they are, each with a problem; traversal names flagged', async () => {
  const tar = makeTar([
    { name: 'pkg/link', type: '2', linkname: '/etc/passwd' },
    { name: 'pkg/hard', type: '1', linkname: '../../etc/shadow' },
    { name: 'pkg/tty', type: '3' },
    { name: 'pkg/disk', type: '4' },
    { name: 'pkg/pipe', type: '6' },
    { name: '../evil.py', data: 'evil = 1\n' },
    { name: '/abs/evil.py', data: 'abs = 1\n' },
    { name: 'pkg/ok.py', data: 'ok = 1\n' },
  ]);
  const opened = await openArchive(zlib.gzipSync(tar), 'links-1.0.tar.gz');
  assert.equal(opened.fatal, undefined);
  assert.deepEqual(
    opened.entries.map((e) => [e.path, e.type, e.linkTarget]),
    [
      ['pkg/link', 'symlink', '/etc/passwd'],
      ['pkg/hard', 'hardlink', '../../etc/shadow'],
      ['pkg/tty', 'other', undefined],
      ['pkg/disk', 'other', undefined],
      ['pkg/pipe', 'other', undefined],
      ['../evil.py', 'file', undefined],
      ['/abs/evil.py', 'file', undefined],
      ['pkg/ok.py', 'file', undefined],
    ],
  );
  assert.deepEqual(
    opened.problems.map((p) => [p.rule, p.path]),
    [
      ['archive-symlink', 'pkg/link'],
      ['archive-hardlink', 'pkg/hard'],
      ['archive-special-file', 'pkg/tty'],
      ['archive-special-file', 'pkg/disk'],
      ['archive-special-file', 'pkg/pipe'],
      ['archive-path-traversal', '../evil.py'],
      ['archive-path-traversal', '/abs/evil.py'],
    ],
  );
  assert.equal(text(byPath(opened, '../evil.py')?.data), 'evil = 1\n');
  assert.equal(text(byPath(opened, 'pkg/ok.py')?.data), 'ok = 1\n');
});

test('duplicate tar members are both listed', async () => {
  const tar = makeTar([
    { name: 'pkg/setup.py', data: 'first' },
    { name: 'pkg/setup.py', data: 'second' },
  ]);
  const opened = await openArchive(tar, 'dup.tar');
  assert.deepEqual(
    opened.entries.map((e) => text(e.data)),
    ['first', 'second'],
  );
  assert.deepEqual(rules(opened), ['archive-duplicate-entry']);
});

test('a tar.gz bomb is stopped by the compression ratio while streaming', async () => {
  // One member of 48 MiB of zeros (about 50 KB of gzip): stopped once the ratio passes 200, long before the end.
  const size = 48 * 1024 * 1024;
  const { compressed } = await compressZeros(size, 'gzip', tarHeader('bomb/zeros.bin', size), Buffer.alloc(1024));
  const before = process.memoryUsage().arrayBuffers;
  const opened = await openArchive(compressed, 'bomb-1.0.tar.gz');
  assert.ok(process.memoryUsage().arrayBuffers - before < 40 * 1024 * 1024, 'the bomb was not held in memory');
  assert.match(opened.fatal ?? '', /^decompression bomb: compression ratio above 200/);
  assert.deepEqual(rules(opened), ['archive-bomb']);
  const member = byPath(opened, 'bomb/zeros.bin');
  assert.equal(member?.data, undefined);
  assert.match(member?.unreadReason ?? '', /reading stopped/);
});

test('a tar.bz2 bomb is stopped by the compression ratio too', async () => {
  const size = 24 * 1024 * 1024;
  const tar = Buffer.concat([tarHeader('bomb/zeros.bin', size), Buffer.alloc(size), Buffer.alloc(1024)]);
  const compressed = bzip2(tar);
  const opened = await openArchive(compressed, 'bomb-1.0.tar.bz2');
  assert.match(opened.fatal ?? '', /^decompression bomb: compression ratio above 200/);
  assert.equal(opened.entries[0]?.data, undefined);
});

test('tar limits: per-entry cap skips one member, the total stops reading', async () => {
  const tar = makeTar([
    { name: 'a.py', data: 'a'.repeat(100) },
    { name: 'b.py', data: 'b'.repeat(5000) },
    { name: 'c.py', data: 'c'.repeat(100) },
  ]);
  const capped = await openArchive(zlib.gzipSync(tar), 'x.tar.gz', { maxEntryBytes: 1000 });
  assert.equal(capped.fatal, undefined);
  assert.match(byPath(capped, 'b.py')?.unreadReason ?? '', /per-entry limit/);
  assert.deepEqual(rules(capped), ['archive-limit']);
  assert.equal(text(byPath(capped, 'c.py')?.data), 'c'.repeat(100));

  const total = await openArchive(tar, 'x.tar', { maxTotalBytes: 4096 });
  assert.match(total.fatal ?? '', /more than 4\.0 KiB uncompressed/);
  assert.equal(text(byPath(total, 'a.py')?.data), 'a'.repeat(100));
  assert.match(byPath(total, 'b.py')?.unreadReason ?? '', /reading stopped/);
  assert.equal(byPath(total, 'c.py'), undefined);

  const count = await openArchive(tar, 'x.tar', { maxEntries: 1 });
  assert.match(count.fatal ?? '', /more than 1 entries/);
  assert.equal(count.entries.length, 1);
});

test('truncated, corrupt and garbage tar data come back fatal with one line', async () => {
  const gz = zlib.gzipSync(sdist);
  const truncatedGz = await openArchive(gz.subarray(0, Math.floor(gz.length / 2)), 'demo-1.0.tar.gz');
  assert.match(truncatedGz.fatal ?? '', /^corrupt gzip: unexpected end of data \(truncated\)$/);
  for (const entry of truncatedGz.entries.filter((e) => e.type === 'file')) {
    assert.ok(entry.data !== undefined || entry.unreadReason !== undefined, `${entry.path} is accounted for`);
  }

  // Cut inside setup.py's data: the member is listed, unread.
  const truncatedTar = await openArchive(sdist.subarray(0, 1024 + 20), 'demo-1.0.tar');
  assert.match(truncatedTar.fatal ?? '', /^corrupt tar: unexpected end of data \(truncated\)/);
  assert.equal(byPath(truncatedTar, 'demo-1.0/setup.py')?.data, undefined);
  assert.match(byPath(truncatedTar, 'demo-1.0/setup.py')?.unreadReason ?? '', /truncated/);
  // Cut inside the next header: setup.py is whole, the archive is still reported truncated.
  const cutHeader = await openArchive(sdist.subarray(0, 1536 + 88), 'demo-1.0.tar');
  assert.match(cutHeader.fatal ?? '', /^corrupt tar: unexpected end of data \(truncated/);
  assert.equal(text(byPath(cutHeader, 'demo-1.0/setup.py')?.data), SETUP_PY);

  const bz = bzip2(sdist);
  assert.match((await openArchive(bz.subarray(0, bz.length - 40), 'd.tar.bz2')).fatal ?? '', /^corrupt bzip2: /);
  const flipped = Buffer.from(bz);
  flipped[Math.floor(flipped.length / 2)] ^= 0xff;
  // seek-bzip checks a block's CRC after handing its bytes on, so the tar parser may be the first to notice.
  assert.match((await openArchive(flipped, 'd.tar.bz2')).fatal ?? '', /^corrupt (bzip2|tar): /);

  const garbageGz = Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(3000, 0x5a)]);
  assert.match((await openArchive(garbageGz, 'g.tar.gz')).fatal ?? '', /^corrupt gzip: /);

  const notTar = await openArchive(zlib.gzipSync(Buffer.alloc(5000, 0x41)), 'n.tar.gz');
  assert.match(notTar.fatal ?? '', /^corrupt tar: /);

  const badChecksum = Buffer.from(sdist);
  badChecksum[600] ^= 0x01;
  const checked = await openArchive(badChecksum, 'c.tar');
  assert.match(checked.fatal ?? '', /^corrupt tar: .*checksum/);
  assert.deepEqual(
    checked.entries.map((e) => e.path),
    ['demo-1.0/'],
  );

  const doubleGz = await openArchive(zlib.gzipSync(zlib.gzipSync(sdist)), 'double.tar.gz');
  assert.match(doubleGz.fatal ?? '', /gzip again/);
  for (const opened of [truncatedGz, truncatedTar, cutHeader, notTar, checked, doubleGz])
    assert.ok(!opened.fatal?.includes('\n'));
});
