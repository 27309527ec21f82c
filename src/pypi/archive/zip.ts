// Reads a zip (wheel, egg, zip sdist) in memory with yauzl: every member listed, names checked but never sanitised,
// declared sizes checked before inflating, actual sizes and CRC-32 checked after. Members are inflated from the
// archive buffer one at a time; their bytes are kept within a budget and inflated again when read later
// (held-members.ts), so a large archive is never held inflated whole.

import zlib from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { ArchiveEntry, ExtractLimits, OpenedArchive } from '../../model/entries.ts';
import { ArchiveCollector, StopReading } from './collector.ts';
import { CorruptStream, feedBunzip, toBuffer } from '../../util/chunked-decompress.ts';
import { decodeZipLzma } from '../../util/zip-lzma.ts';
import { decodeZipName } from './zip-names.ts';
import { HeldMembers } from './held-members.ts';
import { plainBytes } from '../../util/bytes.ts';

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

/** A member's uncompressed bytes from its compressed ones; throws with a reason when they cannot be had. */
function inflate(compressed: Buffer, entry: Entry): Buffer {
  const size = entry.uncompressedSize;
  let data: Buffer;
  if (entry.compressionMethod === METHOD_STORED) {
    // a copy: a view would keep the whole archive alive for as long as anyone holds the member
    data = Buffer.from(compressed);
  } else if (entry.compressionMethod === METHOD_DEFLATED) {
    try {
      // one output chunk of the declared size: no 16 KiB backing store behind each small member
      data = zlib.inflateRawSync(compressed, { maxOutputLength: Math.max(size, 1), chunkSize: Math.max(size, 64) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        throw new Error(`more than the declared ${size} bytes`);
      throw error;
    }
  } else if (entry.compressionMethod === METHOD_LZMA) {
    data = decodeZipLzma(compressed, size);
  } else {
    data = bunzip(compressed, size);
  }
  if (data.length !== size) throw new Error(`${data.length} bytes instead of the declared ${size}`);
  return data;
}

/** A bzip2 member's bytes, never more than its declared size. */
function bunzip(compressed: Buffer, size: number): Buffer {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    feedBunzip(compressed, (chunk) => {
      length += chunk.length;
      if (length > size) throw new Error(`more than the declared ${size} bytes`);
      chunks.push(Buffer.from(chunk));
    });
  } catch (error) {
    throw error instanceof CorruptStream ? new Error(error.message.replace(/^corrupt /, '')) : error;
  }
  return Buffer.concat(chunks, length);
}

function unreadable(entry: ArchiveEntry, collector: ArchiveCollector, rule: string, reason: string): void {
  entry.unreadReason = reason;
  collector.problem(rule, 'medium', `member not read: ${reason}`, entry.path);
}

async function readMember(
  zipfile: ZipFile,
  archive: Buffer,
  raw: Entry,
  collector: ArchiveCollector,
  held: HeldMembers,
): Promise<void> {
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

  let compressed: Buffer;
  let data: Buffer;
  try {
    const { fileDataStart } = await zipfile.readLocalFileHeaderPromise(raw, { minimal: true });
    compressed = archive.subarray(fileDataStart, fileDataStart + raw.compressedSize);
    data = inflate(compressed, raw);
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
  held.attach(entry, plainBytes(data), () => plainBytes(inflate(compressed, raw)));
}

function zipMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/end of central directory record signature not found/i.test(message)) {
    return 'end of central directory not found (not a zip file, or truncated)';
  }
  return message.charAt(0).toLowerCase() + message.slice(1);
}

/** The central directory's entries, up to one past the entry limit; a listing error comes after those read before it. */
async function listEntries(zipfile: ZipFile, limit: number): Promise<{ raws: Entry[]; error?: unknown }> {
  const raws: Entry[] = [];
  try {
    for (let raw = await nextEntry(zipfile); raw !== undefined; raw = await nextEntry(zipfile)) {
      raws.push(raw);
      if (raws.length > limit) break;
    }
    return { raws };
  } catch (error) {
    return { raws, error };
  }
}

export async function readZip(bytes: Uint8Array, limits: ExtractLimits): Promise<OpenedArchive> {
  const collector = new ArchiveCollector('zip', limits, {
    compressedSize: bytes.length,
    stopRule: 'archive-bomb',
    checkNames: true,
  });
  let zipfile: ZipFile | undefined;
  let held: HeldMembers | undefined;
  try {
    const archive = toBuffer(bytes);
    zipfile = await yauzl.fromBufferPromise(archive, {
      lazyEntries: true,
      decodeStrings: false,
      validateEntrySizes: true,
      autoClose: false,
    });
    // Errors yauzl emits between our reads must not go unhandled; nextEntry reports the ones that matter.
    zipfile.on('error', () => {});
    // listed first: whether the members are kept depends on what they all inflate to
    const { raws, error } = await listEntries(zipfile, limits.maxEntries);
    held = new HeldMembers(raws.reduce((sum, raw) => sum + raw.uncompressedSize, 0));
    for (const raw of raws) await readMember(zipfile, archive, raw, collector, held);
    if (error !== undefined) throw error;
  } catch (error) {
    if (!(error instanceof StopReading)) collector.setFatal(`corrupt zip: ${zipMessage(error)}`);
  } finally {
    zipfile?.close();
  }
  const release = held ? held.release.bind(held) : undefined;
  return { ...collector.result(), ...(release && { release }) };
}
