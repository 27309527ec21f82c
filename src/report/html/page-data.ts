// The data embedded in the HTML report: the result itself, rule names, and highlighted code as tokens.

import type { AuditResult, FileKind, Finding } from '../../model/result.ts';
import type { RuleInfo } from '../../model/rules.ts';
import { highlightPython, type Token } from './highlight.ts';

export interface PageData {
  result: AuditResult;
  /** [id, name, short description] */
  rules: [string, string, string][];
  /** [code, tokens] for every Python snippet shown in the report. */
  highlights: [string, Token[]][];
}

const PYTHON_KINDS: ReadonlySet<FileKind> = new Set(['python', 'pth', 'decoded', 'build-config']);

export function pageData(result: AuditResult, rules: RuleInfo[]): PageData {
  const highlights = new Map<string, Token[]>();
  const highlight = (code: string): void => {
    if (code && !highlights.has(code)) highlights.set(code, highlightPython(code));
  };
  const visit = (finding: Finding): void => {
    highlight(finding.code);
    for (const step of finding.flow ?? []) highlight(step.code);
  };
  for (const target of result.targets) {
    for (const file of target.files) if (PYTHON_KINDS.has(file.kind)) file.findings.forEach(visit);
  }
  const used = new Set(
    result.targets.flatMap((t) => [...t.findings, ...t.files.flatMap((f) => f.findings)].map((f) => f.rule)),
  );
  return {
    result,
    rules: rules.filter((rule) => used.has(rule.id)).map((rule) => [rule.id, rule.name, rule.shortDescription]),
    highlights: [...highlights],
  };
}
