// Builds an OpenedArchive while a reader walks an archive or folder: entries, problems, the limits that stop reading.
// Readers call `add`, `countBytes`, `stop` and `fail`; the StopReading they throw ends the walk, keeping what was read.

import { validateFileName } from 'yauzl';
import {
  DEFAULT_LIMITS,
  type ArchiveEntry,
  type ArchiveFormat,
  type ArchiveProblem,
  type ExtractLimits,
  type OpenedArchive,
} from '../../model/entries.ts';

/** The ratio is judged only past this many uncompressed bytes: tiny archives of tar padding compress very well. */
const RATIO_FLOOR_BYTES = 4 * 1024 * 1024;

/** Thrown to end a walk early; the collector already holds the reason in `fatal`. */
export class StopReading extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StopReading';
  }
}

export function resolveLimits(limits?: Partial<ExtractLimits>): ExtractLimits {
  return { ...DEFAULT_LIMITS, ...limits };
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

interface CollectorOptions {
  /** Size of the compressed input, for the ratio check; omit when nothing is compressed. */
  compressedSize?: number;
  /** How a walk stopped by a limit is reported: a bomb for archives, a plain limit for local folders. */
  stopRule: 'archive-bomb' | 'archive-limit';
  /** Flag `../`, absolute and backslash names (archives); local folders cannot hold them. */
  checkNames: boolean;
}

export class ArchiveCollector {
  private readonly entries: ArchiveEntry[] = [];
  private readonly problems: ArchiveProblem[] = [];
  private readonly seen = new Set<string>();
  private readonly duplicates = new Set<string>();
  private fatal?: string;
  /** Uncompressed bytes inflated (or, for zip, about to be inflated) so far. */
  private total = 0;
  /** Uncompressed bytes declared so far, inflated or not: what the ratio is judged on. */
  private declaredBytes = 0;

  constructor(
    private readonly format: ArchiveFormat,
    readonly limits: ExtractLimits,
    private readonly options: CollectorOptions,
  ) {}

  get totalBytes(): number {
    return this.total;
  }

  get entryCount(): number {
    return this.entries.length;
  }

  problem(rule: string, severity: ArchiveProblem['severity'], message: string, path?: string): void {
    this.problems.push(path === undefined ? { rule, severity, message } : { rule, severity, message, path });
  }

  /** Lists an entry: checks the entry count, flags unsafe and duplicate names. */
  add(entry: ArchiveEntry): void {
    if (this.entries.length >= this.limits.maxEntries) {
      this.stop(`more than ${this.limits.maxEntries} entries`);
    }
    this.entries.push(entry);
    const unsafe = this.options.checkNames ? validateFileName(entry.path) : null;
    if (unsafe !== null) {
      this.problem('archive-path-traversal', 'high', `unsafe member name (${unsafe})`, entry.path);
    }
    if (this.seen.has(entry.path)) {
      if (!this.duplicates.has(entry.path)) {
        this.duplicates.add(entry.path);
        this.problem(
          'archive-duplicate-entry',
          'medium',
          'the same name is stored more than once; installers and scanners may pick different copies',
          entry.path,
        );
      }
    } else {
      this.seen.add(entry.path);
    }
  }

  /** Marks an entry unread because it is over the per-entry cap. */
  overEntryCap(entry: ArchiveEntry): void {
    entry.unreadReason = `larger than the per-entry limit of ${formatBytes(this.limits.maxEntryBytes)}`;
    this.problem(
      'archive-limit',
      'medium',
      `member of ${formatBytes(entry.size)} not read: ${entry.unreadReason}`,
      entry.path,
    );
  }

  /** Counts bytes declared by an entry (zip, before inflating it): only the ratio is judged. */
  countDeclared(bytes: number): void {
    this.declaredBytes += bytes;
    this.checkRatio(this.declaredBytes);
  }

  /** Counts uncompressed bytes that are about to be (or were) inflated; stops when the total or ratio is exceeded. */
  countBytes(bytes: number): void {
    this.total += bytes;
    this.declaredBytes += bytes;
    if (this.total > this.limits.maxTotalBytes) {
      this.stop(`more than ${formatBytes(this.limits.maxTotalBytes)} uncompressed`);
    }
    this.checkRatio(this.declaredBytes);
  }

  private checkRatio(uncompressed: number): void {
    const compressed = this.options.compressedSize;
    if (compressed === undefined || uncompressed <= RATIO_FLOOR_BYTES) return;
    const ratio = uncompressed / Math.max(compressed, 1);
    if (ratio > this.limits.maxRatio) {
      this.stop(
        `compression ratio above ${this.limits.maxRatio} (${formatBytes(uncompressed)} from ${formatBytes(compressed)})`,
      );
    }
  }

  /** Stops reading because a limit was exceeded. */
  stop(reason: string): never {
    const bomb = this.options.stopRule === 'archive-bomb';
    const message = bomb
      ? `decompression bomb: ${reason}; reading stopped`
      : `limit exceeded: ${reason}; reading stopped`;
    this.problem(this.options.stopRule, bomb ? 'high' : 'medium', message);
    return this.fail(message);
  }

  /** Stops reading because the input is corrupt or unsupported; the first reason wins. */
  fail(message: string): never {
    this.fatal ??= message;
    throw new StopReading(this.fatal);
  }

  /** Records a fatal message without throwing (for errors caught after the walk). */
  setFatal(message: string): void {
    this.fatal ??= message;
  }

  result(): OpenedArchive {
    if (this.fatal !== undefined) {
      for (const entry of this.entries) {
        if (entry.type === 'file' && entry.data === undefined && entry.unreadReason === undefined) {
          entry.unreadReason = `reading stopped before this member was complete (${this.fatal})`;
        }
      }
    }
    const opened: OpenedArchive = { format: this.format, entries: this.entries, problems: this.problems };
    if (this.fatal !== undefined) opened.fatal = this.fatal;
    return opened;
  }
}
