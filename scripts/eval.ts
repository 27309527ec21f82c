// npm run eval: analyses the labelled malware corpus and the real benign packages, prints the table, recall and false
// positives, and exits 1 below 95% recall or above 0 false positives (or when no benign package was found).

import { evaluateCorpus, formatEvaluation, passes } from './lib/evaluate-corpus.ts';

const result = await evaluateCorpus((row) => process.stderr.write(`${row.risk.padEnd(8)} ${row.target}\n`));
console.log(formatEvaluation(result));
process.exitCode = passes(result) ? 0 : 1;
