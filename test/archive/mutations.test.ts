// Damaged archives (random bytes overwritten, random truncation, deterministic seed): openArchive never throws, and
// every file member it lists is either read or carries the reason it was not.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { openArchive } from '../../src/pypi/archive/index.ts';
import { makeTar, yazlZip } from './build.ts';

const ROUNDS = 100;

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

async function samples(): Promise<[string, Buffer][]> {
  const zip = await yazlZip([
    { name: 'pkg/', data: '' },
    { name: 'pkg/__init__.py', data: 'import os\n'.repeat(200) },
    { name: 'pkg/raw.txt', data: 'stored', compress: false },
  ]);
  const tar = makeTar([
    { name: 'pkg/', type: '5' },
    { name: 'pkg/setup.py', data: 'import os\n'.repeat(200) },
    { name: 'pkg/link', type: '2', linkname: 'setup.py' },
    { name: 'pkg/b.txt', data: 'b' },
  ]);
  const bz2 = execFileSync('bzip2', ['-c'], { input: tar });
  return [
    ['pkg-1.0-py3-none-any.whl', zip],
    ['pkg-1.0.tar.gz', zlib.gzipSync(tar)],
    ['pkg-1.0.tar.bz2', bz2],
    ['pkg-1.0.tar', tar],
  ];
}

test('damaged archives never throw and leave no file member unaccounted for', async () => {
  const next = random(20261128);
  for (const [name, original] of await samples()) {
    for (let round = 0; round < ROUNDS; round++) {
      const damaged = Buffer.from(original);
      const edits = 1 + Math.floor(next() * 4);
      for (let i = 0; i < edits; i++) damaged[Math.floor(next() * damaged.length)] = Math.floor(next() * 256);
      const input = next() < 0.2 ? damaged.subarray(0, Math.floor(next() * damaged.length)) : damaged;
      const opened = await openArchive(input, name);
      assert.ok(Array.isArray(opened.entries) && Array.isArray(opened.problems));
      if (opened.fatal !== undefined) assert.ok(!opened.fatal.includes('\n'), opened.fatal);
      for (const entry of opened.entries) {
        if (entry.type !== 'file') continue;
        assert.ok(
          entry.data !== undefined || entry.unreadReason !== undefined,
          `${name} round ${round}: ${entry.path}`,
        );
        if (entry.data !== undefined)
          assert.equal(entry.data.length, entry.size, `${name} round ${round}: ${entry.path}`);
      }
    }
  }
});
