// Drives a real terminal for the tmux test and the README screenshots: a private tmux server running bash with a
// clean environment, commands typed into it, keys sent one at a time, and the screen read back (capture-pane).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO = join(import.meta.dirname, '../..');
const SESSION = 'pyguard';

export interface Terminal {
  /** The `node …` prefix that runs pyguard from the sources (tsx with the repository's tsconfig). */
  pyguard: string;
  /** Types `command` and Enter. */
  run(command: string): void;
  /** Sends tmux key names ('Enter', 'Escape', 'C-c', 'j'), one at a time. */
  keys(...names: string[]): Promise<void>;
  /** The visible screen as text, or with its colours as ANSI escapes. */
  screen(options?: { ansi?: boolean }): string;
  /** Polls the screen until `ok` holds; fails with the screen when it does not within the time, or when the command ended. */
  waitFor(
    ok: (text: string) => boolean,
    what: string,
    options?: { timeoutMs?: number; commandMayEnd?: boolean },
  ): Promise<string>;
  close(): void;
}

export function openTerminal(columns: number, rows: number): Terminal {
  const socket = `pyguard-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const home = mkdtempSync(join(tmpdir(), 'pyguard-tmux-'));
  // The terminal is a person's, not a CI job's: the CI variables of the test run (CI=true under .ci/run) stay out.
  const personEnv = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => key !== 'CI' && key !== 'CONTINUOUS_INTEGRATION'),
  );
  const tmux = (...args: string[]): string =>
    execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', env: personEnv });
  const env = {
    HOME: home,
    PYGUARD_CACHE_DIR: join(home, 'cache'),
    PIP_CONFIG_FILE: '/dev/null',
    TSX_TSCONFIG_PATH: join(REPO, 'tsconfig.json'),
    TERM: 'xterm-256color',
    HISTFILE: '/dev/null',
  };
  tmux(
    '-f',
    '/dev/null',
    'new-session',
    '-d',
    '-s',
    SESSION,
    '-x',
    String(columns),
    '-y',
    String(rows),
    ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
    'bash --norc --noprofile',
  );
  const run = (command: string): void => {
    tmux('send-keys', '-t', SESSION, '-l', command);
    tmux('send-keys', '-t', SESSION, 'Enter');
  };
  const screen = (options: { ansi?: boolean } = {}): string =>
    tmux('capture-pane', '-p', ...(options.ansi ? ['-e'] : []), '-t', SESSION);
  run(`PS1='$ '; cd ${home}; clear`);
  return {
    pyguard: `node --import ${import.meta.resolve('tsx')} ${join(REPO, 'src/cli.ts')}`,
    run,
    keys: async (...names) => {
      for (const name of names) {
        tmux('send-keys', '-t', SESSION, name);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    },
    screen,
    waitFor: async (ok, what, options = {}) => {
      const deadline = Date.now() + (options.timeoutMs ?? 60_000);
      for (;;) {
        const text = screen();
        if (ok(text)) return text;
        const ended = /^EXIT=\d+$/m.test(text) && !options.commandMayEnd;
        if (ended || Date.now() > deadline) throw new Error(`no ${what} on the screen:\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    close: () => {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
      rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}
