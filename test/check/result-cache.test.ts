// check with the result cache: a second run takes each distribution's analysis from the cache (shown by a probe
// finding planted in the stored result), --no-cache neither reads nor writes it, and the audit of a file the
// resolver considers starts before the resolution ends, with one download shared by the resolver and the audit.

import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { ResultStore } from '../../src/cache/result-store.ts';
import { Auditor, type AnalysedFile } from '../../src/commands/check/audit.ts';
import { runCheck } from '../../src/commands/check.ts';
import type { IndexServer } from '../../src/index-server/index.ts';
import type { AuditResult } from '../../src/model/result.ts';
import { sha256Hex } from '../../src/pypi/fetch/cache.ts';
import type { DistFile } from '../../src/pypi/index/types.ts';
import { buildWheel } from '../../scripts/lib/build-dist.ts';
import { memoryIO, startBundledIndex, tempHome } from './helpers.ts';

const ARGS = [
  'webkit-lite==2.0.0',
  '--no-deps',
  '--python-version',
  '3.12',
  '--platform',
  'manylinux_2_28_x86_64',
  '--json',
];

async function storedFiles(folder: string): Promise<string[]> {
  const files: string[] = [];
  for (const shard of await readdir(folder).catch(() => []))
    for (const name of await readdir(join(folder, shard))) files.push(join(folder, shard, name));
  return files;
}

describe('check with the result cache', () => {
  let server: IndexServer;
  let home: { dir: string; remove: () => Promise<void> };
  before(async () => {
    server = await startBundledIndex();
    home = await tempHome();
  });
  after(async () => {
    await server.close();
    await home.remove();
  });
  const check = async (...extra: string[]) => {
    const io = memoryIO(home.dir, { PYGUARD_PYPI_URL: server.jsonUrl });
    await runCheck([...ARGS, ...extra], io);
    return JSON.parse(io.out()) as AuditResult;
  };

  it('reads each analysis back from the cache on the next run, and --no-cache leaves it alone', async () => {
    const folder = new ResultStore(join(home.dir, 'cache')).folder;
    const nothing = await check('--no-cache');
    assert.deepEqual(await storedFiles(folder), [], '--no-cache writes nothing');
    const first = await check();
    assert.deepEqual(first.targets, nothing.targets);
    const [file] = await storedFiles(folder);
    assert.ok(file, 'the analysis was stored');
    const stored = JSON.parse(gunzipSync(await readFile(file)).toString('utf8')) as {
      key: string;
      value: AnalysedFile;
    };
    assert.equal(stored.value.sha256, first.targets[0].sha256);
    stored.value.analysis.findings.push({
      rule: 'cache-probe',
      severity: 'info',
      line: 0,
      column: 0,
      message: 'read from the cache',
      code: '',
    });
    await writeFile(file, gzipSync(JSON.stringify(stored)));
    const warm = await check();
    assert.ok(
      warm.targets[0].findings.some((f) => f.rule === 'cache-probe'),
      'the second run used the stored analysis',
    );
    const bypass = await check('--no-cache');
    assert.ok(!bypass.targets[0].findings.some((f) => f.rule === 'cache-probe'), '--no-cache analyses again');
  });

  it('starts fetching and analysing a considered file at once and downloads it once', async () => {
    const wheel = buildWheel({
      name: 'early',
      version: '1.0',
      files: { 'early/__init__.py': 'import socket\nsocket.create_connection(("192.0.2.1", 80))\n' },
    });
    const file: DistFile = {
      filename: wheel.filename,
      url: 'https://files.example/early.whl',
      sha256: sha256Hex(wheel.bytes),
      yanked: false,
    } as DistFile;
    const fetched: string[] = [];
    const auditor = new Auditor({
      fetch: async (f) => {
        fetched.push(f.url);
        return { file: f, bytes: wheel.bytes, sha256: sha256Hex(wheel.bytes), fromCache: false, verified: true };
      },
    });
    try {
      // the resolver announces the candidate, then reads its METADATA from the same download
      auditor.prefetch(file);
      const resolverBytes = await auditor.bytes(file);
      assert.equal(resolverBytes.bytes, wheel.bytes);
      await new Promise((done) => setTimeout(done, 50));
      assert.deepEqual(fetched, [file.url], 'fetched once, before anyone asked for the audit');
      const distribution = {
        name: 'early',
        displayName: 'early',
        version: '1.0',
        file,
        requiredBy: [],
        extras: [],
        metadataSource: 'wheel',
        releaseFiles: [file],
      };
      const target = await auditor.audit({ distribution: distribution as never, file });
      assert.ok(target.files.some((f) => f.findings.some((x) => x.rule === 'egress-network-call')));
      assert.deepEqual(fetched, [file.url], 'the audit reused the early analysis');
    } finally {
      await auditor.close();
    }
  });
});
