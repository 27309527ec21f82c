// The one mapping from a distribution member's path to the Python module it provides once installed. Used for
// modules a .pth file imports at startup, top-level names a wheel installs, and the wheel/sdist comparison.

/** Modules the `site` module imports at every interpreter start. */
export const STARTUP_MODULES: ReadonlySet<string> = new Set(['sitecustomize', 'usercustomize']);

/** `mod.py`, `mod.pyc`, `mod.pyd`, `mod.cpython-311-x86_64-linux-gnu.so` (a tag between the name and the suffix). */
const MODULE_FILE = /^([A-Za-z_]\w*)(\.[\w-]+)?\.(py|pyc|so|pyd)$/;

/** An sdist's top folder, `name-version/`. */
const SDIST_FOLDER = /^[^/]+-\d[^/]*\//;

/** Where a member lands below site-packages: an sdist's `name-version/` folder and a `src/` layout dropped. */
export function installedPath(path: string): string {
  return path.replace(SDIST_FOLDER, '').replace(/^src\//, '');
}

/** The module a single file provides (`mod.cpython-311-x86_64-linux-gnu.so` → mod), or null for a file Python does not import. */
export function moduleOfFile(fileName: string): string | null {
  return MODULE_FILE.exec(fileName)?.[1] ?? null;
}

/** The dotted module a member provides: `pkg-1.0/src/pkg/sub/__init__.py` → pkg.sub; null for a file Python does not import. */
export function moduleOfMember(path: string): string | null {
  const parts = installedPath(path).split('/');
  const file = moduleOfFile(parts.pop() ?? '');
  if (file === null) return null;
  if (file === '__init__') return parts.length > 0 ? parts.join('.') : null;
  return [...parts, file].join('.');
}
