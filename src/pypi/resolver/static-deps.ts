// Dependencies an sdist declares statically, read without running anything: `[project]` of pyproject.toml (unless
// `dependencies` is dynamic) or `[options] install_requires` / `[options.extras_require]` of setup.cfg.

export interface StaticDependencies {
  requiresDist: string[];
  providesExtra: string[];
  requiresPython?: string;
  from: 'pyproject.toml' | 'setup.cfg';
}

/** Adds `extra == "x"` to a requirement's marker. */
function withExtra(requirement: string, extra: string): string {
  const semi = requirement.indexOf(';');
  if (semi < 0) return `${requirement.trim()}; extra == "${extra}"`;
  const marker = requirement.slice(semi + 1).trim();
  return `${requirement.slice(0, semi).trim()}; (${marker}) and extra == "${extra}"`;
}

/** The TOML tables of a document, as raw key → value-text maps (enough for arrays of strings and strings). */
function tomlTables(text: string): Map<string, Map<string, string>> {
  const tables = new Map<string, Map<string, string>>();
  let current = new Map<string, string>();
  tables.set('', current);
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = stripComment(lines[i]).trim();
    if (line === '') continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      current = new Map();
      tables.set(
        header[1]
          .trim()
          .replace(/\s*\.\s*/g, '.')
          .replace(/"/g, ''),
        current,
      );
      continue;
    }
    const kv = /^("?[A-Za-z0-9_.-]+"?)\s*=\s*(.*)$/.exec(line);
    if (!kv) continue;
    let value = kv[2];
    while (value.startsWith('[') && !arrayClosed(value) && i + 1 < lines.length)
      value += `\n${stripComment(lines[++i])}`;
    current.set(kv[1].replace(/"/g, ''), value.trim());
  }
  return tables;
}

function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') return line.slice(0, i);
  }
  return line;
}

function arrayClosed(value: string): boolean {
  return tomlStrings(value) !== null;
}

/** The strings of a TOML array (`["a>=1", 'b']`); null when the array is not closed. */
function tomlStrings(value: string): string[] | null {
  const out: string[] = [];
  let i = value.indexOf('[') + 1;
  while (i < value.length) {
    const ch = value[i];
    if (ch === ']') return out;
    if (ch === '"' || ch === "'") {
      let s = '';
      let j = i + 1;
      for (; j < value.length && value[j] !== ch; j++) {
        if (ch === '"' && value[j] === '\\' && j + 1 < value.length) s += value[++j];
        else s += value[j];
      }
      out.push(s);
      i = j + 1;
    } else i++;
  }
  return null;
}

function tomlString(value: string | undefined): string | undefined {
  const m = value === undefined ? null : /^(["'])(.*)\1$/.exec(value);
  return m ? m[2] : undefined;
}

/** `[project]` dependencies of a pyproject.toml; null when absent or dynamic. */
export function fromPyproject(text: string): StaticDependencies | null {
  const tables = tomlTables(text);
  const project = tables.get('project');
  if (!project) return null;
  const dynamic = tomlStrings(project.get('dynamic') ?? '[]') ?? [];
  if (dynamic.includes('dependencies') || !project.has('dependencies')) return null;
  const requiresDist = tomlStrings(project.get('dependencies') as string) ?? [];
  const providesExtra: string[] = [];
  const optional = tables.get('project.optional-dependencies');
  if (optional && !dynamic.includes('optional-dependencies')) {
    for (const [extra, value] of optional) {
      providesExtra.push(extra);
      for (const r of tomlStrings(value) ?? []) requiresDist.push(withExtra(r, extra));
    }
  }
  const deps: StaticDependencies = { requiresDist, providesExtra, from: 'pyproject.toml' };
  const requiresPython = tomlString(project.get('requires-python'));
  if (requiresPython) deps.requiresPython = requiresPython;
  return deps;
}

/** setup.cfg sections as key → multi-line value maps (continuation lines are indented). */
function iniSections(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  let key: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(raw) || raw.trim() === '') continue;
    const header = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (header) {
      current = new Map();
      sections.set(header[1].trim(), current);
      key = undefined;
      continue;
    }
    if (!current) continue;
    if (/^\s/.test(raw) && key !== undefined) {
      current.set(key, `${current.get(key)}\n${raw.trim()}`);
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!kv) continue;
    key = kv[1].trim();
    current.set(key, kv[2].trim());
  }
  return sections;
}

function lines(value: string | undefined): string[] {
  return (value ?? '')
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l !== '');
}

/** A setup.cfg option, whether spelled with `_` or `-`. */
function option(section: Map<string, string>, key: string): string | undefined {
  for (const [k, v] of section) if (k.toLowerCase().replace(/-/g, '_') === key) return v;
  return undefined;
}

/** `[options] install_requires` of a setup.cfg; null when it declares none. */
export function fromSetupCfg(text: string): StaticDependencies | null {
  const sections = iniSections(text);
  const options = sections.get('options');
  const install = options && option(options, 'install_requires');
  if (!options || install === undefined || install.startsWith('file:')) return null;
  const requiresDist = lines(install);
  const providesExtra: string[] = [];
  for (const [extra, value] of sections.get('options.extras_require') ?? []) {
    providesExtra.push(extra);
    for (const r of lines(value)) requiresDist.push(withExtra(r, extra));
  }
  const deps: StaticDependencies = { requiresDist, providesExtra, from: 'setup.cfg' };
  const requiresPython = option(options, 'python_requires');
  if (requiresPython) deps.requiresPython = requiresPython;
  return deps;
}
