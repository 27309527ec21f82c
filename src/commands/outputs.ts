// The report destinations of scan, check and report: checked before any work (no two outputs to the same file or
// both to stdout; each file writable: its folder exists and accepts files, an existing file is a writable file),
// then rendered and written atomically, each written file announced on stderr.
import { randomBytes } from 'node:crypto';
import { accessSync, constants, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { AuditResult } from '../model/result.ts';
import type { RuleInfo } from '../model/rules.ts';
import { renderHtml } from '../report/html/index.ts';
import { renderJson } from '../report/json.ts';
import { renderSarif } from '../report/sarif.ts';
import { describeError, UserError } from '../util/errors.ts';
import type { CommandIO } from './io.ts';

function whyUnwritable(path: string): string | undefined {
  const info = statSync(path, { throwIfNoEntry: false });
  if (info?.isDirectory()) return 'it is a folder';
  const target = info ? path : dirname(path);
  if (!info) {
    const folder = statSync(target, { throwIfNoEntry: false });
    if (!folder) return `the folder ${target} does not exist`;
    if (!folder.isDirectory()) return `${target} is not a folder`;
  }
  try {
    accessSync(target, constants.W_OK);
    return undefined;
  } catch {
    return 'permission denied';
  }
}

/** Throws a UserError naming the first problem with the outputs (option name → FILE or '-'). */
export function checkOutputPaths(command: string, outputs: Map<string, string>, cwd: string): void {
  const seen = new Map<string, string>();
  for (const [name, file] of outputs) {
    const key = file === '-' ? '-' : resolve(cwd, file);
    const other = seen.get(key);
    if (other)
      throw new UserError(
        `${command}: --${other} and --${name} both write to ${file === '-' ? 'stdout' : file}; give each its own FILE`,
      );
    seen.set(key, name);
    if (file === '-') continue;
    const why = whyUnwritable(key);
    if (why) throw new UserError(`${command}: --${name} ${file}: cannot write: ${why}`);
  }
}

export interface OutputOptions {
  /** HTML report file. */
  html?: string;
  /** SARIF file. */
  sarif?: string;
  /** JSON file, or '-' for stdout. */
  json?: string;
  /** Rule descriptions for SARIF and HTML; without them, rules are named by id only. */
  rules?: RuleInfo[];
}

/** Writes a file so that readers see either the old content or the new one, never half of it. */
export function writeFileAtomic(path: string, content: string, label = path): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, content, { flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'the folder does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : describeError(error);
    throw new UserError(`${label}: cannot write: ${why}`);
  }
}

/** Renders the requested outputs (paths relative to io.cwd, '-' for stdout), writes each file atomically and says so on stderr. */
export function writeOutputs(result: AuditResult, opts: OutputOptions, io: CommandIO, { quiet = false } = {}): void {
  const rules = opts.rules ?? [];
  const write = (file: string | undefined, render: () => string): void => {
    if (file === undefined) return;
    if (file === '-') {
      io.stdout(render());
      return;
    }
    writeFileAtomic(resolve(io.cwd, file), render(), file);
    if (!quiet) io.stderr(`wrote ${file}\n`);
  };
  write(opts.json, () => renderJson(result));
  write(opts.sarif, () => JSON.stringify(renderSarif(result, rules), null, 2) + '\n');
  write(opts.html, () => renderHtml(result, { rules }));
}
