// Runs the analysis over the labelled corpus (fixtures/corpus) and the real benign packages (fixtures/real-index,
// plus the local Python's top-level standard library) and measures recall and false positives.
// Shared by scripts/eval.ts (npm run eval) and test/eval/corpus.test.ts.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeTarget, initAnalysis, type TargetMeta } from '../../src/analysis/api.ts';
import type { ArchiveEntry, OpenedArchive } from '../../src/model/entries.ts';
import { RISK_LEVELS, type RiskLevel } from '../../src/model/result.ts';
import { openArchive } from '../../src/pypi/archive/index.ts';
import { parseSdistFilename, parseWheelFilename } from '../../src/pypi/filenames.ts';
import { CORPUS_DIR, readLabels, REPO_ROOT } from './corpus.ts';

export const REAL_INDEX_DIR = path.join(REPO_ROOT, 'fixtures', 'real-index');
export const RECALL_THRESHOLD = 0.95;
export const MAX_FALSE_POSITIVES = 0;
/** Metadata heuristics measure ages against this fixed time, so the evaluation does not drift with the clock. */
const EVAL_NOW = new Date('2026-11-28T00:00:00Z');

export interface EvalRow {
  target: string;
  sample: string;
  family: string;
  expected: 'malicious' | 'benign';
  risk: RiskLevel;
  reasons: string[];
  /** Wall time of opening and analysing the target. */
  ms: number;
  error?: string;
}

export interface EvalResult {
  rows: EvalRow[];
  malicious: number;
  detected: number;
  recall: number;
  benign: number;
  falsePositives: number;
  notes: string[];
}

export function atLeast(risk: RiskLevel, level: RiskLevel): boolean {
  return RISK_LEVELS.indexOf(risk) >= RISK_LEVELS.indexOf(level);
}

type Outcome = Pick<EvalRow, 'risk' | 'reasons' | 'ms' | 'error'>;

async function analyzeFile(file: string, meta: Omit<TargetMeta, 'kind'>): Promise<Outcome> {
  const started = Date.now();
  const bytes = new Uint8Array(readFileSync(file));
  const filename = path.basename(file);
  try {
    const opened = await openArchive(bytes, filename);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const report = await analyzeTarget(opened, {
      kind: 'distribution',
      filename,
      sha256,
      size: bytes.length,
      now: EVAL_NOW,
      ...meta,
    });
    return { risk: report.risk, reasons: report.reasons, ms: Date.now() - started };
  } catch (error) {
    return {
      risk: 'none',
      reasons: [],
      ms: Date.now() - started,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

function nameAndVersion(filename: string): { name?: string; version?: string } {
  const parsed = parseWheelFilename(filename) ?? parseSdistFilename(filename);
  return parsed ? { name: parsed.name, version: parsed.version } : {};
}

/** The local interpreter's standard-library folder, or null when no python3 is on PATH. */
function stdlibDir(): string | null {
  const found = spawnSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_path("stdlib"))'], {
    encoding: 'utf8',
  });
  const dir = found.status === 0 ? found.stdout.trim() : '';
  return dir !== '' && existsSync(dir) ? dir : null;
}

/** The standard library's top-level modules (lib/python3.x/*.py) as one folder target. */
function openStdlib(dir: string): OpenedArchive {
  const entries: ArchiveEntry[] = readdirSync(dir)
    .filter((name) => name.endsWith('.py'))
    .sort()
    .map((name) => {
      const data = new Uint8Array(readFileSync(path.join(dir, name)));
      return { path: name, type: 'file', size: data.length, data };
    });
  return { format: 'directory', entries, problems: [] };
}

/** Evaluates everything; `onRow` sees each row as soon as it is known (progress for long runs). */
export async function evaluateCorpus(onRow: (row: EvalRow) => void = () => {}): Promise<EvalResult> {
  await initAnalysis();
  const rows: EvalRow[] = [];
  const add = (row: EvalRow): void => {
    rows.push(row);
    onRow(row);
  };
  const notes: string[] = [];
  for (const label of readLabels()) {
    const result = await analyzeFile(path.join(CORPUS_DIR, label.file), { name: label.name, version: label.version });
    add({
      target: path.basename(label.file),
      sample: label.sample,
      family: label.family,
      expected: label.expected,
      ...result,
    });
  }
  const real = existsSync(REAL_INDEX_DIR)
    ? readdirSync(REAL_INDEX_DIR)
        .filter((f) => f.endsWith('.whl') || f.endsWith('.tar.gz'))
        .sort()
    : [];
  if (real.length === 0)
    notes.push(
      `no real packages in ${path.relative(REPO_ROOT, REAL_INDEX_DIR)}: run node --import tsx scripts/build-real-index.ts`,
    );
  for (const file of real) {
    const result = await analyzeFile(path.join(REAL_INDEX_DIR, file), nameAndVersion(file));
    add({
      target: file,
      sample: nameAndVersion(file).name ?? file,
      family: 'real-package',
      expected: 'benign',
      ...result,
    });
  }
  const stdlib = stdlibDir();
  if (stdlib === null) notes.push('no python3 on PATH: the standard library was not evaluated');
  else {
    const started = Date.now();
    try {
      const report = await analyzeTarget(openStdlib(stdlib), { kind: 'directory', path: stdlib, now: EVAL_NOW });
      add({
        target: stdlib,
        sample: 'python-stdlib',
        family: 'stdlib',
        expected: 'benign',
        risk: report.risk,
        reasons: report.reasons,
        ms: Date.now() - started,
      });
    } catch (error) {
      add({
        target: stdlib,
        sample: 'python-stdlib',
        family: 'stdlib',
        expected: 'benign',
        risk: 'none',
        reasons: [],
        ms: Date.now() - started,
        error: String(error),
      });
    }
  }
  const malicious = rows.filter((r) => r.expected === 'malicious');
  const benign = rows.filter((r) => r.expected === 'benign');
  const detected = malicious.filter((r) => atLeast(r.risk, 'high')).length;
  return {
    rows,
    malicious: malicious.length,
    detected,
    recall: malicious.length === 0 ? 0 : detected / malicious.length,
    benign: benign.length,
    falsePositives: benign.filter((r) => atLeast(r.risk, 'medium')).length,
    notes,
  };
}

function cell(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** The evaluation as a plain-text table and a summary, for the terminal and closing notes. */
export function formatEvaluation(result: EvalResult): string {
  const header = `${cell('sample', 30)} ${cell('family', 24)} ${cell('kind', 5)} ${cell('expected', 9)} ${cell('risk', 8)} ok  ${cell('ms', 6)} top reasons`;
  const lines = [header, '-'.repeat(header.length + 20)];
  for (const row of result.rows) {
    const ok = row.expected === 'malicious' ? atLeast(row.risk, 'high') : !atLeast(row.risk, 'medium');
    const kind = row.target.endsWith('.whl') ? 'whl' : row.target.endsWith('.tar.gz') ? 'sdist' : 'dir';
    const reasons = row.error ? `ERROR: ${row.error}` : row.reasons.slice(0, 2).join(' | ');
    lines.push(
      `${cell(row.sample, 30)} ${cell(row.family, 24)} ${cell(kind, 5)} ${cell(row.expected, 9)} ${cell(row.risk, 8)} ${ok ? 'yes' : 'NO '} ${cell(String(row.ms), 6)} ${cell(reasons, 140)}`,
    );
  }
  lines.push('');
  lines.push(
    `recall: ${result.detected}/${result.malicious} malicious distributions at high or above = ${(result.recall * 100).toFixed(1)}% (threshold ${RECALL_THRESHOLD * 100}%)`,
  );
  lines.push(
    `analysis time: ${(result.rows.reduce((sum, r) => sum + r.ms, 0) / 1000).toFixed(1)} s over ${result.rows.length} targets`,
  );
  lines.push(
    `false positives: ${result.falsePositives}/${result.benign} benign targets at medium or above (allowed ${MAX_FALSE_POSITIVES})`,
  );
  for (const note of result.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}

export function passes(result: EvalResult): boolean {
  return result.benign > 0 && result.recall >= RECALL_THRESHOLD && result.falsePositives <= MAX_FALSE_POSITIVES;
}
