// Writing the report files the options ask for (JSON, SARIF, HTML), each one whole or not at all: what check, scan,
// report and the app's `o` key share.

import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { AuditResult } from '../model/result.ts';
import type { RuleInfo } from '../model/rules.ts';
import { renderHtml } from '../report/html/index.ts';
import { renderJson } from '../report/json.ts';
import { renderSarif } from '../report/sarif.ts';
import { describeError, UserError } from '../util/errors.ts';
import type { CommandIO } from './io.ts';

export const DEFAULT_HTML_FILE = 'pyguard-report.html';
export const DEFAULT_SARIF_FILE = 'pyguard.sarif';

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
    const why = code === 'ENOENT' ? 'the folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : describeError(error);
    throw new UserError(`${label}: cannot write: ${why}`);
  }
}

/** Renders the requested outputs (paths relative to io.cwd) and writes each one atomically. */
export function writeOutputs(result: AuditResult, opts: OutputOptions, io: CommandIO): void {
  const rules = opts.rules ?? [];
  const write = (file: string, content: string): void => writeFileAtomic(resolve(io.cwd, file), content, file);
  if (opts.json !== undefined) {
    const json = renderJson(result);
    if (opts.json === '-') io.stdout(json);
    else write(opts.json, json);
  }
  if (opts.sarif !== undefined) write(opts.sarif, JSON.stringify(renderSarif(result, rules), null, 2) + '\n');
  if (opts.html !== undefined) write(opts.html, renderHtml(result, { rules }));
}
