// Reads a tar, tar.gz or tar.bz2 archive in memory with tar@7's strict Parser, fed in 64 KiB slices after our own
// decompression, so every uncompressed byte is counted against the limits before the parser sees it.

import { Parser, type ReadEntry } from 'tar';
import type { ArchiveEntry, EntryType, ExtractLimits, OpenedArchive } from '../../model/entries.ts';
import { ArchiveCollector, StopReading } from './collector.ts';
import {
  CorruptStream,
  feedBunzip,
  feedGunzip,
  feedPlain,
  feedUnxz,
  type ChunkSink,
} from '../../util/chunked-decompress.ts';

export type TarKind = 'tar' | 'tar.gz' | 'tar.bz2' | 'tar.xz';

const TYPES: Record<string, EntryType> = {
  File: 'file',
  OldFile: 'file',
  ContiguousFile: 'file',
  Directory: 'directory',
  GNUDumpDir: 'directory',
  SymbolicLink: 'symlink',
  Link: 'hardlink',
};

/** Lists one tar member, flags links and special files, and collects its bytes within the per-entry cap. */
function onMember(member: ReadEntry, collector: ArchiveCollector): void {
  const type = TYPES[member.type] ?? 'other';
  const entry: ArchiveEntry = { path: member.path, type, size: member.size };
  if (member.linkpath !== undefined) entry.linkTarget = member.linkpath;
  // Consume the body before anything can throw, or the parser waits for it forever.
  if (type !== 'file' || member.size > collector.limits.maxEntryBytes) member.resume();
  collector.add(entry);

  if (type === 'symlink') {
    collector.problem('archive-symlink', 'medium', `symbolic link to ${JSON.stringify(member.linkpath)}`, entry.path);
  } else if (type === 'hardlink') {
    collector.problem('archive-hardlink', 'medium', `hard link to ${JSON.stringify(member.linkpath)}`, entry.path);
  } else if (type === 'other') {
    collector.problem('archive-special-file', 'medium', `special file of tar type ${member.type}`, entry.path);
  }
  if (type !== 'file') return;
  if (member.size > collector.limits.maxEntryBytes) {
    collector.overEntryCap(entry);
    return;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  member.on('data', (chunk: Buffer) => {
    received += chunk.length;
    chunks.push(chunk);
  });
  member.on('end', () => {
    if (received === member.size) {
      const data = Buffer.concat(chunks, received);
      entry.data = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    } else entry.unreadReason = `truncated: ${received} of ${member.size} bytes present`;
  });
}

/** A tar parser whose input is counted: `write` throws StopReading on a limit or a parse error. */
function countingParser(collector: ArchiveCollector): { write: ChunkSink; finish: () => Promise<void> } {
  let parseError: Error | undefined;
  let sawEndMarker = false;
  let done = false;
  const parser = new Parser({
    strict: true,
    // Our own decompression already counted every byte; the data handed over is plain tar.
    maxDecompressionRatio: Number.POSITIVE_INFINITY,
    brotli: false,
    zstd: false,
    onReadEntry: (member) => onMember(member, collector),
  });
  parser.on('eof', () => (sawEndMarker = true));
  parser.on('end', () => (done = true));

  let first = true;
  const check = (): void => {
    if (parseError === undefined) return;
    // An archive holding nothing but its end marker is valid (tar reports it as unrecognised).
    if (sawEndMarker && collector.entryCount === 0 && /Unrecognized archive format/.test(parseError.message)) {
      return;
    }
    collector.fail(`corrupt tar: ${tarMessage(parseError)}`);
  };
  // Stop at the first bad header, as Python's tarfile does: nothing after it would be installed.
  parser.on('error', (error: Error) => {
    parseError ??= error;
    check();
  });
  return {
    write(chunk) {
      if (first) {
        first = false;
        // tar's parser would silently inflate a gzip inside the stream; Python's tarfile would not.
        if (chunk[0] === 0x1f && chunk[1] === 0x8b)
          collector.fail('corrupt tar: the decompressed data is gzip again, not tar');
      }
      // Parse what fits under the total limit before stopping, so members before the limit are kept.
      const allowed = collector.limits.maxTotalBytes - collector.totalBytes;
      if (chunk.length > allowed) {
        parser.write(chunk.subarray(0, Math.max(allowed, 0)));
        check();
      }
      collector.countBytes(chunk.length);
      parser.write(chunk);
      check();
    },
    async finish() {
      parser.end();
      check();
      // The parser ends synchronously on plain input; give it one turn of the event loop, never an open-ended wait.
      if (!done) await new Promise((resolve) => setImmediate(resolve));
      check();
      if (!done) collector.fail('corrupt tar: the archive did not end cleanly');
      if (!sawEndMarker) collector.fail('corrupt tar: unexpected end of data (truncated: no end-of-archive marker)');
    },
  };
}

function tarMessage(error: Error): string {
  const message = error.message.replace(/^TAR_[A-Z_]+: /, '');
  if (/Unrecognized archive format/.test(message)) return 'not a tar archive (no valid header)';
  if (/Truncated input/.test(message)) return `unexpected end of data (truncated): ${message}`;
  return message;
}

export async function readTar(bytes: Uint8Array, kind: TarKind, limits: ExtractLimits): Promise<OpenedArchive> {
  const collector = new ArchiveCollector(kind, limits, {
    compressedSize: kind === 'tar' ? undefined : bytes.length,
    stopRule: 'archive-bomb',
    checkNames: true,
  });
  try {
    const parser = countingParser(collector);
    if (kind === 'tar.gz') await feedGunzip(bytes, parser.write);
    else if (kind === 'tar.bz2') feedBunzip(bytes, parser.write);
    else if (kind === 'tar.xz') await feedUnxz(bytes, parser.write);
    else feedPlain(bytes, parser.write);
    await parser.finish();
  } catch (error) {
    if (error instanceof CorruptStream) collector.setFatal(error.message);
    else if (!(error instanceof StopReading)) collector.setFatal(`corrupt tar: ${(error as Error).message}`);
  }
  return collector.result();
}
