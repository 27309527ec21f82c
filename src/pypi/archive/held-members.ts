// Keeps the inflated bytes of an open zip's members within a byte budget. Each member is inflated and verified once
// when the archive is opened; a member read again after its bytes were dropped is inflated again from the compressed
// archive, so a large wheel (botocore: 80 MB inflated from 10 MB) never sits in memory whole.

import type { ArchiveEntry } from '../../model/entries.ts';

/** Inflated bytes kept per open archive: nearly every wheel fits whole; larger ones are inflated again when read. */
export const HELD_BYTES = 16 * 1024 * 1024;

export class HeldMembers {
  /** Oldest first: a read moves a member to the end, the budget drops from the start. */
  private readonly held = new Map<ArchiveEntry, { bytes: Uint8Array; length: number }>();
  private bytes = 0;

  constructor(private readonly budget = HELD_BYTES) {}

  /**
   * Gives the entry a `data` that returns its bytes: the verified `data` while it is held, else `inflate()` again
   * (the same compressed bytes, already checked against the CRC and the sizes).
   */
  attach(entry: ArchiveEntry, data: Uint8Array, inflate: () => Uint8Array): void {
    this.keep(entry, data);
    Object.defineProperty(entry, 'data', {
      enumerable: true,
      configurable: true,
      get: (): Uint8Array => {
        const kept = this.held.get(entry)?.bytes;
        if (kept) this.drop(entry);
        // a held buffer transferred to a worker is detached (length 0): inflated again, never read empty
        const bytes = kept && kept.length === entry.size ? kept : inflate();
        this.keep(entry, bytes);
        return bytes;
      },
      // bytes given by whoever owns the entry replace the held ones, as on a plain entry
      set: (value: Uint8Array | undefined): void => {
        this.drop(entry);
        Object.defineProperty(entry, 'data', { value, writable: true, enumerable: true, configurable: true });
      },
    });
  }

  private keep(entry: ArchiveEntry, bytes: Uint8Array): void {
    if (bytes.length > this.budget) return;
    this.held.set(entry, { bytes, length: bytes.length });
    this.bytes += bytes.length;
    for (const oldest of this.held.keys()) {
      if (this.bytes <= this.budget) break;
      this.drop(oldest);
    }
  }

  private drop(entry: ArchiveEntry): void {
    this.bytes -= this.held.get(entry)?.length ?? 0;
    this.held.delete(entry);
  }
}
