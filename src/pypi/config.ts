// pip's configuration as `pip install` reads it: config files (global < user < site < PIP_CONFIG_FILE), their
// [global] then [install] sections, then PIP_* environment variables; --isolated skips user files and PIP_* variables.

import { access, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { PipConfigError } from './standards-error.ts';

export interface PipConfig {
  indexUrl?: string;
  extraIndexUrls: string[];
  /** Local entries are absolute paths (resolved against cwd, `~` expanded); URLs are kept. */
  findLinks: string[];
  noIndex: boolean;
  pre?: boolean;
  /** The files and environment variables that were read, in precedence order (lowest first). */
  sources: string[];
  /** Where each option's value came from: the file (`path [section]`) or the variable (PIP_INDEX_URL). */
  origins: Map<string, string>;
}

export interface PipConfigOptions {
  env: NodeJS.ProcessEnv;
  /** As `pip --isolated`: ignore user config files and PIP_* variables (global, site and PIP_CONFIG_FILE still count). */
  isolated: boolean;
  cwd: string;
  /** Global config files, for tests; default `$XDG_CONFIG_DIRS/pip/pip.conf` (or /etc/xdg/pip/pip.conf) then /etc/pip.conf. */
  globalFiles?: string[];
}

const DEV_NULL = '/dev/null';
const SECTIONS = ['global', 'install', ':env:'];
const OPTIONS = ['index-url', 'extra-index-url', 'find-links', 'no-index', 'pre'];
const TRUE_WORDS = new Set(['y', 'yes', 't', 'true', 'on', '1']);
const FALSE_WORDS = new Set(['n', 'no', 'f', 'false', 'off', '0']);

type Sections = Map<string, Map<string, string>>;

export async function loadPipConfig(options: PipConfigOptions): Promise<PipConfig> {
  const { env } = options;
  const sources: string[] = [];
  // section → key → value; a later file overrides an earlier one key by key, as pip's Configuration does.
  const merged: Sections = new Map();
  const origin = new Map<string, string>();
  const set = (section: string, key: string, value: string, from: string): void => {
    if (!merged.has(section)) merged.set(section, new Map());
    merged.get(section)!.set(key, value);
    origin.set(`${section}\n${key}`, from);
  };
  for (const file of await configFiles(options)) {
    const text = await readIfPresent(file);
    if (text === null) continue;
    sources.push(file);
    for (const [section, entries] of parseIni(text, file)) {
      for (const [key, value] of entries) set(section, key, value, `${file} [${section}]`);
    }
  }
  if (!options.isolated) {
    for (const [name, value] of Object.entries(env)) {
      if (!name.startsWith('PIP_') || value === undefined) continue;
      const key = normalizeKey(name.slice(4));
      if (!OPTIONS.includes(key)) continue;
      set(':env:', key, value, name);
      sources.push(name);
    }
  }
  // Then [global] < [install] < environment, whatever file each came from.
  const values = new Map<string, string>();
  const origins = new Map<string, string>();
  for (const section of SECTIONS) {
    for (const [key, value] of merged.get(section) ?? []) {
      values.set(key, value);
      origins.set(key, origin.get(`${section}\n${key}`)!);
    }
  }
  const home = env.HOME || homedir();
  const list = (key: string): string[] => values.get(key)?.split(/\s+/).filter(Boolean) ?? [];
  const flag = (key: string): boolean | undefined => {
    const value = values.get(key);
    return value === undefined ? undefined : parseBoolean(value, key, origins.get(key)!);
  };
  const indexUrl = values.get('index-url')?.trim();
  return {
    ...(indexUrl ? { indexUrl } : {}),
    extraIndexUrls: list('extra-index-url'),
    findLinks: list('find-links').map((link) => localPath(link, options.cwd, home)),
    noIndex: flag('no-index') ?? false,
    ...(flag('pre') !== undefined ? { pre: flag('pre') } : {}),
    sources,
    origins,
  };
}

/** The hint every complaint about a configured value ends with. */
export const CONFIG_HINT =
  "pip's configuration: --isolated ignores user files and PIP_* variables, PIP_CONFIG_FILE=/dev/null ignores every file";

/** The config files pip reads, lowest precedence first (PIP_CONFIG_FILE=/dev/null: none). */
async function configFiles(options: PipConfigOptions): Promise<string[]> {
  const { env } = options;
  const explicit = env.PIP_CONFIG_FILE;
  if (explicit === DEV_NULL) return [];
  const home = env.HOME || homedir();
  const globalFiles = options.globalFiles ?? [
    ...(env.XDG_CONFIG_DIRS || '/etc/xdg')
      .split(':')
      .filter(Boolean)
      .map((dir) => join(dir, 'pip', 'pip.conf')),
    '/etc/pip.conf',
  ];
  const files = [...globalFiles];
  // pip skips the user files when PIP_CONFIG_FILE names an existing file.
  if (!options.isolated && !(explicit && (await exists(explicit)))) {
    files.push(join(home, '.pip', 'pip.conf'), join(env.XDG_CONFIG_HOME || join(home, '.config'), 'pip', 'pip.conf'));
  }
  if (env.VIRTUAL_ENV) files.push(join(env.VIRTUAL_ENV, 'pip.conf'));
  if (explicit) files.push(explicit);
  return files;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function readIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
    throw new PipConfigError(`${path}: cannot read pip configuration (${code ?? 'error'})`);
  }
}

/** INI as Python's RawConfigParser reads it: `key = value` or `key: value`, indented continuation lines, # and ; comments. */
export function parseIni(text: string, file: string): Sections {
  const sections: Sections = new Map();
  let section: Map<string, string> | undefined;
  let key: string | undefined;
  text.split(/\r?\n/).forEach((line, index) => {
    const stripped = line.trim();
    if (stripped.startsWith('#') || stripped.startsWith(';')) return;
    if (stripped === '') return;
    if (/^\s/.test(line) && section && key !== undefined) {
      section.set(key, `${section.get(key)}\n${stripped}`.trim());
      return;
    }
    const header = /^\[(.+)\]$/.exec(stripped);
    if (header) {
      section = sections.get(header[1]) ?? new Map();
      sections.set(header[1], section);
      key = undefined;
      return;
    }
    const delimiter = stripped.search(/[=:]/);
    if (!section) throw new PipConfigError(`${file}:${index + 1}: pip configuration line outside any [section]`);
    if (delimiter <= 0) throw new PipConfigError(`${file}:${index + 1}: expected "name = value" in pip configuration`);
    key = normalizeKey(stripped.slice(0, delimiter).trim());
    section.set(key, stripped.slice(delimiter + 1).trim());
  });
  const defaults = sections.get('DEFAULT');
  if (defaults) {
    sections.delete('DEFAULT');
    for (const entries of sections.values()) {
      for (const [name, value] of defaults) if (!entries.has(name)) entries.set(name, value);
    }
  }
  return sections;
}

/** pip's key normal form: lower case, `_` → `-`, no leading `--`. */
function normalizeKey(name: string): string {
  return name.toLowerCase().replace(/_/g, '-').replace(/^--/, '');
}

function parseBoolean(value: string, key: string, from: string): boolean {
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  throw new PipConfigError(`${from}: ${JSON.stringify(value)} is not a valid value for ${key} (${CONFIG_HINT})`);
}

function localPath(link: string, cwd: string, home: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(link)) return link;
  const expanded = link === '~' || link.startsWith('~/') ? join(home, link.slice(1)) : link;
  return isAbsolute(expanded) ? expanded : resolve(cwd, expanded);
}
