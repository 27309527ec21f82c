// How often a name occurs as a word of a file's text, words being what /[A-Za-z_][A-Za-z0-9_]*/g finds: runs of
// ASCII letters, digits and underscores, less their leading digits. Rules ask for a few names per file, so each is
// counted where it occurs (indexOf) instead of splitting the whole text into words; past a few names, the whole text
// is counted once.

const WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Names counted one by one before the whole text is counted instead. */
const NAMES_COUNTED_ALONE = 16;

function isWordCharacter(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The number of words of `text` equal to `name`. */
function countWord(text: string, name: string): number {
  if (!WORD.test(name)) return 0;
  let count = 0;
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    if (isWordCharacter(text.charCodeAt(at + name.length))) continue;
    // the word starts here unless a letter or underscore comes before, digits between (they are skipped, not cut)
    let before = at - 1;
    while (before >= 0 && isDigit(text.charCodeAt(before))) before--;
    if (before >= 0 && isWordCharacter(text.charCodeAt(before))) continue;
    count++;
  }
  return count;
}

function countAllWords(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** A counter of the words of `text`, each name counted once. */
export function wordCounter(text: string): (name: string) => number {
  const counted = new Map<string, number>();
  let all: Map<string, number> | undefined;
  return (name) => {
    if (all) return all.get(name) ?? 0;
    const known = counted.get(name);
    if (known !== undefined) return known;
    if (counted.size >= NAMES_COUNTED_ALONE) {
      all = countAllWords(text);
      return all.get(name) ?? 0;
    }
    const count = countWord(text, name);
    counted.set(name, count);
    return count;
  };
}
