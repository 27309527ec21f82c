// `pyguard cache info|clean|prune`: what the folder holds per part and result version, pruning other versions and
// old entries, deleting only pyguard's own folders, and one-line errors for bad arguments.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, beforeEach, describe, it } from 'node:test';
import { engineVersions } from '../../src/analysis/engine-version.ts';
import { parseDuration } from '../../src/cache/maintenance.ts';
import { ResultStore } from '../../src/cache/result-store.ts';
import { main } from '../../src/cli.ts';
import { memoryIO } from '../check/helpers.ts';

describe('pyguard cache', () => {
  let root: string;
  let cache: string;
  const cli = async (...argv: string[]) => {
    const io = memoryIO(root, { PYGUARD_CACHE_DIR: cache });
    const code = await main(['cache', ...argv], io);
    return { code, out: io.out(), err: io.err() };
  };

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'pyguard-cache-cmd-'));
    cache = join(root, 'cache');
    await new ResultStore(cache).put(ResultStore.key({ sha256: '1' }), { current: true });
    await new ResultStore(cache, { engine: 'old', rules: 'old' }).put(ResultStore.key({ sha256: '1' }), {
      current: false,
    });
    await mkdir(join(cache, 'blobs', 'sha256', 'ab'), { recursive: true });
    await writeFile(join(cache, 'blobs', 'sha256', 'ab', 'ab00'), 'x'.repeat(1000));
    await writeFile(join(cache, 'mine.txt'), 'not pyguard');
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('info shows each part and each result version, marking the current one', async () => {
    const { code, out } = await cli('info');
    assert.equal(code, 0);
    const { engine, rules } = engineVersions();
    assert.match(out, new RegExp(`results/${engine}-${rules}: 1 file, .* \\(current\\)`));
    assert.match(out, /results\/old-old: 1 file, .*another version/);
    assert.match(out, /blobs\/ \(downloaded distributions\): 1 file/);
  });

  it('prune deletes other versions, and with --older-than what was not used for that long', async () => {
    assert.match((await cli('prune')).out, /deleted 1 file/);
    assert.deepEqual(await readdir(join(cache, 'results')), [new ResultStore(cache).folder.split('/').pop()]);
    const old = new Date(Date.now() - 3 * 86_400_000);
    await utimes(join(cache, 'blobs', 'sha256', 'ab', 'ab00'), old, old);
    assert.match((await cli('prune', '--older-than', '2d')).out, /deleted 1 file/);
    assert.deepEqual(await readdir(join(cache, 'blobs')), [], 'emptied folders go too');
    assert.deepEqual(
      await new ResultStore(cache).get(ResultStore.key({ sha256: '1' })),
      { current: true },
      'recent results stay',
    );
  });

  it("clean deletes pyguard's folders only", async () => {
    assert.match((await cli('clean')).out, /deleted 3 files/);
    assert.deepEqual(await readdir(cache), ['mine.txt']);
  });

  it('rejects unknown actions and malformed durations in one line', async () => {
    const bad = await cli('purge');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /^pyguard: cache: usage: pyguard cache info\|clean\|prune/);
    assert.match((await cli('prune', '--older-than', 'soon')).err, /expected a duration such as 30d/);
    assert.equal(parseDuration('90m'), 5_400_000);
    assert.equal(parseDuration('2w'), 1_209_600_000);
  });
});
