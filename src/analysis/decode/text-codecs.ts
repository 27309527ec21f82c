// The text codecs Python's base64, binascii and codecs modules offer, as pure functions that throw LayerError on bad input.
// Lenient where CPython is lenient (whitespace, missing padding); strict about the alphabet so garbage is not "decoded".

import { LayerError } from './types.ts';

const WHITESPACE = /\s+/g;

function strip(text: string): string {
  return text.replace(WHITESPACE, '');
}

/** Trailing '=' removed in one pass (`/=+$/` is quadratic on a long run of '=' followed by anything else). */
export function withoutPadding(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '=') end--;
  return text.slice(0, end);
}

/** base64.b64decode / urlsafe_b64decode, with or without padding; both alphabets accepted as CPython's altchars would. */
export function decodeBase64(text: string, urlsafe = false): Uint8Array {
  const body = withoutPadding(strip(text));
  const alphabet = urlsafe ? /^[A-Za-z0-9\-_]*$/ : /^[A-Za-z0-9+/]*$/;
  if (!alphabet.test(body)) throw new LayerError(`not ${urlsafe ? 'urlsafe ' : ''}base64: unexpected character`);
  if (body.length % 4 === 1) throw new LayerError('not base64: impossible length');
  return new Uint8Array(Buffer.from(body, urlsafe ? 'base64url' : 'base64'));
}

const B32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** base64.b32decode (case-insensitive, padding optional). */
export function decodeBase32(text: string): Uint8Array {
  const body = withoutPadding(strip(text).toUpperCase());
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of body) {
    const value = B32_ALPHABET.indexOf(ch);
    if (value < 0) throw new LayerError('not base32: unexpected character');
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** base64.b16decode, binascii.unhexlify, bytes.fromhex (whitespace between bytes allowed, either case). */
export function decodeHex(text: string): Uint8Array {
  let body = strip(text);
  if (body.startsWith('0x') || body.startsWith('0X')) body = body.slice(2);
  if (!/^[0-9a-fA-F]*$/.test(body)) throw new LayerError('not hex: unexpected character');
  if (body.length % 2 !== 0) throw new LayerError('not hex: odd number of digits');
  return new Uint8Array(Buffer.from(body, 'hex'));
}

const B85_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';

/** Groups of five base-85 digits into big-endian 32-bit words; a short last group is padded with the top digit and cut. */
function decode85Groups(digits: number[], padDigit: number): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < digits.length; i += 5) {
    const group = digits.slice(i, i + 5);
    const missing = 5 - group.length;
    if (missing === 4) throw new LayerError('not base85: dangling character');
    while (group.length < 5) group.push(padDigit);
    let value = 0;
    for (const d of group) value = value * 85 + d;
    if (value > 0xffffffff) throw new LayerError('not base85: group overflows 32 bits');
    const word = [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
    out.push(...word.slice(0, 4 - missing));
  }
  return Uint8Array.from(out);
}

/** base64.b85decode (the git/Python alphabet). */
export function decodeBase85(text: string): Uint8Array {
  const digits = [...strip(text)].map((ch) => {
    const d = B85_ALPHABET.indexOf(ch);
    if (d < 0) throw new LayerError('not base85: unexpected character');
    return d;
  });
  return decode85Groups(digits, 84);
}

/** base64.a85decode, with or without the Adobe <~ ~> frame; 'z' stands for four zero bytes. */
export function decodeAscii85(text: string): Uint8Array {
  let body = strip(text);
  if (body.startsWith('<~')) body = body.slice(2);
  if (body.endsWith('~>')) body = body.slice(0, -2);
  const parts: Uint8Array[] = [];
  let digits: number[] = [];
  for (const ch of body) {
    if (ch === 'z' && digits.length === 0) {
      parts.push(new Uint8Array(4));
      continue;
    }
    const code = ch.charCodeAt(0);
    if (code < 33 || code > 117) throw new LayerError('not ascii85: unexpected character');
    digits.push(code - 33);
    if (digits.length === 5) {
      parts.push(decode85Groups(digits, 84));
      digits = [];
    }
  }
  if (digits.length > 0) parts.push(decode85Groups(digits, 84));
  return new Uint8Array(Buffer.concat(parts));
}

/** codecs.decode(s, 'rot13'): letters only, the rest unchanged. */
export function rot13(text: string): string {
  return text.replace(/[A-Za-z]/g, (ch) => {
    const base = ch <= 'Z' ? 65 : 97;
    return String.fromCharCode(((ch.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** s[::-1] on text (by code point). */
export function reverseText(text: string): string {
  return [...text].reverse().join('');
}

/**
 * bytes([...]) or ''.join(chr(c) for c in [...]): a list of values below 256 is taken byte for byte (as bytes() does;
 * chr() of 128–255 would encode differently, which does not matter for the ASCII source payloads hide); a list with
 * larger values is read as code points and UTF-8 encoded.
 */
export function fromCodePoints(values: readonly number[]): Uint8Array {
  if (values.some((v) => !Number.isInteger(v) || v < 0 || v > 0x10ffff)) {
    throw new LayerError('not a character list: value out of range');
  }
  if (values.every((v) => v < 256)) return Uint8Array.from(values);
  return new Uint8Array(Buffer.from(String.fromCodePoint(...values), 'utf8'));
}

const POWERSHELL_ENC = /-(?:e|ec|en|enc|enco|encod|encode|encoded|encodedc\w*)\s+["']?([A-Za-z0-9+/=]{8,})/i;

/** The text of a PowerShell -EncodedCommand (-enc, -e, -ec...) argument: base64 of UTF-16LE. Accepts the whole command line or just the blob. */
export function decodePowerShell(text: string): Uint8Array {
  const match = POWERSHELL_ENC.exec(text);
  const blob = match ? match[1] : strip(text);
  const raw = decodeBase64(blob);
  if (raw.length % 2 !== 0) throw new LayerError('not a PowerShell encoded command: odd UTF-16 length');
  const command = Buffer.from(raw).toString('utf16le');
  return new Uint8Array(Buffer.from(command, 'utf8'));
}
