// Reading a response body in full, hashing it on the way, and refusing to read past a size limit.

import { createHash } from 'node:crypto';
import { FetchError } from './errors.ts';
import { plainBytes } from '../../util/bytes.ts';

export interface ReadBody {
  bytes: Uint8Array;
  sha256: string;
}

export async function readBounded(body: AsyncIterable<Uint8Array>, limit: number, url: string): Promise<ReadBody> {
  const hash = createHash('sha256');
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge(url, limit);
    hash.update(chunk);
    chunks.push(chunk);
  }
  return { bytes: plainBytes(Buffer.concat(chunks, size)), sha256: hash.digest('hex') };
}

export function tooLarge(url: string, limit: number): FetchError {
  return new FetchError('too-large', url, `${url}: larger than the limit of ${formatBytes(limit)}`);
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Math.round(mib * 10) / 10} MiB` : `${bytes} bytes`;
}
