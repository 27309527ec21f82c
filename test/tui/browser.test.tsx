// The interactive browser (ink-testing-library): the package list sorted by risk, navigation down to a finding
// and back, search, the level filter, help, multi-key input, o / q / Ctrl-C, and windowing at 2,000 packages.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import type { AuditResult } from '../../src/model/result.ts';
import { Browser } from '../../src/tui/App.tsx';
import { ColorContext } from '../../src/tui/theme.tsx';
import { manyPackages } from '../report/fixtures/many-packages.ts';
import { sampleResult } from '../report/fixtures/sample-result.ts';
import { KEYS, plain, press, renderSized, waitFor } from './harness.ts';

afterEach(() => cleanup());

function app(result: AuditResult = sampleResult(), calls: string[] = []) {
  const ui = render(
    <ColorContext.Provider value={false}>
      <Browser
        result={result}
        exitLine="exit 1: 1 package at or above --fail-on high"
        onQuit={() => calls.push('quit')}
        onInterrupt={() => calls.push('interrupt')}
        writeHtml={() => {
          calls.push('html');
          return '/tmp/out/pyguard-report.html';
        }}
      />
    </ColorContext.Provider>,
  );
  const frame = (ok: (text: string) => boolean, what: string) => waitFor(ui.lastFrame, ok, what);
  return { ...ui, frame, calls };
}

const rowsOf = (text: string) =>
  text.split('\n').filter((line) => /^[› ] (NONE|INFO|LOW|MEDIUM|HIGH|CRITICAL) /.test(line));

test('the package list: one row per package, strongest risk first, with marks and who requires it', async () => {
  const ui = app();
  const text = await ui.frame((t) => t.includes('pkg-telemetry-shim'), 'the list');
  const rows = rowsOf(text);
  assert.equal(rows.length, 14);
  assert.match(rows[0], /^› CRITICAL pkg-telemetry-shim 0\.3\.1 +N.+ {2}← /);
  const levels = rows.map((row) => row.slice(2, 10).trim());
  assert.deepEqual(levels.slice(0, 6), ['CRITICAL', 'LOW', 'LOW', 'LOW', 'LOW', 'LOW']);
  assert.match(text, /^pyguard CRITICAL {2}14\/14 packages {2}exit 1: 1 package at or above --fail-on high$/m);
  assert.match(
    text.split('\n').at(-1)!,
    /↑↓ move {2}Enter open {2}Space expand {2}\/ search {2}f filter {2}o HTML {2}\? help {2}q quit/,
  );
});

test('Enter goes package → file → finding (code, trigger, destination, flow); Esc and Backspace come back', async () => {
  const ui = app();
  await ui.frame((t) => t.includes('pkg-telemetry-shim'), 'the list');
  await press(ui.stdin, KEYS.enter);
  let text = await ui.frame((t) => t.includes('files (5)'), 'the package view');
  assert.match(text, /destinations: https:\/\/collect\.telemetry-shim\.example/);
  assert.match(text, /^›⚠️ pkg_telemetry_shim\/_beacon\.py +python +3 findings \(1 critical, 1 high, 1 medium\)/m);
  await press(ui.stdin, KEYS.enter);
  text = await ui.frame((t) => t.includes('findings (3)'), 'the file view');
  assert.match(text, /⚠️ External Egress Risk/);
  assert.match(text, /^› +31 CRITICAL exfil-env-to-network: /m);
  await press(ui.stdin, KEYS.enter);
  text = await ui.frame((t) => t.includes('data flow'), 'the finding view');
  assert.match(text, /^CRITICAL {2}exfil-env-to-network$/m);
  assert.match(text, /^runs at: +import/m);
  assert.match(text, /^destination: https:\/\/collect\.telemetry-shim\.example\/v1\/ingest/m);
  assert.match(text, /^▶ +31 {2} *urllib\.request\.urlopen/m, 'the finding line is marked in the code');
  assert.match(text, /^ 1\. line \d+: /m);
  assert.match(text.split('\n').at(-1)!, /↑↓ scroll {2}Esc back/);
  await press(ui.stdin, KEYS.escape);
  await ui.frame((t) => t.includes('findings (3)'), 'back to the file');
  await press(ui.stdin, KEYS.backspace);
  await ui.frame((t) => t.includes('files (5)'), 'back to the package');
  await press(ui.stdin, KEYS.escape);
  text = await ui.frame((t) => rowsOf(t).length === 14, 'back to the list');
  assert.match(rowsOf(text)[0], /^› CRITICAL pkg-telemetry-shim/);
});

test('arrows and j/k move; keys that arrive together ("jj") all count', async () => {
  const ui = app();
  await ui.frame((t) => t.includes('pkg-telemetry-shim'), 'the list');
  await press(ui.stdin, 'jj');
  let text = await ui.frame((t) => rowsOf(t)[2]?.startsWith('›') ?? false, 'cursor on row 3');
  await press(ui.stdin, KEYS.up, 'k', KEYS.down);
  text = await ui.frame((t) => rowsOf(t)[1]?.startsWith('›') ?? false, 'cursor on row 2');
  assert.equal(rowsOf(text).filter((row) => row.startsWith('›')).length, 1);
});

test('/ searches packages, files, hosts and rules; Esc clears the search', async () => {
  const ui = app();
  await ui.frame((t) => t.includes('pkg-telemetry-shim'), 'the list');
  await press(ui.stdin, '/', ...'telemetry-shim.example', KEYS.enter);
  let text = await ui.frame((t) => rowsOf(t).length === 1, 'one match by host');
  assert.match(text, /search: telemetry-shim\.example \(Esc clears\)/);
  await press(ui.stdin, KEYS.escape, '/', ...'adapters.py', KEYS.enter);
  text = await ui.frame((t) => rowsOf(t).length === 1 && t.includes('requests 2.31.0'), 'one match by file');
  await press(ui.stdin, KEYS.escape, '/', ...'egress-socket', KEYS.enter);
  text = await ui.frame((t) => rowsOf(t).length === 1 && t.includes('urllib3'), 'one match by rule');
  await press(ui.stdin, KEYS.escape);
  await ui.frame((t) => rowsOf(t).length === 14, 'all packages again');
});

test('f filters by level, cycling low+ → medium+ → high+ → critical → all', async () => {
  const ui = app();
  await ui.frame((t) => t.includes('pkg-telemetry-shim'), 'the list');
  await press(ui.stdin, 'f');
  let text = await ui.frame((t) => t.includes('filter: low+'), 'low+');
  assert.ok(rowsOf(text).every((row) => /^[› ] (LOW|MEDIUM|HIGH|CRITICAL)/.test(row)));
  assert.equal(rowsOf(text).length, 6);
  await press(ui.stdin, 'f', 'f');
  text = await ui.frame((t) => t.includes('filter: high+'), 'high+');
  assert.equal(rowsOf(text).length, 1);
  await press(ui.stdin, 'f', 'f');
  await ui.frame((t) => !t.includes('filter:') && rowsOf(t).length === 14, 'all');
});

test('Space expands a package with its reasons and destinations', async () => {
  const ui = app();
  await ui.frame((t) => t.includes('pkg-telemetry-shim'), 'the list');
  await press(ui.stdin, ' ');
  const text = await ui.frame((t) => t.includes('→ https://collect.telemetry-shim.example'), 'expanded');
  assert.match(text, /^ {12}- /m);
});

test('? shows the help, any key closes it; o writes the HTML report and shows the path; q quits; Ctrl-C interrupts', async () => {
  const ui = app();
  await ui.frame((t) => t.includes('pkg-telemetry-shim'), 'the list');
  await press(ui.stdin, '?');
  let text = await ui.frame((t) => t.includes('Capability marks'), 'help');
  assert.match(text, /f {21}filter by level/);
  await press(ui.stdin, 'x');
  await ui.frame((t) => !t.includes('Capability marks'), 'help closed');
  await press(ui.stdin, 'o');
  text = await ui.frame((t) => t.includes('HTML report written: /tmp/out/pyguard-report.html'), 'html message');
  await press(ui.stdin, 'q');
  await press(ui.stdin, KEYS.ctrlC);
  await waitFor(
    () => ui.calls.join(' '),
    (calls) => calls === 'html quit interrupt',
    'the calls',
  );
});

test('2,000 packages and 10,000 findings: only the rows on screen are drawn, the ends are reachable', async () => {
  const big = manyPackages(2000, 40);
  assert.ok(big.summary.findings >= 10_000, `${big.summary.findings} findings`);
  const ui = app(big);
  let text = await ui.frame((t) => t.includes('2000/2000 packages'), 'the list');
  assert.ok(text.split('\n').length <= 23, `${text.split('\n').length} lines`);
  await press(ui.stdin, 'G');
  text = await ui.frame((t) => rowsOf(t).at(-1)?.startsWith('›') ?? false, 'the last row');
  assert.match(rowsOf(text).at(-1)!, /NONE/);
  await press(ui.stdin, 'g', KEYS.enter, KEYS.enter);
  text = await ui.frame((t) => t.includes('findings (40)'), 'a file with 40 findings');
  assert.ok(text.split('\n').length <= 23);
  await press(ui.stdin, 'G');
  await ui.frame((t) => /^› +49 CRITICAL/m.test(t), 'the last finding');
});

test('80×24 works: no line wider than 80, no more than 23 lines, in every view', async () => {
  const ui = renderSized(
    <ColorContext.Provider value={false}>
      <Browser
        result={manyPackages(300)}
        exitLine="exit 1: 33 packages at or above --fail-on high"
        onQuit={() => {}}
        onInterrupt={() => {}}
        writeHtml={() => ''}
      />
    </ColorContext.Provider>,
    80,
    24,
  );
  try {
    const check = (text: string) => {
      const lines = text.split('\n');
      assert.ok(lines.length <= 23, `${lines.length} lines`);
      for (const line of lines) assert.ok([...line].length <= 80, `too wide: ${line}`);
    };
    check(await waitFor(ui.lastFrame, (t) => t.includes('300/300 packages'), 'the list'));
    await press(ui.stdin, KEYS.enter);
    check(await waitFor(ui.lastFrame, (t) => t.includes('files ('), 'package'));
    await press(ui.stdin, KEYS.enter);
    check(await waitFor(ui.lastFrame, (t) => t.includes('findings ('), 'file'));
    await press(ui.stdin, KEYS.enter);
    check(await waitFor(ui.lastFrame, (t) => t.includes('data flow'), 'finding'));
    await press(ui.stdin, '?');
    check(await waitFor(ui.lastFrame, (t) => t.includes('Capability marks'), 'help'));
  } finally {
    ui.unmount();
  }
  assert.equal(plain('\x1b[31mx\x1b[0m'), 'x');
});
