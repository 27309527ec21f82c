// The result cache's store: values round-trip, other engine/rule versions and damaged files are misses, and two
// processes writing and reading the same keys at once never see a half-written or mixed-up result.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { ResultStore } from '../../src/cache/result-store.ts';

const run = promisify(execFile);
const V1 = { engine: 'engine1', rules: 'rules1' };

async function storedFiles(folder: string): Promise<string[]> {
  const files: string[] = [];
  for (const shard of await readdir(folder))
    for (const name of await readdir(join(folder, shard))) files.push(join(folder, shard, name));
  return files;
}

describe('result store', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'pyguard-store-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('returns what was stored, under the same key and versions only', async () => {
    const store = new ResultStore(root, V1);
    const key = ResultStore.key({ of: 'distribution', sha256: 'ab'.repeat(32), filename: 'demo-1.0-py3-none-any.whl' });
    assert.equal(await store.get(key), undefined);
    assert.equal(await store.put(key, { files: [{ path: 'demo/__init__.py', findings: [] }] }), true);
    assert.deepEqual(await store.get(key), { files: [{ path: 'demo/__init__.py', findings: [] }] });
    assert.equal(
      ResultStore.key({ filename: 'demo-1.0-py3-none-any.whl', of: 'distribution', sha256: 'ab'.repeat(32) }),
      key,
      'field order does not matter',
    );
    assert.equal(
      await new ResultStore(root, { ...V1, rules: 'rules2' }).get(key),
      undefined,
      'a rule change is a miss',
    );
    assert.equal(
      await new ResultStore(root, { ...V1, engine: 'engine2' }).get(key),
      undefined,
      'an engine change is a miss',
    );
    assert.equal(
      await store.get(
        ResultStore.key({ of: 'distribution', sha256: 'cd'.repeat(32), filename: 'demo-1.0-py3-none-any.whl' }),
      ),
      undefined,
    );
  });

  it('treats a damaged file as a miss and deletes it', async () => {
    const store = new ResultStore(root, { engine: 'damaged', rules: 'r' });
    const key = ResultStore.key({ sha256: 'ef'.repeat(32) });
    await store.put(key, { ok: true });
    const [file] = await storedFiles(store.folder);
    await writeFile(file, (await readFile(file)).subarray(0, 10));
    assert.equal(await store.get(key), undefined);
    assert.deepEqual(await storedFiles(store.folder), []);
  });

  it('stays consistent when two processes write and read the same keys at once', async () => {
    const shared = join(root, 'shared');
    const script = `
      import { ResultStore } from ${JSON.stringify(new URL('../../src/cache/result-store.ts', import.meta.url).href)};
      const store = new ResultStore(${JSON.stringify(shared)}, { engine: 'e', rules: 'r' });
      const writer = process.argv[1];
      const payload = (i) => ({ i, lines: Array.from({ length: 400 }, (_, j) => 'file-' + i + '-line-' + j) });
      let hits = 0;
      for (let round = 0; round < 6; round++) {
        await Promise.all(Array.from({ length: 40 }, async (_, i) => {
          const key = ResultStore.key({ sha256: String(i) });
          await store.put(key, { writer, ...payload(i) });
          const got = await store.get(key);
          if (!got) return;
          hits++;
          if (got.i !== i || JSON.stringify(got.lines) !== JSON.stringify(payload(i).lines)) throw new Error('mixed-up result for ' + i);
        }));
      }
      console.log(hits);
    `;
    const child = (writer: string) =>
      run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, writer], {
        cwd: new URL('../..', import.meta.url).pathname,
      });
    const [a, b] = await Promise.all([child('a'), child('b')]);
    assert.ok(Number(a.stdout) > 0 && Number(b.stdout) > 0, 'both processes read results back');
    const files = await storedFiles(new ResultStore(shared, { engine: 'e', rules: 'r' }).folder);
    assert.equal(files.length, 40, 'one file per key, no temporary files left');
    for (const file of files) {
      const stored = JSON.parse(gunzipSync(await readFile(file)).toString('utf8')) as {
        key: string;
        value: { writer: string; i: number };
      };
      assert.equal(stored.key, ResultStore.key({ sha256: String(stored.value.i) }));
      assert.ok(['a', 'b'].includes(stored.value.writer));
    }
  });
});
