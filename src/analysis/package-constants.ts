// Module-level string constants one module of a target defines and another imports: a URL, an address or an encoded
// blob kept in `config.py` and used by `from .config import HOST` elsewhere. The target stage gathers them once
// (plain one-line literals at the top level, read by a linear scan of each module's text, no parse), and hands each
// file the constants its import lines can reach, so the evaluator folds them across files.
import type { ArchiveEntry } from '../model/entries.ts';
import { moduleOfMember } from './module-names.ts';

/** Qualified names (`pkg.config.HOST`) and their string values. */
export type PackageConstants = Readonly<Record<string, string>>;

/** `NAME = "..."` at the top level, one plain literal without escapes, perhaps with a str annotation and a comment. */
const CONSTANT =
  /^([A-Za-z_]\w*)[ \t]*(?::[ \t]*str[ \t]*)?=[ \t]*[rRuU]?(?:"([^"\\\n]*)"|'([^'\\\n]*)')[ \t]*(?:#[^\n]*)?$/gm;
/** Values worth resolving across files: destinations and encoded blobs (what rules judge by their text). */
const WORTH_RESOLVING = /:\/\/|^\d{1,3}(\.\d{1,3}){3}(:\d+)?$|^[A-Za-z0-9+/=_-]{16,}$/;
/** An import statement's line: `from MODULE import NAMES` or `import MODULES` (what a file may take constants from). */
const IMPORT_LINE = /^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import[ \t]+([^\n#]*)|import[ \t]+([^\n#]*))/gm;
const MAX_MODULE_BYTES = 1 << 20;
const MAX_VALUE = 4096;
const MAX_CONSTANTS = 512;

/** The target's resolvable module constants, by qualified name. */
export class TargetConstants {
  private readonly values = new Map<string, string>();

  constructor(entries: readonly ArchiveEntry[]) {
    // a name bound twice in its module is left out: its value where it is read is not known
    const found = new Map<string, string | null>();
    for (const entry of entries) {
      if (!entry.path.endsWith('.py') || !entry.data || entry.data.length > MAX_MODULE_BYTES) continue;
      const module = moduleOfMember(entry.path);
      if (!module) continue;
      const text = latin1(entry.data);
      if (!text.includes('=')) continue;
      for (const match of text.matchAll(CONSTANT)) {
        const value = match[2] ?? match[3] ?? '';
        const key = `${module}.${match[1]}`;
        if (found.has(key)) found.set(key, null);
        else if (value.length <= MAX_VALUE && WORTH_RESOLVING.test(value) && /^[\x20-\x7e]*$/.test(value))
          found.set(key, value);
      }
    }
    for (const [key, value] of found) {
      if (value === null) continue;
      if (this.values.size >= MAX_CONSTANTS) break;
      this.values.set(key, value);
    }
  }

  /**
   * The constants a file may import: those whose name, or whose module's last name, its import lines mention
   * (`from .config import HOST`, `from pkg import config`); one pass over the file's import lines.
   */
  forFile(data: Uint8Array): PackageConstants | undefined {
    if (this.values.size === 0) return undefined;
    const words = new Set<string>();
    for (const line of latin1(data).matchAll(IMPORT_LINE))
      for (const [word] of `${line[1] ?? ''} ${line[2] ?? ''} ${line[3] ?? ''}`.matchAll(/\w+/g)) words.add(word);
    if (words.size === 0) return undefined;
    const picked: Record<string, string> = {};
    let any = false;
    for (const [key, value] of this.values) {
      const parts = key.split('.');
      if (!words.has(parts[parts.length - 1]) && !words.has(parts[parts.length - 2] ?? '')) continue;
      picked[key] = value;
      any = true;
    }
    return any ? picked : undefined;
  }
}

function latin1(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
}
