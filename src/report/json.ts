// The JSON presenter: an AuditResult with a stable key order (declaration order of the types), 2-space indent.

import type { AuditResult } from '../model/result.ts';

/** Every key of the result types, in the order they are declared; unknown keys follow, sorted. */
const KEY_ORDER = [
  // AuditResult
  'schemaVersion',
  'tool',
  'command',
  'createdAt',
  'targets',
  'summary',
  'resolution',
  'policy',
  // TargetReport
  'kind',
  'path',
  'filename',
  'name',
  'version',
  'url',
  'sha256',
  'size',
  'requiredBy',
  'risk',
  'analysedRisk',
  'reasons',
  'capabilities',
  'files',
  'findings',
  'errors',
  // FileReport
  'egress',
  'verdict',
  'partial',
  'partialReasons',
  // Finding
  'rule',
  'severity',
  'line',
  'column',
  'message',
  'code',
  'context',
  'capability',
  'trigger',
  'destination',
  'flow',
  'decoded',
  'origin',
  // CodeContext, Destination, FlowStep, DecodedPayload
  'startLine',
  'lines',
  'host',
  'port',
  'note',
  'chain',
  'virtualPath',
  'preview',
  // Summary (bySeverity/byRisk keys are severities and risk levels)
  'targets',
  'pythonFiles',
  'filesWithEgress',
  'bySeverity',
  'byRisk',
  'none',
  'info',
  'low',
  'medium',
  'high',
  'critical',
  // Resolution
  'pythonVersion',
  'platform',
  'implementation',
  'index',
  'edges',
  'from',
  'to',
  'requirement',
  'marker',
  'extras',
  'notAuditable',
  'reason',
  'notes',
  // PolicyMark, PolicyOutcome
  'status',
  'source',
  'file',
  'baseline',
  'failOn',
  'warnOn',
  'decision',
  'ignored',
  'baselined',
  'expected',
  'raised',
];
const RANK = new Map<string, number>();
for (const key of KEY_ORDER) if (!RANK.has(key)) RANK.set(key, RANK.size);

function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a) ?? Number.MAX_SAFE_INTEGER;
  const rb = RANK.get(b) ?? Number.MAX_SAFE_INTEGER;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareKeys)) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== undefined) out[key] = ordered(child);
  }
  return out;
}

export function renderJson(result: AuditResult): string {
  return JSON.stringify(ordered(result), null, 2) + '\n';
}
