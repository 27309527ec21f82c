// What `pyguard check` is asked to audit: requirements from the command line, -r/-c files and projects (a folder
// with a pyproject.toml, or the file itself), each root with where it was given; what cannot be audited, with
// the reason; and the index options the requirements files carry. A local file or archive belongs to `scan`.

import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve as resolvePath } from 'node:path';
import { isArchiveName } from '../../pypi/archive/format.ts';
import { parseRequirement, type Requirement } from '../../pypi/pep508.ts';
import { readPyprojectDependencies } from '../../pypi/pyproject.ts';
import { parseRequirementsFile, type RequirementsFile } from '../../pypi/requirements-file.ts';
import type { RootRequirement } from '../../pypi/resolver/index.ts';
import { UserError } from '../../util/errors.ts';
import type { ParsedArgs } from '../args.ts';
import type { CommandIO } from '../io.ts';

export interface CheckInputs {
  /** Each with its `source`: `<command line>`, `file:line` or `pyproject.toml [section]`. */
  roots: RootRequirement[];
  constraints: RootRequirement[];
  notAuditable: { requirement: string; reason: string }[];
  /** Index options found in requirements files. */
  files: RequirementsFile[];
}

const COMMAND_LINE = '<command line>';

function unauditableUrl(text: string): string {
  return /^(git|hg|svn|bzr)\+/.test(text)
    ? 'a VCS requirement: its code is whatever the repository holds when installed'
    : 'a direct URL: not resolved from an index';
}

/** A SPEC written as a path (., ./x, a/b), not as a requirement or URL. */
function looksLikePath(spec: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:/i.test(spec) || spec.includes('@')) return false;
  return (
    spec.startsWith('.') ||
    spec.includes('/') ||
    spec.includes('\\') ||
    /\.(py|toml|txt|in)$/i.test(spec) ||
    isArchiveName(spec)
  );
}

function isPyproject(path: string): boolean {
  return basename(path).toLowerCase() === 'pyproject.toml';
}

/** The pyproject.toml a SPEC written as a path stands for; anything else there is refused with what to use instead. */
async function projectFile(spec: string, cwd: string): Promise<string> {
  if (/\.(txt|in)$/i.test(spec)) throw new UserError(`check: ${spec} looks like a requirements file; use -r ${spec}`);
  const path = resolvePath(cwd, spec);
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new UserError(`check: ${spec}: no such file or folder`);
  if (info.isDirectory()) {
    const file = join(path, 'pyproject.toml');
    if (await stat(file).catch(() => undefined)) return join(spec, 'pyproject.toml');
    throw new UserError(
      `check: ${spec} has no pyproject.toml to read dependencies from; to audit the code in it, use: pyguard scan ${spec}`,
    );
  }
  if (isPyproject(path)) return spec;
  throw new UserError(
    `check: ${spec} is a local ${isArchiveName(path) ? 'archive' : 'file'}; to audit it, use: pyguard scan ${spec}`,
  );
}

export async function readInputs(args: ParsedArgs, io: CommandIO): Promise<CheckInputs> {
  const inputs: CheckInputs = { roots: [], constraints: [], notAuditable: [], files: [] };
  const addRoot = (requirement: Requirement, shown: string, source: string, hashes?: string[]): void => {
    if (requirement.url) inputs.notAuditable.push({ requirement: shown, reason: unauditableUrl(requirement.url) });
    else inputs.roots.push({ requirement, source, ...(hashes ? { hashes } : {}) });
  };
  const addProject = async (path: string): Promise<void> => {
    const text = await readFile(resolvePath(io.cwd, path), 'utf8').catch(() => {
      throw new UserError(`check: cannot read ${path}`);
    });
    const project = readPyprojectDependencies(text, path);
    for (const { text: requirement, source } of project.requirements) {
      let parsed: Requirement;
      try {
        parsed = parseRequirement(requirement);
      } catch (error) {
        throw new UserError(`${source}: ${(error as Error).message}`);
      }
      addRoot(parsed, `${requirement} (${source})`, source);
    }
    inputs.notAuditable.push(...project.notAuditable);
  };
  let projects = 0;
  for (const spec of args.positionals) {
    // As pip: a bare name that is a folder with a pyproject.toml here means that project.
    if (looksLikePath(spec) || (await stat(resolvePath(io.cwd, spec, 'pyproject.toml')).catch(() => undefined))) {
      await addProject(await projectFile(spec, io.cwd));
      projects++;
    } else {
      addRoot(parseRequirement(spec), spec, COMMAND_LINE);
    }
  }
  const read = (p: string) => readFile(p, 'utf8');
  const load = (p: string) => parseRequirementsFile(resolvePath(io.cwd, p), read, io.env);
  for (const path of args.multi.get('requirement') ?? []) {
    if (isPyproject(path)) {
      await addProject(path);
      projects++;
      continue;
    }
    const file = await load(path);
    inputs.files.push(file);
    for (const line of file.requirements)
      addRoot(line.requirement, `${line.requirement.raw.trim()} (${line.source})`, line.source, line.hashes);
    for (const line of file.constraints)
      inputs.constraints.push({ requirement: line.requirement, hashes: line.hashes });
    for (const n of file.notAuditable)
      inputs.notAuditable.push({ requirement: `${n.line} (${n.source})`, reason: n.reason });
  }
  for (const path of args.multi.get('constraint') ?? []) {
    const file = await load(path);
    for (const line of [...file.requirements, ...file.constraints])
      inputs.constraints.push({ requirement: line.requirement, hashes: line.hashes });
  }
  if (inputs.roots.length === 0 && inputs.notAuditable.length === 0 && projects === 0) {
    throw new UserError('check: give at least one requirement (SPEC, -r FILE, or a project folder such as .)');
  }
  return inputs;
}
