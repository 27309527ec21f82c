// `pyguard report`: re-renders a saved result in-process; bad input is one UserError line; files are written whole.

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { CommandIO } from '../../src/commands/io.ts';
import { allRules } from '../../src/analysis/rules/rule-catalog.ts';
import { writeOutputs } from '../../src/commands/outputs.ts';
import { parseCommandArgs } from '../../src/commands/registry.ts';
import { runReport } from '../../src/commands/report.ts';
import { renderJson } from '../../src/report/json.ts';
import { UserError } from '../../src/util/errors.ts';
import { TEST_RULES } from './fixtures/rules.ts';
import { sampleResult } from './fixtures/sample-result.ts';
import { validateSarif } from './validate.ts';

const root = mkdtempSync(join(tmpdir(), 'pyguard-report-cmd-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

function workspace(): { dir: string; io: CommandIO; out: string[]; err: string[] } {
  const dir = join(root, `ws${n++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'result.json'), renderJson(sampleResult()));
  const out: string[] = [];
  const err: string[] = [];
  return {
    dir,
    out,
    err,
    io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: dir, env: {}, isTTY: false },
  };
}

test('report writes HTML, SARIF and JSON from a saved result', async () => {
  const { dir, io, out, err } = workspace();
  const code = await runReport(
    ['result.json', '--html', 'r.html', '--sarif', 'r.sarif', '--json', 'copy.json', '--fail-on', 'never'],
    io,
  );
  assert.equal(code, 0);
  assert.deepEqual(out, []);
  assert.deepEqual(err, ['wrote copy.json\n', 'wrote r.sarif\n', 'wrote r.html\n']);
  assert.equal(readFileSync(join(dir, 'copy.json'), 'utf8'), renderJson(sampleResult()));
  const sarif = JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8'));
  assert.deepEqual(validateSarif(sarif), []);
  assert.deepEqual(
    sarif.runs[0].tool.driver.rules.slice(0, allRules().length).map((r: { id: string }) => r.id),
    allRules().map((r) => r.id),
    'the catalogue rules come first',
  );
  const html = readFileSync(join(dir, 'r.html'), 'utf8');
  assert.ok(html.startsWith('<!doctype html>') && html.trimEnd().endsWith('</html>'));
  assert.deepEqual(readdirSync(dir).sort(), ['copy.json', 'r.html', 'r.sarif', 'result.json'], 'no temp files left');
});

test('flags without FILE use the defaults; --json alone goes to stdout', async () => {
  const { dir, io, out } = workspace();
  assert.equal(await runReport(['result.json', '--html', '--sarif', '--json', '--fail-on=never'], io), 0);
  assert.equal(out.join(''), renderJson(sampleResult()));
  assert.ok(readFileSync(join(dir, 'pyguard-report.html'), 'utf8').includes('pg-data'));
  assert.ok(readFileSync(join(dir, 'pyguard.sarif'), 'utf8').includes('"version": "2.1.0"'));
});

test('argument forms: --flag=FILE, a separate FILE only with its extension, "-" for stdout', () => {
  const outputs = (argv: string[]) => Object.fromEntries(parseCommandArgs('report', argv).outputs);
  const positionals = (argv: string[]) => parseCommandArgs('report', argv).positionals;
  assert.throws(() => outputs(['--html', 'r.json']), /an --html FILE must end in/);
  assert.deepEqual(outputs(['r.json', '--html']), { html: 'pyguard-report.html' });
  assert.deepEqual(outputs(['--html', 'a.html', 'r.json']), { html: 'a.html' });
  assert.deepEqual(positionals(['--html', 'a.html', 'r.json']), ['r.json']);
  assert.deepEqual(outputs(['r.json', '--sarif=x', '--json', '-', '--html', '--']), {
    sarif: 'x',
    json: '-',
    html: 'pyguard-report.html',
  });
  assert.deepEqual(outputs(['--html', 'X.HTM', 'r.json']), { html: 'X.HTM' }, 'the extension in any case');
});

test('bad invocations and bad files are one-line UserErrors', async () => {
  const { dir, io } = workspace();
  writeFileSync(join(dir, 'text.json'), 'not json at all');
  writeFileSync(join(dir, 'v2.json'), JSON.stringify({ ...sampleResult(), schemaVersion: 2 }));
  writeFileSync(join(dir, 'other.json'), JSON.stringify({ runs: [] }));
  const cases: [string[], RegExp][] = [
    [[], /give the saved RESULT\.json/],
    [
      ['--html', 'r.json'],
      /^report: --html r\.json: an --html FILE must end in \.html or \.htm; write --html=r\.json to use that name, or put --html after the arguments$/,
    ],
    [
      ['result.json', '--fail-on', 'severe'],
      /^report: --fail-on must be one of info\|low\|medium\|high\|critical\|never, not 'severe'$/,
    ],
    [['result.json', '--pdf'], /unknown option --pdf/],
    [['a.json', 'b.json', '--json'], /unexpected argument b\.json/],
    [['missing.json', '--json'], /^missing\.json: no such file$/],
    [['text.json', '--json'], /^text\.json: not a JSON file$/],
    [['other.json', '--json'], /^other\.json: not a pyguard result$/],
    [['v2.json', '--json'], /^v2\.json: unsupported result schemaVersion 2 \(this pyguard reads 1\)$/],
  ];
  for (const [argv, message] of cases) {
    await assert.rejects(runReport(argv, io), (error: unknown) => {
      assert.ok(error instanceof UserError, `${argv.join(' ')}: ${String(error)}`);
      assert.match(error.message, message);
      assert.ok(!error.message.includes('\n'));
      return true;
    });
  }
});

test('writeOutputs: an unwritable destination fails cleanly and leaves no temp file', () => {
  const { dir, io } = workspace();
  assert.throws(
    () => writeOutputs(sampleResult(), { html: 'no-such-dir/r.html' }, io),
    (e: unknown) =>
      e instanceof UserError && e.message === 'no-such-dir/r.html: cannot write: the folder does not exist',
  );
  writeOutputs(sampleResult(), { sarif: 'out.sarif', rules: TEST_RULES }, io);
  const sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
  assert.equal(sarif.runs[0].tool.driver.rules.length, TEST_RULES.length);
  assert.deepEqual(readdirSync(dir).sort(), ['out.sarif', 'result.json']);
});
