// npm run eval: without options, analyses the labelled synthetic corpus and the real-index packages, prints the
// table, recall and false positives, and exits 1 below 95% recall or above 0 false positives.
// With real data (never fetched by CI), it measures the real calibration sets instead:
//   --malware DIR --malware-list TSV   real malicious archives (or PYGUARD_MALWARE_DIR, PYGUARD_MALWARE_LIST)
//   --debs DIR[,DIR]                   Debian python3-*.deb files (or PYGUARD_DEBS_DIR); adds the stdlib and ensurepip once
//   --part tune|held|all               which split part to analyse (default all; figures are printed per part)
//   --from-rows FILE[,FILE]            print the report from rows saved by --rows (families re-read from the labelling)
//   --rule-hits FILE                   write per-rule benign hits at medium+ (data/eval/benign-rule-hits.json feeds docs/rules.md)
//   --rows FILE                        also write one JSON row per target as it is done (for rule work and the rules doc)

import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { evaluateCorpus, formatEvaluation, passes } from './lib/evaluate-corpus.ts';
import {
  evaluateBenign,
  evaluateMalicious,
  formatReal,
  initAnalysis,
  readFamilies,
  type RealRow,
  ruleFalsePositives,
} from './lib/evaluate-real.ts';
import { debItems, maliciousItems, pythonItems } from './lib/real-corpus.ts';

const { values } = parseArgs({
  options: {
    malware: { type: 'string', default: process.env.PYGUARD_MALWARE_DIR },
    'malware-list': { type: 'string', default: process.env.PYGUARD_MALWARE_LIST },
    debs: { type: 'string', default: process.env.PYGUARD_DEBS_DIR },
    part: { type: 'string', default: 'all' },
    rows: { type: 'string' },
    'rule-hits': { type: 'string' },
    'from-rows': { type: 'string' },
  },
});

function report(rows: RealRow[]): void {
  console.log(formatReal(rows));
  if (values['rule-hits']) {
    const benign = rows.filter((row) => row.expected === 'benign');
    const hits = {
      measured: `Debian python3-* packages, the standard library and ensurepip wheels, ${values.part} parts`,
      packages: benign.length,
      rules: Object.fromEntries([...ruleFalsePositives(rows)].sort()),
    };
    writeFileSync(values['rule-hits'], `${JSON.stringify(hits, null, 2)}\n`);
  }
}

/** Rows saved by several runs; a target measured in more than one (the stdlib, ensurepip) counts once, its last row. */
function reportSavedRows(files: string[]): void {
  const families = readFamilies();
  const byId = new Map<string, RealRow>();
  for (const file of files)
    for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      const row = JSON.parse(line) as RealRow;
      byId.set(`${row.expected} ${row.id}`, row);
    }
  const rows = [...byId.values()];
  report(
    rows.map((row) => (row.expected === 'malicious' ? { ...row, family: families.get(row.id) ?? 'unlabelled' } : row)),
  );
}

async function evaluateReal(): Promise<void> {
  await initAnalysis();
  const wanted = (part: string) => values.part === 'all' || values.part === part;
  const rows: RealRow[] = [];
  if (values.rows) writeFileSync(values.rows, '');
  const log = (row: RealRow) => {
    rows.push(row);
    if (values.rows) appendFileSync(values.rows, `${JSON.stringify(row)}\n`);
    process.stderr.write(`${row.part} ${row.risk.padEnd(8)} ${row.expected.padEnd(9)} ${row.id}\n`);
  };
  if (values.malware) {
    if (!values['malware-list']) throw new Error('--malware needs --malware-list (the TSV that lists the archives)');
    const families = readFamilies();
    for (const item of maliciousItems(values['malware-list'], values.malware).filter((i) => wanted(i.part)))
      log(await evaluateMalicious(item, families.get(item.datasetPath) ?? 'unlabelled'));
  }
  if (values.debs) {
    const debs = values.debs.split(',').flatMap((dir) => debItems(dir));
    for (const item of [...debs, ...pythonItems()].filter((i) => wanted(i.part)))
      log(await evaluateBenign(item, 'benign'));
  }
  report(rows);
}

if (values['from-rows']) {
  reportSavedRows(values['from-rows'].split(','));
} else if (values.malware || values.debs) {
  await evaluateReal();
} else {
  const result = await evaluateCorpus((row) => process.stderr.write(`${row.risk.padEnd(8)} ${row.target}\n`));
  console.log(formatEvaluation(result));
  process.exitCode = passes(result) ? 0 : 1;
}
