// Typosquat detection against the shipped list of popular PyPI names: one edit away, a popular name with a prefix or
// suffix, or the same letters with different separators.

import topPypi from '../../../data/top-pypi.json' with { type: 'json' };
import { normalizeName } from '../../pypi/names.ts';

export const POPULAR_NAMES: ReadonlySet<string> = new Set(topPypi.names.map(normalizeName));

/** Popular names shorter than this are not checked by edit distance: too many honest neighbours ("six", "py", "sh"). */
const MIN_EDIT_LENGTH = 5;
const MIN_AFFIX_LENGTH = 4;

const PREFIXES = ['python-', 'python', 'py-', 'py', 'lib'];
const SUFFIXES = ['-python', 'python', '-py', 'py', '-lib', 'lib', '-dev', '2', '3', '-2', '-3'];

/** Honest pairs that look like squats: normalized candidate → the popular name it resembles. */
const KNOWN_LEGIT: ReadonlyMap<string, string> = new Map([
  ['pyyaml-include', 'pyyaml'],
  ['requests-mock', 'requests'],
  ['pytest-django', 'django'],
  ['flask-api', 'flask'],
  ['docker-py', 'docker'],
  ['pyjwt', 'jwt'],
  ['pycrypto', 'pycryptodome'],
  ['attr', 'attrs'],
  ['pipx', 'pip'],
  ['pandas2', 'pandas'],
  ['jinja', 'jinja2'],
  ['jsonschema-rs', 'jsonschema'],
  ['types-requests', 'requests'],
  ['types-pyyaml', 'pyyaml'],
  ['types-six', 'six'],
]);

export interface Typosquat {
  popular: string;
  how: 'edit' | 'affix' | 'separator';
}

/** Optimal-string-alignment distance is 1: one insertion, deletion, substitution or adjacent transposition. */
export function isOneEditAway(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diffs: number[] = [];
    for (let i = 0; i < a.length && diffs.length <= 2; i++) if (a[i] !== b[i]) diffs.push(i);
    if (diffs.length === 1) return true;
    const [i, j] = diffs;
    return diffs.length === 2 && j === i + 1 && a[i] === b[j] && a[j] === b[i];
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

function skeleton(name: string): string {
  return name.replace(/[-_.]/g, '');
}

function affixed(candidate: string, popular: string): boolean {
  if (popular.length < MIN_AFFIX_LENGTH) return false;
  return PREFIXES.some((p) => candidate === p + popular) || SUFFIXES.some((s) => candidate === popular + s);
}

/** The popular project a name imitates, or null (popular names themselves, and listed honest pairs, are never squats). */
export function findTyposquat(name: string, popular: ReadonlySet<string> = POPULAR_NAMES): Typosquat | null {
  const candidate = normalizeName(name);
  if (popular.has(candidate)) return null;
  const legitTwin = KNOWN_LEGIT.get(candidate);
  const bare = skeleton(candidate);
  let best: Typosquat | null = null;
  for (const target of popular) {
    if (target === legitTwin) continue;
    if (skeleton(target) === bare) return { popular: target, how: 'separator' };
    if (best === null && affixed(candidate, target)) best = { popular: target, how: 'affix' };
    if (best?.how !== 'edit' && target.length >= MIN_EDIT_LENGTH && isOneEditAway(candidate, target))
      best = { popular: target, how: 'edit' };
  }
  return best;
}
