// The plain terminal report (pipes, CI, --no-tui): packages with findings first, strongest risk first, each
// ⚠️ file with the findings behind it, the files that were not analysed, and at the end the verdict block:
// overall risk, why the exit code is what it is, the packages at medium and above with their top reasons and
// destinations, counts for the rest. Every line fits the width; each reason is printed once.
import {
  type AuditResult,
  type FailOn,
  type Finding,
  type FileReport,
  RISK_LEVELS,
  type RiskLevel,
  SEVERITIES,
  type TargetReport,
} from '../model/result.ts';
import { columnsOf, fitEnd, fitMiddle, printable } from './text-fit.ts';

export interface TerminalOptions {
  color: boolean;
  /** Show info-level findings and the packages without findings too. */
  verbose?: boolean;
  /** Columns each line must fit in (default 100). */
  width?: number;
  /** The --fail-on level the exit code is judged by (default high). */
  failOn?: FailOn;
}

/** A piece of a line, painted with an ANSI SGR code when colours are on. */
type Segment = string | { text: string; sgr: string };

const RISK_SGR: Record<RiskLevel, string> = {
  none: '32',
  info: '36',
  low: '32',
  medium: '33',
  high: '31',
  critical: '1;31',
};
const MAX_REASONS = 2;
const MAX_DESTINATIONS = 3;

const rank = (level: RiskLevel): number => RISK_LEVELS.indexOf(level);

class Lines {
  readonly out: string[] = [];
  constructor(private readonly options: TerminalOptions) {}

  get width(): number {
    return this.options.width ?? 100;
  }

  push(...segments: Segment[]): void {
    let room = this.width;
    let line = '';
    for (const segment of segments) {
      const text = printable(typeof segment === 'string' ? segment : segment.text);
      if (room <= 0) break;
      const fitted = columnsOf(text) > room ? fitEnd(text, room) : text;
      room -= columnsOf(fitted);
      line += typeof segment === 'string' || !this.options.color ? fitted : `\x1b[${segment.sgr}m${fitted}\x1b[0m`;
    }
    this.out.push(line.trimEnd());
  }

  /** `lead` then `text` wrapped at spaces; continuation lines start with `hang` (long words are cut). */
  wrap(lead: Segment[], text: string, hang: string): void {
    const leadWidth = lead.reduce(
      (n, segment) => n + columnsOf(typeof segment === 'string' ? segment : segment.text),
      0,
    );
    let room = Math.max(10, this.width - leadWidth);
    let current = '';
    let first = true;
    const flush = (): void => {
      if (first) this.push(...lead, current);
      else this.push(hang, current);
      first = false;
      room = Math.max(10, this.width - columnsOf(hang));
      current = '';
    };
    for (const word of text.split(' ')) {
      const next = current ? `${current} ${word}` : word;
      if (columnsOf(next) <= room || !current) current = next;
      else {
        flush();
        current = word;
      }
    }
    flush();
  }

  blank(): void {
    if (this.out.length > 0 && this.out[this.out.length - 1] !== '') this.out.push('');
  }
}

export function badge(level: RiskLevel): Segment {
  return { text: level.toUpperCase(), sgr: RISK_SGR[level] };
}

/** What a package is called in the report: name and version, else the scanned path or file. */
export function targetTitle(target: TargetReport): string {
  if (target.name && target.version) return `${target.name} ${target.version}`;
  return target.path ?? target.filename ?? target.name ?? '(target)';
}

/** Targets sorted by risk (strongest first), the original order kept among equals. */
export function byRisk(targets: readonly TargetReport[]): TargetReport[] {
  return targets
    .map((target, i) => ({ target, i }))
    .sort((a, b) => rank(b.target.risk) - rank(a.target.risk) || a.i - b.i)
    .map(({ target }) => target);
}

export function destinationsOf(target: TargetReport): string[] {
  const found = new Set<string>();
  for (const finding of [...target.findings, ...target.files.flatMap((file) => file.findings)]) {
    const d = finding.destination;
    const text = d?.url ?? (d?.host ? `${d.host}${d.port ? `:${d.port}` : ''}` : undefined);
    if (text) found.add(text);
  }
  return [...found];
}

/** The reasons without repeats, in their order (strongest first). */
export function uniqueReasons(target: TargetReport): string[] {
  return [...new Set(target.reasons)];
}

function whoRequires(target: TargetReport): string {
  const names = (target.requiredBy ?? []).map((r) => r.split(' ')[0]).filter((name, i, all) => all.indexOf(name) === i);
  if (names.length === 0) return '';
  return names.includes('<root>')
    ? 'requested'
    : `required by ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` +${names.length - 3}` : ''}`;
}

/** One finding: where, level, rule and message; the code; where it sends data; the flow; a decoded payload. */
function findingLines(lines: Lines, finding: Finding, indent: string, where: string, alsoAt: number[]): void {
  const trigger = finding.trigger && finding.trigger !== 'call' ? ` [runs at ${finding.trigger}]` : '';
  const also =
    alsoAt.length > 0
      ? ` (also line${alsoAt.length === 1 ? '' : 's'} ${alsoAt.slice(0, 5).join(', ')}${alsoAt.length > 5 ? ', …' : ''})`
      : '';
  lines.wrap(
    [indent, where ? `${where} ` : '', badge(finding.severity), ' '],
    `${finding.rule}: ${finding.message}${trigger}${policyTag(finding)}${also}`,
    `${indent}      `,
  );
  const deeper = `${indent}    `;
  if (finding.code) lines.push(deeper, { text: '> ', sgr: '2' }, finding.code);
  for (const step of finding.flow ?? [])
    lines.wrap([deeper, { text: `${step.line}: `, sgr: '2' }], step.note, `${deeper}    `);
  if (finding.decoded)
    lines.push(
      deeper,
      `decoded (${finding.decoded.chain.join(' → ')}): `,
      finding.decoded.preview.replace(/\s+/g, ' '),
    );
}

/** How the user's policy counted the finding: ignored, known from the baseline, expected or raised. */
function policyTag(finding: Finding): string {
  const mark = finding.policy;
  if (!mark) return '';
  const label = {
    ignored: 'ignored',
    baselined: 'known',
    expected: 'expected',
    raised: `raised to ${mark.severity ?? finding.severity}`,
  }[mark.status];
  return ` [${label}: ${mark.reason}${mark.source && mark.status !== 'baselined' ? `, ${mark.source}` : ''}]`;
}

/** Findings of one file (or of the package) with repeats of the same rule and message folded into one. */
function foldedFindings(findings: Finding[]): { finding: Finding; alsoAt: number[] }[] {
  const groups = new Map<string, { finding: Finding; alsoAt: number[] }>();
  for (const finding of findings) {
    const key = `${finding.rule}\u0000${finding.message}\u0000${finding.path ?? ''}`;
    const group = groups.get(key);
    if (group) group.alsoAt.push(finding.line);
    else groups.set(key, { finding, alsoAt: [] });
  }
  return [...groups.values()].sort(
    (a, b) => SEVERITIES.indexOf(b.finding.severity) - SEVERITIES.indexOf(a.finding.severity),
  );
}

function fileLines(lines: Lines, file: FileReport, options: TerminalOptions): void {
  // A ⚠️ file always shows what made it one, even when that finding is only info.
  const shown = file.egress || options.verbose ? file.findings : file.findings.filter((f) => f.severity !== 'info');
  if (!file.egress && shown.length === 0) return;
  lines.push(
    '  ',
    file.egress ? '⚠️  ' : '',
    file.path,
    file.egress ? '  outbound connection logic or API keys (egress)' : '',
  );
  for (const { finding, alsoAt } of foldedFindings(shown))
    findingLines(lines, finding, '    ', finding.line ? `${finding.line}` : '', alsoAt);
}

function targetBlock(lines: Lines, target: TargetReport, options: TerminalOptions): void {
  const caps = target.capabilities.length ? `  [${target.capabilities.join(', ')}]` : '';
  const who = whoRequires(target);
  const unaudited: Segment = target.unaudited?.length ? { text: '  UNAUDITED', sgr: '1;31' } : '';
  lines.push({ text: targetTitle(target), sgr: '1' }, '  ', badge(target.risk), unaudited, caps, who ? `  ${who}` : '');
  if (target.filename && target.kind === 'distribution') lines.push('  ', fitMiddle(target.filename, lines.width - 2));
  for (const error of target.errors) lines.push('  ', { text: 'error', sgr: '31' }, `: ${error.message}`);
  const packageFindings = target.findings.filter((f) => options.verbose || f.severity !== 'info');
  for (const { finding, alsoAt } of foldedFindings(packageFindings))
    findingLines(
      lines,
      finding,
      '  ',
      finding.path ? `${finding.path}${finding.line ? `:${finding.line}` : ''}` : '(package)',
      alsoAt,
    );
  for (const file of target.files) fileLines(lines, file, options);
}

/** What was not (fully) analysed: the unaudited items (which fail the check) and the partially analysed files. */
function unanalysed(result: AuditResult): { target: TargetReport; path: string; why: string; fails: boolean }[] {
  return result.targets.flatMap((target) => {
    const items = (target.unaudited ?? []).map((item) => ({
      target,
      path: item.path,
      why: `not analysed: ${item.path}: ${item.reason}`,
      fails: true,
    }));
    const listed = new Set(items.map((item) => item.path));
    const partial = target.files
      .filter((file) => file.partial && !listed.has(file.path))
      .map((file) => ({
        target,
        path: file.path,
        why: `partly analysed: ${file.path} (${file.kind}): ${(file.partialReasons ?? ['partial']).join('; ')}`,
        fails: false,
      }));
    return [...items, ...partial];
  });
}

/** Why the exit code is what it is, in one sentence. */
export function exitLine(result: AuditResult, failOn: FailOn): string {
  const s = result.summary;
  const atOrAbove = failOn === 'never' ? 0 : result.targets.filter((t) => rank(t.risk) >= rank(failOn)).length;
  const failed = result.targets.filter((t) => t.errors.length > 0).length;
  const packages = (n: number): string => `${n} package${n === 1 ? '' : 's'}`;
  if (failed > 0) return `exit 2: ${packages(failed)} could not be audited (see the errors above)`;
  if (s.unaudited) return `exit 1: ${packages(s.unaudited)} UNAUDITED (what could not be analysed fails the check)`;
  const p = result.policy;
  if (p)
    return `exit ${p.decision === 'fail' ? 1 : 0}: the policy${p.file ? ` (${p.file})` : ''} decides ${p.decision.toUpperCase()} (fail on ${p.failOn}${p.warnOn ? `, warn on ${p.warnOn}` : ''})`;
  if (atOrAbove > 0) return `exit 1: ${packages(atOrAbove)} at or above --fail-on ${failOn}`;
  if (failOn === 'never') return `exit 0: --fail-on never (highest: ${s.risk})`;
  return `exit 0: nothing at or above --fail-on ${failOn} (highest: ${s.risk})`;
}

function verdictBlock(lines: Lines, result: AuditResult, options: TerminalOptions): void {
  const s = result.summary;
  const failOn = options.failOn ?? 'high';
  lines.push({ text: `── verdict ${'─'.repeat(Math.max(0, Math.min(lines.width, 100) - 11))}`, sgr: '2' });
  lines.wrap(['overall risk ', badge(s.risk), '  '], exitLine(result, failOn), '  ');
  const serious = byRisk(result.targets).filter(
    (t) => rank(t.risk) >= rank('medium') || (t.unaudited?.length ?? 0) > 0,
  );
  const labelWidth = Math.min(32, Math.max(0, ...serious.map((t) => targetTitle(t).length)));
  for (const target of serious) {
    const level = target.risk.toUpperCase().padEnd(8);
    lines.push(
      '  ',
      { text: level, sgr: RISK_SGR[target.risk] },
      ' ',
      fitMiddle(targetTitle(target), labelWidth).padEnd(labelWidth),
      target.capabilities.length ? `  [${target.capabilities.join(', ')}]` : '',
    );
    for (const item of (target.unaudited ?? []).slice(0, MAX_REASONS))
      lines.wrap(
        ['           - ', { text: 'UNAUDITED', sgr: '1;31' }, ' '],
        `${item.path}: ${item.reason}`,
        '             ',
      );
    for (const reason of uniqueReasons(target).slice(0, MAX_REASONS))
      lines.wrap(['           - '], reason, '             ');
    const destinations = destinationsOf(target);
    if (destinations.length > 0)
      lines.push(
        '           → ',
        destinations.slice(0, MAX_DESTINATIONS).join(', '),
        destinations.length > MAX_DESTINATIONS ? ` +${destinations.length - MAX_DESTINATIONS} more` : '',
      );
  }
  const rest = RISK_LEVELS.filter((level) => rank(level) < rank('medium'))
    .map((level) => [level, result.targets.filter((t) => t.risk === level && !serious.includes(t)).length] as const)
    .filter(([, n]) => n > 0)
    .reverse()
    .map(([level, n]) => `${n} ${level}`);
  if (rest.length > 0) lines.push(`  ${serious.length > 0 ? 'the other packages' : 'packages'}: ${rest.join(', ')}`);
  const counts = SEVERITIES.slice()
    .reverse()
    .filter((level) => s.bySeverity[level] > 0)
    .map((level) => `${s.bySeverity[level]} ${level}`);
  const missing = unanalysed(result).length;
  lines.wrap(
    ['  '],
    `${s.targets} package${s.targets === 1 ? '' : 's'}, ${s.files} files (${s.pythonFiles} Python), ${s.filesWithEgress} with egress; findings: ${counts.join(', ') || 'none'}${missing > 0 ? `; ${missing} not analysed` : ''}`,
    '    ',
  );
  const p = result.policy;
  if (p) {
    const marks = [
      `${p.ignored} ignored`,
      `${p.baselined} known from ${p.baseline ?? 'the baseline'}`,
      `${p.expected} expected`,
      `${p.raised} raised`,
    ];
    lines.wrap(
      ['  '],
      `policy ${p.file ?? '(defaults)'}: ${marks.join(', ')}; fail on ${p.failOn}${p.warnOn ? `, warn on ${p.warnOn}` : ''}: ${p.decision.toUpperCase()}`,
      '    ',
    );
  }
}

/** The one line `--quiet` prints: counts and the overall risk. */
export function renderSummaryLine(result: AuditResult, options: TerminalOptions): string {
  const s = result.summary;
  const paint = (sgr: string, text: string): string => (options.color ? `\x1b[${sgr}m${text}\x1b[0m` : text);
  const counts = SEVERITIES.slice()
    .reverse()
    .filter((level) => s.bySeverity[level] > 0)
    .map((level) => `${s.bySeverity[level]} ${level}`);
  const unaudited = s.unaudited ? `; ${paint('1;31', `${s.unaudited} UNAUDITED`)} (fails the check)` : '';
  return `${s.targets} target${s.targets === 1 ? '' : 's'}, ${s.files} files (${s.pythonFiles} Python), ${s.filesWithEgress} with egress; findings: ${counts.join(', ') || 'none'}; overall risk ${paint(RISK_SGR[s.risk], s.risk.toUpperCase())}${unaudited}`;
}

export function renderTerminal(result: AuditResult, options: TerminalOptions): string {
  const lines = new Lines(options);
  const sorted = byRisk(result.targets);
  const detailed = sorted.filter(
    (t) =>
      rank(t.risk) >= rank('low') ||
      t.errors.length > 0 ||
      (t.unaudited?.length ?? 0) > 0 ||
      t.files.some((f) => f.egress),
  );
  const quiet = sorted.filter((t) => !detailed.includes(t));
  for (const target of detailed) {
    targetBlock(lines, target, options);
    lines.blank();
  }
  if (quiet.length > 0) {
    if (options.verbose) {
      for (const target of quiet) targetBlock(lines, target, options);
    } else {
      const names = quiet.map((t) => `${targetTitle(t)}${t.risk === 'info' ? ' (info)' : ''}`);
      lines.wrap(
        [],
        `${quiet.length} package${quiet.length === 1 ? '' : 's'} with nothing above info (-v shows them): ${names.join(', ')}`,
        '  ',
      );
    }
    lines.blank();
  }
  const missing = unanalysed(result);
  if (missing.length > 0) {
    lines.push({
      text: `Not analysed (${missing.length} file${missing.length === 1 ? '' : 's'}), never counted as clean:`,
      sgr: '33',
    });
    for (const item of missing)
      lines.wrap(
        ['  ', item.fails ? { text: 'UNAUDITED ', sgr: '1;31' } : ''],
        `${targetTitle(item.target)}: ${item.why}`,
        '      ',
      );
    lines.blank();
  }
  verdictBlock(lines, result, options);
  return `${lines.out.join('\n')}\n`;
}
