// What the extract stage hands to the analysis stage: the members of an archive or folder, read in memory.

import { createHash } from 'node:crypto';

export type EntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export interface ArchiveEntry {
  /** The member name exactly as stored (forward slashes), never sanitised. */
  path: string;
  type: EntryType;
  /** Uncompressed size as declared (or as read, when the declaration lied). */
  size: number;
  /**
   * The bytes, when the entry is a regular file that was read within the limits. A large zip's member is inflated
   * again on each read (src/pypi/archive/held-members.ts): test the path first, read `data` once, do not keep it.
   */
  data?: Uint8Array;
  /**
   * A member whose bytes are not kept (a large zip's): its first HEAD_BYTES bytes (all of them when shorter), taken
   * when it was read, so that classifying it does not inflate it again. Absent when `data` is kept or unread, and
   * past the archive's budget for heads.
   */
  head?: Uint8Array;
  /** The same member's sha256 (hex), taken when it was read, so that hashing it does not inflate it again. */
  sha256?: string;
  /** Symlink or hardlink target, as stored. */
  linkTarget?: string;
  /** Why the bytes were not read (limit, encryption, CRC mismatch...). */
  unreadReason?: string;
}

/** The bytes kept of the start of a member whose bytes are not kept (`head`): what classifying a member reads. */
export const HEAD_BYTES = 4096;

/** Whether the member's bytes were read, without reading them (a large zip's member would be inflated again). */
export function hasBytes(entry: ArchiveEntry): boolean {
  return entry.head !== undefined || entry.sha256 !== undefined || entry.data !== undefined;
}

/** The member's sha256 (hex): the one its reader took, else of its bytes; undefined when they were not read. */
export function memberSha256(entry: ArchiveEntry): string | undefined {
  if (entry.sha256 !== undefined) return entry.sha256;
  const data = entry.data;
  return data && createHash('sha256').update(data).digest('hex');
}

/** Something wrong with the archive itself; becomes a target-level finding. */
export interface ArchiveProblem {
  /** Rule id, e.g. 'archive-path-traversal', 'archive-bomb', 'archive-symlink', 'archive-duplicate'. */
  rule: string;
  severity: 'info' | 'low' | 'medium' | 'high' | 'critical';
  message: string;
  path?: string;
}

export interface ExtractLimits {
  /** Total uncompressed bytes read over the whole archive. */
  maxTotalBytes: number;
  /** Uncompressed bytes of one member. */
  maxEntryBytes: number;
  maxEntries: number;
  /** Uncompressed/compressed ratio above which the archive is treated as a bomb. */
  maxRatio: number;
}

export const DEFAULT_LIMITS: ExtractLimits = {
  maxTotalBytes: 512 * 1024 * 1024,
  maxEntryBytes: 64 * 1024 * 1024,
  maxEntries: 100_000,
  maxRatio: 200,
};

export type ArchiveFormat = 'zip' | 'tar' | 'tar.gz' | 'tar.bz2' | 'tar.xz' | 'directory' | 'file';

export interface OpenedArchive {
  format: ArchiveFormat;
  entries: ArchiveEntry[];
  problems: ArchiveProblem[];
  /** Set when the archive could not be read at all (corrupt, truncated, unsupported); entries may be partial. */
  fatal?: string;
  /**
   * Frees memory held for the members' bytes, to call once nobody holds them (their data stays readable): set by
   * readers that keep inflated members (zip).
   */
  release?: () => void;
}
