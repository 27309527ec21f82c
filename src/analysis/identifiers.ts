// Python reads identifiers in Unicode normal form NFKC (PEP 3131): `𝗿𝗲𝙦𝘂𝙚𝘀𝘁𝘀.𝗴𝗲𝘁(𝘂𝗿𝗹)` is `requests.get(url)`.
// Names written in such look-alike letters are normalised before the rules read the file, so they resolve as
// Python resolves them; each name that Python reads as a different ASCII name is recorded, as it hides the name.
import { nodesOfTypes, parsePython } from './parser.ts';

/** A name whose written form Python reads as another, ASCII name. */
export interface DisguisedName {
  written: string;
  read: string;
  /** Where the name starts in the normalised text (UTF-16 index), to locate it in the re-parsed tree. */
  index: number;
}

export interface NormalisedSource {
  /** The text with every identifier in NFKC; line breaks are unchanged, so line numbers are too. */
  text: string;
  disguised: DisguisedName[];
}

const IDENTIFIER = new Set(['identifier']);
/** Characters an identifier may hold after normalisation (Python refuses a name that normalises to anything else). */
const NAME_CHARACTERS = /^[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]+$/u;

/**
 * Runs of word characters and non-ASCII characters that hold a non-ASCII one: every identifier with a non-ASCII
 * letter lies inside one (any non-ASCII character counts, whatever tree-sitter takes for an identifier character).
 */
const NON_ASCII_WORD = /[\w\u{80}-\u{10FFFF}]*[\u{80}-\u{10FFFF}][\w\u{80}-\u{10FFFF}]*/gu;

/**
 * Whether some identifier may read differently in NFKC: a run that NFKC leaves unchanged leaves every part of it
 * unchanged, so a file whose non-ASCII text is all in NFKC already (accents, symbols, most CJK in strings and
 * comments) needs no second parse.
 */
function mayChangeUnderNfkc(text: string): boolean {
  for (const [run] of text.matchAll(NON_ASCII_WORD)) if (run.normalize('NFKC') !== run) return true;
  return false;
}

/** The source as Python's tokenizer names it; the original text when no identifier changes (a quick check first). */
export function normaliseIdentifiers(text: string): NormalisedSource {
  if (!/\P{ASCII}/u.test(text) || !mayChangeUnderNfkc(text)) return { text, disguised: [] };
  const parsed = parsePython(text);
  if (!parsed.tree) return { text, disguised: [] };
  const changes: { start: number; end: number; read: string; written: string }[] = [];
  try {
    for (const node of nodesOfTypes(parsed.tree.rootNode, IDENTIFIER).nodes) {
      const written = node.text;
      if (/^\p{ASCII}*$/u.test(written)) continue;
      const read = written.normalize('NFKC');
      if (read !== written && NAME_CHARACTERS.test(read))
        changes.push({ start: node.startIndex, end: node.endIndex, read, written });
    }
  } finally {
    parsed.tree.delete();
  }
  if (changes.length === 0) return { text, disguised: [] };
  changes.sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  const disguised: DisguisedName[] = [];
  let last = 0;
  let length = 0;
  for (const change of changes) {
    if (change.start < last) continue;
    const kept = text.slice(last, change.start);
    parts.push(kept, change.read);
    length += kept.length;
    if (/^\p{ASCII}+$/u.test(change.read))
      disguised.push({ written: change.written, read: change.read, index: length });
    length += change.read.length;
    last = change.end;
  }
  parts.push(text.slice(last));
  return { text: parts.join(''), disguised };
}
