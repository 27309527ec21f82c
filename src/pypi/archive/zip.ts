// Reads a zip (wheel, egg, zip sdist) in memory with yauzl: every member listed, names checked but never sanitised,
// declared sizes checked before inflating, actual sizes and CRC-32 checked after.

import zlib from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { ArchiveEntry, ExtractLimits, OpenedArchive } from '../../model/entries.ts';
import { ArchiveCollector, StopReading } from './collector.ts';
import { CorruptStream, feedBunzip, toBuffer } from '../../util/chunked-decompress.ts';
import { decodeZipLzma } from '../../util/zip-lzma.ts';
import { decodeZipName } from './zip-names.ts';

const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
const METHOD_BZIP2 = 12;
const METHOD_LZMA = 14;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Waits for the next central-directory entry; undefined at the end. */
function nextEntry(zipfile: ZipFile): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: Entry): void => {
      cleanup();
      resolve(entry);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(undefined);
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const cleanup = (): void => {
      zipfile.off('entry', onEntry);
      zipfile.off('end', onEnd);
      zipfile.off('error', onError);
    };
    zipfile.on('entry', onEntry);
    zipfile.on('end', onEnd);
    zipfile.on('error', onError);
    zipfile.readEntry();
  });
}

/** Reads a whole stream, failing once it passes `cap` bytes. */
async function readAll(stream: NodeJS.ReadableStream & { destroy(): void }, cap: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      length += chunk.length;
      if (length > cap) throw new Error(`more than the declared ${cap} bytes`);
      chunks.push(chunk);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks, length);
}

/** The member's uncompressed bytes; throws with a reason when they cannot be had. */
async function inflate(zipfile: ZipFile, entry: Entry): Promise<Buffer> {
  if (entry.compressionMethod !== METHOD_BZIP2 && entry.compressionMethod !== METHOD_LZMA) {
    return readAll(await zipfile.openReadStreamPromise(entry), entry.uncompressedSize);
  }
  const raw = await readAll(
    await zipfile.openReadStreamPromise(entry, { decodeFileData: false }),
    entry.compressedSize,
  );
  if (entry.compressionMethod === METHOD_LZMA) {
    const data = decodeZipLzma(raw, entry.uncompressedSize);
    if (data.length !== entry.uncompressedSize)
      throw new Error(`${data.length} bytes instead of the declared ${entry.uncompressedSize}`);
    return data;
  }
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    feedBunzip(raw, (chunk) => {
      length += chunk.length;
      if (length > entry.uncompressedSize) throw new Error(`more than the declared ${entry.uncompressedSize} bytes`);
      chunks.push(Buffer.from(chunk));
    });
  } catch (error) {
    throw error instanceof CorruptStream ? new Error(error.message.replace(/^corrupt /, '')) : error;
  }
  if (length !== entry.uncompressedSize)
    throw new Error(`${length} bytes instead of the declared ${entry.uncompressedSize}`);
  return Buffer.concat(chunks, length);
}

function unreadable(entry: ArchiveEntry, collector: ArchiveCollector, rule: string, reason: string): void {
  entry.unreadReason = reason;
  collector.problem(rule, 'medium', `member not read: ${reason}`, entry.path);
}

async function readMember(zipfile: ZipFile, raw: Entry, collector: ArchiveCollector): Promise<void> {
  const path = decodeZipName(raw.fileNameRaw, raw.generalPurposeBitFlag);
  const isSymlink = ((raw.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK;
  const type = path.endsWith('/') ? 'directory' : isSymlink ? 'symlink' : 'file';
  const entry: ArchiveEntry = { path, type, size: raw.uncompressedSize };
  collector.add(entry);
  if (type === 'directory') return;

  if (raw.isEncrypted()) return unreadable(entry, collector, 'archive-encrypted-entry', 'encrypted');
  const method = raw.compressionMethod;
  if (method !== METHOD_STORED && method !== METHOD_DEFLATED && method !== METHOD_BZIP2 && method !== METHOD_LZMA) {
    return unreadable(entry, collector, 'archive-unsupported-compression', `unsupported compression method ${method}`);
  }
  if (raw.uncompressedSize > collector.limits.maxEntryBytes) {
    collector.countDeclared(raw.uncompressedSize);
    return collector.overEntryCap(entry);
  }
  collector.countBytes(raw.uncompressedSize);

  let data: Buffer;
  try {
    data = await inflate(zipfile, raw);
  } catch (error) {
    return unreadable(entry, collector, 'archive-corrupt-entry', `corrupt data: ${(error as Error).message}`);
  }
  const crc = zlib.crc32(data) >>> 0;
  if (crc !== raw.crc32 >>> 0) {
    const hex = (n: number): string => n.toString(16).padStart(8, '0');
    return unreadable(
      entry,
      collector,
      'archive-corrupt-entry',
      `CRC-32 mismatch (stored ${hex(raw.crc32)}, data ${hex(crc)})`,
    );
  }
  if (type === 'symlink') {
    entry.linkTarget = data.toString('utf8');
    collector.problem('archive-symlink', 'medium', `symbolic link to ${JSON.stringify(entry.linkTarget)}`, path);
    return;
  }
  entry.data = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function zipMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/end of central directory record signature not found/i.test(message)) {
    return 'end of central directory not found (not a zip file, or truncated)';
  }
  return message.charAt(0).toLowerCase() + message.slice(1);
}

export async function readZip(bytes: Uint8Array, limits: ExtractLimits): Promise<OpenedArchive> {
  const collector = new ArchiveCollector('zip', limits, {
    compressedSize: bytes.length,
    stopRule: 'archive-bomb',
    checkNames: true,
  });
  let zipfile: ZipFile | undefined;
  try {
    zipfile = await yauzl.fromBufferPromise(toBuffer(bytes), {
      lazyEntries: true,
      decodeStrings: false,
      validateEntrySizes: true,
      autoClose: false,
    });
    // Errors yauzl emits between our reads must not go unhandled; nextEntry reports the ones that matter.
    zipfile.on('error', () => {});
    for (let raw = await nextEntry(zipfile); raw !== undefined; raw = await nextEntry(zipfile)) {
      await readMember(zipfile, raw, collector);
    }
  } catch (error) {
    if (!(error instanceof StopReading)) collector.setFatal(`corrupt zip: ${zipMessage(error)}`);
  } finally {
    zipfile?.close();
  }
  return collector.result();
}
