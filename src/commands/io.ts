// The streams and environment a command runs with, so tests can run commands in-process.

export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** True when stdout is a terminal (colours, progress). */
  isTTY: boolean;
  /** True when stderr is a terminal (live progress). */
  stderrIsTTY?: boolean;
  /** The terminal's width, when stdout is one. */
  columns?: number;
  /** Present when stdin and stdout are both terminals: where the interactive app runs. */
  terminal?: { stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream };
  /** Asks the person at the terminal and returns the answer; absent when the session is not interactive. */
  ask?: (question: string) => Promise<string>;
}

export function processIO(): CommandIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    ...(process.stdout.isTTY && { columns: process.stdout.columns }),
    ...(process.stdin.isTTY && process.stdout.isTTY && { terminal: { stdin: process.stdin, stdout: process.stdout } }),
    ...(process.stdin.isTTY && process.stderr.isTTY ? { ask: askAtTerminal } : {}),
  };
}

async function askAtTerminal(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await terminal.question(question);
  } finally {
    terminal.close();
  }
}

/** A command: takes its own arguments (after the command name) and returns the exit code. */
export type Command = (argv: string[], io: CommandIO) => Promise<number>;
