// The progress presenter for a terminal on stderr: one line, redrawn in place a few times a second and erased
// at the end, so stdout (the report, --json) stays clean.
import type { ProgressEvent, ProgressSink } from '../model/progress.ts';
import { progressLine } from './describe.ts';
import { ProgressTracker } from './tracker.ts';

const REDRAW_MS = 120;
const ERASE_LINE = '\r\x1b[2K';

export interface StderrProgress extends ProgressSink {
  /** Erases the line; nothing more is drawn. */
  stop(): void;
}

export function startStderrProgress(write: (text: string) => void, columns: () => number): StderrProgress {
  const tracker = new ProgressTracker();
  let drawn = false;
  const draw = (): void => {
    const width = Math.max(20, columns() - 1);
    const line = progressLine(tracker.snapshot());
    write(`${ERASE_LINE}${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    drawn = true;
  };
  draw();
  const timer = setInterval(draw, REDRAW_MS);
  timer.unref();
  return {
    emit: (event: ProgressEvent) => tracker.emit(event),
    stop: () => {
      clearInterval(timer);
      if (drawn) write(ERASE_LINE);
      drawn = false;
    },
  };
}
