// The verdict on a target: its risk level, capabilities and the reasons, strongest first, from the
// findings of all its files and of the target itself.
import { correlations } from './correlations.ts';
import {
  type Capability,
  CAPABILITIES,
  type Finding,
  type RiskLevel,
  SEVERITIES,
  type Severity,
} from '../model/result.ts';

export interface Verdict {
  risk: RiskLevel;
  reasons: string[];
  capabilities: Capability[];
}

const rank = (severity: Severity) => SEVERITIES.indexOf(severity);

const TRIGGER_WORDS = {
  install: 'at install time',
  startup: 'at every Python start',
  import: 'on import',
  call: 'when called',
} as const;

/** The verdict over located findings. */
export function judge(located: { path?: string; finding: Finding }[]): Verdict {
  const capabilities = new Set<Capability>();
  for (const { finding } of located) if (finding.capability) capabilities.add(finding.capability);
  if (located.some(({ finding }) => finding.trigger === 'install' && finding.severity !== 'info'))
    capabilities.add('install-hook');
  const ranked = [...located].sort((a, b) => rank(b.finding.severity) - rank(a.finding.severity));
  let risk: RiskLevel = ranked.length ? ranked[0].finding.severity : 'none';
  // Hiding plus reaching out, in code that runs by itself, is the shape of real malware.
  const autoRun = located.filter(
    ({ finding }) => finding.trigger && finding.trigger !== 'call' && rank(finding.severity) >= rank('medium'),
  );
  const hides = autoRun.some(({ finding }) => finding.capability === 'obfuscation');
  const reaches = autoRun.some(
    ({ finding }) =>
      finding.capability === 'network' || finding.rule === 'exfiltration' || finding.rule === 'download-execute',
  );
  const reasons: string[] = [];
  if (hides && reaches && risk !== 'critical') {
    risk = 'critical';
    reasons.push('hidden code and network access in code that runs without being called');
  }
  for (const reason of correlations(located)) {
    if (rank(risk as Severity) < rank('high')) risk = 'high';
    reasons.push(reason);
  }
  for (const { path, finding } of ranked) {
    if (finding.severity === 'info' || reasons.length >= 6) break;
    const when = finding.trigger ? ` ${TRIGGER_WORDS[finding.trigger]}` : '';
    const where = path ? `${path}${finding.line ? `:${finding.line}` : ''}: ` : '';
    const reason = `${where}${finding.message}${when}`;
    if (!reasons.includes(reason)) reasons.push(reason);
  }
  return { risk, reasons, capabilities: CAPABILITIES.filter((c) => capabilities.has(c)) };
}
