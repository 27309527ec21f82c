// Searching folders for chat-session files: a stealer walks the disk for Telethon/Pyrogram `*.session` files
// (a logged-in Telegram account each). A client library opens its own session by the name its user gives; only
// a search (os.walk, os.listdir, glob, scandir, rglob) in the same function looks for other people's.
import { HOLE } from '../evaluate.ts';
import { addFinding, type FileContext } from '../file-context.ts';
import { enclosingBody } from './drop-and-run.ts';

const SESSION_SUFFIX = /^\*?\.session$/;
const SEARCHES = /^(os\.(walk|listdir|scandir)|glob\.i?glob|pathlib\.Path\(\)\.r?glob|pathlib\.Path\(\)\.iterdir)$/;

export function sessionSearchRules(ctx: FileContext): void {
  const searchBodies = new Set(
    ctx.facts.calls
      .filter((call) => call.paths.some((path) => SEARCHES.test(path)))
      .map((call) => enclosingBody(call.node).id),
  );
  if (searchBodies.size === 0) return;
  for (const node of ctx.facts.strings) {
    if (!node.text.includes('.session')) continue;
    const value = ctx.evaluator.text(node);
    if (value === undefined || value.includes(HOLE) || !SESSION_SUFFIX.test(value)) continue;
    if (!searchBodies.has(enclosingBody(node).id)) continue;
    addFinding(ctx, node, {
      rule: 'sensitive-file-access',
      severity: 'medium',
      message: 'searches folders for Telegram session files (*.session), each a logged-in account',
      capability: 'sensitive-files',
    });
    return;
  }
}
