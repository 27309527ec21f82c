// Droppers: code that runs a program or script it names by a constant executable path (.exe, .vbs, .bat,
// .ps1, .scr, .cmd, .js, .hta) — typically one it has just written or downloaded.
import { HOLE } from '../evaluate.ts';
import { addFinding, type FileContext, raise, triggerWeight } from '../file-context.ts';
import { commandText, processApiOf } from './process.ts';

const EXECUTABLE = /\.(exe|scr|vbs|vbe|bat|cmd|ps1|hta|js|jse|wsf|msi|com|pif)\b/i;

/** Folded names of files this code writes: open(p, "w"/"wb"/"a"/"x"), urlretrieve(url, p), shutil.copy(src, p), Path(p).write_*. */
function writtenPaths(ctx: FileContext): string[] {
  const paths: string[] = [];
  for (const call of ctx.facts.calls) {
    const path = call.paths.find((p) =>
      /^(builtins\.open|io\.open|urllib\.request\.urlretrieve|shutil\.copy\w*|shutil\.move)$/.test(p),
    );
    if (!path) continue;
    let target;
    if (path.endsWith('open')) {
      const mode = call.args.positional[1] ?? call.args.keywords.get('mode');
      const modeText = mode ? ctx.evaluator.text(mode) : undefined;
      if (!modeText || !/[wax]/.test(modeText)) continue;
      target = call.args.positional[0] ?? call.args.keywords.get('file');
    } else target = call.args.positional[1];
    const text = target ? ctx.evaluator.text(target) : undefined;
    const name = text
      ?.split(HOLE)
      .filter((part) => part.length >= 3)
      .pop();
    if (name && EXECUTABLE.test(name)) paths.push(name.replace(/^[\\/]+/, ''));
  }
  return paths;
}

export function dropAndRunRules(ctx: FileContext): void {
  const written = writtenPaths(ctx);
  if (written.length === 0) return;
  for (const call of ctx.facts.calls) {
    const api = processApiOf(call);
    if (!api) continue;
    const command = commandText(ctx, call, api);
    if (command === undefined || !EXECUTABLE.test(command.replaceAll(HOLE, ' '))) continue;
    if (!written.some((path) => command.includes(path) || path.includes(command.split(/\s+/)[0]))) continue;
    const weight = triggerWeight(ctx.triggers.triggerOf(call.node));
    addFinding(ctx, call.node, {
      rule: 'drop-and-run',
      severity: raise('medium', weight > 0 ? 1 : 0),
      message: `writes files and runs an executable or script (${command.replaceAll(HOLE, '{…}').slice(0, 100)})`,
      capability: 'process',
    });
  }
}
