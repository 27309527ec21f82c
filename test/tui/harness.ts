// Helpers for the Ink tests: wait for a frame to show something (Ink renders asynchronously), type keys one at a
// time as a terminal would send them, and render at a chosen terminal size (ink-testing-library's is fixed).
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import type { ReactNode } from 'react';

/** The escape character, and the terminal sequences that start with it. */
export const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]`, 'g');

export function plain(frame: string | undefined): string {
  return (frame ?? '').replace(ANSI, '');
}

/** Polls `frame()` until `ok` holds (or fails with the last frame after 3 s). */
export async function waitFor(
  frame: () => string | undefined,
  ok: (text: string) => boolean,
  what: string,
): Promise<string> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const text = plain(frame());
    if (ok(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const KEYS = {
  up: '\x1b[A',
  down: '\x1b[B',
  enter: '\r',
  escape: '\x1b',
  backspace: '\x7f',
  ctrlC: '\x03',
} as const;

/** Sends each key and gives Ink a moment to handle it (escape needs its own pause to be told from a sequence). */
export async function press(stdin: { write: (data: string) => void }, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    stdin.write(key);
    await new Promise((resolve) => setTimeout(resolve, key === KEYS.escape ? 60 : 20));
  }
}

class SizedStdout extends EventEmitter {
  frames: string[] = [];
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
  lastFrame = (): string | undefined => this.frames.at(-1);
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = (): string | null => {
    const data = this.data;
    this.data = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** Renders `tree` on a terminal of `columns` × `rows`. */
export function renderSized(tree: ReactNode, columns: number, rows: number) {
  const stdout = new SizedStdout(columns, rows);
  const stdin = new FakeStdin();
  const instance = render(tree, {
    stdout: stdout as never,
    stdin: stdin as never,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return { stdin, lastFrame: stdout.lastFrame, unmount: () => instance.unmount() };
}
