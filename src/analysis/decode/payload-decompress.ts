// Bounded decompressors for zlib/deflate, gzip, bz2 and xz: a bomb stops at the output cap with a LayerError, never grows unbounded.

import { inflateRawSync, inflateSync, gunzipSync } from 'node:zlib';
import { feedBunzip } from '../../util/chunked-decompress.ts';
import { LayerError } from './types.ts';
import { decodeXzSync } from './xz-sync.ts';

export function isZlibHeader(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && (bytes[0] & 0x0f) === 8 && bytes[0] >> 4 <= 7 && ((bytes[0] << 8) | bytes[1]) % 31 === 0;
}
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 8;
}
export function isBzip2(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x42 &&
    bytes[1] === 0x5a &&
    bytes[2] === 0x68 &&
    bytes[3] >= 0x31 &&
    bytes[3] <= 0x39
  );
}
const XZ_MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
export function isXz(bytes: Uint8Array): boolean {
  return bytes.length >= 6 && XZ_MAGIC.every((b, i) => bytes[i] === b);
}
/** The legacy .lzma ("alone") header: properties byte 0x5d and a dictionary size, as lzma.FORMAT_ALONE writes it. */
export function isLzmaAlone(bytes: Uint8Array): boolean {
  return bytes.length >= 13 && bytes[0] === 0x5d && bytes[1] === 0x00 && bytes[2] === 0x00;
}

function bomb(cap: number): LayerError {
  return new LayerError(`decompressed output exceeds ${cap} bytes (decompression bomb or oversized payload)`, true);
}

function zlibCall(run: () => Buffer, cap: number, what: string): Uint8Array {
  try {
    return new Uint8Array(run());
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) throw bomb(cap);
    throw new LayerError(`not ${what} data: ${(error as Error).message}`);
  }
}

/** zlib.decompress with any wbits: a zlib stream, a gzip stream (wbits 16+), or raw deflate (negative wbits). */
export function inflateAny(bytes: Uint8Array, cap: number): Uint8Array {
  const options = { maxOutputLength: cap };
  if (isGzip(bytes)) return zlibCall(() => gunzipSync(bytes, options), cap, 'gzip');
  if (isZlibHeader(bytes)) return zlibCall(() => inflateSync(bytes, options), cap, 'zlib');
  return zlibCall(() => inflateRawSync(bytes, options), cap, 'deflate');
}

export function gunzip(bytes: Uint8Array, cap: number): Uint8Array {
  if (!isGzip(bytes)) throw new LayerError('not gzip data: bad magic');
  return zlibCall(() => gunzipSync(bytes, { maxOutputLength: cap }), cap, 'gzip');
}

/** bz2.decompress (multi-stream), stopping at the cap; the streaming decoder is the archive reader's. */
export function bunzip2(bytes: Uint8Array, cap: number): Uint8Array {
  if (!isBzip2(bytes)) throw new LayerError('not bz2 data: bad magic');
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    feedBunzip(bytes, (chunk) => {
      total += chunk.length;
      if (total > cap) throw bomb(cap);
      chunks.push(Buffer.from(chunk));
    });
  } catch (error) {
    if (error instanceof LayerError) throw error;
    throw new LayerError(`not bz2 data: ${(error as Error).message}`);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** lzma.decompress of the .xz container (xz-embedded in WebAssembly, see xz-sync.ts). The legacy .lzma format is not supported. */
export function unxz(bytes: Uint8Array, cap: number): Uint8Array {
  if (isLzmaAlone(bytes)) throw new LayerError('lzma FORMAT_ALONE (.lzma) payloads are not supported; only .xz');
  if (!isXz(bytes)) throw new LayerError('not xz data: bad magic');
  const outcome = decodeXzSync(bytes, cap);
  if ('overCap' in outcome) throw bomb(cap);
  if ('error' in outcome) throw new LayerError(`not xz data: ${outcome.error}`);
  return outcome.bytes;
}
