// Turns the bytes of a Python file into text the way Python would read them: BOM, PEP 263 coding
// cookie, invalid bytes replaced (never a crash), and notes of anything odd for the file's `partial` flag.

export interface SourceText {
  text: string;
  encoding: string;
  /** Problems met while decoding (replacement characters, unknown coding cookie, NUL bytes). */
  notes: string[];
}

const CODING_COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

function codingCookie(bytes: Uint8Array): string | undefined {
  // PEP 263: the cookie is on line 1 or 2; read those lines as latin1, which never fails.
  const head = Buffer.from(bytes.subarray(0, 400)).toString('latin1').split(/\r\n|\r|\n/, 2);
  for (const line of head) {
    const match = CODING_COOKIE.exec(line);
    if (match) return match[1].toLowerCase();
  }
  return undefined;
}

function decoderFor(label: string): TextDecoder | undefined {
  // Python spells latin-1 with a hyphen, which the WHATWG label list does not know
  const normalized = label.replace(/^(utf-8|utf8)[-_](sig|unix|dos|mac)$/, 'utf-8').replace(/_/g, '-').replace(/^latin-1$/, 'latin1');
  try {
    return new TextDecoder(normalized, { fatal: false });
  } catch {
    return undefined;
  }
}

export function decodeSource(bytes: Uint8Array): SourceText {
  const notes: string[] = [];
  let body = bytes;
  let encoding = 'utf-8';
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    body = bytes.subarray(3);
    encoding = 'utf-8-sig';
  } else {
    const cookie = codingCookie(bytes);
    if (cookie && !/^(utf-?8)/.test(cookie)) {
      if (decoderFor(cookie)) encoding = cookie;
      else notes.push(`unknown source encoding '${cookie}', read as UTF-8`);
    }
  }
  const decoder = decoderFor(encoding) ?? new TextDecoder('utf-8');
  const text = decoder.decode(body);
  if (encoding.startsWith('utf-8') && text.includes('\uFFFD') && !isValidUtf8(body)) {
    notes.push('invalid UTF-8 bytes replaced');
  }
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
