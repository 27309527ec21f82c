// The versions a cached analysis result is valid for: a hash of the engine's sources (archive reading, parser,
// scopes, evaluation, facts, package checks, result shapes, the tree-sitter grammar) and a hash of the rules and
// their catalogues. Both cover exactly the modules a cached result depends on (the import graph of the analysis
// entry points), so changing a rule invalidates every result and changing a presenter invalidates none. From the
// sources they are computed at load; the bundle reads the values computed when it was built (scripts/build.mjs).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface EngineVersions {
  /** Hash of the engine's sources and the grammar's package versions. */
  engine: string;
  /** Hash of the rule modules and catalogues. */
  rules: string;
}

/** Where the analysis that results are cached for starts: reading archives, then analysing targets and files. */
const ENTRY_POINTS = ['src/pypi/archive/index.ts', 'src/analysis/target.ts', 'src/analysis/worker.ts'];
/** Recomputed on every run (they read the index's data and the clock, or judge the findings): never cached. */
const NOT_CACHED = ['src/analysis/metadata-checks/', 'src/analysis/risk.ts'];
const RULE_PATHS = ['src/analysis/rules/', 'src/analysis/indicators/', 'data/'];
/** The parser and the grammar, whose code shapes the results. */
const ENGINE_BINARIES = ['web-tree-sitter/tree-sitter.wasm', 'tree-sitter-python/tree-sitter-python.wasm'];

const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Every module reachable from the entry points through relative imports, as paths relative to root, sorted. */
export function analysisSources(
  root: string,
  entries: string[] = ENTRY_POINTS,
  notCached: string[] = NOT_CACHED,
): string[] {
  const seen = new Set<string>();
  const pending = entries.map((entry) => resolve(root, entry));
  while (pending.length > 0) {
    const file = pending.pop()!;
    const path = relative(root, file).split(sep).join('/');
    if (seen.has(path) || notCached.some((prefix) => path.startsWith(prefix))) continue;
    seen.add(path);
    if (!/\.[cm]?[jt]s$/.test(path)) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT))
      pending.push(resolve(dirname(file), match[1]));
  }
  return [...seen].sort();
}

/** The two hashes over the given source files (paths relative to root), the engine's also over its binaries. */
export function hashSources(root: string, paths: string[], binaries: string[]): EngineVersions {
  const engine = createHash('sha256');
  for (const binary of binaries) engine.update(readFileSync(binary));
  const rules = createHash('sha256');
  for (const path of paths) {
    const hash = RULE_PATHS.some((prefix) => path.startsWith(prefix)) ? rules : engine;
    hash
      .update(`${path}\0`)
      .update(readFileSync(join(root, path)))
      .update('\0');
  }
  return { engine: engine.digest('hex').slice(0, 16), rules: rules.digest('hex').slice(0, 16) };
}

function engineBinaries(): string[] {
  const require = createRequire(import.meta.url);
  return ENGINE_BINARIES.map((name) => require.resolve(name));
}

/** The versions computed from a source checkout (repository root). */
export function versionsFromSources(root: string): EngineVersions {
  return hashSources(root, analysisSources(root), engineBinaries());
}

/** The file the build writes beside the bundle. */
export const VERSIONS_FILE = 'engine-version.json';

let current: EngineVersions | undefined;

/** The versions of the running code: computed from the sources, or read from the bundle's engine-version.json. */
export function engineVersions(): EngineVersions {
  if (current) return current;
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) current = versionsFromSources(resolve(dirname(here), '..', '..'));
  else {
    for (const candidate of [join(dirname(here), VERSIONS_FILE), join(dirname(here), '..', VERSIONS_FILE)]) {
      try {
        current = JSON.parse(readFileSync(candidate, 'utf8')) as EngineVersions;
        break;
      } catch {
        // the CLI bundle sits in dist/, the worker bundle in dist/analysis/
      }
    }
    if (!current) throw new Error(`${VERSIONS_FILE} is missing beside the bundle: run npm run build`);
  }
  return current;
}
