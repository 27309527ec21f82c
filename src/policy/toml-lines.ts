// Where a key of a TOML document is written: the line of each table header, array-of-tables entry and `key = value`,
// by key path, so a policy error can name its line. TOML parsers return values only, not positions.

export type KeyPath = (string | number)[];

/** Splits `a."b.c".d` into its keys, unquoting quoted ones. */
function splitKeys(text: string): string[] {
  const keys: string[] = [];
  const pattern = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(?:\.|$)/y;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < text.length && (match = pattern.exec(text)) !== null) {
    keys.push(match[1] ?? match[2] ?? match[3]);
    if (match[0].length === 0) break;
  }
  return keys;
}

const pathKey = (path: KeyPath): string => JSON.stringify(path);

/** Line numbers (1-based) of every key path the document writes on its own line. */
export class TomlLines {
  private readonly lines = new Map<string, number>();

  constructor(text: string) {
    let table: KeyPath = [];
    const arrayCounts = new Map<string, number>();
    text.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.trim();
      const number = i + 1;
      let m: RegExpExecArray | null;
      if ((m = /^\[\[\s*([^\]]+?)\s*\]\]/.exec(line))) {
        const keys = splitKeys(m[1]);
        const index = arrayCounts.get(pathKey(keys)) ?? 0;
        arrayCounts.set(pathKey(keys), index + 1);
        table = [...keys, index];
        this.remember(table, number);
      } else if ((m = /^\[\s*([^\]]+?)\s*\]/.exec(line))) {
        table = splitKeys(m[1]);
        this.remember(table, number);
      } else if ((m = /^((?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\s-])+?)\s*=/.exec(line))) {
        this.remember([...table, ...splitKeys(m[1])], number);
      }
    });
  }

  private remember(path: KeyPath, line: number): void {
    const key = pathKey(path);
    if (!this.lines.has(key)) this.lines.set(key, line);
  }

  /** The line of `path`, or of its nearest written parent (array items are on their key's line); 0 when unknown. */
  lineOf(path: KeyPath): number {
    for (let length = path.length; length > 0; length--) {
      const line = this.lines.get(pathKey(path.slice(0, length)));
      if (line !== undefined) return line;
    }
    return 0;
  }
}
