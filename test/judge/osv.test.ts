// Known-malware lookup against a local OSV-shaped server: querybatch, paging, MAL- advisories, hash confirmation.

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { osvKey, queryOsvMalware } from '../../src/judge/osv-client.ts';

const EVIL_SHA = 'c8784cf0aa8fa13a43614fbd6d51902feeecafdc06fc4db2695fd2572db66db8';

// Shaped like OSSF malicious-packages records: file hashes under affected[].database_specific.indicators.package_integrity.
const ADVISORIES: Record<string, unknown> = {
  'MAL-2026-0001': {
    id: 'MAL-2026-0001',
    summary: 'Malicious code in reqeusts-lib (PyPI)',
    affected: [
      {
        package: { name: 'Reqeusts_Lib', ecosystem: 'PyPI' },
        versions: ['0.0.1', '0.0.2'],
        database_specific: {
          indicators: {
            package_integrity: [
              { filename: 'reqeusts_lib-0.0.1-py3-none-any.whl', hashes: { sha256: EVIL_SHA.toUpperCase() } },
            ],
          },
        },
      },
    ],
    database_specific: {
      'malicious-packages-origins': [{ sha256: 'f'.repeat(64), source: 'test', versions: ['0.0.1'] }],
    },
  },
  'MAL-2026-0002': {
    id: 'MAL-2026-0002',
    summary: 'Malicious code in acme-internal (PyPI)',
    affected: [{ package: { name: 'acme-internal', ecosystem: 'PyPI' }, versions: ['99.0.0'] }],
  },
  'MAL-2026-0003': {
    id: 'MAL-2026-0003',
    summary: 'Malicious code in ranged-pkg (PyPI)',
    affected: [
      {
        package: { name: 'ranged-pkg', ecosystem: 'PyPI' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
      },
    ],
  },
  'MAL-2026-0004': {
    id: 'MAL-2026-0004',
    affected: [{ package: { name: 'reqeusts-lib', ecosystem: 'npm' }, versions: ['0.0.3'] }],
  },
};

const BATCH: Record<string, string[][]> = {
  'reqeusts-lib': [['GHSA-xxxx-yyyy-zzzz', 'MAL-2026-0001'], ['MAL-2026-0004']],
  'acme-internal': [['MAL-2026-0002']],
  'ranged-pkg': [['PYSEC-2020-1', 'MAL-2026-0003']],
};

let server: Server;
let base: string;
const requests: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests.push(`${req.method} ${req.url}`);
      if (req.method === 'POST' && req.url === '/v1/querybatch') {
        const { queries } = JSON.parse(body) as {
          queries: { package: { name: string; ecosystem: string }; page_token?: string }[];
        };
        const results = queries.map((q) => {
          assert.equal(q.package.ecosystem, 'PyPI');
          const pages = BATCH[q.package.name] ?? [];
          const page = q.page_token === undefined ? 0 : Number(q.page_token);
          const ids = pages[page] ?? [];
          const result: Record<string, unknown> = ids.length
            ? { vulns: ids.map((id) => ({ id, modified: '2026-01-01T00:00:00Z' })) }
            : {};
          if (page + 1 < pages.length) result.next_page_token = String(page + 1);
          return result;
        });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ results }));
        return;
      }
      const match = /^\/v1\/vulns\/(.+)$/.exec(req.url ?? '');
      const advisory = match ? ADVISORIES[decodeURIComponent(match[1])] : undefined;
      if (advisory === undefined) {
        res.statusCode = 404;
        res.end('{}');
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(advisory));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('hash-confirmed, version-listed, other-file and name-only matches get their own rules and severities', async () => {
  requests.length = 0;
  const packages = [
    { name: 'reqeusts-lib', version: '0.0.1', sha256: EVIL_SHA },
    { name: 'reqeusts.lib', version: '0.0.2' },
    { name: 'reqeusts-lib', version: '0.0.2', sha256: 'a'.repeat(64) },
    { name: 'acme-internal', version: '1.2.0' },
    { name: 'acme-internal', version: '99.0.0' },
    { name: 'ranged-pkg', version: '3.1' },
    { name: 'clean-package', version: '1.0' },
  ];
  const { findings, notes } = await queryOsvMalware(packages, { osvUrl: base });
  assert.deepEqual(notes, []);
  const summary = (name: string, version: string) =>
    (findings.get(osvKey(name, version)) ?? []).map((f) => `${f.rule}:${f.severity}:${f.code}`);
  assert.deepEqual(summary('reqeusts-lib', '0.0.1'), ['osv-known-malware:critical:MAL-2026-0001']);
  assert.deepEqual(summary('reqeusts-lib', '0.0.2'), ['osv-malware-version-other-file:medium:MAL-2026-0001']);
  assert.deepEqual(summary('acme-internal', '1.2.0'), ['osv-malware-name:info:MAL-2026-0002']);
  assert.deepEqual(summary('acme-internal', '99.0.0'), ['osv-malware-version:high:MAL-2026-0002']);
  assert.deepEqual(summary('ranged-pkg', '3.1'), ['osv-malware-version:high:MAL-2026-0003']);
  assert.equal(findings.has(osvKey('clean-package', '1.0')), false);
  const [critical] = findings.get(osvKey('reqeusts-lib', '0.0.1'))!;
  assert.equal(critical.line, 0);
  assert.match(critical.message, /known malware.*MAL-2026-0001: Malicious code in reqeusts-lib/);
  // One querybatch per page (names deduplicated), then only MAL- advisories are fetched, once each.
  assert.deepEqual(requests.filter((r) => r.startsWith('POST')).length, 2);
  const fetched = requests.filter((r) => r.startsWith('GET')).sort();
  assert.deepEqual(fetched, [
    'GET /v1/vulns/MAL-2026-0001',
    'GET /v1/vulns/MAL-2026-0002',
    'GET /v1/vulns/MAL-2026-0003',
    'GET /v1/vulns/MAL-2026-0004',
  ]);
});

test('a version the advisory does not list is a name-only match; an advisory for another ecosystem is ignored', async () => {
  const { findings } = await queryOsvMalware([{ name: 'reqeusts-lib', version: '0.0.3' }], { osvUrl: base });
  assert.deepEqual(
    findings.get(osvKey('reqeusts-lib', '0.0.3'))?.map((f) => f.rule),
    ['osv-malware-name'],
  );
});

test('offline: skipped with a note and no request', async () => {
  requests.length = 0;
  const result = await queryOsvMalware([{ name: 'reqeusts-lib', version: '0.0.1' }], { osvUrl: base, offline: true });
  assert.equal(result.findings.size, 0);
  assert.match(result.notes[0], /skipped: offline/);
  assert.equal(requests.length, 0);
});

test('an unreachable or failing server becomes a note, never an exception', async () => {
  const down = await queryOsvMalware([{ name: 'x', version: '1' }], { osvUrl: 'http://127.0.0.1:1', timeoutMs: 2000 });
  assert.equal(down.findings.size, 0);
  assert.match(down.notes[0], /OSV\) failed/);
  const broken = await queryOsvMalware([{ name: 'x', version: '1' }], { osvUrl: `${base}/nothing-here` });
  assert.match(broken.notes[0], /HTTP 404/);
});
