// How a run is shown: the interactive app when stdin and stdout are terminals (unless --no-tui or JSON on stdout),
// else live progress on stderr when it is a terminal (unless -q), then the plain report. Every command that
// audits opens one session; the stages report progress to it and the result goes through it.
import { resolve } from 'node:path';
import { allRules } from '../analysis/rules/rule-catalog.ts';
import { NO_PROGRESS, type ProgressSink } from '../model/progress.ts';
import type { AuditResult } from '../model/result.ts';
import { startStderrProgress } from '../progress/stderr-line.ts';
import { exitLine } from '../report/terminal.ts';
import type { ParsedArgs } from './args.ts';
import { interrupt, onInterrupt } from './interrupt.ts';
import type { CommandIO } from './io.ts';
import { colorOn, failLevel, present, reportWidth, requestedFiles, resultExitCode } from './present.ts';
import { DEFAULT_HTML_FILE, writeOutputs } from './outputs.ts';

export interface Session {
  progress: ProgressSink;
  /** Shows the result (writing the requested files) and resolves with the exit code. */
  show(result: AuditResult, preamble?: string): Promise<number>;
  /** Gives the terminal back (idempotent); call it on every way out. */
  close(): void;
}

function wantsJsonOnStdout(args: ParsedArgs): boolean {
  const json = args.files.get('json');
  return json === '' || json === '-';
}

export async function openSession(args: ParsedArgs, io: CommandIO): Promise<Session> {
  const quiet = args.flags.has('quiet');
  if (io.terminal && !args.flags.has('no-tui') && !wantsJsonOnStdout(args)) {
    const { startApp } = await import('../tui/index.tsx');
    const app = startApp({ ...io.terminal, live: !quiet, color: colorOn(args, io), onInterrupt: interrupt });
    const release = onInterrupt(() => app.stop());
    return {
      progress: app,
      show: async (result) => {
        const failOn = failLevel('pyguard', args);
        writeOutputs(result, { ...requestedFiles(args), rules: allRules() }, io);
        let html: string | undefined;
        await app.browse(result, {
          failOn,
          writeHtml: () => {
            html = resolve(io.cwd, requestedFiles(args).html ?? DEFAULT_HTML_FILE);
            writeOutputs(result, { html, rules: allRules() }, io);
            return html;
          },
        });
        // The app drew on the alternate screen; what stays in the shell is the verdict (and the HTML path).
        io.stdout(`pyguard: overall risk ${result.summary.risk.toUpperCase()}, ${exitLine(result, failOn)}\n${html ? `HTML report: ${html}\n` : ''}`);
        return resultExitCode(result, failOn);
      },
      close: () => {
        app.stop();
        release();
      },
    };
  }
  const line = io.stderrIsTTY && !quiet ? startStderrProgress(io.stderr, () => reportWidth(io)) : undefined;
  const release = line ? onInterrupt(() => line.stop()) : () => {};
  const close = (): void => {
    line?.stop();
    release();
  };
  return {
    progress: line ?? NO_PROGRESS,
    show: async (result, preamble = '') => {
      close();
      return present(result, args, io, preamble);
    },
    close,
  };
}
