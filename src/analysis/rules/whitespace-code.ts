// Python hidden in whitespace: a string literal of only spaces and tabs that spells text one bit per character
// (space 0, tab 1, or the reverse), eight bits to a character. Nothing but steganography writes code that way; the
// decoded text is reported and rescanned as a virtual file like any decoded payload.
import { looksLikePython } from '../decode/detect.ts';
import { addFinding, type FileContext, raise, triggerWeight } from '../file-context.ts';
import type { Node } from '../syntax.ts';
import type { DecodedPayloadFile } from './dynamic-code.ts';

/** Bits for at least this many characters: shorter runs of blanks are layout. */
const MIN_BITS = 8 * 24;
/** The literal's first character inside its quotes is a space or a tab. */
const STARTS_BLANK = /^[rRbBuU]{0,2}("""|'''|"|')[ \t]/;
/** A literal of spaces and tabs only, both present (quotes and prefixes around it). */
const BLANK_LITERAL = /^[rRbBuU]{0,2}(["']{1,3})(?=[ \t]*\t)(?=[ \t]* )[ \t]+\1$/;

export function whitespaceCodeRule(ctx: FileContext, rescanned: Set<string>): DecodedPayloadFile[] {
  const payloads: DecodedPayloadFile[] = [];
  for (const node of ctx.facts.strings) {
    if (node.type !== 'string' || node.endIndex - node.startIndex < MIN_BITS) continue;
    const literal = node.text;
    // a cheap look at the first character inside the quotes before the whole-literal test
    if (!STARTS_BLANK.test(literal) || !BLANK_LITERAL.test(literal)) continue;
    const text = spelt(literal.replace(/^[^ \t]+|[^ \t]+$/g, ''));
    if (!text || rescanned.has(text)) continue;
    rescanned.add(text);
    payloads.push(report(ctx, node, text));
  }
  return payloads;
}

/** The text the blanks spell when it reads as Python, trying both bit assignments. */
function spelt(blanks: string): string | undefined {
  for (const one of ['\t', ' ']) {
    let text = '';
    for (let index = 0; index + 8 <= blanks.length; index += 8) {
      let code = 0;
      for (let bit = 0; bit < 8; bit++) code = (code << 1) | (blanks[index + bit] === one ? 1 : 0);
      text += String.fromCharCode(code);
    }
    if (/^[\t\n\r\x20-\x7e]*$/.test(text) && looksLikePython(text)) return text;
  }
  return undefined;
}

function report(ctx: FileContext, node: Node, text: string): DecodedPayloadFile {
  const chain = ['whitespace bits'];
  const finding = addFinding(ctx, node, {
    rule: 'hidden-code',
    severity: raise('high', triggerWeight(ctx.triggers.triggerOf(node)) > 0 ? 1 : 0),
    message: 'Python code hidden in a string of spaces and tabs, one bit per character',
    capability: 'obfuscation',
    decoded: { chain, preview: text.slice(0, 2000), size: text.length },
  });
  return { call: node, chain, text, finding };
}
