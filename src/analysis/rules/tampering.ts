// Strings that blind the machine's defences (Defender exclusions, firewall off, logs erased), mine cryptocurrency on
// it (stratum pools, XMRig options), wipe it (the home folder, a drive, Windows' shadow copies) or open a way back in
// (an administrator account, an SSH key appended): what a payload does once it runs. High wherever the code sits;
// critical in code that runs at install, start-up or import. A wiping command line neither handed to a call nor run
// by the file's programs is medium: a test's shell-injection input ('"; rm -rf /' in a dict) is only text. Tasks an
// administration tool does when asked (accounts, firewall rules, shutdown) are low unless the code runs by itself.
import { HOLE } from '../evaluate.ts';
import { addFinding, type FileContext, raise, triggerWeight } from '../file-context.ts';
import { TAMPERING_PATTERNS, TAMPERING_WORDS, type TamperingPattern } from '../indicators/tampering.ts';
import { SCRIPT_FILE } from '../shell-scripts.ts';
import type { Node } from '../syntax.ts';
import { commandText, processApiOf } from './process.ts';

/** The command lines the file's process calls run, folded. */
function commandLines(ctx: FileContext): string[] {
  return ctx.facts.calls.flatMap((call) => {
    const api = processApiOf(call);
    const command = api ? commandText(ctx, call, api) : undefined;
    return command === undefined ? [] : [command];
  });
}

/** A string handed straight to a call (`run("vssadmin delete shadows /all")`): a command given to some runner. */
function isArgument(node: Node): boolean {
  return node.parent?.type === 'argument_list';
}

/**
 * Whether a pattern's text is one the file runs: always for defence and miner settings; for wiping, when a command
 * the file runs holds it, or runs a script file or a command line not known here (where a written script may go).
 */
function isRun(found: TamperingPattern, commands: () => string[]): boolean {
  return (
    found.kind !== 'destructive-command' ||
    commands().some(
      (command) =>
        found.pattern.test(command) ||
        command.includes(HOLE) ||
        command.split(/\s+/).some((word) => SCRIPT_FILE.test(word.replace(/^["']|["']$/g, ''))),
    )
  );
}

export function tamperingRules(ctx: FileContext): void {
  const reported = new Set<string>();
  let commands: string[] | undefined;
  const run = () => {
    commands ??= commandLines(ctx);
    return commands;
  };
  for (const node of ctx.facts.strings) {
    if (!TAMPERING_WORDS.test(node.text)) continue;
    const value = ctx.evaluator.text(node);
    if (value === undefined) continue;
    const found = TAMPERING_PATTERNS.find(({ pattern }) => pattern.test(value));
    if (!found || reported.has(found.what)) continue;
    // an administration task counts only in a command line the file runs ("reboot" may name a menu entry), and is
    // the tool's job when a user calls it
    const ran = found.adminTask
      ? run().some((command) => found.pattern.test(command))
      : isArgument(node) || isRun(found, run);
    if (found.adminTask && !ran) continue;
    reported.add(found.what);
    const trigger = ctx.triggers.triggerOf(node);
    const selfRunning = triggerWeight(trigger) > 0;
    const severity = found.adminTask
      ? selfRunning
        ? 'critical'
        : 'low'
      : ran
        ? raise('high', selfRunning ? 1 : 0)
        : 'medium';
    addFinding(ctx, node, {
      rule: found.kind,
      severity,
      message: `${found.what} (${value.replaceAll(HOLE, '{…}').slice(0, 120)})${ran ? '' : ': a command line no program of this file is seen to run'}`,
      capability: 'process',
      trigger,
    });
  }
}
