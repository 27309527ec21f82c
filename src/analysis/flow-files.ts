// The data-flow analysis's file channel (flow.ts): the file a writer object was opened on, and what the code wrote
// to each file by its folded path, so that a later read of the same path carries it ("zip the loot, then upload the
// zip"). Paths are compared as the evaluator folds them (HOLE for unknown parts), whichever separators they use; a
// path with nothing known is none.
import { HOLE } from './evaluate.ts';
import type { CallFact } from './facts.ts';
import type { FileContext } from './file-context.ts';
import { type Node, unwrap } from './syntax.ts';

/** Calls that open a file or an archive, for writing when their mode says so. */
const FILE_WRITERS = new Set(['builtins.open', 'io.open', 'zipfile.ZipFile', 'tarfile.open', 'tarfile.TarFile']);

export class WrittenFiles<T> {
  private readonly byPath = new Map<string, T[]>();

  constructor(
    private readonly ctx: FileContext,
    private readonly callFacts: ReadonlyMap<number, CallFact>,
  ) {}

  get size(): number {
    return this.byPath.size;
  }

  /**
   * The file a writer object was opened on (`open(P, "wb")`, `zipfile.ZipFile(P, "w")`, `tarfile.open(P, "w:gz")`,
   * the call itself or a name bound to it), its folded path, when the mode writes and some of the path is known.
   */
  writerFile(receiver: Node): string | undefined {
    let made = unwrap(receiver);
    if (made.type === 'identifier') {
      const bound = this.ctx.scopes.lookup(made.text, this.ctx.scopes.scopeFor(made)).find((b) => b.kind === 'expr');
      if (bound?.kind !== 'expr') return undefined;
      made = unwrap(bound.node);
    }
    const fact = made.type === 'call' ? this.callFacts.get(made.id) : undefined;
    if (!fact?.paths.some((path) => FILE_WRITERS.has(path))) return undefined;
    const [file, positionalMode] = fact.args.positional;
    const mode = positionalMode ?? fact.args.keywords.get('mode');
    const modeText = mode ? this.ctx.evaluator.text(mode) : undefined;
    if (!file || modeText === undefined || !/^[wax]/.test(modeText)) return undefined;
    const path = this.ctx.evaluator.text(file);
    return path === undefined || path.replaceAll(HOLE, '') === '' ? undefined : path;
  }

  /** Adds what was written to a file (merged with `merge`); whether the file holds more than before. */
  add(file: string, written: T[], merge: (items: T[]) => T[]): boolean {
    const key = pathKey(file);
    const previous = this.byPath.get(key) ?? [];
    const merged = merge([...previous, ...written]);
    this.byPath.set(key, merged);
    return merged.length !== previous.length;
  }

  /** What the code wrote to a file, if it wrote to it. */
  read(file: string): T[] | undefined {
    return this.byPath.get(pathKey(file));
  }
}

/**
 * A folded path as the file system sees it: `TEMP + "\\loot.zip"` and `os.path.join(TEMP, "loot.zip")` (which folds
 * with /) are one file, and so are `a//b` and `./a/b`.
 */
function pathKey(file: string): string {
  return file.replace(/[\\/]+/g, '/').replace(/^(\.\/)+/, '');
}
