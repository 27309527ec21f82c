// Turns the bytes of a Python file into text the way Python would read them: BOM, PEP 263 coding cookie with
// every codec CPython accepts, invalid bytes replaced (never a crash), and notes of anything odd for the file's
// `partial` flag. Bytes that cannot be decoded as Python would are marked `undecodable` (the file is unaudited).
import { isAscii } from 'node:buffer';
import { decodeWithCodec, pythonCodecName } from './python-codecs.ts';

export interface SourceText {
  text: string;
  encoding: string;
  /** Problems met while decoding (replacement characters, unknown coding cookie, NUL bytes). */
  notes: string[];
  /** Why the text is not what Python would read (a codec not decoded faithfully), if so. */
  undecodable?: string;
  /** The text is all ASCII (it holds no name NFKC could change). */
  ascii?: boolean;
}

const CODING_COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

function codingCookie(bytes: Uint8Array): string | undefined {
  // PEP 263: the cookie is on line 1, or on line 2 when line 1 is only a comment or blank; read as latin1, which never fails.
  const [first = '', second = ''] = Buffer.from(bytes.subarray(0, 400))
    .toString('latin1')
    .split(/\r\n|\r|\n/, 2);
  const match = CODING_COOKIE.exec(first) ?? (/^[ \t\f]*(#.*)?$/.test(first) ? CODING_COOKIE.exec(second) : null);
  return match?.[1];
}

export function decodeSource(bytes: Uint8Array): SourceText {
  const notes: string[] = [];
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return utf8(bytes.subarray(3), 'utf-8-sig', notes);
  const cookie = codingCookie(bytes);
  const codec = cookie === undefined ? 'utf_8' : pythonCodecName(cookie);
  if (codec === undefined) {
    // Python refuses to run the file (SyntaxError: unknown encoding); what it holds is read as UTF-8
    notes.push(`unknown source encoding '${cookie}' (Python refuses the file), read as UTF-8`);
    return utf8(bytes, 'utf-8', notes);
  }
  if (codec === 'utf_8' || codec === 'utf_8_sig') return utf8(bytes, 'utf-8', notes);
  const decoded = decodeWithCodec(codec, bytes);
  if (decoded.text.includes('\u0000')) notes.push('NUL bytes in source');
  return {
    text: decoded.text,
    encoding: codec,
    notes,
    ...(decoded.undecodable && { undecodable: decoded.undecodable }),
  };
}

function utf8(body: Uint8Array, encoding: string, notes: string[]): SourceText {
  // most files are ASCII: their text is their bytes as they are, copied without a decoder (a tenth of the time)
  if (isAscii(body)) {
    const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
    if (text.includes('\u0000')) notes.push('NUL bytes in source');
    return { text, encoding, notes, ascii: true };
  }
  const text = new TextDecoder('utf-8').decode(body);
  if (text.includes('\uFFFD') && !isValidUtf8(body)) notes.push('invalid UTF-8 bytes replaced');
  if (text.includes('\u0000')) notes.push('NUL bytes in source');
  return { text, encoding, notes };
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
