// The plain terminal report at 100 packages: the verdict block ends it, lines fit COLUMNS, each reason once,
// NONE/INFO folded (shown with -v), every ⚠️ file with the finding behind it, unanalysed files listed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RISK_LEVELS } from '../../src/model/result.ts';
import { renderTerminal } from '../../src/report/terminal.ts';
import { manyPackages } from './fixtures/many-packages.ts';

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const result = manyPackages(100);
const columns = (line: string): number =>
  [...line.replace(ANSI, '').replace(/\ufe0f/g, '')].length + (line.match(/\ufe0f/g)?.length ?? 0);

test('the fixture is a 100-package tree with every risk level', () => {
  assert.equal(result.targets.length, 100);
  for (const level of RISK_LEVELS) assert.ok(result.summary.byRisk[level] > 0, level);
});

for (const width of [80, 100, 132]) {
  test(`every line fits ${width} columns, with and without colour`, () => {
    for (const color of [false, true]) {
      const lines = renderTerminal(result, { color, width }).trimEnd().split('\n');
      const over = lines.filter((line) => columns(line) > width);
      assert.deepEqual(over, [], `${over.length} lines over ${width}`);
    }
  });
}

test('the verdict block comes last: overall risk, why the exit code, medium+ packages by risk, counts for the rest', () => {
  const lines = renderTerminal(result, { color: false, width: 100 }).trimEnd().split('\n');
  const start = lines.findIndex((line) => line.startsWith('── verdict'));
  assert.ok(start > 0);
  const block = lines.slice(start);
  const atOrAbove = result.targets.filter((t) => t.risk === 'high' || t.risk === 'critical').length;
  assert.equal(block[1], `overall risk CRITICAL  exit 1: ${atOrAbove} packages at or above --fail-on high`);
  const listed = block
    .filter((line) => /^ {2}(CRITICAL|HIGH|MEDIUM) /.test(line))
    .map((line) => line.trim().split(/\s+/));
  const serious = result.targets.filter((t) => ['medium', 'high', 'critical'].includes(t.risk));
  assert.equal(listed.length, serious.length);
  const levels = listed.map(([level]) => RISK_LEVELS.indexOf(level.toLowerCase() as never));
  assert.deepEqual(
    levels,
    [...levels].sort((a, b) => b - a),
    'sorted by risk',
  );
  assert.ok(
    block.some((line) => line.trim().startsWith('→ https://collect-5.telemetry.example/collect')),
    'destinations listed',
  );
  const s = result.summary.byRisk;
  assert.ok(block.includes(`  the other packages: ${s.low} low, ${s.info} info, ${s.none} none`));
  const totals = block
    .slice(block.findIndex((line) => line.startsWith('  100 packages, ')))
    .join(' ')
    .replace(/\s+/g, ' ');
  assert.match(totals, /^ 100 packages, \d+ files \(\d+ Python\), \d+ with egress; findings: .*; 6 not analysed$/);
});

test('exit line for --fail-on critical and for a clean result', () => {
  const criticals = result.targets.filter((t) => t.risk === 'critical').length;
  assert.match(
    renderTerminal(result, { color: false, failOn: 'critical' }),
    new RegExp(`exit 1: ${criticals} packages at or above --fail-on critical`),
  );
  const clean = manyPackages(1);
  assert.match(
    renderTerminal(clean, { color: false }),
    /overall risk NONE {2}exit 0: nothing at or above --fail-on high \(highest: none\)/,
  );
});

test('each reason is printed once', () => {
  // Undo the wrapping, then count every distinct reason of every package.
  const text = renderTerminal(result, { color: false, width: 80 }).replace(/\n\s+/g, ' ');
  for (const target of result.targets) {
    for (const reason of new Set(target.reasons)) {
      const times = text.split(`- ${reason}`).length - 1;
      assert.ok(times <= 1, `${target.name}: "${reason}" printed ${times} times`);
    }
  }
});

test('NONE and INFO packages fold into one list; -v gives each its own block', () => {
  const plain = renderTerminal(result, { color: false, width: 100 });
  const quiet = result.targets.filter(
    (t) => t.risk === 'none' || (t.risk === 'info' && !t.files.some((f) => f.egress)),
  );
  const headers = (text: string) =>
    text.split('\n').filter((line) => /^pkg-\d{4} 1\.\d+\.0 {2}(NONE|INFO)/.test(line)).length;
  assert.equal(
    headers(plain),
    result.targets.filter((t) => t.risk === 'info').length,
    'only the INFO packages with an ⚠️ file get a block',
  );
  assert.match(plain, new RegExp(`${quiet.length} packages with nothing above info \\(-v shows them\\)`));
  assert.equal(
    headers(renderTerminal(result, { color: false, width: 100, verbose: true })),
    quiet.length + result.targets.filter((t) => t.risk === 'info').length,
  );
});

test('an ⚠️ file always comes with the finding that made it one, even an info finding', () => {
  const lines = renderTerminal(result, { color: false, width: 100 }).split('\n');
  const warned = lines.map((line, i) => [line, i] as const).filter(([line]) => line.trimStart().startsWith('⚠️'));
  assert.equal(warned.length, result.summary.filesWithEgress);
  for (const [line, i] of warned)
    assert.match(lines[i + 1], /^ {4}\d+ (INFO|LOW|MEDIUM|HIGH|CRITICAL) \S+: /, `${line} is followed by its finding`);
});

test('repeated findings fold into one line with the other line numbers; unanalysed files are listed', () => {
  const text = renderTerminal(result, { color: false, width: 120 }).replace(/\n {6,}/g, ' ');
  assert.match(
    text,
    /CRITICAL exfil-env-to-network: sends environment variables to https:\/\/collect-5\.telemetry\.example\/collect \[runs at import\] \(also lines 11, 12\)/,
  );
  const partial = result.targets.flatMap((t) =>
    t.files
      .filter((f) => f.partial)
      .map((f) => `${t.name} ${t.version}: partly analysed: ${f.path} (python): syntax errors (Python 2?)`),
  );
  assert.ok(partial.length > 0);
  for (const line of partial) assert.ok(text.includes(`  ${line}`), line);
});

test('long wheel names are shortened in the middle, keeping both ends', () => {
  const text = renderTerminal(result, { color: false, width: 80 });
  const line = text.split('\n').find((l) => l.startsWith('  pkg_0005-1.5.0-'));
  assert.ok(line, 'the file name line is there');
  assert.match(line, /^ {2}pkg_0005-1\.5\.0-cp311-cp311-manylinux_2_[^…]*…[^…]*musllinux_1_1_x86_64\.whl$/);
  assert.equal(line.length, 80);
});

test('package content cannot drive the terminal: control characters are shown as ·', () => {
  const hostile = manyPackages(6);
  hostile.targets[5].files[0].findings[0].code = 'x = 1\x1b]0;owned\x07\x1b[2J';
  const text = renderTerminal(hostile, { color: false });
  assert.ok(!text.includes('\x1b'));
  assert.match(text, /x = 1·\]0;owned··\[2J/);
});
