// Where an open zip's inflated members live. Each member is inflated and verified once when the archive is opened; a
// small archive keeps every member's bytes until it is released, a large one (botocore: 80 MB inflated from 10 MB)
// keeps none and inflates a member again each time it is read, so it is never held inflated whole. Of a large
// archive's member it keeps the first bytes and the digest, which the package checks read of every member: those
// passes then inflate nothing (botocore's 78 MB of JSON were inflated four times, the garbage of a large main heap).
// The first bytes kept are bounded too (an archive of many small members would be kept whole in its heads).

import { createHash } from 'node:crypto';
import { type ArchiveEntry, HEAD_BYTES } from '../../model/entries.ts';

/**
 * Inflated bytes an archive may keep: nearly every wheel fits. The analysis reads a large archive's members in
 * several passes, each over the whole archive, so keeping part of it would save nothing.
 */
export const HELD_BYTES = 16 * 1024 * 1024;

/** Bytes of members' heads an archive whose bytes are not kept may keep (botocore's take 4 MB); then none. */
export const HEAD_BUDGET = 8 * 1024 * 1024;

export class HeldMembers {
  private readonly held = new Map<ArchiveEntry, Uint8Array>();
  private readonly keeps: boolean;
  private headBytes = 0;

  /** `inflatedBytes`: what every member of the archive inflates to (declared sizes). */
  constructor(
    inflatedBytes: number,
    budget = HELD_BYTES,
    private readonly headBudget = HEAD_BUDGET,
  ) {
    this.keeps = inflatedBytes <= budget;
  }

  /**
   * Gives the entry a `data` that returns its bytes: the verified `data` while it is kept, else `inflate()` again
   * (the same compressed bytes, already checked against the CRC and the sizes), with its `sha256` and, within the
   * head budget, its `head`.
   */
  attach(entry: ArchiveEntry, data: Uint8Array, inflate: () => Uint8Array): void {
    if (this.keeps) this.held.set(entry, data);
    else {
      entry.sha256 = createHash('sha256').update(data).digest('hex');
      const head = Math.min(data.length, HEAD_BYTES);
      // past the budget a member has no head: whoever classifies it reads its bytes (inflated again)
      if (this.headBytes + head <= this.headBudget) {
        entry.head = data.slice(0, head);
        this.headBytes += head;
      }
    }
    Object.defineProperty(entry, 'data', {
      enumerable: true,
      configurable: true,
      get: (): Uint8Array => {
        const kept = this.held.get(entry);
        // a kept buffer transferred to a worker, or released, is detached (length 0): inflated again, never read empty
        if (kept && kept.length === entry.size) return kept;
        const bytes = inflate();
        if (kept) this.held.set(entry, bytes);
        return bytes;
      },
      // bytes given by whoever owns the entry replace the kept ones, as on a plain entry
      set: (value: Uint8Array | undefined): void => {
        this.held.delete(entry);
        delete entry.head;
        delete entry.sha256;
        Object.defineProperty(entry, 'data', { value, writable: true, enumerable: true, configurable: true });
      },
    });
  }

  /**
   * Frees the kept bytes now, once nobody holds a member's bytes any more: they are handed to a new, short-lived
   * owner, so that the next minor collection frees them instead of the next full one (kept bytes live long enough to
   * reach V8's old generation, which a process doing little else collects rarely). Members stay readable.
   */
  release(): void {
    for (const bytes of this.held.values()) {
      // only a buffer of its own: a small one shares Node's pool with other buffers
      if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength)
        structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
    }
    this.held.clear();
  }
}
