// The published contracts hold for real runs, not only for hand-written samples: the JSON of `scan` (a folder
// of rule fixtures, the malicious .pth wheel) and of `check` (the demo world, with --all-files) validates
// against schemas/result.schema.json, and their SARIF against the official SARIF 2.1.0 schema.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli.ts';
import { startIndexServer, type IndexServer } from '../../src/index-server/index.ts';
import { memoryIO } from '../check/helpers.ts';
import { validateResult, validateSarif } from './validate.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
let index: IndexServer;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pyguard-contract-'));
  index = await startIndexServer({ root: join(ROOT, 'fixtures/wheels') });
});

after(async () => {
  await index.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ json: unknown; sarif: unknown }> {
  const io = memoryIO(dir, {}, ROOT);
  const json = join(dir, `${argv[0]}-${Date.now()}.json`);
  const sarif = join(dir, `${argv[0]}-${Date.now()}.sarif`);
  const code = await main([...argv, '--json', json, '--sarif', sarif], io);
  assert.ok(code === 0 || code === 1, `exit ${code}: ${io.err()}`);
  return { json: JSON.parse(await readFile(json, 'utf8')), sarif: JSON.parse(await readFile(sarif, 'utf8')) };
}

test('scan results (a folder, a malicious wheel) validate against the result schema and SARIF 2.1.0', async () => {
  const { json, sarif } = await run([
    'scan',
    'fixtures/rules/flow',
    'fixtures/wheels/pth_speedup_helper-0.1.0-py3-none-any.whl',
  ]);
  assert.deepEqual(validateResult(json), []);
  assert.deepEqual(validateSarif(sarif), []);
});

test('check results (the demo tree, every file of each release) validate against the result schema and SARIF 2.1.0', async () => {
  const { json, sarif } = await run([
    'check',
    'demo-app',
    '--index-url',
    index.simpleUrl,
    '--isolated',
    '--no-osv',
    '--all-files',
    '--cache-dir',
    join(dir, 'cache'),
  ]);
  assert.deepEqual(validateResult(json), []);
  assert.deepEqual(validateSarif(sarif), []);
  assert.ok((json as { resolution?: unknown }).resolution, 'check results carry the resolution');
});
