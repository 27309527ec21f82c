// The optional large real index for the benchmark (never built by CI): a jupyter-like tree of 100+ Debian python3-*
// packages (notebook, ipywidgets, jupyter-console, sphinx, boto3, requests, flask, pytest, httpx, aiohttp, PyYAML and
// what they depend on). Unlike the default set, whose Requires-Dist are restored by hand from upstream, each wheel's
// Requires-Dist here is derived from the .deb's Depends (its python3-* packages that are in the set, unversioned):
// good enough for a resolvable tree of real code, not a faithful copy of upstream's metadata.

import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { normalizeName } from '../../src/pypi/names.ts';
import { extractDeb, pythonDepends, type DownloadedDeb } from './deb.ts';
import type { DebSource } from './sources.ts';

/** The requirements `pyguard check` is given on the large index. */
export const LARGE_ROOTS = [
  'notebook',
  'ipywidgets',
  'jupyter-console',
  'sphinx',
  'boto3',
  'requests',
  'flask',
  'pytest',
  'httpx',
  'aiohttp',
  'PyYAML',
];

/** The Depends closure of the roots' .debs on Debian 12 (apt-cache depends --recurse), python3-* only. */
export const LARGE_DEBS =
  `alabaster argon2 asttokens attr babel backcall bleach boto3 botocore bs4 bytecode certifi cffi-backend chardet
  charset-normalizer coverage dateutil debugpy decorator defusedxml distutils docutils entrypoints executing fastjsonschema
  html5lib idna imagesize importlib-metadata importlib-resources ipykernel ipython ipython-genutils ipywidgets jedi jinja2
  jmespath jsonschema jupyter-client jupyter-console jupyter-core jupyterlab-pygments lib2to3 lxml markupsafe
  matplotlib-inline minimal more-itertools nbclient nbconvert nbformat nest-asyncio notebook packaging pandocfilters parso
  pexpect pickleshare pkg-resources prometheus-client prompt-toolkit psutil ptyprocess pure-eval py pydevd pygments
  pyrsistent requests roman s3transfer send2trash setuptools six snowballstemmer soupsieve sphinx stack-data terminado
  tinycss2 tornado traitlets typing-extensions tz urllib3 wcwidth webencodings widgetsnbextension zipp zmq aiohttp
  aiosignal anyio async-timeout click colorama exceptiongroup flask frozenlist h11 httpcore httpx iniconfig itsdangerous
  markdown-it mdurl multidict pluggy pytest rfc3986 rich sniffio tomli werkzeug yaml yarl`
    .split(/\s+/)
    .filter(Boolean)
    .map((name) => `python3-${name}`);

const SITE = join('usr', 'lib', 'python3', 'dist-packages');

/** The distribution name of an extracted .deb (its one metadata folder or egg-info file), or undefined when it ships none. */
async function distributionName(tree: string): Promise<string | undefined> {
  const folders = (await readdir(join(tree, SITE)).catch(() => [] as string[])).filter((name) =>
    /\.(dist|egg)-info$/.test(name),
  );
  if (folders.length !== 1) return undefined;
  return folders[0].replace(/\.(dist|egg)-info$/, '').replace(/-\d.*$/, '');
}

export interface LargeSetMember {
  deb: DownloadedDeb;
  /** The folder the .deb was extracted to. */
  tree: string;
  source: DebSource;
}

/**
 * Extracts every .deb and keeps those that ship one metadata folder, each with Requires-Dist from its Depends.
 * Returns the members and what was left out, with why.
 */
export async function largeSetMembers(
  debs: DownloadedDeb[],
  work: string,
): Promise<{ members: LargeSetMember[]; skipped: string[] }> {
  const named: { deb: DownloadedDeb; tree: string; name: string }[] = [];
  const skipped: string[] = [];
  for (const deb of debs) {
    const tree = join(work, 'trees', deb.package);
    await mkdir(tree, { recursive: true });
    await extractDeb(deb.path, tree);
    const name = await distributionName(tree);
    if (name) named.push({ deb, tree, name });
    else skipped.push(`${deb.package}: no single dist-info/egg-info under ${SITE}`);
  }
  const distOfDeb = new Map(named.map((m) => [m.deb.package, m.name]));
  const members = named.map(({ deb, tree, name }) => {
    const requires = [
      ...new Set(
        pythonDepends(deb.depends)
          .map((dep) => distOfDeb.get(dep))
          .filter((dist): dist is string => dist !== undefined && normalizeName(dist) !== normalizeName(name)),
      ),
    ]
      .sort()
      .map((dist) => ({ requirement: dist, origin: `Debian Depends of ${deb.package}` }));
    return { deb, tree, source: { deb: deb.package, requires } };
  });
  return { members, skipped };
}
