// Decodes bytes with any text codec CPython accepts in a PEP 263 coding cookie (data/python-codecs.json, recorded
// from CPython by scripts/python-codecs.py): WHATWG decoders where they read the same characters, 256-entry tables
// for other single-byte codecs, and utf-7, unicode_escape and raw_unicode_escape written out here; bytes.decode()
// also reads the single-byte codecs a cookie may not name (EBCDIC), from the same data file.
import codecData from '../../data/python-codecs.json' with { type: 'json' };
import { SIMPLE_ESCAPES } from './python-strings.ts';

interface CodecEntry {
  whatwg?: string;
  exact?: boolean;
  table?: string;
  special?: string;
}

const CODECS = codecData.codecs as Record<string, CodecEntry>;
/** Single-byte codecs a coding cookie may not name but bytes.decode() reads (EBCDIC cp1026, cp500, ...). */
const DECODE_ONLY = codecData.decodeOnly as Record<string, CodecEntry>;
const ALIASES = codecData.aliases as Record<string, string>;

export interface CodecResult {
  text: string;
  /** Set when the bytes could not be decoded faithfully: the file must not be passed as analysed. */
  undecodable?: string;
}

/** encodings.normalize_encoding, then the alias table: the codec module CPython's codecs.lookup would load. */
export function pythonCodecName(label: string): string | undefined {
  // the tokenizer's own spellings of utf-8 and latin-1 (get_normal_name), with any -suffix
  const head = label.slice(0, 12).toLowerCase().replace(/_/g, '-');
  if (head === 'utf-8' || head.startsWith('utf-8-')) return 'utf_8';
  if (/^(latin-1|iso-8859-1|iso-latin-1)(-|$)/.test(head)) return 'latin_1';
  const normalized = label
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const name = ALIASES[normalized] ?? ALIASES[normalized.replace(/\./g, '_')] ?? normalized;
  return name in CODECS ? name : undefined;
}

/** The codec bytes.decode(label) uses: a cookie codec, or one of the single-byte codecs only decode() reads. */
export function bytesCodecName(label: string): string | undefined {
  const cookie = pythonCodecName(label);
  if (cookie) return cookie;
  const normalized = label
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const name = ALIASES[normalized] ?? normalized;
  return name in DECODE_ONLY ? name : undefined;
}

/** Decodes with a codec named by pythonCodecName or bytesCodecName. */
export function decodeWithCodec(codec: string, bytes: Uint8Array): CodecResult {
  const entry = CODECS[codec] ?? DECODE_ONLY[codec];
  if (entry.table !== undefined) return { text: decodeTable(entry.table, bytes) };
  if (entry.whatwg !== undefined) {
    const text = new TextDecoder(entry.whatwg).decode(bytes);
    // decoded by a near relative of the codec: trusted only where it met no byte it could not read
    if (!entry.exact && text.includes('\uFFFD'))
      return {
        text,
        undecodable: `${codec} is read with the ${entry.whatwg} decoder, which could not read every byte`,
      };
    return { text };
  }
  switch (entry.special) {
    case 'utf-7':
      return decodeUtf7(bytes);
    case 'unicode-escape':
      return decodeUnicodeEscape(bytes, false);
    case 'raw-unicode-escape':
      return decodeUnicodeEscape(bytes, true);
    case 'ascii-only':
      return isPlainAscii(bytes)
        ? { text: latin1(bytes) }
        : { text: latin1(bytes), undecodable: `no decoder for ${codec} here, and the file is not plain ASCII` };
    case 'ascii':
      return { text: latin1(bytes) };
    default:
      return { text: new TextDecoder('utf-8').decode(bytes) };
  }
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

/** ASCII without the escape and shift bytes (ESC, SO, SI) and HZ's ~{ that switch ISO-2022 and HZ out of ASCII. */
function isPlainAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b >= 0x80 || b === 0x1b || b === 0x0e || b === 0x0f || (b === 0x7e && bytes[i + 1] === 0x7b)) return false;
  }
  return true;
}

function decodeTable(table: string, bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    let chunk = '';
    for (const b of bytes.subarray(i, i + 8192)) chunk += table[b];
    parts.push(chunk);
  }
  return parts.join('');
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** RFC 2152: ASCII as is, '+' opens a run of modified base64 holding UTF-16BE, '-' (absorbed) or any other byte closes it. */
function decodeUtf7(bytes: Uint8Array): CodecResult {
  const units: number[] = [];
  let problem: string | undefined;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b !== 0x2b) {
      if (b >= 0x80) problem ??= `utf-7: byte 0x${b.toString(16)} outside ASCII`;
      units.push(b < 0x80 ? b : 0xfffd);
      i++;
      continue;
    }
    i++;
    if (bytes[i] === 0x2d) {
      units.push(0x2b);
      i++;
      continue;
    }
    let buffer = 0;
    let bits = 0;
    while (i < bytes.length) {
      const value = BASE64.indexOf(String.fromCharCode(bytes[i]));
      if (value < 0) break;
      buffer = ((buffer << 6) | value) & 0x3fffff;
      bits += 6;
      if (bits >= 16) {
        bits -= 16;
        units.push((buffer >> bits) & 0xffff);
      }
      i++;
    }
    if (bytes[i] === 0x2d) i++;
  }
  const parts: string[] = [];
  for (let start = 0; start < units.length; start += 8192)
    parts.push(String.fromCharCode(...units.slice(start, start + 8192)));
  return { text: parts.join(''), ...(problem && { undecodable: problem }) };
}

/**
 * unicode_escape: latin-1 with Python's backslash escapes (\n, \xhh, \ooo, \uXXXX, \UXXXXXXXX); raw_unicode_escape
 * reads only \u and \U. \N{name} needs the Unicode name table, which pyguard does not carry: such a file is undecodable.
 */
function decodeUnicodeEscape(bytes: Uint8Array, raw: boolean): CodecResult {
  const text = latin1(bytes);
  let out = '';
  let problem: string | undefined;
  let i = 0;
  while (i < text.length) {
    const slash = text.indexOf('\\', i);
    if (slash < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, slash);
    const next = text[slash + 1];
    const hex = (length: number) =>
      /^[0-9a-fA-F]+$/.test(text.slice(slash + 2, slash + 2 + length)) &&
      text.slice(slash + 2, slash + 2 + length).length === length
        ? parseInt(text.slice(slash + 2, slash + 2 + length), 16)
        : undefined;
    if (next === 'u' || next === 'U') {
      const length = next === 'u' ? 4 : 8;
      const code = hex(length);
      if (code !== undefined && code <= 0x10ffff) {
        out += String.fromCodePoint(code);
        i = slash + 2 + length;
        continue;
      }
      problem ??= `${raw ? 'raw_' : ''}unicode_escape: truncated \\${next} escape`;
    } else if (raw) {
      // a run of backslashes: each pair is literal, as raw_unicode_escape only reads \u after an odd count
      out += '\\';
      i = slash + 1;
      if (next === '\\') {
        out += '\\';
        i++;
      }
      continue;
    } else if (next !== undefined && next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i = slash + 2;
      continue;
    } else if (next === 'x') {
      const code = hex(2);
      if (code !== undefined) {
        out += String.fromCharCode(code);
        i = slash + 4;
        continue;
      }
      problem ??= 'unicode_escape: truncated \\x escape';
    } else if (next !== undefined && /[0-7]/.test(next)) {
      const digits = /^[0-7]{1,3}/.exec(text.slice(slash + 1))![0];
      out += String.fromCodePoint(parseInt(digits, 8));
      i = slash + 1 + digits.length;
      continue;
    } else if (next === 'N') {
      problem ??= 'unicode_escape: \\N{...} named characters are not resolved here';
    }
    out += '\\';
    i = slash + 1;
  }
  return { text: out, ...(problem && { undecodable: problem }) };
}
