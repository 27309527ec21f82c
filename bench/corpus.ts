// The benchmark's inputs on disk: the machine's standard library, the pip and setuptools wheels' source (from
// ensurepip) written out as a folder, so bandit and pyguard read the same files, and that folder copied k times.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openArchive } from '../src/pypi/archive/index.ts';

export interface Corpus {
  name: string;
  dir: string;
  files: number;
  megabytes: number;
}

/** The .py files below dir (site-packages and __pycache__ left out, as pyguard's own benchmark always did). */
export function pythonFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const info = statSync(full);
    if (info.isDirectory() && name !== 'site-packages' && name !== '__pycache__') pythonFiles(full, out);
    else if (info.isFile() && name.endsWith('.py')) out.push(full);
  }
  return out;
}

function describe(name: string, dir: string): Corpus {
  const files = pythonFiles(dir);
  return { name, dir, files: files.length, megabytes: files.reduce((sum, f) => sum + statSync(f).size, 0) / 1e6 };
}

/**
 * The standard library's .py files copied under work/python-stdlib: the interpreter's lib folder also holds
 * site-packages (installed packages, hundreds of MB), which pyguard scan and bandit -r would read too.
 */
export function stdlibCorpus(work: string): Corpus {
  const stdlib = execFileSync('python3', ['-c', "import sysconfig;print(sysconfig.get_paths()['stdlib'])"], {
    encoding: 'utf8',
  }).trim();
  const dir = join(work, 'python-stdlib');
  for (const file of pythonFiles(stdlib)) {
    const copy = join(dir, file.slice(stdlib.length + 1));
    mkdirSync(dirname(copy), { recursive: true });
    cpSync(file, copy);
  }
  return describe('python stdlib', dir);
}

/** The ensurepip wheels' .py members written under work/pip-setuptools (real, benign code: pip's own). */
export async function wheelsCorpus(work: string): Promise<Corpus> {
  const bundled = execFileSync(
    'python3',
    ['-c', 'import ensurepip,os;print(os.path.join(os.path.dirname(ensurepip.__file__),"_bundled"))'],
    { encoding: 'utf8' },
  ).trim();
  const dir = join(work, 'pip-setuptools');
  for (const wheel of readdirSync(bundled).filter((name) => name.endsWith('.whl'))) {
    const opened = await openArchive(readFileSync(join(bundled, wheel)), wheel);
    for (const entry of opened.entries) {
      if (
        !entry.data ||
        !entry.path.endsWith('.py') ||
        entry.path.split('/').some((part) => part === '..' || part === '')
      )
        continue;
      mkdirSync(dirname(join(dir, entry.path)), { recursive: true });
      writeFileSync(join(dir, entry.path), entry.data);
    }
  }
  return describe('pip + setuptools wheels', dir);
}

/** corpus copied k times into one folder. */
export function scaledCorpus(corpus: Corpus, k: number, work: string): Corpus {
  const dir = join(work, `scaled-${k}x`);
  for (let i = 1; i <= k; i++) cpSync(corpus.dir, join(dir, `copy${i}`), { recursive: true });
  return describe(`${corpus.name} ×${k}`, dir);
}
