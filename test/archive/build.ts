// Builds archives in memory for the archive tests: normal zips with yazl, hostile zips and tars byte by byte.

import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import yazl from 'yazl';

export interface ZipInput {
  name: string;
  data: string | Buffer;
  /** Unix mode, e.g. 0o120777 for a symlink. */
  mode?: number;
  compress?: boolean;
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** A well-formed zip made by yazl. */
export async function yazlZip(files: ZipInput[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const file of files) {
    if (file.name.endsWith('/')) {
      zip.addEmptyDirectory(file.name.slice(0, -1));
      continue;
    }
    const options: Partial<yazl.Options> = { compress: file.compress ?? true, mtime: new Date(0) };
    if (file.mode !== undefined) options.mode = file.mode;
    zip.addBuffer(Buffer.from(file.data), file.name, options);
  }
  zip.end();
  return collect(zip.outputStream);
}

/** Replaces every occurrence of `from` with `to` (same length): names yazl refuses to write, patched in afterwards. */
export function patchBytes(buffer: Uint8Array, from: string | Uint8Array, to: string | Uint8Array): Buffer {
  const a = Buffer.from(from);
  const b = Buffer.from(to);
  if (a.length !== b.length) throw new Error('patchBytes needs equal lengths');
  const out = Buffer.from(buffer);
  let found = 0;
  for (let at = out.indexOf(a); at !== -1; at = out.indexOf(a, at + 1)) {
    b.copy(out, at);
    found++;
  }
  if (found === 0) throw new Error(`patchBytes: ${a.toString('latin1')} not found`);
  return out;
}

/** Offset of the central-directory header of the n-th entry (0-based). */
export function centralHeaderOffset(zip: Buffer, index: number): number {
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  let at = zip.indexOf(signature);
  for (let i = 0; i < index; i++) at = zip.indexOf(signature, at + 4);
  if (at === -1) throw new Error('central header not found');
  return at;
}

/** Offset of the local header of the n-th entry (0-based). */
export function localHeaderOffset(zip: Buffer, index: number): number {
  return zip.readUInt32LE(centralHeaderOffset(zip, index) + 42);
}

export interface RawZipEntry {
  name: string;
  method: 0 | 8;
  crc32: number;
  compressed: Buffer;
  uncompressedSize: number;
}

/** A zip assembled by hand from already-compressed data (for bombs whose plain bytes never exist in memory). */
export function rawZip(entries: RawZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.crc32 >>> 0, 14);
    local.writeUInt32LE(entry.compressed.length, 18);
    local.writeUInt32LE(entry.uncompressedSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.crc32 >>> 0, 16);
    central.writeUInt32LE(entry.compressed.length, 20);
    central.writeUInt32LE(entry.uncompressedSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.compressed);
    centrals.push(central, name);
    offset += local.length + name.length + entry.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Compresses `total` zero bytes (raw deflate or gzip) without ever holding them, plus their CRC-32. */
export async function compressZeros(
  total: number,
  kind: 'deflate-raw' | 'gzip',
  prefix: Uint8Array = new Uint8Array(0),
  suffix: Uint8Array = new Uint8Array(0),
): Promise<{ compressed: Buffer; crc32: number }> {
  const block = Buffer.alloc(1024 * 1024);
  let crc = 0;
  function* source(): Generator<Uint8Array> {
    yield prefix;
    for (let left = total; left > 0; left -= block.length) {
      const piece = left >= block.length ? block : block.subarray(0, left);
      crc = zlib.crc32(piece, crc);
      yield piece;
    }
    yield suffix;
  }
  const compressor = kind === 'gzip' ? zlib.createGzip({ level: 9 }) : zlib.createDeflateRaw({ level: 9 });
  const compressed = await collect(Readable.from(source()).pipe(compressor));
  return { compressed, crc32: crc };
}

export interface TarInput {
  name: string;
  data?: string | Buffer;
  /** ustar type flag: '0' file, '1' hard link, '2' symlink, '3' char device, '4' block device, '5' directory, '6' FIFO. */
  type?: string;
  linkname?: string;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** One ustar header block. */
export function tarHeader(name: string, size: number, type = '0', linkname = ''): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write(octal(type === '5' ? 0o755 : 0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(size, 12), 124, 'ascii');
  header.write(octal(0, 12), 136, 'ascii');
  header.write(type, 156, 'ascii');
  header.write(linkname, 157, 100, 'utf8');
  header.write('ustar\u000000', 257, 'ascii');
  header.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(octal(sum, 7) + ' ', 148, 'ascii');
  return header;
}

function padTo512(data: Buffer): Buffer {
  const rest = data.length % 512;
  return rest === 0 ? data : Buffer.concat([data, Buffer.alloc(512 - rest)]);
}

/** A plain ustar archive, written by hand so every name, type and link is exactly as given. */
export function makeTar(entries: TarInput[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? '');
    blocks.push(tarHeader(entry.name, data.length, entry.type ?? '0', entry.linkname ?? ''), padTo512(data));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}
