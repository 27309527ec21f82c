// The app in a real terminal: tmux runs `pyguard check` on the bundled demo index, the test sends keys and reads
// the screen (capture-pane), reaches the phoning-home package's destination and data flow, and checks that q and
// Ctrl-C give back a usable shell with the right exit codes (1 by --fail-on high, 130 after Ctrl-C).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { IndexServer } from '../../src/index-server/index.ts';
import { startBundledIndex } from '../check/helpers.ts';

const CLI = join(import.meta.dirname, '../../src/cli.ts');
const TSX = import.meta.resolve('tsx');
const SOCKET = `pyguard-test-${process.pid}`;
const SESSION = 'tui';
let server: IndexServer;
let home: string;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

const screen = (): string => tmux('capture-pane', '-p', '-t', SESSION);

async function waitForScreen(ok: (text: string) => boolean, what: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (ok(text)) return text;
    if ((/^EXIT=\d+$/m.test(text) && !what.includes('shell')) || Date.now() > deadline) throw new Error(`no ${what} on the screen:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function keys(...names: string[]): Promise<void> {
  for (const name of names) {
    tmux('send-keys', '-t', SESSION, name);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

function run(command: string): void {
  tmux('send-keys', '-t', SESSION, '-l', command);
  tmux('send-keys', '-t', SESSION, 'Enter');
}

before(async () => {
  server = await startBundledIndex();
  home = mkdtempSync(join(tmpdir(), 'pyguard-tmux-'));
  tmux('-f', '/dev/null', 'new-session', '-d', '-s', SESSION, '-x', '100', '-y', '30', '-e', `HOME=${home}`, '-e', `PYGUARD_CACHE_DIR=${join(home, 'cache')}`, '-e', 'PIP_CONFIG_FILE=/dev/null', '-e', `TSX_TSCONFIG_PATH=${join(import.meta.dirname, '../../tsconfig.json')}`, 'bash --norc --noprofile');
  run(`PS1='$ '; cd ${home}; clear`);
});

after(async () => {
  try {
    tmux('kill-server');
  } catch {
    // already gone
  }
  await server?.close();
  rmSync(home, { recursive: true, force: true });
});

const check = (): string => `node --import ${TSX} ${CLI} check demo-app --index-url ${server.simpleUrl} --isolated --no-osv; echo "EXIT=$?"`;

test('pyguard check in a terminal: keys reach the phoning-home package, its destination and flow; q gives the shell back', async () => {
  run(check());
  let text = await waitForScreen((t) => /^› HIGH +usage-stats-lite 0\.2\.1/m.test(t), 'the package list with the risky package on top');
  assert.match(text, /^pyguard HIGH +9\/9 packages {2}exit 1: 1 package at or above --fail-on high$/m);
  assert.match(text, /↑↓ move {2}Enter open/);
  await keys('Enter');
  text = await waitForScreen((t) => t.includes('files (5)'), 'the package view');
  assert.match(text, /^destinations: https:\/\/telemetry\.usage-stats\.example\/v1\/collect$/m);
  await keys('Enter');
  text = await waitForScreen((t) => /^findings \(\d+\)$/m.test(t), 'the file view');
  assert.match(text, /⚠️ External Egress Risk/);
  await keys('Enter');
  text = await waitForScreen((t) => t.includes('data flow'), 'the finding view');
  assert.match(text, /^destination: https:\/\/telemetry\.usage-stats\.example\/v1\/collect/m);
  assert.match(text, /^runs at: +import/m);
  assert.match(text, /^ 1\. line 29: reads the host name$/m);
  assert.match(text, /^ \d\. line 59: sent by urllib\.request\.urlopen to https:\/\/telemetry\.usage-stats\.example\/v1\/collect$/m);
  assert.match(text, /^▶ +59 {2}with urllib\.request\.urlopen\(request/m);
  await keys('Escape', 'Escape', 'Escape');
  await waitForScreen((t) => /^› HIGH +usage-stats-lite/m.test(t), 'back at the list');
  await keys('q');
  text = await waitForScreen((t) => /^EXIT=\d+$/m.test(t), 'the shell');
  assert.match(text, /^pyguard: overall risk HIGH, exit 1: 1 package at or above --fail-on high$/m);
  assert.match(text, /^EXIT=1$/m);
  // The terminal is usable again: typed text echoes, the line discipline is back to canonical mode.
  run('clear; stty -a | tr " " "\\n" | grep -xE "icanon|echo"; echo shell-ok');
  text = await waitForScreen((t) => /^shell-ok$/m.test(t), 'a usable shell');
  assert.match(text, /^icanon$/m);
  assert.match(text, /^echo$/m);
});

test('Ctrl-C stops cleanly with exit 130 and the terminal restored', async () => {
  run(`clear; ${check()}`);
  await waitForScreen((t) => t.includes('pyguard is working') || t.includes('9/9 packages'), 'the app');
  await keys('C-c');
  const text = await waitForScreen((t) => /^EXIT=\d+$/m.test(t), 'the shell after Ctrl-C');
  assert.match(text, /^EXIT=130$/m);
  run('clear; stty -a | tr " " "\\n" | grep -xE "icanon|echo"; echo shell-ok');
  assert.match(await waitForScreen((t) => /^shell-ok$/m.test(t), 'a usable shell'), /^icanon$/m);
});
