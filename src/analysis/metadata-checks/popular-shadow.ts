// A distribution that ships the import package of a popular project it is not: installing it overwrites that
// project's files (or takes its place on sys.path) for every program in the environment, the way trojanized copies
// and sabotaging uploads replace `requests` or `urllib3`.

import type { Finding } from '../../model/result.ts';
import { normalizeName } from '../../pypi/names.ts';
import { moduleOfMember } from '../module-names.ts';
import { targetFinding } from '../package-checks/target-finding.ts';
import { POPULAR_NAMES } from './typosquat.ts';

/** Popular projects whose import package is not their name with `_` for `-` (public, long-stable facts). */
const IMPORT_NAMES: ReadonlyMap<string, string> = new Map([
  ['pyyaml', 'yaml'],
  ['python-dateutil', 'dateutil'],
  ['beautifulsoup4', 'bs4'],
  ['pillow', 'PIL'],
  ['scikit-learn', 'sklearn'],
  ['opencv-python', 'cv2'],
]);

/** Import package → the popular project that owns it. */
const OWNERS: ReadonlyMap<string, string> = new Map(
  [...POPULAR_NAMES].map((name) => [IMPORT_NAMES.get(name) ?? name.replace(/-/g, '_'), name]),
);

/**
 * Top-level packages (`pkg/__init__.py`, below an sdist's folder or `src/`) that belong to a popular project other
 * than `name`. A popular project's own name is not checked: the index gives that name to its owners only, and
 * popular projects do ship each other's packages (psycopg2-binary installs psycopg2).
 */
export function checkPopularShadow(name: string, paths: readonly string[]): Finding[] {
  const own = normalizeName(name);
  if (POPULAR_NAMES.has(own)) return [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    if (!path.endsWith('/__init__.py')) continue;
    const module = moduleOfMember(path);
    const owner = module === null ? undefined : OWNERS.get(module);
    if (owner === undefined || module === null || seen.has(module)) continue;
    seen.add(module);
    findings.push(
      targetFinding({
        rule: 'pkg-shadows-popular',
        severity: 'medium',
        path,
        code: module,
        trigger: 'import',
        message: `installs a top-level "${module}", the package of the popular project ${owner}, replacing it for every program`,
      }),
    );
  }
  return findings;
}
