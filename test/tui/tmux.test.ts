// The app in a real terminal: tmux runs `pyguard check` on the bundled demo index, the test sends keys and reads
// the screen (capture-pane), reaches the phoning-home package's destination and data flow, opens a saved result with
// `pyguard report`, and checks that q and Ctrl-C give back a usable shell with the right exit codes (1 by --fail-on
// high, 0 by --fail-on critical, 130 after Ctrl-C).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { IndexServer } from '../../src/index-server/index.ts';
import { startBundledIndex } from '../check/helpers.ts';
import { openTerminal, type Terminal } from './tmux-driver.ts';

let server: IndexServer;
let term: Terminal;

before(async () => {
  server = await startBundledIndex();
  term = openTerminal(100, 30);
});

after(async () => {
  term?.close();
  await server?.close();
});

const check = (): string =>
  `${term.pyguard} check demo-app --index-url ${server.simpleUrl} --isolated --no-osv; echo "EXIT=$?"`;
const EXITED = /^EXIT=\d+$/m;

async function shellIsUsable(): Promise<void> {
  term.run('clear; stty -a | tr " " "\\n" | grep -xE "icanon|echo"; echo shell-ok');
  const text = await term.waitFor((t) => /^shell-ok$/m.test(t), 'usable shell', { commandMayEnd: true });
  assert.match(text, /^icanon$/m, 'canonical mode is back');
  assert.match(text, /^echo$/m, 'echo is back');
}

test('pyguard check in a terminal: keys reach the phoning-home package, its destination and flow; q gives the shell back', async () => {
  term.run(check());
  let text = await term.waitFor(
    (t) => /^› HIGH +usage-stats-lite 0\.2\.1/m.test(t),
    'package list with the risky package on top',
  );
  assert.match(text, /^pyguard HIGH +9\/9 packages {2}exit 1: 1 package at or above --fail-on high$/m);
  assert.match(text, /↑↓ move {2}Enter open/);
  await term.keys('Enter');
  text = await term.waitFor((t) => t.includes('files (5)'), 'package view');
  assert.match(text, /^destinations: https:\/\/telemetry\.usage-stats\.example\/v1\/collect$/m);
  await term.keys('Enter');
  text = await term.waitFor((t) => /^findings \(\d+\)$/m.test(t), 'file view');
  assert.match(text, /⚠️ External Egress Risk/);
  await term.keys('Enter');
  text = await term.waitFor((t) => t.includes('data flow'), 'finding view');
  assert.match(text, /^destination: https:\/\/telemetry\.usage-stats\.example\/v1\/collect/m);
  assert.match(text, /^runs at: +import/m);
  assert.match(text, /^ 1\. line 29: reads the host name$/m);
  assert.match(
    text,
    /^ \d\. line 59: sent by urllib\.request\.urlopen to https:\/\/telemetry\.usage-stats\.example\/v1\/collect$/m,
  );
  assert.match(text, /^▶ +59 {2} *with urllib\.request\.urlopen\(request/m);
  assert.match(text, /^ +58 {2}\S.*\n▶ +59 /m, 'the line before it, from the context recorded with the finding');
  await term.keys('Escape', 'Escape', 'Escape');
  await term.waitFor((t) => /^› HIGH +usage-stats-lite/m.test(t), 'list again');
  await term.keys('q');
  text = await term.waitFor((t) => EXITED.test(t), 'shell', { commandMayEnd: true });
  assert.match(text, /^pyguard: overall risk HIGH, exit 1: 1 package at or above --fail-on high$/m);
  assert.match(text, /^EXIT=1$/m);
  await shellIsUsable();
});

test('pyguard report on a saved result opens the same app, takes --fail-on, and shows the code saved with a finding', async () => {
  term.run(`clear; ${check().replace('; echo', ' --no-tui --json saved.json >/dev/null; echo')}`);
  await term.waitFor((t) => EXITED.test(t), 'the saved result', { commandMayEnd: true });
  term.run(`clear; ${term.pyguard} report saved.json --fail-on critical; echo "EXIT=$?"`);
  let text = await term.waitFor((t) => /^› HIGH +usage-stats-lite 0\.2\.1/m.test(t), 'package list');
  assert.match(text, /^pyguard HIGH +9\/9 packages {2}exit 0: /m, 'the exit line follows --fail-on critical');
  await term.keys('Enter', 'Enter', 'Enter');
  text = await term.waitFor((t) => t.includes('data flow'), 'finding view');
  assert.match(
    text,
    /^ +58 {2}\S.*\n▶ +59 {2} *with urllib\.request\.urlopen\(request/m,
    'context lines from the JSON',
  );
  await term.keys('q');
  text = await term.waitFor((t) => EXITED.test(t), 'shell', { commandMayEnd: true });
  assert.match(text, /^EXIT=0$/m);
  await shellIsUsable();
});

test('Ctrl-C stops cleanly with exit 130 and the terminal restored', async () => {
  term.run(`clear; ${check()}`);
  await term.waitFor((t) => t.includes('pyguard is working') || t.includes('9/9 packages'), 'app');
  await term.keys('C-c');
  const text = await term.waitFor((t) => EXITED.test(t), 'shell after Ctrl-C', { commandMayEnd: true });
  assert.match(text, /^EXIT=130$/m);
  await shellIsUsable();
});

test('--no-tui on a terminal: the progress line while it works, erased before the plain report; none when stderr is a file; Ctrl-C exits 130', async () => {
  const progress = /^(resolving|downloading|scanning) .* · \d+\.\ds/m;
  term.run(`clear; ${check().replace('; echo', ' --no-tui; echo')}`);
  await term.waitFor((t) => progress.test(t), 'progress line');
  let text = await term.waitFor((t) => EXITED.test(t), 'plain report', { commandMayEnd: true });
  assert.match(text, /^overall risk HIGH {2}exit 1: 1 package at or above --fail-on high$/m);
  assert.match(text, /^EXIT=1$/m);
  assert.doesNotMatch(text, progress, 'the progress line was erased');
  term.run(`clear; ${check().replace('; echo', ' --no-tui 2>stderr.log >/dev/null; echo')}`);
  await term.waitFor((t) => EXITED.test(t), 'end of the piped run', { commandMayEnd: true });
  term.run('clear; wc -c < stderr.log; echo done');
  text = await term.waitFor((t) => /^done$/m.test(t), 'size of stderr', { commandMayEnd: true });
  assert.match(text, /^0$/m, 'nothing on a stderr that is not a terminal');
  term.run(`clear; ${check().replace('; echo', ' --no-tui; echo')}`);
  await term.waitFor((t) => progress.test(t), 'progress line');
  await term.keys('C-c');
  text = await term.waitFor((t) => EXITED.test(t), 'shell after Ctrl-C', { commandMayEnd: true });
  assert.match(text, /^EXIT=130$/m);
  assert.doesNotMatch(text, /overall risk/, 'no half report');
  await shellIsUsable();
});

test('CI=true on a terminal: the plain report, never the app (Ink would draw nothing there until it exits)', async () => {
  term.run(`clear; CI=true ${check()}`);
  const text = await term.waitFor((t) => EXITED.test(t), 'plain report', { commandMayEnd: true });
  assert.match(text, /^overall risk HIGH {2}exit 1: 1 package at or above --fail-on high$/m);
  assert.match(text, /^EXIT=1$/m);
  await shellIsUsable();
});
