// Where `pyguard check` looks, pip's way: the command line's index options replace the same options of pip's
// configuration (files and PIP_* variables), requirements files add theirs; PYGUARD_PYPI_URL or PyPI's JSON API
// when no simple index is named. A bad location names where it came from (the option, or the config file or
// variable, with the way to ignore pip's configuration).

import { stat } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_HINT, loadPipConfig, type PipConfig } from '../../pypi/config.ts';
import type { FetchContext } from '../../pypi/fetch/context.ts';
import type { MultiIndex } from '../../pypi/index/multi.ts';
import { indexUrlProblem, openIndexes } from '../../pypi/index/open.ts';
import { UserError } from '../../util/errors.ts';
import type { ParsedArgs } from '../args.ts';
import type { CommandIO } from '../io.ts';
import type { CheckInputs } from './inputs.ts';

export interface CheckIndexes {
  index: MultiIndex;
  /** --pre from the flag, a requirements file or pip's config. */
  pre: boolean;
}

/** A location and where it was given: `--index-url`, a requirements file, or a pip config file or variable. */
interface Located {
  value: string;
  from: string;
  configured: boolean;
}

function complain(location: Located, problem: string): UserError {
  const { value, from, configured } = location;
  return new UserError(configured ? `${from}: ${problem}: ${value} (${CONFIG_HINT})` : `${from} ${value}: ${problem}`);
}

/** An index URL pip would take: http(s), or file: naming an existing folder. */
async function checkIndexUrl(location: Located): Promise<string> {
  const problem = indexUrlProblem(location.value);
  if (problem !== undefined) throw complain(location, problem);
  const parsed = new URL(location.value);
  if (parsed.protocol === 'file:' && !(await stat(fileURLToPath(parsed)).catch(() => undefined))?.isDirectory()) {
    throw complain(location, 'no such index folder');
  }
  return location.value;
}

/** A find-links location pip would take: an http(s) page, or an existing local path or file: URL. */
async function checkFindLinks(location: Located, cwd: string): Promise<string> {
  const { value } = location;
  if (/^https?:\/\//i.test(value)) return value;
  let path: string;
  try {
    path = value.startsWith('file:') ? fileURLToPath(value) : resolvePath(cwd, value);
  } catch {
    throw complain(location, 'not a valid find-links location');
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !value.startsWith('file:'))
    throw complain(location, 'not an http(s) or file: find-links location');
  if (!(await stat(path).catch(() => undefined))) throw complain(location, 'no such find-links folder or file');
  return value;
}

function fromConfig(config: PipConfig, option: string, value: string): Located {
  return { value, from: config.origins.get(option) ?? 'pip configuration', configured: true };
}

/** The command line's values of a list option, else the configured ones (pip: the command line replaces the config). */
function chosen(
  args: ParsedArgs,
  config: PipConfig,
  option: 'extra-index-url' | 'find-links',
  configured: string[],
): Located[] {
  const given = args.multi.get(option) ?? [];
  if (given.length > 0) return given.map((value) => ({ value, from: `--${option}`, configured: false }));
  return configured.map((value) => fromConfig(config, option, value));
}

export async function openCheckIndexes(
  args: ParsedArgs,
  inputs: CheckInputs,
  ctx: FetchContext,
  io: CommandIO,
): Promise<CheckIndexes> {
  const config = await loadPipConfig({ env: io.env, isolated: args.flags.has('isolated'), cwd: io.cwd });
  const files = inputs.files;
  const fromFile = (value: string): Located => ({ value, from: 'requirements file', configured: false });
  const cliPypi = args.values.get('pypi-url');
  const cliIndex = args.values.get('index-url');
  if (cliIndex && cliPypi) throw new UserError('check: give --index-url or --pypi-url, not both');
  const fileIndex = files.map((f) => f.indexUrl).find((u) => u !== undefined);
  const envPypi = io.env.PYGUARD_PYPI_URL;
  const noIndex = args.flags.has('no-index') || files.some((f) => f.noIndex) || config.noIndex;
  let indexUrl: string | undefined;
  let jsonApiUrl: string | undefined;
  const extraIndexUrls: string[] = [];
  if (!noIndex) {
    const simple =
      cliIndex !== undefined
        ? { value: cliIndex, from: '--index-url', configured: false }
        : fileIndex !== undefined
          ? fromFile(fileIndex)
          : undefined;
    const configured = config.indexUrl ? fromConfig(config, 'index-url', config.indexUrl) : undefined;
    if (cliPypi) jsonApiUrl = cliPypi;
    else if (simple) indexUrl = await checkIndexUrl(simple);
    else if (envPypi) jsonApiUrl = envPypi;
    else if (configured) indexUrl = await checkIndexUrl(configured);
    const extras = [
      ...chosen(args, config, 'extra-index-url', config.extraIndexUrls),
      ...files.flatMap((f) => f.extraIndexUrls.map(fromFile)),
    ];
    for (const extra of extras) extraIndexUrls.push(await checkIndexUrl(extra));
  }
  const locations = [
    ...chosen(args, config, 'find-links', config.findLinks),
    ...files.flatMap((f) => f.findLinks.map(fromFile)),
  ];
  const findLinks: string[] = [];
  for (const location of locations) findLinks.push(await checkFindLinks(location, io.cwd));
  const index = openIndexes(ctx, { indexUrl, jsonApiUrl, extraIndexUrls, findLinks, noIndex }, io.cwd);
  if (index.indexes.length === 0) throw new UserError('check: --no-index needs --find-links DIR');
  const pre = args.flags.has('pre') || files.some((f) => f.pre) || Boolean(config.pre);
  return { index, pre };
}
