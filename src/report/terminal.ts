// The default terminal summary: per target its risk, capabilities and reasons, per file the egress
// verdict with the findings (file:line, the code, the destination), then the totals.
import { type AuditResult, type Finding, type RiskLevel, SEVERITIES, type Severity, type TargetReport } from '../model/result.ts';

export interface TerminalOptions {
  color: boolean;
  /** Show info-level findings too. */
  verbose?: boolean;
}

const COLORS: Record<RiskLevel, string> = { none: '32', info: '36', low: '32', medium: '33', high: '31', critical: '1;31' };

function paint(options: TerminalOptions, code: string, text: string): string {
  return options.color ? `\x1b[${code}m${text}\x1b[0m` : text;
}

function badge(options: TerminalOptions, level: RiskLevel): string {
  return paint(options, COLORS[level], level.toUpperCase());
}

export function targetTitle(target: TargetReport): string {
  if (target.kind === 'distribution') return target.filename ?? `${target.name} ${target.version}`;
  return target.path ?? target.filename ?? '(target)';
}

function findingLines(finding: Finding, options: TerminalOptions, path?: string): string[] {
  const where = path !== undefined ? `${path}${finding.line ? `:${finding.line}` : ''}` : `${finding.line}:${finding.column}`;
  const lines = [`    ${where} ${badge(options, finding.severity)} ${finding.rule}: ${finding.message}${finding.trigger && finding.trigger !== 'call' ? ` [${finding.trigger}]` : ''}${policyTag(finding)}`];
  if (finding.code) lines.push(`      ${paint(options, '2', '>')} ${finding.code}`);
  for (const step of finding.flow ?? []) lines.push(`      ${paint(options, '2', `${step.line}:`)} ${step.note}`);
  if (finding.decoded) lines.push(`      decoded (${finding.decoded.chain.join(' → ')}): ${finding.decoded.preview.replace(/\s+/g, ' ').slice(0, 120)}`);
  return lines;
}

/** How the user's policy counted the finding: ignored, known from the baseline, expected or raised. */
function policyTag(finding: Finding): string {
  const mark = finding.policy;
  if (!mark) return '';
  const label = { ignored: 'ignored', baselined: 'known', expected: 'expected', raised: `raised to ${mark.severity ?? finding.severity}` }[mark.status];
  return ` [${label}: ${mark.reason}${mark.source && mark.status !== 'baselined' ? `, ${mark.source}` : ''}]`;
}

function visible(finding: Finding, options: TerminalOptions): boolean {
  return options.verbose === true || finding.severity !== 'info';
}

export function renderTarget(target: TargetReport, options: TerminalOptions): string {
  const out: string[] = [];
  const python = target.files.filter((f) => f.kind === 'python' || f.kind === 'decoded').length;
  const egress = target.files.filter((f) => f.egress).length;
  const unaudited = target.unaudited?.length ? `  ${paint(options, '1;31', 'UNAUDITED')}` : '';
  out.push(`${paint(options, '1', targetTitle(target))}  risk ${badge(options, target.risk)}${unaudited}${target.capabilities.length ? `  [${target.capabilities.join(', ')}]` : ''}`);
  for (const item of target.unaudited ?? []) out.push(`  ${paint(options, '31', 'not analysed')}: ${item.path}: ${item.reason}`);
  out.push(`  ${target.files.length} files (${python} Python), ${egress} with egress${target.sha256 ? `, sha256 ${target.sha256.slice(0, 16)}…` : ''}`);
  for (const error of target.errors) out.push(`  ${paint(options, '31', 'error')}: ${error.message}`);
  for (const reason of target.reasons) out.push(`  - ${reason}`);
  const targetFindings = target.findings.filter((f) => visible(f, options));
  if (targetFindings.length) {
    out.push('  package:');
    for (const finding of targetFindings) out.push(...findingLines(finding, options, finding.path ?? ''));
  }
  for (const file of target.files) {
    const shown = file.findings.filter((f) => visible(f, options));
    if (!file.egress && shown.length === 0) continue;
    out.push(`  ${file.path}${file.partial ? ' (partial)' : ''}`);
    if (file.verdict) out.push(`    ${file.verdict}`);
    for (const finding of shown) out.push(...findingLines(finding, options));
  }
  return out.join('\n');
}

/** The closing line: counts and the overall risk (all that `--quiet` prints). */
export function renderSummaryLine(result: AuditResult, options: TerminalOptions): string {
  const s = result.summary;
  const counts = SEVERITIES.slice()
    .reverse()
    .filter((level: Severity) => s.bySeverity[level] > 0)
    .map((level) => `${s.bySeverity[level]} ${level}`)
    .join(', ');
  return `${s.targets} target${s.targets === 1 ? '' : 's'}, ${s.files} files (${s.pythonFiles} Python), ${s.filesWithEgress} with egress; findings: ${counts || 'none'}; overall risk ${badge(options, s.risk)}${s.unaudited ? `; ${paint(options, '1;31', `${s.unaudited} UNAUDITED`)} (fails the check)` : ''}`;
}

export function renderTerminal(result: AuditResult, options: TerminalOptions): string {
  const blocks = result.targets.map((target) => renderTarget(target, options));
  blocks.push(renderSummaryLine(result, options));
  const p = result.policy;
  if (p) {
    const marks = [`${p.ignored} ignored`, `${p.baselined} known from ${p.baseline ?? 'the baseline'}`, `${p.expected} expected`, `${p.raised} raised`];
    blocks.push(`policy ${p.file ?? '(defaults)'}: ${marks.join(', ')}; fail on ${p.failOn}${p.warnOn ? `, warn on ${p.warnOn}` : ''}: ${p.decision.toUpperCase()}`);
  }
  return `${blocks.join('\n\n')}\n`;
}
