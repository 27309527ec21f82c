// Turns a download's per-chunk byte counts into progress events, at most one per file every BYTE_EVENT_MS, so a
// large file streaming in moves the downloading stage without flooding the presenters.
import type { ProgressSink } from '../model/progress.ts';
import type { OnBytes } from '../pypi/fetch/download.ts';

export const BYTE_EVENT_MS = 100;

export function byteProgress(sink: ProgressSink, filename: string, now: () => number = Date.now): OnBytes {
  let last = Number.NEGATIVE_INFINITY;
  return (received, total) => {
    const at = now();
    if (at - last < BYTE_EVENT_MS) return;
    last = at;
    sink.emit({ type: 'download-progress', filename, bytes: received, ...(total !== undefined && { total }) });
  };
}
