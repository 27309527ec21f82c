// Decodes a zip member stored with method 14 (LZMA), which Python's zipfile (and so pip) reads: per APPNOTE 5.8.8
// the data starts with a 2-byte LZMA SDK version, a 2-byte properties size and the 5-byte properties (lc/lp/pb and
// the dictionary size); the raw LZMA stream follows. It is handed to LZMA-JS as a .lzma stream (the 5 properties,
// then the 8-byte uncompressed size from the zip directory), so decoding stops at the declared size.
import { createRequire } from 'node:module';

const { decompress } = createRequire(import.meta.url)('lzma') as {
  decompress: (bytes: Uint8Array) => string | number[];
};

export function decodeZipLzma(raw: Uint8Array, uncompressedSize: number): Buffer {
  if (raw.length < 4) throw new Error('LZMA header truncated');
  const propertiesSize = raw[2] | (raw[3] << 8);
  if (propertiesSize !== 5 || raw.length < 9)
    throw new Error(`LZMA properties of ${propertiesSize} bytes (5 expected)`);
  const header = Buffer.alloc(13);
  header.set(raw.subarray(4, 9), 0);
  header.writeBigUInt64LE(BigInt(uncompressedSize), 5);
  const output = decompress(Buffer.concat([header, raw.subarray(9)]));
  // LZMA-JS hands back text when the bytes read as UTF-8, else the bytes (signed); the caller's CRC check
  // catches any byte the text round trip would change
  return typeof output === 'string' ? Buffer.from(output, 'utf8') : Buffer.from(output.map((byte) => byte & 255));
}
