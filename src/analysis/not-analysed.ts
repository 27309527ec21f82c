// Findings that say a file was not analysed (or its analysis failed): each makes its target UNAUDITED
// (TargetReport.unaudited), which fails every --fail-on level. Failing closed: what was not read is never clean.
import type { Finding } from '../model/result.ts';

export type NotAnalysedRule = 'file-not-analysed' | 'analysis-failed';

export function notAnalysed(reason: string, rule: NotAnalysedRule = 'file-not-analysed'): Finding {
  return { rule, severity: 'medium', line: 0, column: 0, code: '', message: reason };
}

/** The finding for an analysis that threw (a budget exceeded, a stack overflow, a bug): the message, one line. */
export function analysisFailed(error: unknown): Finding {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return notAnalysed(`analysis failed: ${what.split('\n')[0].slice(0, 200)}`, 'analysis-failed');
}
