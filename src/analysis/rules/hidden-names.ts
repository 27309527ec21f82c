// Names hidden from readers: a builtin that loads or reaches code (__import__, getattr, open) fetched from a
// namespace by a name spelt out of character codes or fragments, a network or process API fetched by such a name
// (getattr or a namespace's [key]), and names or code spelt one character at a time from a lookup table
// (`T[1] + T[8] + T[13] + ...`). Code written this way hides what it imports and calls.
import type { CallFact } from '../facts.ts';
import { addFinding, type FileContext, raise, triggerWeight } from '../file-context.ts';
import { type Node, unwrap } from '../syntax.ts';
import { OBFUSCATED_ACCESS } from './dynamic-code.ts';
import { networkApiOf } from './network.ts';
import { processApiOf } from './process.ts';

/** Builtins that load or reach code: hiding their names only hides what a file imports or calls. */
const HIDEABLE_BUILTINS = new Set(['builtins.__import__', 'builtins.getattr', 'builtins.open']);

/** Callees whose argument names a module, an attribute or code, with the index of that argument. */
const NAMED_ARGUMENT: ReadonlyMap<string, number> = new Map([
  ['builtins.__import__', 0],
  ['importlib.import_module', 0],
  ['builtins.getattr', 1],
  ['builtins.exec', 0],
  ['builtins.eval', 0],
  ['builtins.compile', 0],
  ['builtins.open', 0],
]);

/** Fewest single characters in a row that make a spelt-out name. */
const MIN_SPELT = 4;

export function hiddenNameRules(ctx: FileContext): void {
  for (const call of ctx.facts.calls) {
    const callee = call.node.childForFieldName('function');
    if (!callee) continue;
    const hidden = hiddenBuiltin(ctx, call, callee);
    const api = disguisedAttribute(ctx, call) ?? disguisedLookup(ctx, call, callee);
    const spelt = speltArgument(call);
    // the trigger only for a call reported (most are not)
    if (!hidden && !api && !spelt) continue;
    const trigger = ctx.triggers.triggerOf(call.node);
    const severity = raise('high', triggerWeight(trigger) > 0 ? 1 : 0);
    if (hidden)
      addFinding(ctx, call.node, {
        rule: 'obfuscated-builtin',
        severity,
        message: `reaches ${hidden}() through a name spelt out of character codes or fragments (${callee.text.slice(0, 80)})`,
        capability: 'obfuscation',
        trigger,
      });
    if (api)
      addFinding(ctx, call.node, {
        rule: 'obfuscated-builtin',
        severity,
        message: `fetches ${api} by a name assembled to hide it (${call.node.text.slice(0, 80)})`,
        capability: 'obfuscation',
        trigger,
      });
    if (spelt)
      addFinding(ctx, call.node, {
        rule: 'spelt-from-table',
        severity,
        message: `${spelt.callee}() is given a name or code spelt one character at a time from a lookup table (${spelt.text.slice(0, 60)}…)`,
        capability: 'obfuscation',
        trigger,
      });
  }
}

/** __import__/getattr/open reached through a namespace lookup whose name was assembled by a disguising trick. */
function hiddenBuiltin(ctx: FileContext, call: CallFact, callee: Node): string | undefined {
  const path = call.paths.find((candidate) => HIDEABLE_BUILTINS.has(candidate));
  const name = path?.slice('builtins.'.length);
  if (!name || !ctx.evaluator.disguised.has(name)) return undefined;
  return ctx.scopes.valuesOf(callee).some((access) => OBFUSCATED_ACCESS.test(access.text)) ? name : undefined;
}

/**
 * getattr(obj, NAME) where NAME was assembled by a disguising trick ("".join(["g", "e", "t"]), reversed, chr codes)
 * and obj.NAME is a network or process API: the call it hands on is hidden from readers.
 */
function disguisedAttribute(ctx: FileContext, call: CallFact): string | undefined {
  if (!call.paths.includes('builtins.getattr')) return undefined;
  const [object, name] = call.args.positional;
  if (!object || !name || unwrap(name).type === 'string') return undefined;
  const text = ctx.evaluator.text(name);
  if (text === undefined || !ctx.evaluator.disguised.has(text)) return undefined;
  return ctx.evaluator
    .paths(object)
    .map((path) => `${path}.${text}`)
    .find((path) => networkApiOf({ paths: [path] }) !== undefined || processApiOf({ paths: [path] }) !== undefined);
}

/** vars(os)["po" + "pen"](...): a process or network API fetched from a namespace by a key assembled to hide it. */
function disguisedLookup(ctx: FileContext, call: CallFact, callee: Node): string | undefined {
  const api = processApiOf(call)?.path ?? networkApiOf(call)?.path;
  if (!api) return undefined;
  for (const value of ctx.scopes.valuesOf(callee)) {
    const target = unwrap(value);
    const key = target.type === 'subscript' ? target.childForFieldName('subscript') : null;
    const text = key && OBFUSCATED_ACCESS.test(target.text) ? ctx.evaluator.text(key) : undefined;
    if (text !== undefined && ctx.evaluator.disguised.has(text)) return api;
  }
  return undefined;
}

function speltArgument(call: CallFact): { callee: string; text: string } | undefined {
  for (const path of call.paths) {
    const index = NAMED_ARGUMENT.get(path);
    const argument = index === undefined ? undefined : call.args.positional[index];
    if (argument && isSpeltFromTable(argument)) return { callee: path.replace('builtins.', ''), text: argument.text };
  }
  return undefined;
}

/** `T[1] + T[8] + T[13] + T[0]`: a sum of integer subscripts of one and the same object. */
function isSpeltFromTable(node: Node): boolean {
  const operands: Node[] = [];
  const pending = [unwrap(node)];
  while (pending.length > 0) {
    const current = unwrap(pending.pop()!);
    if (current.type === 'binary_operator' && current.childForFieldName('operator')?.text === '+') {
      pending.push(current.childForFieldName('right')!, current.childForFieldName('left')!);
    } else operands.push(current);
  }
  if (operands.length < MIN_SPELT) return false;
  const table = operands[0].childForFieldName('value')?.text;
  return operands.every(
    (operand) =>
      operand.type === 'subscript' &&
      operand.childForFieldName('value')?.text === table &&
      /^-?\d+$/.test(operand.childForFieldName('subscript')?.text.replace(/\s/g, '') ?? ''),
  );
}
