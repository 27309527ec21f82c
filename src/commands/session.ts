// How a run is shown: the interactive app when stdin and stdout are terminals (unless --no-tui or JSON on stdout),
// else live progress on stderr when it is a terminal (unless -q), then the plain report. Every command that
// audits opens one session; the stages report progress to it and the result goes through it.
import type { ProgressSink } from '../model/progress.ts';
import type { AuditResult } from '../model/result.ts';
import { NO_PROGRESS } from '../model/progress.ts';
import { startStderrProgress } from '../progress/stderr-line.ts';
import type { ParsedArgs } from './args.ts';
import type { CommandIO } from './io.ts';
import { onInterrupt } from './interrupt.ts';
import { exitCodeFor, failLevel, present, reportWidth, requestedFiles, useColor } from './present.ts';
import { DEFAULT_HTML_FILE, writeOutputs } from './report.ts';
import { allRules } from '../analysis/rules/catalog.ts';

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
    const app = startApp({ ...io.terminal, live: !quiet, color: useColor(args, io) });
    const release = onInterrupt(() => app.stop());
    return {
      progress: app,
      show: async (result) => {
        writeOutputs(result, { ...requestedFiles(args), rules: allRules() }, io);
        const code = exitCodeFor(result.summary.risk, failLevel('pyguard', args));
        await app.browse(result, {
          failOn: failLevel('pyguard', args),
          verbose: args.flags.has('verbose'),
          writeHtml: () => {
            writeOutputs(result, { html: DEFAULT_HTML_FILE, rules: allRules() }, io);
            return DEFAULT_HTML_FILE;
          },
        });
        return code;
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
