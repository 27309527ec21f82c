// Zip members read on demand: a small archive's bytes kept, a large one's inflated again (and identical) on each
// read, never read empty from a buffer handed away, its head and digest kept; a wheel larger than the budget reads
// back whole.

import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { classifyingBytes } from '../../src/analysis/classify.ts';
import { type ArchiveEntry, HEAD_BYTES, hasBytes } from '../../src/model/entries.ts';
import { HELD_BYTES, HeldMembers } from '../../src/pypi/archive/held-members.ts';
import { openArchive } from '../../src/pypi/archive/index.ts';
import { yazlZip } from './build.ts';

/** An entry whose `data` comes from `held`, and how many times its bytes were made again. */
function member(held: HeldMembers, path: string, size: number): { entry: ArchiveEntry; inflated: () => number } {
  const entry: ArchiveEntry = { path, type: 'file', size };
  let count = 0;
  const bytes = () => new Uint8Array(size).fill(path.charCodeAt(0));
  held.attach(entry, bytes(), () => {
    count++;
    return bytes();
  });
  return { entry, inflated: () => count };
}

test('an archive within the budget keeps every member: reading it again inflates nothing', () => {
  const held = new HeldMembers(200, 250);
  const a = member(held, 'a.py', 100);
  const b = member(held, 'b.py', 100);
  for (let round = 0; round < 2; round++) {
    assert.deepEqual(a.entry.data, new Uint8Array(100).fill(97));
    assert.deepEqual(b.entry.data, new Uint8Array(100).fill(98));
  }
  assert.equal(a.inflated() + b.inflated(), 0);
});

test('an archive over the budget keeps nothing: each read inflates the member again', () => {
  const held = new HeldMembers(300, 250);
  const a = member(held, 'a.py', 100);
  assert.deepEqual(a.entry.data, new Uint8Array(100).fill(97));
  assert.deepEqual(a.entry.data, new Uint8Array(100).fill(97));
  assert.equal(a.inflated(), 2);
});

test('a kept buffer transferred away (detached) is inflated again, never read empty', () => {
  const held = new HeldMembers(100, 1000);
  const one = member(held, 'one.py', 100);
  const kept = one.entry.data!;
  structuredClone(kept.buffer, { transfer: [kept.buffer] });
  assert.equal(kept.length, 0);
  assert.deepEqual(one.entry.data, new Uint8Array(100).fill(111));
  assert.equal(one.inflated(), 1);
});

test('a wheel larger than the budget: every member reads back whole, twice', async () => {
  const size = Math.ceil(HELD_BYTES / 3);
  // random bytes: a member that compressed well would trip the bomb ratio
  const contents = Array.from({ length: 5 }, () => randomBytes(size));
  const zip = await yazlZip(contents.map((data, i) => ({ name: `pkg/data${i}.txt`, data })));
  const opened = await openArchive(zip, 'pkg-1.0-py3-none-any.whl');
  assert.equal(opened.fatal, undefined);
  assert.deepEqual(opened.problems, []);
  for (let round = 0; round < 2; round++)
    opened.entries.forEach((entry, i) => {
      assert.equal(entry.size, size);
      assert.ok(Buffer.from(entry.data!).equals(contents[i]), `round ${round}: ${entry.path}`);
    });
});

test('bytes assigned to the entry replace the kept ones', () => {
  const held = new HeldMembers(100, 1000);
  const one = member(held, 'one.py', 100);
  one.entry.data = new Uint8Array([1, 2, 3]);
  assert.deepEqual(one.entry.data, new Uint8Array([1, 2, 3]));
  one.entry.data = undefined;
  assert.equal(one.entry.data, undefined);
  assert.equal(one.inflated(), 0);
});

test('release frees the held bytes at once and the members stay readable', async () => {
  const contents = Array.from({ length: 3 }, () => randomBytes(64 * 1024));
  const zip = await yazlZip(contents.map((data, i) => ({ name: `pkg/m${i}.bin`, data })));
  const opened = await openArchive(zip, 'pkg-1.0-py3-none-any.whl');
  const before = opened.entries.map((entry) => entry.data!);
  opened.release?.();
  assert.ok(
    before.every((bytes) => bytes.length === 0),
    'the held buffers were handed away',
  );
  for (const [i, entry] of opened.entries.entries())
    assert.ok(Buffer.from(entry.data!).equals(contents[i]), entry.path);
});

test("an archive over the budget keeps each member's first bytes and digest, one within it keeps its bytes only", () => {
  const big = member(new HeldMembers(20_000, 250), 'big.txt', 10_000);
  assert.deepEqual(big.entry.head, new Uint8Array(HEAD_BYTES).fill(98));
  assert.equal(big.entry.sha256, createHash('sha256').update(new Uint8Array(10_000).fill(98)).digest('hex'));
  const small = member(new HeldMembers(10, 250), 'small.txt', 10);
  assert.equal(small.entry.head, undefined);
  assert.equal(small.entry.sha256, undefined);
  // bytes given by the entry's owner replace the head and the digest with them
  big.entry.data = new Uint8Array([1]);
  assert.equal(big.entry.head, undefined);
  assert.equal(big.entry.sha256, undefined);
  assert.equal(big.inflated() + small.inflated(), 0);
});

test('heads are kept within their budget; a member past it has none and is read whole, its digest still kept', () => {
  const held = new HeldMembers(20_000, 250, HEAD_BYTES + 100);
  const first = member(held, 'first.txt', 5000);
  const second = member(held, 'second.txt', 50);
  const third = member(held, 'third.txt', 200);
  assert.equal(first.entry.head?.length, HEAD_BYTES);
  assert.equal(second.entry.head?.length, 50);
  assert.equal(third.entry.head, undefined, 'past the budget');
  assert.equal(third.entry.sha256, createHash('sha256').update(new Uint8Array(200).fill(116)).digest('hex'));
  assert.ok(hasBytes(third.entry));
  assert.equal(third.inflated(), 0);
  assert.equal(classifyingBytes(third.entry)?.length, 200);
  assert.equal(third.inflated(), 1);
});
