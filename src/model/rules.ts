// What a rule is, as presenters need it: shared by the rule catalogue (analysis) and the reports (SARIF, HTML).

import type { Severity } from './result.ts';

export interface RuleInfo {
  id: string;
  name: string;
  shortDescription: string;
  fullDescription: string;
  /** How to review or fix what the rule found (plain text; also used as markdown). */
  help: string;
  defaultSeverity: Severity;
}
