// Heuristics over decoded bytes and literal blobs: is it Python source, marshalled code, or an encoded blob worth decoding.

import { isBzip2, isGzip, isLzmaAlone, isXz, isZlibHeader } from './payload-decompress.ts';
import { decodeAscii85, decodeBase32, decodeBase64, decodeBase85 } from './text-codecs.ts';

/** A statement keyword at the start of a segment (a line, a ';' clause, or what follows the first ':' of one). */
const STATEMENT =
  /^\s*(import\s+[A-Za-z_][\w.]*|from\s+[\w.]+\s+import\s|def\s+\w+\s*\(|class\s+\w+\s*[(:]|exec\s*\(|eval\s*\(|__import__\s*\(|return\b|lambda\b[^:]*:|if\s+.+:\s*$|for\s+\w+(\s*,\s*\w+)*\s+in\s|while\s+.+:|try\s*:|with\s+.+:)/;
// starts only where a dotted name starts: with \b, each part of a.a.a.a... would rescan the rest (quadratic)
const CALL = /(?<![\w.])[A-Za-z_][\w.]*\s*\([^()\n]*\)/;
const ASSIGN = /(^|\n)\s*[A-Za-z_][\w.]*(\s*,\s*[A-Za-z_]\w*)*\s*=[^=]/;
/** A ';' that separates statements (`a();b()`), not fields of a data line (a glyph list's `Aacute;00C1`). */
const NEXT_STATEMENT = /;\s*[A-Za-z_][\w.]*\s*[(=[]/;

function printableRatio(text: string): number {
  if (text.length === 0) return 0;
  let printable = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 9 || c === 10 || c === 13 || (c >= 32 && c !== 127)) printable++;
  }
  return printable / [...text].length;
}

/**
 * Tests STATEMENT at the start of each segment only: every character is read a bounded number of times, where an
 * unanchored `if\s+.+:` is quadratic on a line of many "if"s.
 */
function hasStatement(text: string): boolean {
  for (const segment of text.split(/[\n;]/)) {
    if (STATEMENT.test(segment)) return true;
    const colon = segment.indexOf(':');
    if (colon >= 0 && STATEMENT.test(segment.slice(colon + 1))) return true;
  }
  return false;
}

/** True when the text reads as Python source: printable, with a statement keyword, or calls plus assignments. */
export function looksLikePython(text: string): boolean {
  const sample = text.slice(0, 64 * 1024);
  if (sample.trim().length < 4 || printableRatio(sample) < 0.97) return false;
  if (hasStatement(sample)) return true;
  return CALL.test(sample) && (ASSIGN.test(sample) || NEXT_STATEMENT.test(sample));
}

/** marshal.dumps(code) starts with TYPE_CODE ('c', with or without FLAG_REF) and a small argcount; a .pyc has a 16-byte header first. */
export function looksLikeMarshal(bytes: Uint8Array): boolean {
  const codeAt = (offset: number): boolean =>
    bytes.length >= offset + 24 &&
    (bytes[offset] === 0x63 || bytes[offset] === 0xe3) &&
    bytes[offset + 2] === 0 &&
    bytes[offset + 3] === 0 &&
    bytes[offset + 4] === 0 &&
    bytes[offset + 1] < 64;
  if (codeAt(0)) return true;
  // .pyc: 2-byte magic number followed by \r\n, then flags and either mtime+size or a hash.
  return bytes.length > 20 && bytes[2] === 0x0d && bytes[3] === 0x0a && codeAt(16);
}

/** Which compression a byte string starts with, if any. */
export function sniffCompression(bytes: Uint8Array): 'zlib' | 'gzip' | 'bz2' | 'lzma' | null {
  if (isGzip(bytes)) return 'gzip';
  if (isBzip2(bytes)) return 'bz2';
  if (isXz(bytes) || isLzmaAlone(bytes)) return 'lzma';
  if (isZlibHeader(bytes) && bytes.length > 8) return 'zlib';
  return null;
}

export type EncodedKind = 'base64' | 'base64url' | 'base32' | 'hex' | 'base85' | 'ascii85';

/** Shortest literal judged a blob: shorter strings are identifiers, hashes of constants, or words. */
export const MIN_BLOB_LENGTH = 24;

function decodes(decode: () => Uint8Array): boolean {
  try {
    return decode().length > 0;
  } catch {
    return false;
  }
}

function mixedCase(body: string): boolean {
  return /[a-z]/.test(body) && /[A-Z]/.test(body) && /[0-9]/.test(body);
}

/** Which encoding a long literal looks like (structure only, then a trial decode), or null for ordinary text. */
export function looksEncoded(s: string): EncodedKind | null {
  const body = s.replace(/\s+/g, '');
  if (body.length < MIN_BLOB_LENGTH) return null;
  if (/^[0-9a-fA-F]+$/.test(body) && body.length % 2 === 0) {
    // A 32/40/64-digit hex string is usually a digest, not a payload.
    if ([32, 40, 56, 64, 96, 128].includes(body.length)) return null;
    return 'hex';
  }
  if (/^[A-Z2-7]+=*$/.test(body) && body.length % 8 === 0 && decodes(() => decodeBase32(body))) return 'base32';
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(body) && mixedCase(body) && decodes(() => decodeBase64(body))) return 'base64';
  if (
    /^[A-Za-z0-9\-_]+={0,2}$/.test(body) &&
    /[-_]/.test(body) &&
    mixedCase(body) &&
    decodes(() => decodeBase64(body, true))
  ) {
    return 'base64url';
  }
  if (body.startsWith('<~') && body.endsWith('~>') && decodes(() => decodeAscii85(body))) return 'ascii85';
  if (
    /[!#$%&()*;<>?@^`{|}~]/.test(body) &&
    mixedCase(body) &&
    !/["'\\,.:[\]/]/.test(body) &&
    decodes(() => decodeBase85(body))
  ) {
    return 'base85';
  }
  return null;
}

/** The bytes as UTF-8 text, or undefined when they are not valid UTF-8. */
export function asText(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
