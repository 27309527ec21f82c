// readLocal: folders read whole (dot folders included), symlinks listed not followed, special files never opened.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { readLocal } from '../../src/scan/local.ts';
import { UserError } from '../../src/util/errors.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'pyguard-local-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function makeTree(): string {
  const root = path.join(scratch, 'project');
  mkdirSync(path.join(root, '.hidden', 'deep'), { recursive: true });
  mkdirSync(path.join(root, '_private'));
  mkdirSync(path.join(root, 'tests'));
  writeFileSync(path.join(root, 'setup.py'), 'from setuptools import setup\n');
  writeFileSync(path.join(root, '.hidden', 'deep', 'payload.py'), 'import socket\n');
  writeFileSync(path.join(root, '_private', 'x.py'), 'x = 1\n');
  writeFileSync(path.join(root, 'tests', 'test_a.py'), 'def test(): pass\n');
  writeFileSync(path.join(root, 'big.bin'), Buffer.alloc(5000, 1));
  writeFileSync(path.join(scratch, 'outside.txt'), 'secret\n');
  symlinkSync('setup.py', path.join(root, 'inside-link'));
  symlinkSync('../outside.txt', path.join(root, 'outside-link'));
  execFileSync('mkfifo', [path.join(root, 'pipe')]);
  return root;
}

test('a folder: every member listed with forward-slash paths, dot and private folders included', async () => {
  const root = makeTree();
  const opened = await readLocal(root, { maxEntryBytes: 1000 });
  assert.equal(opened.format, 'directory');
  assert.equal(opened.fatal, undefined);
  assert.deepEqual(
    opened.entries.map((e) => [e.path, e.type]),
    [
      ['.hidden', 'directory'],
      ['.hidden/deep', 'directory'],
      ['.hidden/deep/payload.py', 'file'],
      ['_private', 'directory'],
      ['_private/x.py', 'file'],
      ['big.bin', 'file'],
      ['inside-link', 'symlink'],
      ['outside-link', 'symlink'],
      ['pipe', 'other'],
      ['setup.py', 'file'],
      ['tests', 'directory'],
      ['tests/test_a.py', 'file'],
    ],
  );
  const entry = (p: string) => opened.entries.find((e) => e.path === p);
  assert.equal(Buffer.from(entry('.hidden/deep/payload.py')?.data ?? []).toString(), 'import socket\n');
  assert.equal(entry('big.bin')?.data, undefined);
  assert.equal(entry('big.bin')?.size, 5000);
  assert.match(entry('big.bin')?.unreadReason ?? '', /per-entry limit/);
  assert.equal(entry('inside-link')?.linkTarget, 'setup.py');
  assert.equal(entry('outside-link')?.linkTarget, '../outside.txt');
  assert.equal(entry('outside-link')?.data, undefined);
  assert.deepEqual(
    opened.problems.map((p) => [p.rule, p.severity, p.path]),
    [
      ['archive-limit', 'medium', 'big.bin'],
      ['archive-symlink', 'info', 'inside-link'],
      ['archive-symlink', 'medium', 'outside-link'],
      ['archive-special-file', 'medium', 'pipe'],
    ],
  );
});

test('onRead is told of each file as its bytes are read, never of a file left unread, a link or special file', async () => {
  const root = path.join(scratch, 'told');
  mkdirSync(path.join(root, 'pkg'), { recursive: true });
  writeFileSync(path.join(root, 'pkg', 'a.py'), 'a = 1\n');
  writeFileSync(path.join(root, 'pkg', 'big.py'), Buffer.alloc(5000, 32));
  writeFileSync(path.join(root, 'notes.txt'), 'notes\n');
  symlinkSync('pkg/a.py', path.join(root, 'link.py'));
  execFileSync('mkfifo', [path.join(root, 'pipe.py')]);
  const told: string[] = [];
  const opened = await readLocal(root, { maxEntryBytes: 1000 }, (entry) => told.push(entry.path));
  assert.deepEqual(told, ['notes.txt', 'pkg/a.py']);
  assert.deepEqual(
    told,
    opened.entries.filter((e) => e.data).map((e) => e.path),
  );
});
test('a folder over the entry or total limit stops with a limit problem, keeping what was read', async () => {
  const root = path.join(scratch, 'many');
  mkdirSync(root);
  for (const name of ['a.py', 'b.py', 'c.py', 'd.py']) writeFileSync(path.join(root, name), '1234567890');
  const counted = await readLocal(root, { maxEntries: 2 });
  assert.match(counted.fatal ?? '', /limit exceeded: more than 2 entries/);
  assert.deepEqual(
    counted.entries.map((e) => e.path),
    ['a.py', 'b.py'],
  );
  assert.deepEqual(
    counted.problems.map((p) => p.rule),
    ['archive-limit'],
  );
  const sized = await readLocal(root, { maxTotalBytes: 25 });
  assert.match(sized.fatal ?? '', /more than 25 B/);
  assert.equal(Buffer.from(sized.entries[0].data ?? []).toString(), '1234567890');
});

test('a single file: one entry named after it', async () => {
  const file = path.join(scratch, 'single.py');
  writeFileSync(file, 'print("one")\n');
  assert.deepEqual(await readLocal(file), {
    format: 'file',
    entries: [{ path: 'single.py', type: 'file', size: 13, data: new Uint8Array(Buffer.from('print("one")\n')) }],
    problems: [],
  });
});

test('a file is read whole whatever size it was listed with: larger than a read chunk, or listed as empty', async () => {
  const large = path.join(scratch, 'large.py');
  const content = Buffer.from('x = 1\n'.repeat(40_000));
  writeFileSync(large, content);
  const read = await readLocal(large);
  assert.equal(read.entries[0].size, content.length);
  assert.ok(Buffer.from(read.entries[0].data!).equals(content));
  // a /proc file lists a size of 0 but has content: read until its end, not up to the listed size
  const proc = await readLocal('/proc/version');
  assert.equal(proc.entries[0].size, readFileSync('/proc/version').length);
  assert.equal(Buffer.from(proc.entries[0].data!).toString(), readFileSync('/proc/version', 'utf8'));
});

test('a missing path is a UserError with a one-line message', async () => {
  const missing = path.join(scratch, 'nope');
  await assert.rejects(readLocal(missing), (error: unknown) => {
    assert.ok(error instanceof UserError);
    assert.equal(error.message, `${missing}: no such file or directory`);
    return true;
  });
  await assert.rejects(readLocal(path.join(scratch, 'single.py', 'below')), /no such file or directory/);
});
