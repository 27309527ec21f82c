// Python reads identifiers in Unicode normal form NFKC (PEP 3131): `𝗿𝗲𝙦𝘂𝙚𝘀𝘁𝘀.𝗴𝗲𝘁(𝘂𝗿𝗹)` is `requests.get(url)`.
// Names written in such look-alike letters are normalised before the rules read the file, so they resolve as
// Python resolves them; each name that Python reads as a different ASCII name is recorded, as it hides the name.
import { type ParseOutcome, parsePython } from './parser.ts';

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
  /** The parse of `text`, when finding out whether a name changes took one (the text is then parsed once only). */
  parsed?: ParseOutcome;
}

const IDENTIFIER = new Set(['identifier']);
/** Characters an identifier may hold after normalisation (Python refuses a name that normalises to anything else). */
const NAME_CHARACTERS = /^[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]+$/u;

/** A non-ASCII character, and a character a run of name characters is made of. */
const NON_ASCII = /[\u{80}-\u{10FFFF}]/gu;
const RUN_CHARACTER = /[\w\u{80}-\u{10FFFF}]/u;

/**
 * Whether some identifier may read differently in NFKC: every identifier with a non-ASCII letter lies inside a run of
 * word and non-ASCII characters around a non-ASCII one, and a run that NFKC leaves unchanged leaves every part of it
 * unchanged, so a file whose non-ASCII text is all in NFKC already (accents, symbols, most CJK in strings and
 * comments) needs no second parse. Runs are grown from each non-ASCII character by hand, each character read once:
 * a single pattern (a starred class, a non-ASCII character, a starred class) backtracks quadratically over a long run.
 */
function mayChangeUnderNfkc(text: string): boolean {
  let covered = 0;
  for (const match of text.matchAll(NON_ASCII)) {
    if (match.index < covered) continue;
    let start = match.index;
    while (start > covered && RUN_CHARACTER.test(text[start - 1])) start--;
    let end = match.index + match[0].length;
    while (end < text.length && RUN_CHARACTER.test(text[end])) end++;
    covered = end;
    const run = text.slice(start, end);
    if (run.normalize('NFKC') !== run) return true;
  }
  return false;
}

/**
 * The source as Python's tokenizer names it; the original text when no identifier changes (a quick check first).
 * `ascii`: the text is known to be all ASCII (the check is then not run again).
 */
export function normaliseIdentifiers(text: string, ascii = false): NormalisedSource {
  if (ascii || !/\P{ASCII}/u.test(text) || !mayChangeUnderNfkc(text)) return { text, disguised: [] };
  const parsed = parsePython(text);
  if (!parsed.tree) return { text, disguised: [], parsed };
  const changes: { start: number; end: number; read: string; written: string }[] = [];
  for (const node of parsed.tree.nodesOfTypes(IDENTIFIER).nodes) {
    const written = node.text;
    if (/^\p{ASCII}*$/u.test(written)) continue;
    const read = written.normalize('NFKC');
    if (read !== written && NAME_CHARACTERS.test(read))
      changes.push({ start: node.startIndex, end: node.endIndex, read, written });
  }
  if (changes.length === 0) return { text, disguised: [], parsed };
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
