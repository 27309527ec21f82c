// What every rule of a Python file reads (facts, evaluator, triggers) and the one way rules add findings.
import type { Finding, Severity, Trigger } from '../model/result.ts';
import { SEVERITIES } from '../model/result.ts';
import type { Evaluator } from './evaluate.ts';
import type { FileFacts } from './facts.ts';
import type { FileScopes } from './scopes.ts';
import type { LineIndex, Node } from './syntax.ts';
import type { TriggerMap } from './triggers.ts';

export interface FileContext {
  path: string;
  /** The file's text as written (before names are normalised). */
  text: string;
  lines: LineIndex;
  evaluator: Evaluator;
  scopes: FileScopes;
  triggers: TriggerMap;
  facts: FileFacts;
  findings: Finding[];
  /** Top-level modules the target itself ships (from the target stage; empty for a file analysed alone). */
  ownModules: readonly string[];
}

export type FindingFields = Omit<Finding, 'line' | 'column' | 'code' | 'trigger'> & { trigger?: Trigger };

/** Adds a finding located at a node, with its trigger and source line. */
export function addFinding(ctx: FileContext, node: Node, fields: FindingFields): Finding {
  const line = node.startPosition.row + 1;
  const finding: Finding = {
    ...fields,
    line,
    column: node.startPosition.column + 1,
    code: ctx.lines.code(line),
    trigger: fields.trigger ?? ctx.triggers.triggerOf(node),
  };
  ctx.findings.push(finding);
  return finding;
}

/** Raises a severity by some levels, capped at critical. */
export function raise(severity: Severity, levels: number): Severity {
  const index = Math.min(SEVERITIES.length - 1, Math.max(0, SEVERITIES.indexOf(severity) + levels));
  return SEVERITIES[index];
}

/** How much running without the user's call adds: install and startup code runs on every install or start. */
export function triggerWeight(trigger: Trigger): number {
  return trigger === 'install' || trigger === 'startup' ? 2 : trigger === 'import' ? 1 : 0;
}

const writtenTexts = new WeakMap<FileContext, string>();

/**
 * The file's string literals, and the constants it imports from the package's other modules (`from pkg import
 * API_URL`), lowered and joined: what the package writes out. A name found nowhere in them was decoded or assembled
 * at run time (a comment or docstring naming it does not count: an author can add one).
 */
export function writtenText(ctx: FileContext): string {
  let text = writtenTexts.get(ctx);
  if (text === undefined) {
    text = [...ctx.facts.strings.map((node) => node.text), ...ctx.evaluator.importedConstants()]
      .join('\n')
      .toLowerCase();
    writtenTexts.set(ctx, text);
  }
  return text;
}
