// How a run is shown: the interactive app when stdin and stdout are terminals (unless --no-tui, -q, a report on
// stdout, or a CI environment, where Ink draws nothing until it exits and a job with a pseudo-terminal would wait on
// a screen nobody sees), else live progress on stderr when it is a terminal (unless -q), then the terminal report. Every command
// that audits opens one session; the stages report progress to it, write to its `io` (whose stderr waits while the
// app holds the screen, or clears the progress line first), and show the result through it.
import { resolve } from 'node:path';
import { allRules } from '../analysis/rules/rule-catalog.ts';
import { NO_PROGRESS, type ProgressSink } from '../model/progress.ts';
import type { AuditResult } from '../model/result.ts';
import { startStderrProgress } from '../progress/stderr-line.ts';
import { exitLine } from '../report/terminal.ts';
import type { ParsedArgs } from './args.ts';
import { interrupt, onInterrupt } from './interrupt.ts';
import type { CommandIO } from './io.ts';
import { writeOutputs } from './outputs.ts';
import { colorOn, coverageWarnings, exitCode, failOnOf, present, reportWidth, writeReports } from './present.ts';

const DEFAULT_HTML_FILE = 'pyguard-report.html';

export interface Session {
  progress: ProgressSink;
  /** The command's streams for the run: use it instead of the command's own while the session is open. */
  io: CommandIO;
  /** Shows the result (writing the requested files) and resolves with the exit code. */
  show(result: AuditResult, preamble?: string): Promise<number>;
  /** Gives the terminal back (idempotent); call it on every way out. */
  close(): void;
}

/** CI and CONTINUOUS_INTEGRATION set to anything but 0 or false, as Ink itself tests it. */
function inCi(env: CommandIO['env']): boolean {
  return ['CI', 'CONTINUOUS_INTEGRATION'].some((key) => key in env && env[key] !== '0' && env[key] !== 'false');
}

function reportOnStdout(args: ParsedArgs): boolean {
  return [...args.outputs.values()].includes('-');
}

/** `live: false` when there is nothing to wait for (a saved result): no progress, the app opens with the result. */
export async function openSession(args: ParsedArgs, io: CommandIO, options: { live?: boolean } = {}): Promise<Session> {
  const quiet = args.flags.has('quiet');
  const live = options.live ?? true;
  if (io.terminal && !quiet && !args.flags.has('no-tui') && !reportOnStdout(args) && !inCi(io.env))
    return appSession(args, io, io.terminal, live);
  const line = live && io.stderrIsTTY && !quiet ? startStderrProgress(io.stderr, () => reportWidth(io)) : undefined;
  const release = line ? onInterrupt(() => line.stop()) : () => {};
  const close = (): void => {
    line?.stop();
    release();
  };
  return {
    progress: line ?? NO_PROGRESS,
    // A message erases the progress line first; the next redraw puts it back under the message.
    io: line ? { ...io, stderr: (text) => io.stderr(`\r\x1b[2K${text}`) } : io,
    show: async (result, preamble = '') => {
      close();
      return present(result, args, io, preamble);
    },
    close,
  };
}

async function appSession(
  args: ParsedArgs,
  io: CommandIO,
  terminal: NonNullable<CommandIO['terminal']>,
  live: boolean,
): Promise<Session> {
  const { startApp } = await import('../tui/index.tsx');
  const app = startApp({ ...terminal, live, color: colorOn(args, io), onInterrupt: interrupt });
  // What the run says on stderr waits until the app has given the screen back.
  const held: string[] = [];
  let holding = true;
  const stop = (): void => {
    app.stop();
    if (!holding) return;
    holding = false;
    for (const text of held.splice(0)) io.stderr(text);
  };
  const release = onInterrupt(stop);
  const quietIO: CommandIO = { ...io, stderr: (text) => (holding ? held.push(text) : io.stderr(text)) };
  return {
    progress: app,
    io: quietIO,
    show: async (result) => {
      writeReports(result, args, quietIO);
      let html: string | undefined;
      await app.browse(result, {
        failOn: failOnOf(args),
        writeHtml: () => {
          html = resolve(io.cwd, args.outputs.get('html') ?? DEFAULT_HTML_FILE);
          writeOutputs(result, { html, rules: allRules() }, quietIO, { quiet: true });
          return html;
        },
      });
      stop();
      for (const warning of coverageWarnings(result)) io.stderr(`pyguard: warning: ${warning}\n`);
      // The app drew on the alternate screen; what stays in the shell is the verdict (and the HTML report's path).
      io.stdout(
        `pyguard: overall risk ${result.summary.risk.toUpperCase()}, ${exitLine(result, failOnOf(args))}\n${html ? `HTML report: ${html}\n` : ''}`,
      );
      return exitCode(result, args);
    },
    close: () => {
      stop();
      release();
    },
  };
}
