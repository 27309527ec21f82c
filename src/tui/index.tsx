// The interactive app (Ink): started before the work begins, it shows live progress (it is the run's progress
// sink), then browses the result until the user quits. It draws on the alternate screen, so quitting gives the
// shell back as it was, with one line saying the verdict.
import { render, type Instance } from 'ink';
import type { ProgressEvent, ProgressSink } from '../model/progress.ts';
import type { AuditResult, FailOn } from '../model/result.ts';
import { ProgressTracker } from '../progress/tracker.ts';
import { exitLine } from '../report/terminal.ts';
import { Browser } from './App.tsx';
import { ColorContext } from './theme.tsx';
import { LiveView } from './views/LiveView.tsx';

const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[H';
const LEAVE_ALT_SCREEN = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';
const REDRAW_MS = 150;

export interface AppOptions {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /** Show progress while the work runs (false with -q: the app opens with the result). */
  live: boolean;
  color: boolean;
  /** Called on Ctrl-C (or q before the result is there), after the terminal is restored. */
  onInterrupt: () => void;
}

export interface BrowseOptions {
  failOn: FailOn;
  writeHtml: () => string;
}

export interface App extends ProgressSink {
  /** Browses `result`; resolves when the user quits. */
  browse(result: AuditResult, options: BrowseOptions): Promise<void>;
  /** Unmounts and restores the terminal (idempotent). */
  stop(): void;
}

export function startApp(options: AppOptions): App {
  const tracker = new ProgressTracker();
  const { stdout } = options;
  let instance: Instance | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const rows = (): number => stdout.rows || 24;
  const live = () => (
    <ColorContext.Provider value={options.color}>
      <LiveView snapshot={tracker.snapshot()} height={rows() - 1} onInterrupt={interrupted} />
    </ColorContext.Provider>
  );
  const mount = (node: React.ReactNode): void => {
    if (instance) instance.rerender(node);
    else {
      stdout.write(ENTER_ALT_SCREEN);
      instance = render(node, { stdin: options.stdin, stdout, exitOnCtrlC: false, patchConsole: false });
    }
  };
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    instance?.unmount();
    instance?.cleanup();
    if (instance) stdout.write(LEAVE_ALT_SCREEN + SHOW_CURSOR);
  };
  const interrupted = (): void => {
    stop();
    options.onInterrupt();
  };
  if (options.live) {
    mount(live());
    timer = setInterval(() => instance?.rerender(live()), REDRAW_MS);
    timer.unref();
  }
  return {
    emit: (event: ProgressEvent) => tracker.emit(event),
    browse: (result, browseOptions) =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        timer = undefined;
        mount(
          <ColorContext.Provider value={options.color}>
            <Browser
              result={result}
              exitLine={exitLine(result, browseOptions.failOn)}
              writeHtml={browseOptions.writeHtml}
              onInterrupt={interrupted}
              onQuit={() => {
                stop();
                resolve();
              }}
            />
          </ColorContext.Provider>,
        );
      }),
    stop,
  };
}
