// Python code a module writes into a file (`tmp.write(b"from urllib.request import urlopen; exec(...)")`), to run
// it later as a script: the literal is analysed as a virtual file, like a decoded payload, with the trigger of
// the write. A second stage kept as text never reaches exec() in this file, so no other rule reads it.
import { HOLE } from '../evaluate.ts';
import { addFinding, type FileContext } from '../file-context.ts';
import { unwrap } from '../syntax.ts';
import type { DecodedPayloadFile } from './dynamic-code.ts';

/** Text that reads as Python statements: an import, or a call of exec/eval/compile/__import__. */
const PYTHON_CODE = /(^|[\n;]\s*)(import\s+[\w.]+|from\s+[\w.]+\s+import\s)|\b(exec|eval|compile|__import__)\s*\(/;
const MIN_LENGTH = 30;

export function writtenCodeRules(ctx: FileContext): DecodedPayloadFile[] {
  const payloads: DecodedPayloadFile[] = [];
  for (const call of ctx.facts.calls) {
    const callee = call.node.childForFieldName('function');
    if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'write') continue;
    const argument = call.args.positional[0];
    const literal = argument ? unwrap(argument) : undefined;
    if (!literal || (literal.type !== 'string' && literal.type !== 'concatenated_string')) continue;
    const text = ctx.evaluator.text(literal);
    if (text === undefined || text.includes(HOLE) || text.length < MIN_LENGTH || !PYTHON_CODE.test(text)) continue;
    const finding = addFinding(ctx, call.node, {
      rule: 'python-code-written',
      severity: 'info',
      message: `writes Python code into a file (${text.slice(0, 80).replaceAll('\n', ' ')}…), analysed as its own file`,
      capability: 'dynamic-code',
      decoded: { chain: ['written file'], preview: text.slice(0, 2000), size: text.length },
    });
    payloads.push({ call: call.node, chain: ['written file'], text, finding });
  }
  return payloads;
}
