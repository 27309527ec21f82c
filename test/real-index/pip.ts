// Runs the real pip's resolver (install --dry-run --report) against an index URL and reads what it would install.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { normalizeName } from '../../src/pypi/names.ts';
import { pythonInterpreter } from '../python-interpreter.ts';

const run = promisify(execFile);

export interface PipChoice {
  /** Normalised name. */
  name: string;
  version: string;
  filename: string;
}

interface PipReport {
  install: { metadata: { name: string; version: string }; download_info: { url: string } }[];
}

/** What `pip install --dry-run --ignore-installed` would install from indexUrl, sorted by name. */
export async function pipDryRun(indexUrl: string, requirements: string[]): Promise<PipChoice[]> {
  const folder = await mkdtemp(join(tmpdir(), 'pyguard-pip-report-'));
  const report = join(folder, 'report.json');
  try {
    await run(
      pythonInterpreter(),
      [
        '-m',
        'pip',
        '--isolated',
        'install',
        '--dry-run',
        '--ignore-installed',
        '--no-cache-dir',
        '--quiet',
        '--report',
        report,
        '--index-url',
        indexUrl,
        ...requirements,
      ],
      { env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' }, timeout: 120_000 },
    );
    const parsed = JSON.parse(await readFile(report, 'utf8')) as PipReport;
    return parsed.install
      .map((item) => ({
        name: normalizeName(item.metadata.name),
        version: item.metadata.version,
        filename: decodeURIComponent(new URL(item.download_info.url).pathname.split('/').pop() ?? ''),
      }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
