// The lines around a finding (Finding.context), recorded where findings are made from a source file: a few lines
// before and after, common indentation removed, blank edges left out, each line bounded so that a minified file
// cannot bloat the result, and the finding's column kept in view on its own line.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initAnalysis } from '../../src/analysis/api.ts';
import { analyzePth } from '../../src/analysis/pth.ts';
import { analyzePythonFile } from '../../src/analysis/python-file.ts';
import { LineIndex } from '../../src/analysis/syntax.ts';
import { CONTEXT_AFTER, CONTEXT_BEFORE, CONTEXT_LINE_MAX, type Finding } from '../../src/model/result.ts';

before(() => initAnalysis());

function findings(source: string): Finding[] {
  return analyzePythonFile('demo/mod.py', new TextEncoder().encode(source))[0].findings;
}

const network = (list: Finding[]) => list.find((f) => f.capability === 'network' && f.line > 0);

test('a finding in a function: three lines before and after, the function body dedented as a block', () => {
  const source = [
    'import urllib.request',
    '',
    'class Client:',
    '    def send(self, data):',
    '        url = "https://collect.example/v1"',
    '        req = urllib.request.Request(url, data=data)',
    '        return urllib.request.urlopen(req)',
    '',
    '    def close(self):',
    '        pass',
    '',
    '',
    'x = 1',
  ].join('\n');
  const finding = network(findings(source));
  assert.ok(finding, 'the urlopen call is found');
  assert.equal(finding.line, 7);
  assert.deepEqual(finding.context, {
    startLine: 4,
    lines: [
      'def send(self, data):',
      '    url = "https://collect.example/v1"',
      '    req = urllib.request.Request(url, data=data)',
      '    return urllib.request.urlopen(req)',
      '',
      'def close(self):',
      '    pass',
    ],
  });
});

test('at the start and end of a file the context stops at the file, and blank edges are left out', () => {
  const index = new LineIndex('import os\nos.system("true")\n\n\n');
  assert.deepEqual(index.context(1), { startLine: 1, lines: ['import os', 'os.system("true")'] });
  assert.deepEqual(index.context(2), { startLine: 1, lines: ['import os', 'os.system("true")'] });
  assert.deepEqual(new LineIndex('\n\n\n\nx = 1\n').context(5), { startLine: 5, lines: ['x = 1'] });
});

test('a minified 100 kB line: every context line bounded, the call at column 50,000 kept in view', () => {
  const filler = 'a=1;'.repeat(12_500);
  const source = `import urllib.request\n${filler}urllib.request.urlopen("https://collect.example/");${filler}\nb=2\n`;
  const finding = network(findings(source));
  assert.ok(finding?.context, 'the call is found and has context');
  assert.equal(finding.line, 2);
  assert.ok(finding.column > 50_000);
  const { lines } = finding.context;
  assert.deepEqual(lines.length, 3);
  for (const line of lines) assert.ok(line.length <= CONTEXT_LINE_MAX, `${line.length} characters`);
  assert.match(lines[1], /^….*urllib\.request\.urlopen\("https:\/\/collect\.example\/"\).*…$/);
  assert.ok(JSON.stringify(finding.context).length < (CONTEXT_BEFORE + CONTEXT_AFTER + 1) * (CONTEXT_LINE_MAX + 8));
});

test('a long line whose finding is near its start is cut at the end only', () => {
  const long = `call(${'x, '.repeat(200)})`;
  const { lines } = new LineIndex(`a = 1\n${long}\n`).context(2, 1);
  assert.equal(lines[1].length, CONTEXT_LINE_MAX);
  assert.ok(lines[1].startsWith('call(x, x, ') && lines[1].endsWith('…'));
});

test('a finding a rule builds by hand (hidden-code) gets context too, its code far off-screen kept in view', () => {
  const source = `import os\nx = 1${' '.repeat(200)}; exec("print(1)")\ny = 2\n`;
  const hidden = findings(source).find((f) => f.rule === 'hidden-code');
  assert.ok(hidden?.context, 'the rule fired and its finding has context');
  assert.equal(hidden.context.startLine, 1);
  assert.match(hidden.context.lines[1], /^… +; exec\("print\(1\)"\)$/);
  assert.equal(hidden.context.lines[1].length, CONTEXT_LINE_MAX, 'cut at the start only, to the bound exactly');
});

test('findings made outside the Python rules (a .pth file) carry the same context', () => {
  const pth = 'first/path\nimport os; os.system("true")\nsecond/path\n';
  const [report] = analyzePth('evil.pth', new TextEncoder().encode(pth));
  const finding = report.findings.find((f) => f.rule === 'pth-executes-code');
  assert.deepEqual(finding?.context, {
    startLine: 1,
    lines: ['first/path', 'import os; os.system("true")', 'second/path'],
  });
});
