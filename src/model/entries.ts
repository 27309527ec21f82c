// What the extract stage hands to the analysis stage: the members of an archive or folder, read in memory.

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
  /** Symlink or hardlink target, as stored. */
  linkTarget?: string;
  /** Why the bytes were not read (limit, encryption, CRC mismatch...). */
  unreadReason?: string;
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
