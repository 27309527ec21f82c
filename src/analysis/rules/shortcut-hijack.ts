// Windows shortcut hijacking (MITRE ATT&CK T1547.009): code that opens the user's existing .lnk shortcuts through
// the WScript.Shell COM object and rewrites what they start or the arguments they start it with, so that the next
// click runs the attacker's choice. Making a new shortcut for one's own program is what installers do; reading an
// existing shortcut's target (or finding shortcuts by listing folders) and then setting its target or arguments is
// not. Rewritten browser shortcuts that add `--load-extension` side-load a browser extension (the clipboard-swapping
// extensions of typo-named packages): high wherever the code sits. Any other rewrite is medium when a user calls it
// and high in code that runs by itself.
import { callMatches } from '../facts.ts';
import { addFinding, type FileContext, raise, triggerWeight } from '../file-context.ts';
import type { Node } from '../syntax.ts';

/** WScript.Shell's shortcut method, whichever COM binding reached it. */
const CREATE_SHORTCUT = /\.CreateShortcut$/;
/** The shortcut properties that decide what a click runs. */
const LAUNCH_PROPERTIES = new Set(['TargetPath', 'Arguments']);
/** A loop over a folder listing: the shortcuts it opens are ones that already exist. */
const LISTING = /\b(walk|listdir|scandir|glob|iglob|rglob|iterdir)\s*\(/;
/** The browser flag that loads an unpacked extension from a folder. */
const LOAD_EXTENSION = /--load-extension\b/;

export function shortcutHijackRules(ctx: FileContext): void {
  for (const call of ctx.facts.calls) {
    if (!callMatches(call, CREATE_SHORTCUT)) continue;
    const shortcut = assignedName(call.node);
    if (!shortcut) continue;
    const scope = ctx.scopes.scopeFor(call.node).node;
    const writes = launchWrites(scope, shortcut);
    if (writes.length === 0 || !(readsLaunch(scope, shortcut) || inListingLoop(call.node))) continue;
    const values = writes.map((write) => ctx.evaluator.text(write.childForFieldName('right')!) ?? write.text);
    const sideLoads = values.some((value) => LOAD_EXTENSION.test(value));
    const selfRunning = triggerWeight(ctx.triggers.triggerOf(call.node)) > 0;
    addFinding(ctx, writes[0], {
      rule: 'shortcut-hijack',
      severity: sideLoads ? raise('high', selfRunning ? 1 : 0) : selfRunning ? 'high' : 'medium',
      message: sideLoads
        ? "rewrites the user's browser shortcuts to load an extension from a folder (--load-extension)"
        : "rewrites what the user's existing shortcuts start (their target or arguments)",
      capability: 'persistence',
    });
    return;
  }
}

/** The name a call's result is assigned to (`link = shell.CreateShortcut(p)`). */
function assignedName(call: Node): string | undefined {
  const parent = call.parent;
  if (parent?.type !== 'assignment' || parent.childForFieldName('right')?.id !== call.id) return undefined;
  const left = parent.childForFieldName('left');
  return left?.type === 'identifier' ? left.text : undefined;
}

/** Whether an attribute node is `name.TargetPath` or `name.Arguments`. */
function isLaunchProperty(node: Node, name: string): boolean {
  const object = node.childForFieldName('object');
  const attribute = node.childForFieldName('attribute');
  return object?.type === 'identifier' && object.text === name && LAUNCH_PROPERTIES.has(attribute?.text ?? '');
}

/** Assignments in a scope that set the shortcut's target or arguments. */
function launchWrites(scope: Node, name: string): Node[] {
  return scope.descendantsOfType('assignment').filter((assignment) => {
    const left = assignment.childForFieldName('left');
    return left?.type === 'attribute' && isLaunchProperty(left, name);
  });
}

/** Whether the scope reads the shortcut's target or arguments (anywhere but as what an assignment sets). */
function readsLaunch(scope: Node, name: string): boolean {
  return scope.descendantsOfType('attribute').some((attribute) => {
    if (!isLaunchProperty(attribute, name)) return false;
    const parent = attribute.parent;
    return !(parent?.type === 'assignment' && parent.childForFieldName('left')?.id === attribute.id);
  });
}

/** Whether a node sits in a `for` loop over a folder listing. */
function inListingLoop(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'for_statement' && LISTING.test(current.childForFieldName('right')?.text.slice(0, 200) ?? ''))
      return true;
  }
  return false;
}
