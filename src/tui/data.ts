// The result as the app browses it: packages sorted by risk with what search looks through, and the rows of
// each view (package list, one package's files, one file's findings) after search and the level filter.
import {
  type AuditResult,
  type Capability,
  type FileReport,
  type Finding,
  RISK_LEVELS,
  type RiskLevel,
  SEVERITIES,
  type TargetReport,
} from '../model/result.ts';
import { byRisk, destinationsOf, targetTitle, uniqueReasons } from '../report/terminal.ts';

export interface BrowsedPackage {
  target: TargetReport;
  title: string;
  destinations: string[];
  reasons: string[];
  /** Lower-case text search looks through: name, version, file paths, hosts and URLs, rule ids. */
  haystack: string;
  /** Who requires it, as names. */
  requiredBy: string[];
}

export interface Browsed {
  result: AuditResult;
  packages: BrowsedPackage[];
}

export const rank = (level: RiskLevel): number => RISK_LEVELS.indexOf(level);

/** One letter per capability, in a fixed column each, so the package list reads as a table. */
export const CAPABILITY_MARKS: [Capability, string][] = [
  ['network', 'N'],
  ['process', 'P'],
  ['env', 'E'],
  ['sensitive-files', 'S'],
  ['dynamic-code', 'D'],
  ['install-hook', 'I'],
  ['native-binary', 'B'],
  ['obfuscation', 'O'],
  ['telemetry', 'T'],
  ['persistence', 'R'],
];

export function capabilityMarks(capabilities: readonly Capability[]): string {
  return CAPABILITY_MARKS.map(([capability, mark]) => (capabilities.includes(capability) ? mark : '·')).join('');
}

export function allFindings(target: TargetReport): Finding[] {
  return [...target.findings, ...target.files.flatMap((file) => file.findings)];
}

export function browse(result: AuditResult): Browsed {
  const packages = byRisk(result.targets).map((target): BrowsedPackage => {
    const destinations = destinationsOf(target);
    const rules = new Set(allFindings(target).map((finding) => finding.rule));
    const haystack = [
      targetTitle(target),
      target.filename ?? '',
      ...target.files.map((f) => f.path),
      ...destinations,
      ...rules,
    ]
      .join('\n')
      .toLowerCase();
    const requiredBy = [...new Set((target.requiredBy ?? []).map((r) => r.split(' ')[0]))];
    return { target, title: targetTitle(target), destinations, reasons: uniqueReasons(target), haystack, requiredBy };
  });
  return { result, packages };
}

function findingMatches(finding: Finding, query: string): boolean {
  const d = finding.destination;
  return [finding.rule, finding.message, d?.url ?? '', d?.host ?? ''].some((text) =>
    text.toLowerCase().includes(query),
  );
}

function fileMatches(file: FileReport, query: string): boolean {
  return file.path.toLowerCase().includes(query) || file.findings.some((finding) => findingMatches(finding, query));
}

/** The packages shown: at or above the level filter, and matching the search. */
export function visiblePackages(data: Browsed, query: string, minLevel: RiskLevel): BrowsedPackage[] {
  const q = query.toLowerCase();
  return data.packages.filter((p) => rank(p.target.risk) >= rank(minLevel) && (!q || p.haystack.includes(q)));
}

/** A row of a package's file list: a file, or the findings about the package as a whole (file undefined). */
export interface FileRow {
  file?: FileReport;
  findings: Finding[];
}

function strongest(findings: Finding[]): number {
  return Math.max(-1, ...findings.map((finding) => SEVERITIES.indexOf(finding.severity)));
}

export function fileRows(target: TargetReport, query: string): FileRow[] {
  const rows: FileRow[] = target.files.map((file) => ({ file, findings: file.findings }));
  if (target.findings.length > 0) rows.unshift({ findings: target.findings });
  // Strongest finding first, then ⚠️ files, then the most findings; the archive order among equals.
  const egress = (row: FileRow): number => Number(row.file?.egress ?? false);
  rows.sort(
    (a, b) =>
      strongest(b.findings) - strongest(a.findings) || egress(b) - egress(a) || b.findings.length - a.findings.length,
  );
  const q = query.toLowerCase();
  const matching = q
    ? rows.filter((row) => (row.file ? fileMatches(row.file, q) : row.findings.some((f) => findingMatches(f, q))))
    : rows;
  return matching.length > 0 ? matching : rows;
}

/** A file's findings, strongest first, at or above the level filter (all of them when the filter would hide every one). */
export function findingRows(findings: Finding[], query: string, minLevel: RiskLevel): Finding[] {
  const sorted = [...findings].sort(
    (a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || a.line - b.line,
  );
  const q = query.toLowerCase();
  const shown = sorted.filter((f) => rank(f.severity) >= rank(minLevel) && (!q || findingMatches(f, q)));
  return shown.length > 0 ? shown : sorted;
}

export function countBySeverity(findings: Finding[]): string {
  return SEVERITIES.slice()
    .reverse()
    .map((level) => [level, findings.filter((f) => f.severity === level).length] as const)
    .filter(([, n]) => n > 0)
    .map(([level, n]) => `${n} ${level}`)
    .join(', ');
}
