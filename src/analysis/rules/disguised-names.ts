// Names written in look-alike Unicode letters that Python reads as plain ASCII names (NFKC, PEP 3131):
// `𝗿𝗲𝙦𝘂𝙚𝘀𝘁𝘀.get(...)` is requests.get. Nobody writes a name this way but to hide it from readers and scanners.
import type { DisguisedName } from '../identifiers.ts';
import { addFinding, type FileContext } from '../file-context.ts';
import type { Node } from '../syntax.ts';

/** Shown names, at most this many. */
const SHOWN = 4;

/** One finding at the first disguised name; high once more than one name, or a real word, is hidden this way. */
export function disguisedNameRules(ctx: FileContext, root: Node, disguised: readonly DisguisedName[]): void {
  if (disguised.length === 0) return;
  const first = root.descendantForIndex(disguised[0].index);
  if (!first) return;
  const names = [...new Set(disguised.map((name) => name.read))];
  const shown = names
    .slice(0, SHOWN)
    .map((name) => `'${name}'`)
    .join(', ');
  addFinding(ctx, first, {
    rule: 'unicode-disguised-name',
    severity: names.length > 1 || names[0].length > 2 ? 'high' : 'medium',
    message: `writes ${names.length === 1 ? 'a name' : `${names.length} names`} in look-alike Unicode letters that Python reads as ${shown}${names.length > SHOWN ? ', ...' : ''}, hiding them from readers`,
    capability: 'obfuscation',
  });
}
