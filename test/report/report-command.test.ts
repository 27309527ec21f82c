// `pyguard report`: re-renders a saved result in-process; bad input is one UserError line; files are written whole.

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { CommandIO } from '../../src/commands/io.ts';
import { allRules } from '../../src/analysis/rules/rule-catalog.ts';
import { writeOutputs } from '../../src/commands/outputs.ts';
import { parseReportArgs, runReport } from '../../src/commands/report.ts';
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
  return { dir, out, err, io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: dir, env: {}, isTTY: false } };
}

test('report writes HTML, SARIF and JSON from a saved result', async () => {
  const { dir, io, out } = workspace();
  const code = await runReport(['result.json', '--html', 'r.html', '--sarif', 'r.sarif', '--json', 'copy.json'], io);
  assert.equal(code, 0);
  assert.deepEqual(out, []);
  assert.equal(readFileSync(join(dir, 'copy.json'), 'utf8'), renderJson(sampleResult()));
  const sarif = JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8'));
  assert.deepEqual(validateSarif(sarif), []);
  assert.deepEqual(sarif.runs[0].tool.driver.rules.slice(0, allRules().length).map((r: { id: string }) => r.id), allRules().map((r) => r.id), 'the catalogue rules come first');
  const html = readFileSync(join(dir, 'r.html'), 'utf8');
  assert.ok(html.startsWith('<!doctype html>') && html.trimEnd().endsWith('</html>'));
  assert.deepEqual(readdirSync(dir).sort(), ['copy.json', 'r.html', 'r.sarif', 'result.json'], 'no temp files left');
});

test('flags without FILE use the defaults; --json alone goes to stdout', async () => {
  const { dir, io, out } = workspace();
  assert.equal(await runReport(['result.json', '--html', '--sarif', '--json'], io), 0);
  assert.equal(out.join(''), renderJson(sampleResult()));
  assert.ok(readFileSync(join(dir, 'pyguard-report.html'), 'utf8').includes('pg-data'));
  assert.ok(readFileSync(join(dir, 'pyguard.sarif'), 'utf8').includes('"version": "2.1.0"'));
});

test('without an output option, report prints the plain report when stdout is not a terminal and exits by --fail-on', async () => {
  const { io, out } = workspace();
  const risk = sampleResult().summary.risk;
  assert.equal(await runReport(['result.json'], io), ['high', 'critical'].includes(risk) ? 1 : 0);
  const text = out.join('');
  assert.match(text.trimEnd().split('\n').slice(-12).join('\n'), new RegExp(`overall risk ${risk.toUpperCase()}`));
  out.length = 0;
  assert.equal(await runReport(['result.json', '--fail-on', 'critical'], io), risk === 'critical' ? 1 : 0);
  assert.match(out.join(''), /exit [01]: .*--fail-on critical/);
});

test('argument forms: --flag=FILE, flags before RESULT, "-" for stdout', () => {
  const outputsOf = (argv: string[]) => {
    const { input, outputs } = parseReportArgs(argv);
    return { input, outputs };
  };
  assert.deepEqual(outputsOf(['--html', 'r.json']), { input: 'r.json', outputs: { html: 'pyguard-report.html' } });
  assert.deepEqual(outputsOf(['--html', 'a.html', 'r.json']), { input: 'r.json', outputs: { html: 'a.html' } });
  assert.deepEqual(outputsOf(['r.json', '--sarif=x.sarif', '--json', '-']), { input: 'r.json', outputs: { sarif: 'x.sarif', json: '-' } });
  const display = parseReportArgs(['r.json', '--fail-on', 'medium', '-v', '--no-tui']).display;
  assert.equal(display.values.get('fail-on'), 'medium');
  assert.deepEqual([...display.flags].sort(), ['no-tui', 'verbose']);
});

test('bad invocations and bad files are one-line UserErrors', async () => {
  const { dir, io } = workspace();
  writeFileSync(join(dir, 'text.json'), 'not json at all');
  writeFileSync(join(dir, 'v2.json'), JSON.stringify({ ...sampleResult(), schemaVersion: 2 }));
  writeFileSync(join(dir, 'other.json'), JSON.stringify({ runs: [] }));
  const cases: [string[], RegExp][] = [
    [[], /missing RESULT\.json/],
    [['result.json', '--fail-on', 'severe'], /--fail-on must be one of/],
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
  assert.throws(() => writeOutputs(sampleResult(), { html: 'no-such-dir/r.html' }, io), (e: unknown) => e instanceof UserError && e.message === 'no-such-dir/r.html: cannot write: the folder does not exist');
  writeOutputs(sampleResult(), { sarif: 'out.sarif', rules: TEST_RULES }, io);
  const sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
  assert.equal(sarif.runs[0].tool.driver.rules.length, TEST_RULES.length);
  assert.deepEqual(readdirSync(dir).sort(), ['out.sarif', 'result.json']);
});
