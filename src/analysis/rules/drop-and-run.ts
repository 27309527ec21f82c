// Droppers: code that runs a program or script it names by a constant executable path (.exe, .vbs, .bat,
// .ps1, .scr, .cmd, .js, .hta) — typically one it has just written or downloaded.
import { HOLE } from '../evaluate.ts';
import { type FileContext, raise, report, triggerWeight } from '../file-context.ts';
import { commandText, processApiOf } from './process.ts';

const EXECUTABLE = /\.(exe|scr|vbs|vbe|bat|cmd|ps1|hta|js|jse|wsf|msi|com|pif)\b/i;

export function dropAndRunRules(ctx: FileContext): void {
  const writesFiles = ctx.facts.calls.some((call) => call.paths.some((path) => /^(builtins\.open|urllib\.request\.urlretrieve|shutil\.copy\w*|pathlib\.Path\(\)\.write_bytes|pathlib\.Path\(\)\.write_text)$/.test(path)));
  if (!writesFiles) return;
  for (const call of ctx.facts.calls) {
    const api = processApiOf(call);
    if (!api) continue;
    const command = commandText(ctx, call, api);
    if (command === undefined || !EXECUTABLE.test(command.replaceAll(HOLE, ' '))) continue;
    const weight = triggerWeight(ctx.triggers.triggerOf(call.node));
    report(ctx, call.node, {
      rule: 'drop-and-run',
      severity: raise('medium', weight > 0 ? 1 : 0),
      message: `writes files and runs an executable or script (${command.replaceAll(HOLE, '{…}').slice(0, 100)})`,
      capability: 'process',
    });
  }
}
