// Baselines: a saved result whose findings are known. A finding is identified by its package (or scanned path), the
// file inside it (where it installs: without an sdist's versioned top folder or src/ layout), the rule and its code, so a line shift or a new release
// of the same code keeps it known; a second copy beyond the baseline's count is new.
import { installedPath } from '../analysis/module-names.ts';
import type { AuditResult, Finding, TargetReport } from '../model/result.ts';
import { normalizeName } from '../pypi/names.ts';

/** The identity of a finding across runs. */
export function findingKey(target: TargetReport, finding: Finding, filePath: string | undefined): string {
  const owner = target.name ? normalizeName(target.name) : (target.path ?? target.filename ?? '');
  const path = installedPath(filePath ?? '');
  const text = (finding.code || finding.message).replace(/\s+/g, ' ').trim();
  return [owner, path, finding.rule, text].join('\u0000');
}

/** Every finding of a result with the path of the file it is in (target-level findings: their member path). */
export function locatedFindings(target: TargetReport): { finding: Finding; path: string | undefined }[] {
  return [
    ...target.findings.map((finding) => ({ finding, path: finding.path })),
    ...target.files.flatMap((file) => file.findings.map((finding) => ({ finding, path: file.path }))),
  ];
}

/** How many times each finding key occurs in a saved result. */
export function baselineCounts(result: AuditResult): Map<string, number> {
  const counts = new Map<string, number>();
  for (const target of result.targets) {
    for (const { finding, path } of locatedFindings(target)) {
      const key = findingKey(target, finding, path);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}
