// What `pyguard check` is asked to audit: requirements from the command line and -r/-c files (with what cannot be
// audited, and the index options the files carry).

import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
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
