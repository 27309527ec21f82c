// A chat bot driven with a token written into the package (folded from constants, however it is disguised)
// that sends messages or files: the package author's own channel, the way stealers deliver what they take.
// A library's bot is built from the token its user gives, never from one it ships.
import { HOLE } from '../evaluate.ts';
import { addFinding, type FileContext, raise, triggerWeight } from '../file-context.ts';

/** Bot clients and the service they reach. */
const BOT_CLIENTS: ReadonlyMap<string, string> = new Map([
  ['telegram.Bot', 'Telegram'],
  ['telebot.TeleBot', 'Telegram'],
  ['aiogram.Bot', 'Telegram'],
]);
const TELEGRAM_TOKEN = /^\d{8,10}:[A-Za-z0-9_-]{35}$/;

export function botChannelRules(ctx: FileContext): void {
  for (const call of ctx.facts.calls) {
    const client = call.paths.find((path) => BOT_CLIENTS.has(path));
    if (!client) continue;
    const tokenNode = call.args.keywords.get('token') ?? call.args.positional[0];
    const token = tokenNode ? ctx.evaluator.text(tokenNode)?.trim() : undefined;
    if (!token || token.includes(HOLE) || !TELEGRAM_TOKEN.test(token)) continue;
    const sends = ctx.facts.calls.some((other) => other.paths.some((path) => path.startsWith(`${client}().send`)));
    if (!sends) continue;
    const trigger = ctx.triggers.triggerOf(call.node);
    addFinding(ctx, call.node, {
      rule: 'hardcoded-bot-channel',
      severity: raise('high', triggerWeight(trigger) > 0 ? 1 : 0),
      message: `sends messages or files through a ${BOT_CLIENTS.get(client)} bot whose token is written into the package (${token.slice(0, 12)}…): the author's own channel`,
      capability: 'network',
      trigger,
    });
    return;
  }
}
