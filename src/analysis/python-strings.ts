// Evaluates Python string literals (prefixes, quotes, escapes) the way the interpreter would, so rules
// see the real value of "\x68ttp://..." or b"\x65xec". f-string interpolations are left to the caller.

export interface LiteralParts {
  prefix: string;
  quote: string;
  body: string;
}

/** Splits `rb'''...'''` into its prefix, quote and body. Returns null for text that is not a literal. */
export function splitLiteral(text: string): LiteralParts | null {
  const match = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(text);
  if (!match) return null;
  const [, prefix, quote] = match;
  const start = prefix.length + quote.length;
  const end = text.endsWith(quote) && text.length >= start + quote.length ? text.length - quote.length : text.length;
  return { prefix: prefix.toLowerCase(), quote, body: text.slice(start, end) };
}

/** Python's one-character backslash escapes (a backslash before a newline joins the lines). */
export const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Applies Python escape sequences. For bytes literals \u and \N stay as written, as in Python. */
export function unescapePython(body: string, isBytes: boolean): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\' || i === body.length - 1) {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next === '\r' && body[i + 2] === '\n') {
      i += 2;
      continue;
    }
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i += 1;
      continue;
    }
    if (next >= '0' && next <= '7') {
      const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(octal, 8) & (isBytes ? 0xff : 0x1ff));
      i += octal.length;
      continue;
    }
    const hexLength = next === 'x' ? 2 : !isBytes && next === 'u' ? 4 : !isBytes && next === 'U' ? 8 : 0;
    if (hexLength) {
      const hex = body.slice(i + 2, i + 2 + hexLength);
      if (hex.length === hexLength && /^[0-9a-fA-F]+$/.test(hex)) {
        const code = parseInt(hex, 16);
        out += code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
        i += 1 + hexLength;
        continue;
      }
    }
    out += ch;
  }
  return out;
}

/** The value of a complete (non-f) string literal; bytes literals come back as latin1 text. */
export function literalValue(text: string): { value: string; isBytes: boolean; isFormat: boolean } | null {
  const parts = splitLiteral(text);
  if (!parts) return null;
  const isBytes = parts.prefix.includes('b');
  const isRaw = parts.prefix.includes('r');
  const isFormat = parts.prefix.includes('f');
  return { value: isRaw ? parts.body : unescapePython(parts.body, isBytes), isBytes, isFormat };
}
