// Byte-for-byte deterministic zip and gzipped-ustar writers for test distributions (fixed mtime, owner 0, given order).
// Synchronous on purpose, so a test can build a wheel or sdist in one expression.

import { crc32, deflateRawSync, gzipSync } from 'node:zlib';

export interface ArchiveMember {
  path: string;
  data: Uint8Array;
  /** Unix permission bits; 0o644 unless given. */
  mode?: number;
}

/** 2020-02-02 00:00:00 UTC, the time stamp of every member. */
export const FIXED_MTIME = new Date(Date.UTC(2020, 1, 2, 0, 0, 0));

const DOS_DATE =
  ((FIXED_MTIME.getUTCFullYear() - 1980) << 9) | ((FIXED_MTIME.getUTCMonth() + 1) << 5) | FIXED_MTIME.getUTCDate();
const DOS_TIME = 0;
const UTF8_FLAG = 0x0800;

/** A zip archive (deflate, one member per entry, no extra fields) holding the members in the given order. */
export function writeZip(members: ArchiveMember[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const name = Buffer.from(member.path, 'utf8');
    const compressed = deflateRawSync(member.data, { level: 9 });
    const crc = crc32(member.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_FLAG, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(member.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the external attributes carry the mode
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_FLAG, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(member.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((0o100000 | (member.mode ?? 0o644)) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const BLOCK = 512;
const RECORD = 20 * BLOCK;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** Splits a path into ustar's prefix (≤155) and name (≤100) fields. */
function splitUstarPath(path: string): { prefix: string; name: string } {
  if (Buffer.byteLength(path) <= 100) return { prefix: '', name: path };
  for (let cut = path.indexOf('/'); cut !== -1; cut = path.indexOf('/', cut + 1)) {
    const prefix = path.slice(0, cut);
    const name = path.slice(cut + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { prefix, name };
  }
  throw new Error(`path too long for a ustar header: ${path}`);
}

function ustarHeader(member: ArchiveMember): Buffer {
  const header = Buffer.alloc(BLOCK);
  const { prefix, name } = splitUstarPath(member.path);
  header.write(name, 0, 100, 'utf8');
  header.write(octal(member.mode ?? 0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(member.data.length, 12), 124, 'ascii');
  header.write(octal(Math.floor(FIXED_MTIME.getTime() / 1000), 12), 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write('0', 156, 'ascii');
  header.write('ustar\0' + '00', 257, 'ascii');
  header.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return header;
}

/** A gzipped ustar archive of regular files (owner 0:0, fixed mtime, gzip header mtime 0), padded to 10 KiB records. */
export function writeTarGz(members: ArchiveMember[]): Uint8Array {
  const parts: Buffer[] = [];
  let length = 0;
  for (const member of members) {
    const padding = (BLOCK - (member.data.length % BLOCK)) % BLOCK;
    parts.push(ustarHeader(member), Buffer.from(member.data), Buffer.alloc(padding));
    length += BLOCK + member.data.length + padding;
  }
  length += 2 * BLOCK;
  const total = Math.ceil(length / RECORD) * RECORD;
  parts.push(Buffer.alloc(total - length + 2 * BLOCK));
  return new Uint8Array(gzipSync(Buffer.concat(parts), { level: 9 }));
}
