// Analysis CPU against bare parsing on the machine's standard library (or the folders given), in this thread:
//   node --import tsx scripts/analysis-cpu.ts [--repeat N] [--only parse|analyze] [DIR...]
// Prints CPU seconds of bare tree-sitter parsing and of the whole analysis of every .py file, and the ratio.
// Run under `node --cpu-prof` to see where the analysis spends its time.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pythonFiles } from '../bench/corpus.ts';
import { initParser, parseOnly } from '../src/analysis/parser.ts';
import { analyzePythonFile } from '../src/analysis/python-file.ts';
import { decodeSource } from '../src/analysis/source-text.ts';

const { values, positionals } = parseArgs({
  options: { repeat: { type: 'string', default: '1' }, only: { type: 'string' } },
  allowPositionals: true,
});
const dirs =
  positionals.length > 0
    ? positionals
    : [
        execFileSync('python3', ['-c', "import sysconfig;print(sysconfig.get_paths()['stdlib'])"], {
          encoding: 'utf8',
        }).trim(),
      ];
const files = dirs.flatMap((dir) => pythonFiles(dir)).map((path) => ({ path, bytes: readFileSync(path) }));
await initParser();

function cpuSeconds(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

const repeat = Number(values.repeat);
for (let round = 0; round < repeat; round++) {
  const parse =
    values.only === 'analyze'
      ? 0
      : cpuSeconds(() => {
          for (const file of files) parseOnly(decodeSource(file.bytes).text);
        });
  const analyze =
    values.only === 'parse'
      ? 0
      : cpuSeconds(() => {
          for (const file of files) analyzePythonFile(file.path, file.bytes);
        });
  const ratio = parse > 0 && analyze > 0 ? ` analysis over parsing +${((analyze / parse - 1) * 100).toFixed(0)}%` : '';
  console.log(`${files.length} files: parse ${parse.toFixed(2)} s CPU, analysis ${analyze.toFixed(2)} s CPU${ratio}`);
}
