// Finding and reading the user's policy: the nearest pyguard.toml, or pyproject.toml with [tool.pyguard], from the
// working folder up; validated by the schema, every problem (unknown key, wrong type, expired ignore) reported with
// the file, the key and the line. Nothing is read from the packages being audited.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import type { z } from 'zod';
import type { Capability, Severity } from '../model/result.ts';
import { normalizeName } from '../pypi/names.ts';
import { describeError, UserError } from '../util/errors.ts';
import { policySchema, type IgnoreEntry, type IndexSettings } from './schema.ts';
import { TomlLines, type KeyPath } from './toml-lines.ts';

export const POLICY_FILE = 'pyguard.toml';
const PYPROJECT = 'pyproject.toml';
const PYPROJECT_TABLE = ['tool', 'pyguard'];

export interface PackageExpectation {
  capabilities?: Set<Capability>;
  hosts?: string[];
  /** `file:line` of the package's table. */
  source: string;
}

export interface PolicyIgnore extends IgnoreEntry {
  /** `file:line` of the entry. */
  source: string;
}

/** A validated policy, with where each rule was written. */
export interface Policy {
  /** The file it was read from, as shown to the user; absent for the defaults. */
  file?: string;
  failOn?: Severity;
  warnOn?: Severity;
  allowedHosts: string[];
  deniedHosts: string[];
  /** By normalized package name. */
  packages: Map<string, PackageExpectation>;
  ignores: PolicyIgnore[];
  index: IndexSettings;
}

export const EMPTY_POLICY: Policy = { allowedHosts: [], deniedHosts: [], packages: new Map(), ignores: [], index: {} };

/** The nearest pyguard.toml, or pyproject.toml holding [tool.pyguard], from `start` up to the root. */
export function findPolicyFile(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const own = join(dir, POLICY_FILE);
    if (existsSync(own)) return own;
    const pyproject = join(dir, PYPROJECT);
    if (existsSync(pyproject) && /^\s*\[\s*tool\s*\.\s*pyguard\s*[\].]/m.test(readText(pyproject, pyproject)))
      return pyproject;
    if (dirname(dir) === dir) return undefined;
  }
}

function readText(path: string, shown: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`${shown}: ${code === 'ENOENT' ? 'no such file' : `cannot read: ${describeError(error)}`}`);
  }
}

function keyName(path: KeyPath): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key),
    '',
  );
}

function issueText(issue: z.core.$ZodIssue): { path: KeyPath; message: string } {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return {
      path: [...path, issue.keys[0]],
      message: `unknown key${issue.keys.length > 1 ? `s ${issue.keys.join(', ')}` : ''}`,
    };
  }
  return { path, message: issue.message };
}

/** Reads and validates a policy file; `today` (YYYY-MM-DD) decides which ignores have expired. */
export function readPolicy(path: string, cwd: string, today: string): Policy {
  const shown = relative(cwd, path) || path;
  const text = readText(path, shown);
  let document: Record<string, unknown>;
  try {
    document = parse(text) as Record<string, unknown>;
  } catch (error) {
    const where = error instanceof TomlError ? `:${error.line}` : '';
    throw new UserError(`${shown}${where}: not valid TOML: ${describeError(error).split('\n')[0]}`);
  }
  const isPyproject = path.endsWith(PYPROJECT) && !path.endsWith(POLICY_FILE);
  const prefix: KeyPath = isPyproject ? PYPROJECT_TABLE : [];
  const lines = new TomlLines(text);
  const at = (keys: KeyPath): string => `${shown}:${lines.lineOf([...prefix, ...keys])}`;
  const table = isPyproject ? ((document.tool as Record<string, unknown> | undefined)?.pyguard ?? {}) : document;
  const parsed = policySchema().safeParse(table);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map(issueText)
      .map(({ path: keys, message }) => `${at(keys)}: ${keyName([...prefix, ...keys])}: ${message}`);
    throw new UserError(
      problems.slice(0, 3).join('; ') + (problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''),
    );
  }
  const data = parsed.data;
  const ignores = (data.ignore ?? []).map((entry, i) => ({ ...entry, source: at(['ignore', i]) }));
  for (const [i, entry] of ignores.entries()) {
    if (entry.expires !== undefined && entry.expires < today) {
      throw new UserError(
        `${at(['ignore', i, 'expires'])}: ${keyName([...prefix, 'ignore', i, 'expires'])}: the ignore of ${entry.rule} in ${entry.package} expired on ${entry.expires} (${entry.reason}); review the finding again`,
      );
    }
  }
  const packages = new Map<string, PackageExpectation>();
  for (const [name, expectation] of Object.entries(data.packages ?? {})) {
    packages.set(normalizeName(name), {
      ...(expectation.capabilities ? { capabilities: new Set(expectation.capabilities) } : {}),
      ...(expectation.hosts ? { hosts: expectation.hosts } : {}),
      source: at(['packages', name]),
    });
  }
  return {
    file: shown,
    ...(data['fail-on'] ? { failOn: data['fail-on'] } : {}),
    ...(data['warn-on'] ? { warnOn: data['warn-on'] } : {}),
    allowedHosts: data['allowed-hosts'] ?? [],
    deniedHosts: data['denied-hosts'] ?? [],
    packages,
    ignores,
    index: data.index ?? {},
  };
}
