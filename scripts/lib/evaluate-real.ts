// Measures pyguard on the real calibration data (scripts/lib/real-corpus.ts): recall at high or above per malware
// family, benign packages at medium+ and high+ with their top reason, per-rule false positives on the benign set,
// and the precision of the per-file egress verdict on hand-labelled files. Figures are given per split part.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeTarget, initAnalysis } from '../../src/analysis/api.ts';
import type { OpenedArchive } from '../../src/model/entries.ts';
import { RISK_LEVELS, SEVERITIES, type RiskLevel, type TargetReport } from '../../src/model/result.ts';
import { openArchive } from '../../src/pypi/archive/index.ts';
import { parseSdistFilename, parseWheelFilename } from '../../src/pypi/filenames.ts';
import { REPO_ROOT } from './corpus.ts';
import type { BenignItem, MaliciousItem, Part } from './real-corpus.ts';

const EVAL_NOW = new Date('2026-11-28T00:00:00Z');
export const FAMILIES_FILE = path.join(REPO_ROOT, 'data', 'eval', 'malware-families.tsv');
export const EGRESS_LABELS_FILE = path.join(REPO_ROOT, 'data', 'eval', 'egress-labels.tsv');

export interface RealRow {
  /** malware: the dataset path; benign: the .deb, wheel or folder. */
  id: string;
  name: string;
  expected: 'malicious' | 'benign';
  part: Part;
  family: string;
  risk: RiskLevel;
  reasons: string[];
  /** Distinct rules at medium or above. */
  rules: string[];
  /** Python files with the egress verdict, with each member's sha256. */
  egressFiles: { path: string; sha256: string; egress: boolean }[];
  hasCode: boolean;
  error?: string;
}

const atLeast = (risk: RiskLevel, level: RiskLevel) => RISK_LEVELS.indexOf(risk) >= RISK_LEVELS.indexOf(level);

function summarise(
  report: TargetReport,
  opened: OpenedArchive,
): Pick<RealRow, 'risk' | 'reasons' | 'rules' | 'egressFiles' | 'hasCode'> {
  const medium = SEVERITIES.indexOf('medium');
  const rules = new Set<string>();
  for (const finding of [...report.findings, ...report.files.flatMap((f) => f.findings)])
    if (SEVERITIES.indexOf(finding.severity) >= medium) rules.add(finding.rule);
  const hashes = new Map(
    opened.entries.filter((e) => e.data).map((e) => [e.path, createHash('sha256').update(e.data!).digest('hex')]),
  );
  const egressFiles = report.files
    .filter((f) => f.kind === 'python')
    .map((f) => ({ path: f.path, sha256: hashes.get(f.path) ?? '', egress: f.egress }));
  const hasCode = opened.entries.some((e) => e.data && /\.(py|pth)$/.test(e.path));
  return { risk: report.risk, reasons: report.reasons, rules: [...rules].sort(), egressFiles, hasCode };
}

function readTsv(file: string): string[][] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split('\t'));
  } catch {
    return [];
  }
}

/** dataset path -> family, from the labelling kept in data/eval/malware-families.tsv (path, sha256, family). */
export function readFamilies(file = FAMILIES_FILE): Map<string, string> {
  return new Map(
    readTsv(file)
      .slice(1)
      .map((row) => [row[0], row[2]]),
  );
}

export async function evaluateMalicious(item: MaliciousItem, family: string): Promise<RealRow> {
  const bytes = new Uint8Array(readFileSync(item.file));
  const filename = path.basename(item.datasetPath);
  const base: Omit<RealRow, 'risk' | 'reasons' | 'rules' | 'egressFiles' | 'hasCode'> = {
    id: item.datasetPath,
    name: item.package,
    expected: 'malicious',
    part: item.part,
    family,
  };
  try {
    const opened = await openArchive(bytes, filename);
    const parsed = parseWheelFilename(filename) ?? parseSdistFilename(filename);
    const report = await analyzeTarget(opened, {
      kind: 'distribution',
      filename,
      sha256: item.sha256,
      size: bytes.length,
      now: EVAL_NOW,
      name: parsed?.name ?? item.package,
      version: parsed?.version ?? item.version,
    });
    return { ...base, ...summarise(report, opened) };
  } catch (error) {
    return { ...base, risk: 'none', reasons: [], rules: [], egressFiles: [], hasCode: false, error: String(error) };
  }
}

export async function evaluateBenign(item: BenignItem, family: string): Promise<RealRow> {
  const base = { id: item.source, name: item.name, expected: 'benign' as const, part: item.part, family };
  try {
    const opened = await item.open();
    // Distributions take name and version from their own metadata, so the metadata heuristics see what pip would.
    const identity = item.kind === 'directory' ? { name: item.name } : {};
    const report = await analyzeTarget(opened, {
      kind: item.kind,
      ...(item.filename && { filename: item.filename }),
      ...identity,
      now: EVAL_NOW,
    });
    return { ...base, ...summarise(report, opened) };
  } catch (error) {
    return { ...base, risk: 'none', reasons: [], rules: [], egressFiles: [], hasCode: false, error: String(error) };
  }
}

export { initAnalysis };

const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

/** Recall per family and part, benign rates, top benign reasons, per-rule false positives, egress precision. */
export function formatReal(rows: RealRow[]): string {
  const lines: string[] = [];
  const parts: Part[] = ['tune', 'held'];
  const malicious = rows.filter((r) => r.expected === 'malicious' && r.hasCode);
  const benign = rows.filter((r) => r.expected === 'benign');
  if (malicious.length > 0) {
    lines.push('Malicious archives with code: recall at high or above, per family');
    lines.push(`${'family'.padEnd(28)} ${'tune'.padStart(16)} ${'held'.padStart(16)}`);
    const families = [...new Set(malicious.map((r) => r.family))].sort();
    for (const family of [...families, 'ALL']) {
      const cells = parts.map((part) => {
        const set = malicious.filter((r) => r.part === part && (family === 'ALL' || r.family === family));
        const hit = set.filter((r) => atLeast(r.risk, 'high')).length;
        return `${hit}/${set.length} ${pct(hit, set.length)}`.padStart(16);
      });
      lines.push(`${family.padEnd(28)} ${cells.join(' ')}`);
    }
    const noCode = rows.filter((r) => r.expected === 'malicious' && !r.hasCode).length;
    if (noCode) lines.push(`(${noCode} malicious archives without Python code are left out of recall)`);
    lines.push('');
  }
  if (benign.length > 0) {
    lines.push('Benign packages');
    for (const part of parts) {
      const set = benign.filter((r) => r.part === part);
      const medium = set.filter((r) => atLeast(r.risk, 'medium')).length;
      const high = set.filter((r) => atLeast(r.risk, 'high')).length;
      lines.push(
        `  ${part}: ${set.length} packages, medium+ ${medium} ${pct(medium, set.length)}, high+ ${high} ${pct(high, set.length)}`,
      );
    }
    for (const row of benign
      .filter((r) => atLeast(r.risk, 'medium'))
      .sort((a, b) => a.part.localeCompare(b.part) || a.name.localeCompare(b.name))) {
      lines.push(
        `  [${row.part}] ${row.risk.padEnd(8)} ${row.name.padEnd(28)} ${(row.reasons[0] ?? row.error ?? '').slice(0, 150)}`,
      );
    }
    lines.push('');
    lines.push('Benign packages with a finding of the rule at medium or above (all parts)');
    const counts = ruleFalsePositives(rows);
    for (const [rule, count] of [...counts].sort((a, b) => b[1] - a[1])) lines.push(`  ${rule.padEnd(36)} ${count}`);
    lines.push('');
  }
  const egress = egressPrecision(rows);
  if (egress.labelled > 0) {
    lines.push(
      `Per-file egress verdict on ${egress.labelled} hand-labelled files present here: precision ${pct(egress.truePositive, egress.flagged)} (${egress.truePositive}/${egress.flagged}), recall ${pct(egress.truePositive, egress.positives)} (${egress.truePositive}/${egress.positives})`,
    );
    for (const miss of egress.mistakes.slice(0, 30)) lines.push(`  ${miss}`);
  }
  return lines.join('\n');
}

/** rule -> number of benign packages with a finding of it at medium or above. */
export function ruleFalsePositives(rows: RealRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows.filter((r) => r.expected === 'benign'))
    for (const rule of row.rules) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  return counts;
}

/** Compares the per-file verdict with data/eval/egress-labels.tsv (source, member path, sha256, label). */
export function egressPrecision(rows: RealRow[], file = EGRESS_LABELS_FILE) {
  const labels = new Map(
    readTsv(file)
      .slice(1)
      .map((row) => [`${row[0]}\t${row[1]}`, { sha256: row[2], egress: row[3] === 'egress' }]),
  );
  let labelled = 0;
  let flagged = 0;
  let positives = 0;
  let truePositive = 0;
  const mistakes: string[] = [];
  for (const row of rows) {
    for (const f of row.egressFiles) {
      const label = labels.get(`${path.basename(row.id)}\t${f.path}`);
      if (!label || label.sha256 !== f.sha256) continue;
      labelled++;
      if (f.egress) flagged++;
      if (label.egress) positives++;
      if (f.egress && label.egress) truePositive++;
      if (f.egress !== label.egress)
        mistakes.push(`${f.egress ? 'false egress' : 'missed egress'}: ${path.basename(row.id)} ${f.path}`);
    }
  }
  return { labelled, flagged, positives, truePositive, mistakes };
}
