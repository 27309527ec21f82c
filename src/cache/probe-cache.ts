// Keeps what an interpreter answered to the environment probe (pypi/environment.ts), so a warm run does not start Python
// again: one JSON file per interpreter under environments/ of the cache folder, written atomically. An answer is used
// only while every file it came from (the interpreter's binary and the shared libraries it loaded, the stdlib and
// packaging modules the probe read) keeps its size and modification time, on the same kernel. An interpreter that is
// a script is asked every time: a shim (pyenv, asdf) picks the real interpreter per folder and environment.

import { closeSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { machine, release, version } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import type { Probe, ProbeStore } from '../pypi/environment.ts';
import { sha256Hex, writeAtomically } from '../pypi/fetch/cache.ts';

export const ENVIRONMENTS_FOLDER = 'environments';

/** A file the answer came from, as it was when the probe ran. */
interface SourceFile {
  path: string;
  size: number;
  mtimeMs: number;
}

interface StoredProbe {
  key: string;
  files: SourceFile[];
  probe: Probe;
}

/** Environment variables that change which libraries a native interpreter loads (-I ignores the PYTHON* ones). */
const LOADER_VARIABLES = ['LD_LIBRARY_PATH', 'LD_PRELOAD', 'DYLD_LIBRARY_PATH', 'DYLD_INSERT_LIBRARIES'];

/**
 * The file `command` runs, found as execFile finds it: a path as given, else the first executable on PATH; undefined
 * when a relative PATH entry (the current folder's) comes first, as what it holds changes with the folder.
 */
function locate(command: string, env: NodeJS.ProcessEnv): string | undefined {
  if (command.includes('/')) return resolve(command);
  for (const folder of (env.PATH ?? '').split(delimiter)) {
    if (!isAbsolute(folder)) return undefined;
    const candidate = join(folder, command);
    try {
      if (statSync(candidate).isFile() && (statSync(candidate).mode & 0o111) !== 0) return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** True when the file starts with `#!`: a script, whose interpreter is chosen when it runs. */
function isScript(path: string): boolean {
  const head = Buffer.alloc(2);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, head, 0, 2, 0) === 2 && head.toString('latin1') === '#!';
  } finally {
    closeSync(fd);
  }
}

function describe(path: string): SourceFile {
  const info = statSync(path);
  return { path, size: info.size, mtimeMs: info.mtimeMs };
}

export class ProbeCache implements ProbeStore {
  private readonly folder: string;

  constructor(cacheRoot: string) {
    this.folder = join(cacheRoot, ENVIRONMENTS_FOLDER);
  }

  /**
   * What identifies an answer of `command`: the interpreter's path and real path, the kernel (platform_release and
   * platform_version markers) and the loader's variables; undefined when the answer must not be kept (a script, no
   * such file, Windows, where PATHEXT decides what runs).
   */
  private keyOf(command: string, env: NodeJS.ProcessEnv): string | undefined {
    if (process.platform === 'win32') return undefined;
    try {
      const path = locate(command, env);
      if (path === undefined) return undefined;
      const real = realpathSync(path);
      if (isScript(real)) return undefined;
      const loader = LOADER_VARIABLES.map((name) => env[name] ?? '');
      return JSON.stringify([path, real, release(), version(), machine(), ...loader]);
    } catch {
      return undefined;
    }
  }

  /** The kept answer of `python`, when every file it came from is unchanged; anything unreadable is a miss. */
  get(python: string, env: NodeJS.ProcessEnv): Probe | undefined {
    const key = this.keyOf(python, env);
    if (key === undefined) return undefined;
    try {
      const stored = JSON.parse(readFileSync(this.pathOf(key), 'utf8')) as StoredProbe;
      if (stored.key !== key || stored.files.length === 0) return undefined;
      for (const file of stored.files) {
        const now = describe(file.path);
        if (now.size !== file.size || now.mtimeMs !== file.mtimeMs) return undefined;
      }
      return stored.probe;
    } catch {
      return undefined;
    }
  }

  /** Keeps an answer with the files it came from (`probe.files`); nothing is kept when one cannot be read. */
  async put(python: string, env: NodeJS.ProcessEnv, probe: Probe): Promise<void> {
    const key = this.keyOf(python, env);
    if (key === undefined) return;
    let files: SourceFile[];
    try {
      files = [...new Set(probe.files ?? [])].map(describe);
    } catch {
      return;
    }
    if (files.length === 0) return;
    const stored: StoredProbe = { key, files, probe: { ...probe, files: undefined } };
    await writeAtomically(this.pathOf(key), JSON.stringify(stored)).catch(() => undefined);
  }

  private pathOf(key: string): string {
    return join(this.folder, `${sha256Hex(key)}.json`);
  }
}
