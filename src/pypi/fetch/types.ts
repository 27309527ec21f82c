// The value the fetch stage hands to the open stage: the bytes of one distribution file, with how they were checked.

import type { DistFile } from '../index/types.ts';

export interface Artifact {
  file: DistFile;
  bytes: Uint8Array;
  /** sha256 of `bytes`, lower-case hex. */
  sha256: string;
  fromCache: boolean;
  /** True when `sha256` equals the digest the index announced; false when the index gave none (unverified). */
  verified: boolean;
}
