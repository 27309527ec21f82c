// The lines of the finding view: what was found and where, when it runs, where it sends data, the code around
// the line (recorded with the finding; for older results, the lines known for the file: the finding's, its flow
// steps', the other findings'), the finding's line marked, the data flow step by step, and a decoded payload.
import type { FileReport, Finding } from '../model/result.ts';
import { printable } from '../report/text-fit.ts';

export type Tone = 'plain' | 'dim' | 'title' | 'warn' | 'mark' | 'level';

export interface DetailLine {
  text: string;
  tone: Tone;
}

const CONTEXT_LINES = 8;

/** The source lines known for `file` near `line`, with gaps shown as ⋮. */
export function knownLines(findings: Finding[], line: number): { line: number; code: string }[] {
  const known = new Map<number, string>();
  for (const finding of findings) {
    if (finding.line > 0 && finding.code) known.set(finding.line, finding.code);
    for (const step of finding.flow ?? [])
      if (step.line > 0 && step.code && !known.has(step.line)) known.set(step.line, step.code);
  }
  return [...known.entries()]
    .filter(([n]) => Math.abs(n - line) <= CONTEXT_LINES || n === line)
    .sort((a, b) => a[0] - b[0])
    .map(([n, code]) => ({ line: n, code }));
}

/** The lines around the finding: recorded with it, or (results saved before they were) the lines known for the file. */
function codeAround(finding: Finding, file: FileReport | undefined): { line: number; code: string }[] {
  const context = finding.context;
  if (context) return context.lines.map((code, i) => ({ line: context.startLine + i, code }));
  return knownLines(file?.findings ?? [finding], finding.line);
}

function wrapped(text: string, width: number, indent: string, tone: Tone): DetailLine[] {
  const out: DetailLine[] = [];
  let rest = text;
  let first = true;
  while (rest.length > 0 || first) {
    const room = Math.max(10, width - (first ? 0 : indent.length));
    let cut = rest.length <= room ? rest.length : rest.lastIndexOf(' ', room);
    if (cut <= 0) cut = Math.min(room, rest.length);
    out.push({ text: (first ? '' : indent) + rest.slice(0, cut), tone });
    rest = rest.slice(cut).trimStart();
    first = false;
  }
  return out;
}

export function findingDetail(finding: Finding, file: FileReport | undefined, width: number): DetailLine[] {
  const lines: DetailLine[] = [];
  const where = file
    ? `${file.path}${finding.line ? `:${finding.line}:${finding.column}` : ''}`
    : `${finding.path ?? 'the package as a whole'}`;
  lines.push({ text: `${finding.severity.toUpperCase()}  ${finding.rule}`, tone: 'level' });
  lines.push(...wrapped(finding.message, width, '  ', 'title'));
  lines.push({ text: `where:       ${where}`, tone: 'plain' });
  if (finding.trigger)
    lines.push({
      text: `runs at:     ${finding.trigger}${finding.trigger === 'install' ? ' (pip install)' : finding.trigger === 'startup' ? ' (every Python start)' : finding.trigger === 'import' ? ' (import of the module)' : ' (when called)'}`,
      tone: finding.trigger === 'call' ? 'plain' : 'warn',
    });
  const d = finding.destination;
  if (d)
    lines.push(
      ...wrapped(
        `destination: ${d.url ?? d.host ?? '?'}${d.port && !d.url ? `:${d.port}` : ''}${d.kind ? ` (${d.kind})` : ''}`,
        width,
        '             ',
        'warn',
      ),
    );
  if (finding.capability) lines.push({ text: `capability:  ${finding.capability}`, tone: 'plain' });
  if (finding.origin)
    lines.push({ text: `decoded by:  ${finding.origin.path} line ${finding.origin.line}`, tone: 'plain' });
  const code = codeAround(finding, file);
  if (code.length > 0) {
    lines.push({ text: '', tone: 'plain' }, { text: 'code', tone: 'title' });
    let previous = 0;
    for (const { line, code: text } of code) {
      if (previous && line > previous + 1) lines.push({ text: '       ⋮', tone: 'dim' });
      const here = line === finding.line;
      lines.push({
        text: `${here ? '▶' : ' '}${String(line).padStart(5)}  ${text}`.slice(0, Math.max(20, width)),
        tone: here ? 'mark' : 'dim',
      });
      previous = line;
    }
  } else if (finding.code) {
    lines.push(
      { text: '', tone: 'plain' },
      { text: 'code', tone: 'title' },
      { text: `▶      ${finding.code}`.slice(0, Math.max(20, width)), tone: 'mark' },
    );
  }
  if (finding.flow && finding.flow.length > 0) {
    lines.push({ text: '', tone: 'plain' }, { text: 'data flow', tone: 'title' });
    finding.flow.forEach((step, i) => {
      lines.push(
        ...wrapped(`${String(i + 1).padStart(2)}. line ${step.line}: ${step.note}`, width, '       ', 'plain'),
      );
      if (step.code) lines.push({ text: `       ${step.code}`.slice(0, Math.max(20, width)), tone: 'dim' });
    });
  }
  if (finding.decoded) {
    const p = finding.decoded;
    lines.push(
      { text: '', tone: 'plain' },
      {
        text: `decoded payload (${p.chain.join(' → ')}, ${p.size} bytes${p.virtualPath ? `, ${p.virtualPath}` : ''})`,
        tone: 'title',
      },
    );
    for (const text of p.preview.split('\n').slice(0, 40))
      lines.push(...wrapped(printable(text), width, '  ', 'plain'));
  }
  return lines;
}
