// Tells an archive's format from its first bytes, and what format its file name promises.

export type ArchiveKind = 'zip' | 'tar' | 'tar.gz' | 'tar.bz2' | 'tar.xz';

/** Formats we recognise by magic bytes but cannot read. */
export type UnsupportedKind = 'zstd' | '7z' | 'rar';

const NAME_SUFFIXES: [string, ArchiveKind][] = [
  ['.whl', 'zip'],
  ['.egg', 'zip'],
  ['.zip', 'zip'],
  ['.tar.gz', 'tar.gz'],
  ['.tgz', 'tar.gz'],
  ['.tar.bz2', 'tar.bz2'],
  ['.tbz2', 'tar.bz2'],
  ['.tbz', 'tar.bz2'],
  ['.tar.xz', 'tar.xz'],
  ['.txz', 'tar.xz'],
  ['.tar', 'tar'],
];

/** The format a file name promises, or undefined when the name is not an archive name. */
export function kindFromName(filename: string): ArchiveKind | undefined {
  const lower = filename.toLowerCase();
  return NAME_SUFFIXES.find(([suffix]) => lower.endsWith(suffix))?.[1];
}

/** True when the file name ends like an archive we can open (.whl, .egg, .zip, .tar.gz, .tgz, .tar.bz2, .tar). */
export function isArchiveName(filename: string): boolean {
  return kindFromName(filename) !== undefined;
}

function startsWith(bytes: Uint8Array, magic: number[], offset = 0): boolean {
  if (bytes.length < offset + magic.length) return false;
  return magic.every((b, i) => bytes[offset + i] === b);
}

/** True when bytes 257..262 hold the POSIX "ustar" magic (GNU tar writes "ustar  "). */
function hasUstarMagic(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x75, 0x73, 0x74, 0x61, 0x72], 257);
}

/** The format the bytes are in, by magic number; 'unknown' when nothing matches. */
export function kindFromMagic(bytes: Uint8Array): ArchiveKind | UnsupportedKind | 'unknown' {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'tar.gz';
  if (startsWith(bytes, [0x42, 0x5a, 0x68])) return 'tar.bz2';
  if (startsWith(bytes, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'tar.xz';
  if (startsWith(bytes, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd';
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  if (startsWith(bytes, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])) return 'rar';
  if (hasUstarMagic(bytes)) return 'tar';
  return 'unknown';
}
