// The checks across a check run's distributions, through the whole command: code that only the wheel ships
// (--all-files compares it with the release's sdist) and known malware from an OSV-shaped server.

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildSdist, buildWheel } from '../../scripts/lib/build-dist.ts';
import { runCheck } from '../../src/commands/check.ts';
import { startIndexServer, type IndexServer } from '../../src/index-server/index.ts';
import type { AuditResult } from '../../src/model/result.ts';
import { memoryIO } from './helpers.ts';

let dir: string;
let index: IndexServer;
let osv: Server;
let osvUrl: string;

const SOURCE = { 'litething/__init__.py': 'def add(a, b):\n    return a + b\n' };

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pyguard-cross-'));
  const root = join(dir, 'index');
  await import('node:fs/promises').then((fs) => fs.mkdir(root));
  // the wheel carries one more module than the sdist it claims to be built from
  const wheel = buildWheel({
    name: 'litething',
    version: '1.0.0',
    files: { ...SOURCE, 'litething/_boot.py': 'import os\n' },
  });
  const sdist = buildSdist({
    name: 'litething',
    version: '1.0.0',
    files: { ...SOURCE, 'setup.py': 'from setuptools import setup\nsetup()\n' },
  });
  const clean = buildWheel({ name: 'plainthing', version: '2.0.0', files: SOURCE });
  for (const dist of [wheel, sdist, clean]) await writeFile(join(root, dist.filename), dist.bytes);
  index = await startIndexServer({ root });
  osv = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/querybatch') {
        const { queries } = JSON.parse(body) as { queries: { package: { name: string } }[] };
        res.end(
          JSON.stringify({
            results: queries.map((q) => (q.package.name === 'plainthing' ? { vulns: [{ id: 'MAL-2026-0001' }] } : {})),
          }),
        );
      } else if (req.url === '/v1/vulns/MAL-2026-0001') {
        res.end(
          JSON.stringify({
            id: 'MAL-2026-0001',
            summary: 'Malicious code in plainthing (PyPI)',
            affected: [{ package: { ecosystem: 'PyPI', name: 'plainthing' }, versions: ['2.0.0'] }],
          }),
        );
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
  });
  await new Promise<void>((resolve) => osv.listen(0, '127.0.0.1', resolve));
  osvUrl = `http://127.0.0.1:${(osv.address() as AddressInfo).port}`;
});

after(async () => {
  await index.close();
  await new Promise<void>((resolve) => osv.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

test('--all-files reports a Python file that the wheel ships and the sdist does not', async () => {
  const io = memoryIO(dir);
  await runCheck(['litething', '--index-url', index.simpleUrl, '--all-files', '--no-osv', '--json'], io);
  const result = JSON.parse(io.out()) as AuditResult;
  const wheel = result.targets.find((t) => t.filename?.endsWith('.whl'))!;
  const sdist = result.targets.find((t) => t.filename?.endsWith('.tar.gz'))!;
  assert.ok(sdist, 'the sdist is audited too');
  const mismatch = wheel.findings.filter((f) => f.rule === 'wheel-sdist-mismatch');
  assert.deepEqual(
    mismatch.map((f) => [f.path, f.severity]),
    [['litething/_boot.py', 'high']],
  );
  assert.equal(wheel.risk, 'high');
  assert.ok(result.resolution!.notes.some((n) => /--no-osv/.test(n)));
});

test('an OSV MAL- advisory listing the resolved version marks that distribution as known malware', async () => {
  const io = memoryIO(dir);
  const code = await runCheck(
    ['plainthing', 'litething', '--index-url', index.simpleUrl, '--osv-url', osvUrl, '--json'],
    io,
  );
  const result = JSON.parse(io.out()) as AuditResult;
  const plain = result.targets.find((t) => t.name === 'plainthing')!;
  const known = plain.findings.find((f) => f.rule.startsWith('osv-'));
  assert.ok(known, 'an osv finding is attached');
  assert.match(known.message, /MAL-2026-0001/);
  assert.ok(['high', 'critical'].includes(plain.risk));
  assert.equal(
    result.targets.find((t) => t.name === 'litething')!.findings.some((f) => f.rule.startsWith('osv-')),
    false,
  );
  assert.equal(code, 1);
});
