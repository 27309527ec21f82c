// The interpreter pip would install for (--python, else the active virtualenv, else python3 on PATH) and what is
// installed in it. Only the interpreter runs, isolated (-I): no package code is imported, only metadata read.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { InstalledDistribution } from '../../pypi/resolver/index.ts';
import { UserError } from '../../util/errors.ts';

const PROBE_TIMEOUT_MS = 30_000;

/** Lists installed distributions in sys.path order, the first of each name winning, as pip sees them. */
const INSTALLED_PROBE = `
import json, re, site, sys
from importlib import metadata
paths = list(sys.path)
if sys.prefix == sys.base_prefix:
    try:
        paths.append(site.getusersitepackages())
    except Exception:
        pass
seen, out = set(), []
for d in metadata.distributions(path=paths):
    name = d.metadata["Name"]
    if not name:
        continue
    key = re.sub(r"[-_.]+", "-", name).lower()
    if key in seen:
        continue
    seen.add(key)
    out.append({"name": name, "version": d.version, "requires": d.requires or [],
                "providesExtra": d.metadata.get_all("Provides-Extra") or []})
print(json.dumps(out))
`;

/** The interpreter pip would run for: --python, then $VIRTUAL_ENV, then python3 on PATH. */
export function findInterpreter(explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  if (explicit) return explicit;
  if (env.VIRTUAL_ENV)
    return process.platform === 'win32'
      ? join(env.VIRTUAL_ENV, 'Scripts', 'python.exe')
      : join(env.VIRTUAL_ENV, 'bin', 'python');
  return 'python3';
}

function isInstalled(value: unknown): value is InstalledDistribution {
  const d = value as InstalledDistribution;
  return (
    typeof d?.name === 'string' &&
    typeof d.version === 'string' &&
    Array.isArray(d.requires) &&
    Array.isArray(d.providesExtra)
  );
}

/** The distributions installed for `python`. */
export function installedDistributions(python: string, env: NodeJS.ProcessEnv): Promise<InstalledDistribution[]> {
  return new Promise((resolve, reject) => {
    execFile(
      python,
      ['-I', '-c', INSTALLED_PROBE],
      { env, timeout: PROBE_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, windowsHide: true },
      (error, stdout) => {
        if (error)
          return reject(new UserError(`${python}: cannot ask it what is installed: ${error.message.split('\n')[0]}`));
        try {
          const list: unknown = JSON.parse(stdout);
          if (!Array.isArray(list) || !list.every(isInstalled)) throw new Error('unexpected answer');
          resolve(list);
        } catch {
          reject(new UserError(`${python}: unexpected answer when asked what is installed`));
        }
      },
    );
  });
}
