// What `pyguard check` is asked to audit and where to look: requirements from the command line and -r/-c files
// (with what cannot be audited), and the index set from flags, requirements files, pip's config and PYGUARD_PYPI_URL.

import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { loadPipConfig } from '../../pypi/config.ts';
import type { FetchContext } from '../../pypi/fetch/context.ts';
import type { MultiIndex } from '../../pypi/index/multi.ts';
import { openIndexes } from '../../pypi/index/open.ts';
import { parseRequirement } from '../../pypi/pep508.ts';
import { parseRequirementsFile, type RequirementsFile } from '../../pypi/requirements-file.ts';
import type { RootRequirement } from '../../pypi/resolver/index.ts';
import { UserError } from '../../util/errors.ts';
import type { ParsedArgs } from '../args.ts';
import type { CommandIO } from '../io.ts';

export interface CheckInputs {
  roots: RootRequirement[];
  /** Where each root came from (`<command line>` or `file:line`), parallel to roots. */
  sources: string[];
  constraints: RootRequirement[];
  notAuditable: { requirement: string; reason: string }[];
  /** Index options found in requirements files. */
  files: RequirementsFile[];
}

function unauditableUrl(text: string): string {
  return /^(git|hg|svn|bzr)\+/.test(text) ? 'a VCS requirement: its code is whatever the repository holds when installed' : 'a direct URL: not resolved from an index';
}

export async function readInputs(args: ParsedArgs, io: CommandIO): Promise<CheckInputs> {
  const inputs: CheckInputs = { roots: [], sources: [], constraints: [], notAuditable: [], files: [] };
  for (const spec of args.positionals) {
    if (/\.(txt|in)$/i.test(spec)) throw new UserError(`check: ${spec} looks like a requirements file; use -r ${spec}`);
    const requirement = parseRequirement(spec);
    if (requirement.url) inputs.notAuditable.push({ requirement: spec, reason: unauditableUrl(requirement.url) });
    else {
      inputs.roots.push({ requirement });
      inputs.sources.push('<command line>');
    }
  }
  const read = (p: string) => readFile(p, 'utf8');
  const load = (p: string) => parseRequirementsFile(resolvePath(io.cwd, p), read, io.env);
  for (const path of args.multi.get('requirement') ?? []) {
    const file = await load(path);
    inputs.files.push(file);
    for (const line of file.requirements) {
      if (line.requirement.url) {
        inputs.notAuditable.push({ requirement: `${line.requirement.raw.trim()} (${line.source})`, reason: unauditableUrl(line.requirement.url) });
        continue;
      }
      inputs.roots.push({ requirement: line.requirement, hashes: line.hashes });
      inputs.sources.push(line.source);
    }
    for (const line of file.constraints) inputs.constraints.push({ requirement: line.requirement, hashes: line.hashes });
    for (const n of file.notAuditable) inputs.notAuditable.push({ requirement: `${n.line} (${n.source})`, reason: n.reason });
  }
  for (const path of args.multi.get('constraint') ?? []) {
    const file = await load(path);
    for (const line of [...file.requirements, ...file.constraints]) inputs.constraints.push({ requirement: line.requirement, hashes: line.hashes });
  }
  if (inputs.roots.length === 0 && inputs.notAuditable.length === 0) {
    throw new UserError('check: give at least one requirement (SPEC or -r FILE)');
  }
  return inputs;
}

export interface CheckIndexes {
  index: MultiIndex;
  /** --pre from the flag, a requirements file or pip's config. */
  pre: boolean;
}

/**
 * The indexes, pip's way: --index-url (flag, then requirements file, then PIP_INDEX_URL / pip config) selects a
 * simple index; otherwise --pypi-url, PYGUARD_PYPI_URL or PyPI's JSON API. Extra indexes and find-links add up.
 */
export async function openCheckIndexes(args: ParsedArgs, inputs: CheckInputs, ctx: FetchContext, io: CommandIO): Promise<CheckIndexes> {
  const config = await loadPipConfig({ env: io.env, isolated: args.flags.has('isolated'), cwd: io.cwd });
  const fromFiles = inputs.files;
  const cliIndex = args.values.get('index-url');
  const cliPypi = args.values.get('pypi-url');
  if (cliIndex && cliPypi) throw new UserError('check: give --index-url or --pypi-url, not both');
  const fileIndex = fromFiles.map((f) => f.indexUrl).find((u) => u !== undefined);
  const envPypi = io.env.PYGUARD_PYPI_URL;
  const noIndex = args.flags.has('no-index') || fromFiles.some((f) => f.noIndex) || config.noIndex;
  const findLinks = [...(args.multi.get('find-links') ?? []), ...fromFiles.flatMap((f) => f.findLinks), ...config.findLinks];
  if (noIndex && findLinks.length === 0) throw new UserError('check: --no-index needs --find-links DIR');
  const simpleUrl = cliPypi ? undefined : (cliIndex ?? fileIndex ?? (envPypi ? undefined : config.indexUrl));
  const index = openIndexes(ctx, {
    indexUrl: simpleUrl,
    jsonApiUrl: cliPypi ?? envPypi,
    extraIndexUrls: [...(args.multi.get('extra-index-url') ?? []), ...fromFiles.flatMap((f) => f.extraIndexUrls), ...config.extraIndexUrls],
    findLinks,
    noIndex,
  }, io.cwd);
  const pre = args.flags.has('pre') || fromFiles.some((f) => f.pre) || Boolean(config.pre);
  return { index, pre };
}
