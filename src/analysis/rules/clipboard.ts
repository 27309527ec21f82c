// Clipboard hijacking: code that reads the clipboard and writes it back (the crypto-address swappers), or
// writes the clipboard from code that runs by itself.
import { addFinding, type FileContext, triggerWeight } from '../file-context.ts';

const READS = new Set([
  'pyperclip.paste',
  'win32clipboard.GetClipboardData',
  'clipboard.paste',
  'pandas.read_clipboard',
  'tkinter.Tk().clipboard_get',
]);
const WRITES = new Set([
  'pyperclip.copy',
  'win32clipboard.SetClipboardData',
  'win32clipboard.SetClipboardText',
  'clipboard.copy',
  'tkinter.Tk().clipboard_append',
]);

// module-level predicates: no closure made per call (this is asked of every call of every file)
const readsClipboard = (path: string) => READS.has(path) || path.endsWith('.clipboard_get');
const writesClipboard = (path: string) => WRITES.has(path) || path.endsWith('.clipboard_append');

export function clipboardRules(ctx: FileContext): void {
  const reads = ctx.facts.calls.filter((call) => call.paths.some(readsClipboard));
  const writes = ctx.facts.calls.filter((call) => call.paths.some(writesClipboard));
  if (reads.length === 0 || writes.length === 0) return;
  for (const call of writes) {
    const weight = triggerWeight(ctx.triggers.triggerOf(call.node));
    addFinding(ctx, call.node, {
      rule: 'clipboard-hijack',
      severity: weight > 0 ? 'high' : 'low',
      message: 'rewrites the clipboard after reading it (the shape of crypto-address swappers)',
      capability: 'sensitive-files',
    });
  }
}
