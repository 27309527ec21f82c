// Builds a target-level Finding (line 0, column 0) about the archive as a whole or one of its members.

import type { Capability, Finding, Severity, Trigger } from '../../model/result.ts';

export interface TargetFindingInput {
  rule: string;
  severity: Severity;
  message: string;
  /** The member concerned, if any. */
  path?: string;
  /** Evidence shown as the finding's code line (bounded to 240 characters). */
  code?: string;
  capability?: Capability;
  trigger?: Trigger;
}

export function targetFinding(input: TargetFindingInput): Finding {
  const finding: Finding = {
    rule: input.rule,
    severity: input.severity,
    line: 0,
    column: 0,
    message: input.message,
    code: (input.code ?? input.path ?? '').slice(0, 240),
  };
  if (input.path !== undefined) finding.path = input.path;
  if (input.capability !== undefined) finding.capability = input.capability;
  if (input.trigger !== undefined) finding.trigger = input.trigger;
  return finding;
}
