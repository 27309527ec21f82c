// A project's declared dependencies from its pyproject.toml: PEP 621 `[project] dependencies` and
// `optional-dependencies`, and PEP 735 `[dependency-groups]` (with `{include-group = "..."}` expanded). Each
// requirement keeps where it is written, so a conflict can name it. Dynamic dependencies cannot be read statically.
import { parse, TomlError } from 'smol-toml';
import { ProjectFileError } from './standards-error.ts';
import { normalizeName } from './names.ts';

export interface DeclaredRequirement {
  text: string;
  /** `pyproject.toml [project.dependencies]`, `pyproject.toml [dependency-groups.dev]`... */
  source: string;
}

export interface ProjectDependencies {
  requirements: DeclaredRequirement[];
  /** What the file declares but cannot be read without running the build backend. */
  notAuditable: { requirement: string; reason: string }[];
}

type Table = Record<string, unknown>;

function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function strings(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw new ProjectFileError(`${where}: expected a list of requirement strings`);
  return value as string[];
}

/** PEP 735: a group's requirements, its include-group entries expanded (cycles refused). */
function groupRequirements(groups: Table, name: string, where: string, stack: string[] = []): string[] {
  const key = Object.keys(groups).find((k) => normalizeName(k) === normalizeName(name));
  if (key === undefined) throw new ProjectFileError(`${where}: no dependency group '${name}'`);
  if (stack.includes(key))
    throw new ProjectFileError(`${where}: dependency groups include each other: ${[...stack, key].join(' -> ')}`);
  const entries = groups[key];
  if (!Array.isArray(entries)) throw new ProjectFileError(`${where}.${key}: expected a list`);
  return entries.flatMap((entry) => {
    if (typeof entry === 'string') return [entry];
    if (isTable(entry) && typeof entry['include-group'] === 'string')
      return groupRequirements(groups, entry['include-group'], where, [...stack, key]);
    throw new ProjectFileError(`${where}.${key}: expected requirement strings or {include-group = "..."}`);
  });
}

/** Reads `text` (the content of `shown`, a pyproject.toml). */
export function readPyprojectDependencies(text: string, shown: string): ProjectDependencies {
  let document: Table;
  try {
    document = parse(text) as Table;
  } catch (error) {
    const message = error instanceof TomlError ? `line ${error.line}: ${error.message.split('\n')[0]}` : String(error);
    throw new ProjectFileError(`${shown}: not valid TOML (${message})`);
  }
  const result: ProjectDependencies = { requirements: [], notAuditable: [] };
  const add = (texts: string[], section: string): void => {
    for (const requirement of texts) result.requirements.push({ text: requirement, source: `${shown} [${section}]` });
  };
  const project = document.project;
  if (project !== undefined && !isTable(project)) throw new ProjectFileError(`${shown}: [project] is not a table`);
  if (project) {
    const dynamic = Array.isArray(project.dynamic) ? project.dynamic : [];
    for (const field of ['dependencies', 'optional-dependencies']) {
      if (dynamic.includes(field))
        result.notAuditable.push({
          requirement: `${shown} [project] ${field}`,
          reason: 'dynamic: only the build backend knows them (it would have to run)',
        });
    }
    if (project.dependencies !== undefined)
      add(strings(project.dependencies, `${shown} [project] dependencies`), 'project.dependencies');
    const optional = project['optional-dependencies'];
    if (optional !== undefined) {
      if (!isTable(optional)) throw new ProjectFileError(`${shown}: [project.optional-dependencies] is not a table`);
      for (const [extra, list] of Object.entries(optional))
        add(
          strings(list, `${shown} [project.optional-dependencies] ${extra}`),
          `project.optional-dependencies.${extra}`,
        );
    }
  }
  const groups = document['dependency-groups'];
  if (groups !== undefined) {
    if (!isTable(groups)) throw new ProjectFileError(`${shown}: [dependency-groups] is not a table`);
    for (const name of Object.keys(groups))
      add(groupRequirements(groups, name, `${shown} [dependency-groups]`), `dependency-groups.${name}`);
  }
  if (project === undefined && groups === undefined)
    throw new ProjectFileError(`${shown}: no [project] table and no [dependency-groups]: nothing to audit`);
  return result;
}
