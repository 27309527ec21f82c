// `npm run demo`: serves the bundled fixture world (fixtures/wheels) on 127.0.0.1 as a PEP 691/503 index and
// runs `pyguard check demo-app` against it, offline. One transitive dependency phones home. The demo exits 0 when
// check ran and judged as expected (its last line says what check's own exit code is and why), so that
// `npm ci && npm run demo` chains; an error (check's exit 2) still fails it.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../src/cli.ts';
import { processIO } from '../src/commands/io.ts';
import { startIndexServer } from '../src/index-server/index.ts';
import type { AuditResult } from '../src/model/result.ts';
import { EXIT_FINDINGS, EXIT_OK } from '../src/util/errors.ts';

const cacheDir = new URL('../node_modules/.cache/pyguard-demo', import.meta.url).pathname;
const resultFile = join(cacheDir, 'demo-result.json');
mkdirSync(cacheDir, { recursive: true });
const server = await startIndexServer({ root: new URL('../fixtures/wheels', import.meta.url).pathname });
const io = processIO();
const shown = [
  'check',
  'demo-app',
  '--index-url',
  server.simpleUrl,
  '--isolated',
  '--no-osv',
  ...process.argv.slice(2),
];
io.stdout(`demo index: ${server.simpleUrl}\n$ pyguard ${shown.join(' ')}\n\n`);
let code: number;
try {
  code = await main([...shown, '--cache-dir', cacheDir, `--json=${resultFile}`], io);
} finally {
  await server.close();
}
if (code === EXIT_FINDINGS) {
  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as AuditResult;
  const flagged = result.targets.filter((t) => t.risk === result.summary.risk).map((t) => `${t.name} ${t.version}`);
  io.stdout(
    `\ndemo: done. \`pyguard check\` itself exits 1 here: ${flagged.join(', ')} is judged ${result.summary.risk.toUpperCase()}, at or above --fail-on (default high); the demo exits 0 because finding it is the point.\n`,
  );
  process.exitCode = EXIT_OK;
} else {
  io.stdout(
    `\ndemo: \`pyguard check\` exited ${code}, but the demo expects it to find the phoning-home dependency (exit 1).\n`,
  );
  process.exitCode = code === EXIT_OK ? EXIT_FINDINGS : code;
}
