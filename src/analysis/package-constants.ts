// Module-level string constants one module of a target defines and another imports: a URL, an address or an encoded
// blob kept in `config.py` and used by `from .config import HOST` elsewhere. The target stage gathers them once
// (plain one-line literals at the top level, read by a linear scan of each module's text, no parse), and hands each
// file the constants whose names its text mentions, so the evaluator folds them across files.
import type { ArchiveEntry } from '../model/entries.ts';
import { moduleOfMember } from './module-names.ts';

/** Qualified names (`pkg.config.HOST`) and their string values. */
export type PackageConstants = Readonly<Record<string, string>>;

/** `NAME = "..."` at the top level, one plain literal without escapes, perhaps with a str annotation and a comment. */
const CONSTANT =
  /^([A-Za-z_]\w*)[ \t]*(?::[ \t]*str[ \t]*)?=[ \t]*[rRuU]?(?:"([^"\\\n]*)"|'([^'\\\n]*)')[ \t]*(?:#[^\n]*)?$/gm;
/** Values worth resolving across files: destinations and encoded blobs (what rules judge by their text). */
const WORTH_RESOLVING = /:\/\/|^\d{1,3}(\.\d{1,3}){3}(:\d+)?$|^[A-Za-z0-9+/=_-]{16,}$/;
const MAX_MODULE_BYTES = 1 << 20;
const MAX_VALUE = 4096;
const MAX_CONSTANTS = 512;

/** The target's resolvable module constants, by qualified name and by the bare name a file writes to use one. */
export class TargetConstants {
  private readonly values = new Map<string, string>();
  private readonly byName = new Map<string, string[]>();

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
      const name = key.slice(key.lastIndexOf('.') + 1);
      this.byName.set(name, [...(this.byName.get(name) ?? []), key]);
    }
  }

  /** The constants whose names a file's text mentions: what it may import (one pass over the file's words). */
  forFile(data: Uint8Array): PackageConstants | undefined {
    if (this.values.size === 0) return undefined;
    const picked: Record<string, string> = {};
    const seen = new Set<string>();
    for (const [word] of latin1(data).matchAll(/[A-Za-z_]\w*/g)) {
      const keys = seen.has(word) ? undefined : this.byName.get(word);
      seen.add(word);
      for (const key of keys ?? []) picked[key] = this.values.get(key)!;
    }
    return Object.keys(picked).length > 0 ? picked : undefined;
  }
}

function latin1(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
}
