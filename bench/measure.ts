// How the benchmark measures: a command under /usr/bin/time (wall clock, CPU = user + system over all its threads,
// peak RSS), or a function in this process (wall clock and process CPU, worker threads included).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

export const TIME = '/usr/bin/time';

export interface Measured {
  code: number;
  wall: number;
  cpu: number;
  peakRssMb: number;
  stderr: string;
}

const MARK = 'PYGUARD-BENCH-TIME';

/** Runs command under /usr/bin/time; exit codes are returned, not thrown. */
export function timed(command: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Measured> {
  if (!existsSync(TIME)) throw new Error(`${TIME} is missing: apt-get install time`);
  return new Promise((done, fail) => {
    const args = ['-f', `${MARK} %e %U %S %M`, ...command];
    execFile(
      TIME,
      args,
      { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 512 << 20, timeout: 60 * 60_000 },
      (error, _stdout, stderr) => {
        const match = new RegExp(`${MARK} ([\\d.]+) ([\\d.]+) ([\\d.]+) (\\d+)`).exec(stderr);
        if (!match) return fail(error ?? new Error(`no timing from ${command.join(' ')}: ${stderr.slice(-300)}`));
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({
          code,
          wall: Number(match[1]),
          cpu: Number(match[2]) + Number(match[3]),
          peakRssMb: Number(match[4]) / 1024,
          stderr: stderr.slice(0, match.index),
        });
      },
    );
  });
}

/** Wall clock and CPU seconds (this process, all threads) of fn. */
export async function inProcess(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - start) / 1000, cpu: (used.user + used.system) / 1e6 };
}

/** A fixed-width text table (first column left-aligned, the others right-aligned). */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** The same table in Markdown. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}
