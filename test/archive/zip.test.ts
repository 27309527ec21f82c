// Zip reading: normal wheels, hostile names, links, duplicates, encryption, CRC and size lies, bombs, corrupt input.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';
import type { OpenedArchive } from '../../src/model/entries.ts';
import { openArchive } from '../../src/pypi/archive/index.ts';
import { centralHeaderOffset, compressZeros, localHeaderOffset, patchBytes, rawZip, yazlZip } from './build.ts';

const text = (data?: Uint8Array): string => Buffer.from(data ?? []).toString('utf8');
const rules = (opened: OpenedArchive): string[] => opened.problems.map((p) => p.rule);
const byPath = (opened: OpenedArchive, p: string) => opened.entries.find((e) => e.path === p);

test('a normal wheel: every member listed with its bytes, directories typed', async () => {
  const zip = await yazlZip([
    { name: 'demo/', data: '' },
    { name: 'demo/__init__.py', data: 'print("hi")\n' },
    { name: 'demo/data.bin', data: Buffer.from([0, 1, 2, 255]), compress: false },
    { name: 'demo-1.0.dist-info/METADATA', data: 'Metadata-Version: 2.1\nName: demo\n'.repeat(50) },
  ]);
  const opened = await openArchive(zip, 'demo-1.0-py3-none-any.whl');
  assert.equal(opened.format, 'zip');
  assert.equal(opened.fatal, undefined);
  assert.deepEqual(opened.problems, []);
  assert.deepEqual(
    opened.entries.map((e) => [e.path, e.type]),
    [
      ['demo/', 'directory'],
      ['demo/__init__.py', 'file'],
      ['demo/data.bin', 'file'],
      ['demo-1.0.dist-info/METADATA', 'file'],
    ],
  );
  assert.equal(text(byPath(opened, 'demo/__init__.py')?.data), 'print("hi")\n');
  assert.deepEqual([...(byPath(opened, 'demo/data.bin')?.data ?? [])], [0, 1, 2, 255]);
  const metadata = byPath(opened, 'demo-1.0.dist-info/METADATA');
  assert.equal(metadata?.size, 'Metadata-Version: 2.1\nName: demo\n'.length * 50);
  assert.equal(text(metadata?.data), 'Metadata-Version: 2.1\nName: demo\n'.repeat(50));
});

test('an empty zip has no entries and no problems', async () => {
  const opened = await openArchive(await yazlZip([]), 'empty.zip');
  assert.deepEqual([opened.format, opened.entries, opened.problems, opened.fatal], ['zip', [], [], undefined]);
});

test('traversal names are flagged one by one and every member is still read', async () => {
  let zip = await yazlZip([
    { name: 'aa/aa/evil.py', data: 'one' },
    { name: 'Xabs/evil.py', data: 'two' },
    { name: 'pkgY..Y..Yx.py', data: 'three' },
    { name: 'ok.py', data: 'four' },
  ]);
  zip = patchBytes(zip, 'aa/aa/evil.py', '../../evil.py');
  zip = patchBytes(zip, 'Xabs/evil.py', '/abs/evil.py');
  zip = patchBytes(zip, 'pkgY..Y..Yx.py', 'pkg\\..\\..\\x.py');
  const opened = await openArchive(zip, 'evil-1.0-py3-none-any.whl');
  assert.equal(opened.fatal, undefined);
  const traversal = opened.problems.filter((p) => p.rule === 'archive-path-traversal');
  assert.deepEqual(
    traversal.map((p) => [p.path, p.severity]),
    [
      ['../../evil.py', 'high'],
      ['/abs/evil.py', 'high'],
      ['pkg\\..\\..\\x.py', 'high'],
    ],
  );
  assert.deepEqual(
    opened.entries.map((e) => [e.path, text(e.data)]),
    [
      ['../../evil.py', 'one'],
      ['/abs/evil.py', 'two'],
      ['pkg\\..\\..\\x.py', 'three'],
      ['ok.py', 'four'],
    ],
  );
});

test('a Unix symlink member is listed as a symlink with its target', async () => {
  const zip = await yazlZip([
    { name: 'pkg/link', data: '../../../etc/passwd', mode: 0o120777 },
    { name: 'pkg/a.py', data: 'x = 1\n' },
  ]);
  const opened = await openArchive(zip, 'links.zip');
  const link = byPath(opened, 'pkg/link');
  assert.equal(link?.type, 'symlink');
  assert.equal(link?.linkTarget, '../../../etc/passwd');
  assert.equal(link?.data, undefined);
  assert.deepEqual(rules(opened), ['archive-symlink']);
  assert.equal(opened.problems[0].path, 'pkg/link');
  assert.equal(text(byPath(opened, 'pkg/a.py')?.data), 'x = 1\n');
});

test('duplicate names: both copies kept, one problem', async () => {
  const zip = await yazlZip([
    { name: 'pkg/__init__.py', data: 'harmless = True\n' },
    { name: 'pkg/__init__.py', data: 'import os\n' },
  ]);
  const opened = await openArchive(zip, 'dup.whl');
  assert.deepEqual(
    opened.entries.map((e) => text(e.data)),
    ['harmless = True\n', 'import os\n'],
  );
  assert.deepEqual(rules(opened), ['archive-duplicate-entry']);
  assert.equal(opened.problems[0].severity, 'medium');
});

test('an encrypted member is listed unread', async () => {
  const zip = Buffer.from(
    await yazlZip([
      { name: 'secret.py', data: 'password = 1\n'.repeat(20) },
      { name: 'plain.py', data: 'ok\n' },
    ]),
  );
  const central = centralHeaderOffset(zip, 0);
  zip.writeUInt16LE(zip.readUInt16LE(central + 8) | 1, central + 8);
  const local = localHeaderOffset(zip, 0);
  zip.writeUInt16LE(zip.readUInt16LE(local + 6) | 1, local + 6);
  const opened = await openArchive(zip, 'enc.zip');
  const secret = byPath(opened, 'secret.py');
  assert.equal(secret?.data, undefined);
  assert.match(secret?.unreadReason ?? '', /encrypted/);
  assert.deepEqual(rules(opened), ['archive-encrypted-entry']);
  assert.equal(text(byPath(opened, 'plain.py')?.data), 'ok\n');
});

test('a CRC-32 mismatch leaves the member unread', async () => {
  const zip = Buffer.from(
    await yazlZip([
      { name: 'a.py', data: 'import socket\n' },
      { name: 'b.py', data: 'b' },
    ]),
  );
  const central = centralHeaderOffset(zip, 0);
  zip.writeUInt32LE((zip.readUInt32LE(central + 16) ^ 0xffff) >>> 0, central + 16);
  const opened = await openArchive(zip, 'crc.zip');
  const a = byPath(opened, 'a.py');
  assert.equal(a?.data, undefined);
  assert.match(a?.unreadReason ?? '', /CRC-32 mismatch/);
  assert.deepEqual(rules(opened), ['archive-corrupt-entry']);
  assert.equal(text(byPath(opened, 'b.py')?.data), 'b');
});

test('a member that inflates past its declared size is cut off and left unread', async () => {
  // Declares 1,000 bytes, inflates to 64 MiB: the reader must stop near 1,000, not inflate it all.
  const { compressed, crc32 } = await compressZeros(64 * 1024 * 1024, 'deflate-raw');
  const zip = rawZip([
    { name: 'liar.py', method: 8, crc32, compressed, uncompressedSize: 1000 },
    {
      name: 'ok.py',
      method: 0,
      crc32: zlib.crc32(Buffer.from('ok')),
      compressed: Buffer.from('ok'),
      uncompressedSize: 2,
    },
  ]);
  const opened = await openArchive(zip, 'liar.whl');
  assert.equal(opened.fatal, undefined);
  const liar = byPath(opened, 'liar.py');
  assert.equal(liar?.data, undefined);
  assert.match(liar?.unreadReason ?? '', /corrupt data/);
  assert.deepEqual(rules(opened), ['archive-corrupt-entry']);
  assert.equal(text(byPath(opened, 'ok.py')?.data), 'ok');
});

test('a zip bomb is rejected from its declared size, before inflating', async () => {
  // 200 MiB of zeros, really compressed (about 200 KB); the reader must not inflate it.
  const { compressed, crc32 } = await compressZeros(200 * 1024 * 1024, 'deflate-raw');
  const zip = rawZip([
    {
      name: 'first.py',
      method: 0,
      crc32: zlib.crc32(Buffer.from('a')),
      compressed: Buffer.from('a'),
      uncompressedSize: 1,
    },
    { name: 'zeros.bin', method: 8, crc32, compressed, uncompressedSize: 200 * 1024 * 1024 },
    {
      name: 'after.py',
      method: 0,
      crc32: zlib.crc32(Buffer.from('b')),
      compressed: Buffer.from('b'),
      uncompressedSize: 1,
    },
  ]);
  const before = process.memoryUsage().arrayBuffers;
  const opened = await openArchive(zip, 'bomb-1.0-py3-none-any.whl');
  assert.ok(process.memoryUsage().arrayBuffers - before < 64 * 1024 * 1024, 'the bomb was not inflated');
  assert.match(opened.fatal ?? '', /decompression bomb: compression ratio above 200/);
  assert.ok(rules(opened).includes('archive-bomb'));
  assert.equal(opened.problems.find((p) => p.rule === 'archive-bomb')?.severity, 'high');
  assert.equal(text(byPath(opened, 'first.py')?.data), 'a');
  assert.equal(byPath(opened, 'zeros.bin')?.data, undefined);
  assert.equal(byPath(opened, 'after.py'), undefined);
});

test('a 1 GiB declared size is rejected without reading it', async () => {
  const zip = Buffer.from(await yazlZip([{ name: 'big.bin', data: Buffer.alloc(4096) }]));
  zip.writeUInt32LE(1024 * 1024 * 1024, centralHeaderOffset(zip, 0) + 24);
  const opened = await openArchive(zip, 'big.zip');
  assert.match(opened.fatal ?? '', /decompression bomb/);
  assert.equal(byPath(opened, 'big.bin')?.data, undefined);
});

test('limits: per-entry cap leaves one member unread, total and entry count stop reading', async () => {
  const zip = await yazlZip([
    { name: 'small.py', data: 'a'.repeat(100) },
    { name: 'large.py', data: 'b'.repeat(5000) },
    { name: 'tail.py', data: 'c'.repeat(100) },
  ]);
  const capped = await openArchive(zip, 'x.zip', { maxEntryBytes: 1000 });
  assert.equal(capped.fatal, undefined);
  assert.match(byPath(capped, 'large.py')?.unreadReason ?? '', /per-entry limit/);
  assert.deepEqual(rules(capped), ['archive-limit']);
  assert.equal(text(byPath(capped, 'tail.py')?.data), 'c'.repeat(100));

  const total = await openArchive(zip, 'x.zip', { maxTotalBytes: 2000 });
  assert.match(total.fatal ?? '', /more than 2\.0 KiB uncompressed/);
  assert.deepEqual(
    total.entries.map((e) => e.path),
    ['small.py', 'large.py'],
  );
  assert.equal(text(byPath(total, 'small.py')?.data), 'a'.repeat(100));

  const count = await openArchive(zip, 'x.zip', { maxEntries: 2 });
  assert.match(count.fatal ?? '', /more than 2 entries/);
  assert.equal(count.entries.length, 2);
});

test('truncated, corrupt and garbage zips come back fatal with a one-line message', async () => {
  const zip = await yazlZip([{ name: 'a.py', data: 'x'.repeat(1000) }]);
  const truncated = await openArchive(zip.subarray(0, zip.length - 30), 'a.whl');
  assert.equal(truncated.fatal, 'corrupt zip: end of central directory not found (not a zip file, or truncated)');

  const garbage = Buffer.concat([
    Buffer.from('PK\x03\x04'),
    Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 251)),
  ]);
  const opened = await openArchive(garbage, 'g.whl');
  assert.match(opened.fatal ?? '', /^corrupt zip: /);
  assert.ok(!opened.fatal?.includes('\n'));

  const badDirectory = Buffer.from(zip);
  badDirectory.writeUInt32LE(0xdeadbeef, centralHeaderOffset(zip, 0));
  assert.match((await openArchive(badDirectory, 'a.whl')).fatal ?? '', /^corrupt zip: invalid central directory/);
});

test('names without the UTF-8 flag are decoded as code page 437, with it as UTF-8', async () => {
  let zip: Buffer = await yazlZip([
    { name: 'caf_.py', data: '1' },
    { name: 'naïve.py', data: '2' },
  ]);
  zip = patchBytes(zip, 'caf_.py', Buffer.from([0x63, 0x61, 0x66, 0x82, 0x2e, 0x70, 0x79]));
  // yazl sets the UTF-8 flag on every name: clear it on the first one.
  const central = centralHeaderOffset(zip, 0);
  zip.writeUInt16LE(zip.readUInt16LE(central + 8) & ~0x800, central + 8);
  const local = localHeaderOffset(zip, 0);
  zip.writeUInt16LE(zip.readUInt16LE(local + 6) & ~0x800, local + 6);
  const opened = await openArchive(zip, 'names.zip');
  assert.deepEqual(
    opened.entries.map((e) => e.path),
    ['café.py', 'naïve.py'],
  );
});

test("bzip2 and LZMA members are read, as Python's zipfile (what pip uses) reads them; other methods are listed unread", async () => {
  const zip = execFileSync('python3', [
    '-c',
    'import io,sys,zipfile\n' +
      'b = io.BytesIO()\n' +
      'with zipfile.ZipFile(b, "w") as z:\n' +
      '    z.writestr(zipfile.ZipInfo("bz.py"), "import os\\n" * 300, compress_type=zipfile.ZIP_BZIP2)\n' +
      '    z.writestr(zipfile.ZipInfo("lz.py"), "import socket\\n" * 300 + "\\u00e9\\u20ac", compress_type=zipfile.ZIP_LZMA)\n' +
      '    z.writestr(zipfile.ZipInfo("lz.bin"), bytes(range(256)) * 40, compress_type=zipfile.ZIP_LZMA)\n' +
      'sys.stdout.buffer.write(b.getvalue())',
  ]);
  const opened = await openArchive(zip, 'methods.zip');
  assert.equal(opened.fatal, undefined);
  assert.equal(text(byPath(opened, 'bz.py')?.data), 'import os\n'.repeat(300));
  assert.equal(text(byPath(opened, 'lz.py')?.data), `${'import socket\n'.repeat(300)}é€`);
  assert.deepEqual(
    byPath(opened, 'lz.bin')?.data,
    new Uint8Array(Buffer.concat(Array(40).fill(Buffer.from(Array.from({ length: 256 }, (_, i) => i))))),
  );
  assert.deepEqual(rules(opened), []);
  // a method neither reads (zstd, 93): listed unread
  const zstd = Buffer.from(zip);
  zstd.writeUInt16LE(93, centralHeaderOffset(zstd, 0) + 10);
  zstd.writeUInt16LE(93, localHeaderOffset(zstd, 0) + 8);
  const reopened = await openArchive(zstd, 'methods.zip');
  assert.match(byPath(reopened, 'bz.py')?.unreadReason ?? '', /unsupported compression method 93/);
});

function bundledPipWheel(): string {
  const dir = execFileSync('python3', ['-c', 'import ensurepip,os;print(os.path.dirname(ensurepip.__file__))'], {
    encoding: 'utf8',
  }).trim();
  const bundled = path.join(dir, '_bundled');
  const wheel = readdirSync(bundled).find((name) => /^pip-.*\.whl$/.test(name));
  assert.ok(wheel, `no pip wheel in ${bundled}`);
  return path.join(bundled, wheel);
}

test("the real pip wheel: every member read, as Python's zipfile reads it", async () => {
  const wheel = bundledPipWheel();
  const opened = await openArchive(readFileSync(wheel), path.basename(wheel));
  assert.equal(opened.fatal, undefined);
  assert.deepEqual(opened.problems, []);
  assert.deepEqual(
    opened.entries.filter((e) => e.unreadReason !== undefined),
    [],
  );
  const python = JSON.parse(
    execFileSync(
      'python3',
      [
        '-c',
        'import hashlib,json,sys,zipfile\n' +
          'z = zipfile.ZipFile(sys.argv[1])\n' +
          'print(json.dumps([[i.filename, i.file_size, hashlib.sha256(z.read(i)).hexdigest()] for i in z.infolist()]))',
        wheel,
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    ),
  ) as [string, number, string][];
  const ours = opened.entries.map((e) => [
    e.path,
    e.data?.length,
    createHash('sha256')
      .update(e.data ?? '')
      .digest('hex'),
  ]);
  assert.equal(ours.length, python.length);
  assert.deepEqual(ours, python);
});
