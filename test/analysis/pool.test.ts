// The worker pool: the files queued together go largest first, behind those queued before them; every file's promise gets its own file's reports whatever
// order the workers took them in, a worker that crashes fails the file it was running only (the analysis then does
// that file again in this thread), and the real analysis worker answers what the analysis in this thread finds.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { initAnalysis } from '../../src/analysis/api.ts';
import { AnalysisPool } from '../../src/analysis/pool.ts';
import { analyzePythonFile } from '../../src/analysis/python-file.ts';
import { analyzeArchive } from '../../src/analysis/target.ts';
import type { OpenedArchive } from '../../src/model/entries.ts';
import type { FileReport } from '../../src/model/result.ts';

const STUB = new URL('./pool-stub-worker.mjs', import.meta.url);

/** What the stand-in worker adds to its reports. */
type StubReport = FileReport & { taken?: number; worker?: number };

const file = (path: string, size: number) => ({ path, bytes: new Uint8Array(size) });

async function withPool<T>(size: number, module: URL | undefined, use: (pool: AnalysisPool) => Promise<T>): Promise<T> {
  const pool = new AnalysisPool(size, module);
  try {
    return await use(pool);
  } finally {
    await pool.close();
  }
}

describe('the analysis pool', () => {
  test('takes the largest of the files queued together first, files of equal size in the order queued', async () => {
    const files = [file('a.py', 10), file('b.py', 300), file('c.py', 20), file('d.py', 300), file('e.py', 5)];
    const reports = await withPool(1, STUB, (pool) => Promise.all(files.map((job) => pool.run(job))));
    const taken = reports.map(([report]) => [(report as StubReport).taken, report.path]);
    assert.deepEqual(taken, [
      [3, 'a.py'],
      [0, 'b.py'],
      [2, 'c.py'],
      [1, 'd.py'],
      [4, 'e.py'],
    ]);
  });

  test('files queued later wait behind those queued before them, even when larger', async () => {
    const reports = await withPool(1, STUB, async (pool) => {
      const first = [file('a.py', 10), file('b.py', 40), file('c.py', 20), file('d.py', 30)].map((job) =>
        pool.run(job),
      );
      await new Promise((resolve) => setImmediate(resolve));
      const later = pool.run(file('big.py', 500));
      return Promise.all([...first, later]);
    });
    const order = reports.map(([report]) => report).sort((x, y) => (x as StubReport).taken! - (y as StubReport).taken!);
    assert.deepEqual(
      order.map((report) => report.path),
      ['b.py', 'd.py', 'c.py', 'a.py', 'big.py'],
    );
  });

  test("each file's promise gets that file's report, in the order queued, with the files spread over the workers", async () => {
    const files = Array.from({ length: 60 }, (_, i) => file(`pkg/m${i}.py`, (i * 7919) % 500));
    const reports = await withPool(3, STUB, (pool) => Promise.all(files.map((job) => pool.run(job))));
    assert.deepEqual(
      reports.map(([report]) => [report.path, report.size]),
      files.map((job) => [job.path, job.bytes.length]),
    );
    const workers = new Set(reports.map(([report]) => (report as StubReport).worker));
    assert.equal(workers.size, 3);
  });

  test('a worker that crashes fails the file it was running only; the files behind it go to a new worker', async () => {
    const files = [file('crash.py', 100), file('b.py', 50), file('c.py', 40), file('d.py', 30)];
    const outcomes = await withPool(1, STUB, (pool) => Promise.allSettled(files.map((job) => pool.run(job))));
    assert.equal(outcomes[0].status, 'rejected');
    assert.match(String((outcomes[0] as PromiseRejectedResult).reason), /analysis worker stopped/);
    const done = outcomes.slice(1).map((outcome) => (outcome.status === 'fulfilled' ? outcome.value[0].path : ''));
    assert.deepEqual(done, ['b.py', 'c.py', 'd.py']);
  });

  test('a file whose analysis throws fails its own job; the worker goes on with the others', async () => {
    const files = [file('throws.py', 100), file('b.py', 50), file('c.py', 40)];
    const outcomes = await withPool(1, STUB, (pool) => Promise.allSettled(files.map((job) => pool.run(job))));
    assert.equal(outcomes[0].status, 'rejected');
    assert.match(String((outcomes[0] as PromiseRejectedResult).reason), /broken file/);
    const [b, c] = outcomes.slice(1).map((outcome) => (outcome.status === 'fulfilled' ? outcome.value[0] : undefined));
    assert.equal((b as StubReport).worker, (c as StubReport).worker);
  });

  test('a target whose file crashed its worker or threw there has that file analysed in this thread, nothing lost', async () => {
    const beacon = 'import urllib.request\nurllib.request.urlopen("https://beacon.example/ping")\n';
    const texts: Record<string, string> = {
      'pkg/crash.py': beacon,
      'pkg/throws.py': beacon,
      'pkg/plain.py': 'x = 1\n',
    };
    const opened: OpenedArchive = {
      format: 'directory',
      problems: [],
      entries: Object.entries(texts).map(([path, text]) => {
        const data = new TextEncoder().encode(text);
        return { path, type: 'file' as const, size: data.length, data };
      }),
    };
    await initAnalysis();
    const analysis = await withPool(1, STUB, (pool) => analyzeArchive(opened, 'pkg', { pool, poolThreshold: 1 }));
    const byPath = new Map(analysis.files.map((report) => [report.path, report as StubReport]));
    for (const path of ['pkg/crash.py', 'pkg/throws.py']) {
      const report = byPath.get(path)!;
      assert.equal(report.taken, undefined, `${path} was analysed in this thread`);
      assert.equal(report.egress, true, `${path}: its network call is found`);
    }
    assert.equal(typeof byPath.get('pkg/plain.py')!.taken, 'number');
  });

  test('the analysis worker answers what the analysis in this thread finds, file by file', async () => {
    const stdlib = execFileSync('python3', ['-c', "import sysconfig;print(sysconfig.get_paths()['stdlib'])"], {
      encoding: 'utf8',
    }).trim();
    const paths = ['urllib/request.py', 'http/client.py', 'json/__init__.py', 'smtplib.py', 'shutil.py', 'base64.py'];
    const files = paths.map((path) => ({ path, bytes: readFileSync(join(stdlib, path)) }));
    const onPool = await withPool(2, undefined, (pool) => Promise.all(files.map((job) => pool.run(job))));
    await initAnalysis();
    const here = files.map((job) => analyzePythonFile(job.path, job.bytes, {}));
    assert.deepEqual(onPool, here);
    assert.ok(here.some(([report]) => report.egress));
  });
});
