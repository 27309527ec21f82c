// Assembles the AuditResult (with its summary) from analysed targets.
import { readFileSync } from 'node:fs';
import {
  type AuditResult,
  type Resolution,
  RISK_LEVELS,
  type RiskLevel,
  SCHEMA_VERSION,
  SEVERITIES,
  type Severity,
  type Summary,
  type TargetReport,
} from './result.ts';

let cachedVersion: string | undefined;

/** pyguard's own version, from its package.json. */
export function toolVersion(): string {
  if (cachedVersion) return cachedVersion;
  for (const relative of ['../../package.json', '../package.json']) {
    try {
      cachedVersion = (JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { version: string })
        .version;
      return cachedVersion;
    } catch {
      // try the next location (sources vs. bundle)
    }
  }
  return '0.0.0';
}

export function summarize(targets: TargetReport[]): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byRisk = Object.fromEntries(RISK_LEVELS.map((r) => [r, 0])) as Record<RiskLevel, number>;
  let files = 0;
  let pythonFiles = 0;
  let filesWithEgress = 0;
  let findings = 0;
  let errors = 0;
  let unaudited = 0;
  let risk: RiskLevel = 'none';
  for (const target of targets) {
    byRisk[target.risk]++;
    if (RISK_LEVELS.indexOf(target.risk) > RISK_LEVELS.indexOf(risk)) risk = target.risk;
    errors += target.errors.length;
    if (target.unaudited?.length) unaudited++;
    for (const finding of target.findings) {
      bySeverity[finding.severity]++;
      findings++;
    }
    for (const file of target.files) {
      files++;
      if (file.kind === 'python' || file.kind === 'decoded') pythonFiles++;
      if (file.egress) filesWithEgress++;
      for (const finding of file.findings) {
        bySeverity[finding.severity]++;
        findings++;
      }
    }
  }
  return {
    targets: targets.length,
    files,
    pythonFiles,
    filesWithEgress,
    findings,
    bySeverity,
    byRisk,
    risk,
    errors,
    unaudited,
  };
}

export function buildResult(command: string[], targets: TargetReport[], resolution?: Resolution): AuditResult {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'pyguard', version: toolVersion() },
    command,
    createdAt: new Date().toISOString(),
    targets,
    summary: summarize(targets),
    ...(resolution && { resolution }),
  };
}
