// Code that a build runs while pip installs an sdist, besides setup.py: an in-tree PEP 517 backend
// (pyproject.toml `backend-path`), the build hooks of hatch (hatch_build.py) and pdm (pdm_build.py), poetry's build
// script, and setuptools command classes named in pyproject.toml or setup.cfg.
// Those files are analysed as install-time code, and each hook is a finding of its own.
import type { ArchiveEntry } from '../model/entries.ts';
import type { Finding } from '../model/result.ts';

export interface BuildHooks {
  /** Members whose code runs at install time. */
  installTime: Set<string>;
  findings: Finding[];
}

/** The folder of a member at the top of an sdist ("pkg-1.0/") or of a project folder (""). */
function rootOf(path: string): string | undefined {
  const parts = path.split('/');
  if (parts.length === 1) return '';
  if (parts.length === 2) return `${parts[0]}/`;
  return undefined;
}

function hook(path: string, message: string): Finding {
  return {
    rule: 'build-hook',
    severity: 'low',
    line: 0,
    column: 0,
    code: '',
    path,
    message,
    capability: 'install-hook',
    trigger: 'install',
  };
}

/**
 * setuptools command classes named in pyproject.toml (`[tool.setuptools.cmdclass]`, `install = "pkg.hooks.Install"`)
 * or setup.cfg (`cmdclass =` under `[options]`): their modules run while pip installs, like setup.py's.
 */
function commandClasses(
  entries: ArchiveEntry[],
  root: string,
  config: string,
  table: string,
  installTime: Set<string>,
  findings: Finding[],
): void {
  for (const [, command, target] of table.matchAll(/^\s*(\w+)\s*=\s*["']?([\w.]+(?::\w+)?)["']?/gm)) {
    const module = (target.includes(':') ? target.split(':')[0] : target.split('.').slice(0, -1).join('.')).replace(
      /\./g,
      '/',
    );
    if (!module) continue;
    const files = [`${module}.py`, `${module}/__init__.py`].flatMap((file) => [`${root}${file}`, `${root}src/${file}`]);
    const member = entries.find((other) => files.includes(other.path));
    if (member) installTime.add(member.path);
    findings.push(
      hook(config, `setuptools runs the '${command}' command with ${target}, code that pip runs at install time`),
    );
  }
}

/** poetry-core's build script: `script = "build.py"` under [tool.poetry.build], or `build = "build.py"` (older). */
function poetryBuildScript(pyproject: string): string | undefined {
  const table = /^\[tool\.poetry\.build\]([^[]*)/m.exec(pyproject)?.[1];
  const script = table && /^\s*script\s*=\s*["']([^"']+)["']/m.exec(table)?.[1];
  if (script) return script;
  const poetry = /^\[tool\.poetry\]([^[]*)/m.exec(pyproject)?.[1];
  return poetry ? /^\s*build\s*=\s*["']([^"']+\.py)["']/m.exec(poetry)?.[1] : undefined;
}

export function findBuildHooks(entries: ArchiveEntry[]): BuildHooks {
  const installTime = new Set<string>();
  const findings: Finding[] = [];
  for (const entry of entries) {
    const root = rootOf(entry.path);
    if (root !== undefined && entry.data && entry.path.endsWith('setup.cfg')) {
      // cmdclass = \n    install = pkg.hooks.Install  (an option of [options], one command a line)
      const options = /^\[options\]([^[]*)/m.exec(Buffer.from(entry.data).toString('utf8'))?.[1] ?? '';
      const cmdclass = /^cmdclass\s*=([^\n]*(?:\n[ \t]+[^\n]*)*)/m.exec(options)?.[1];
      if (cmdclass) commandClasses(entries, root, entry.path, cmdclass, installTime, findings);
    }
    if (root === undefined || !entry.data || !entry.path.endsWith('pyproject.toml')) continue;
    const text = Buffer.from(entry.data).toString('utf8');
    const backend = /^\s*build-backend\s*=\s*["']([\w.:]+)["']/m.exec(text)?.[1];
    const backendPath = /^\s*backend-path\s*=\s*\[([^\]]*)\]/m.exec(text)?.[1];
    if (backend && backendPath) {
      const folders = [...backendPath.matchAll(/["']([^"']*)["']/g)].map((m) =>
        m[1].replace(/^\.\/?/, '').replace(/\/$/, ''),
      );
      const module = backend.split(':')[0].replace(/\./g, '/');
      for (const other of entries) {
        if (!other.path.startsWith(root) || !other.path.endsWith('.py')) continue;
        const relative = other.path.slice(root.length);
        if (
          folders.some(
            (folder) =>
              relative === `${folder ? `${folder}/` : ''}${module}.py` ||
              relative.startsWith(`${folder ? `${folder}/` : ''}${module}/`),
          )
        )
          installTime.add(other.path);
      }
      findings.push(
        hook(
          entry.path,
          `the sdist builds itself with its own PEP 517 backend (${backend} from ${folders.join(', ') || '.'}), code that pip runs at install time`,
        ),
      );
    }
    const hatch = /\[tool\.hatch\.build(?:\.targets\.\w+)?\.hooks\.custom\]([^[]*)/.exec(text);
    if (hatch) {
      const file = /^\s*path\s*=\s*["']([^"']+)["']/m.exec(hatch[1])?.[1] ?? 'hatch_build.py';
      installTime.add(`${root}${file}`);
      findings.push(hook(entry.path, `a hatch build hook (${file}) runs while the package is built`));
    }
    const cmdclass = /^\[tool\.setuptools\.cmdclass\]([^[]*)/m.exec(text);
    if (cmdclass) commandClasses(entries, root, entry.path, cmdclass[1], installTime, findings);
    const script = poetryBuildScript(text);
    if (script) {
      installTime.add(`${root}${script.replace(/^\.\//, '')}`);
      findings.push(hook(entry.path, `a poetry build script (${script}) runs while the package is built`));
    }
    if (backend?.startsWith('pdm.backend') && entries.some((e) => e.path === `${root}pdm_build.py`)) {
      installTime.add(`${root}pdm_build.py`);
      findings.push(hook(entry.path, 'a pdm build hook (pdm_build.py) runs while the package is built'));
    }
  }
  return { installTime, findings };
}
