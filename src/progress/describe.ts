// The words for each stage of a progress snapshot, shared by the stderr line and the Ink bars.
import { formatBytes, formatDuration } from '../util/units.ts';
import type { Counter, ProgressSnapshot } from './tracker.ts';

export interface StageLine {
  label: 'resolving' | 'downloading' | 'scanning';
  /** 0..1 when the total is known. */
  fraction?: number;
  text: string;
  done: boolean;
}

function ofTotal(counter: Counter, format: (n: number) => string = String): string {
  return counter.total !== undefined ? `${format(counter.done)}/${format(counter.total)}` : format(counter.done);
}

function fraction(counter: Counter): number | undefined {
  if (counter.total === undefined) return undefined;
  return counter.total === 0 ? 1 : Math.min(1, counter.done / counter.total);
}

export function stageLines(s: ProgressSnapshot): StageLine[] {
  const lines: StageLine[] = [];
  const r = s.resolving;
  lines.push({
    label: 'resolving',
    text: r.done
      ? `${s.packages.length} packages from ${r.projects} projects`
      : `${r.projects} projects seen, ${r.inFlight} request${r.inFlight === 1 ? '' : 's'} in flight`,
    done: r.done,
    ...(r.done && { fraction: 1 }),
  });
  const d = s.download;
  if (d.files.done > 0 || d.current || r.done) {
    const rate = d.bytesPerSecond > 0 ? `, ${formatBytes(d.bytesPerSecond)}/s` : '';
    const current = d.current ? `, ${d.current.filename} ${ofTotal(d.current.bytes, formatBytes)}` : '';
    const done = fraction(d.bytes) ?? fraction(d.files);
    lines.push({
      label: 'downloading',
      text: `${ofTotal(d.files)} files, ${ofTotal(d.bytes, formatBytes)}${rate}${current}`,
      done: d.files.total !== undefined && d.files.done >= d.files.total,
      ...(done !== undefined && { fraction: done }),
    });
  }
  const sc = s.scan;
  if (sc.files.total) {
    const current = sc.current ? `, ${sc.current}` : '';
    lines.push({
      label: 'scanning',
      text: `${ofTotal(sc.files)} files, ${ofTotal(sc.bytes, formatBytes)}${current}`,
      done: sc.targets.total !== undefined && sc.targets.done >= sc.targets.total,
      ...(fraction(sc.bytes) !== undefined && { fraction: fraction(sc.bytes) }),
    });
  }
  return lines;
}

/** The one line the stderr renderer shows: the latest unfinished stage and the elapsed time. */
export function progressLine(s: ProgressSnapshot): string {
  const lines = stageLines(s);
  const active = lines.filter((line) => !line.done);
  const shown = active.length > 0 ? active : lines.slice(-1);
  return `${shown.map((line) => `${line.label} ${line.text}`).join(' · ')} · ${formatDuration(s.elapsedMs)}`;
}
