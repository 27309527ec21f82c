// Dynamic code: exec/eval/compile of decoded or downloaded data, marshal and code objects, builtins reached
// by obfuscated names, dynamic imports, PyArmor loaders, and code hidden off-screen.
import type { Finding, Severity } from '../../model/result.ts';
import { looksLikePython } from '../decode/detect.ts';
import { asPythonText, type DecodeRecorder } from '../decode-calls.ts';
import { showFolded } from '../destinations.ts';
import { HOLE } from '../evaluate.ts';
import { type CallFact, normalizePath } from '../facts.ts';
import { addFinding, type FileContext, raise, triggerWeight } from '../file-context.ts';
import type { NetworkApi } from '../indicators/network.ts';
import type { Binder } from '../scopes.ts';
import { callArguments, type Node, unwrap } from '../syntax.ts';
import { enclosingBody, makesNetworkCall } from './drop-and-run.ts';
import { memberRead } from './executed-files.ts';
import { destinationOf, networkApiOf } from './network.ts';
import { whitespaceCodeRule } from './whitespace-code.ts';

const EXEC_PATHS = new Set(['builtins.exec', 'builtins.eval', 'builtins.execfile', 'builtins.compile']);
/** What an HTTP client returns (a response, its text): data a server wrote. */
export const NETWORK_RESULT = /^(requests|httpx|urllib\.request|urllib2|urllib3|aiohttp)\b.*\(\)/;
const DECODER_RESULT =
  /^(base64\.\w*decode\w*|binascii\.(a2b_\w+|unhexlify)|zlib\.decompress|gzip\.decompress|bz2\.decompress|lzma\.decompress|codecs\.decode|builtins\.bytes\.fromhex|([\w.]+\.)?Fernet\(\)\.decrypt)\(\)(\.decode\(\))?$/;
const HIDDEN_GAP_MIN = 100;
const HIDDEN_GAP_LONG = 150;
const HIDDEN_GAP = /[ \t]{100,}/g;
const DANGEROUS_HIDDEN =
  /\b(exec|eval|__import__|import|compile|getattr|builtins|decode|b64decode|system|Popen|urlopen|requests)\b/;

/** A decoded payload found in this file, to be rescanned as a virtual file. */
export interface DecodedPayloadFile {
  call: Node;
  chain: string[];
  text: string;
  finding: Finding;
}

/** The chain of code written out in a string literal and given to exec/compile. */
export const CONSTANT_STRING = 'constant string';

/**
 * The file's constant strings run by exec, as one virtual file per trigger (the pieces one after another, each a
 * module of top-level statements as exec requires): a file of many exec("...") lines costs one rescan, not many,
 * and cannot spend the target's budget for decoded payloads (their size is bounded by the file's own).
 */
function constantStringFiles(constants: DecodedPayloadFile[]): DecodedPayloadFile[] {
  const byTrigger = new Map<string, DecodedPayloadFile[]>();
  for (const payload of constants) {
    const trigger = payload.finding.trigger ?? 'call';
    byTrigger.set(trigger, [...(byTrigger.get(trigger) ?? []), payload]);
  }
  return [...byTrigger.values()].map((group) => ({
    ...group[0],
    text: group.map((payload) => payload.text).join('\n'),
  }));
}

function execTarget(call: CallFact): string | undefined {
  return call.paths.find((path) => EXEC_PATHS.has(path));
}

export function dynamicCodeRules(ctx: FileContext, recorder: DecodeRecorder): DecodedPayloadFile[] {
  const payloads: DecodedPayloadFile[] = [];
  const constants: DecodedPayloadFile[] = [];
  const rescanned = new Set<string>();
  for (const call of ctx.facts.calls) {
    const exec = execTarget(call);
    if (!exec) {
      otherDynamicRules(ctx, call, recorder);
      continue;
    }
    const trigger = ctx.triggers.triggerOf(call.node);
    const weight = triggerWeight(trigger);
    const callee = call.node.childForFieldName('function');
    if (callee && isObfuscatedAccess(ctx, callee)) {
      addFinding(ctx, call.node, {
        rule: 'obfuscated-builtin',
        severity: raise('high', weight > 0 ? 1 : 0),
        message: `reaches ${exec.replace('builtins.', '')}() through an obfuscated name (${callee.text.slice(0, 80)})`,
        capability: 'obfuscation',
        trigger,
      });
    }
    const payload = execRule(ctx, call, exec, recorder, weight);
    if (payload && !rescanned.has(payload.text)) {
      rescanned.add(payload.text);
      if (payload.chain[0] === CONSTANT_STRING) constants.push(payload);
      else payloads.push(payload);
    }
  }
  payloads.push(...constantStringFiles(constants));
  decodedPythonNotExecuted(ctx, recorder, payloads, rescanned);
  payloads.push(...whitespaceCodeRule(ctx, rescanned));
  hiddenCodeRule(ctx);
  return payloads;
}

export const OBFUSCATED_ACCESS =
  /getattr|__dict__|__builtins__|globals\s*\(|vars\s*\(|locals\s*\(|__import__|import_module/;

/**
 * getattr(builtins, "exec"), __builtins__["exec"] or __builtins__.__dict__["exec"] with the name written out: the
 * Python 2/3 shims of six, empy and their copies, which hide nothing.
 */
const PLAIN_LOOKUP =
  /^(getattr\(\s*(builtins|__builtins__|_?builtins_?|moves\.builtins|__import__\(\s*["'](builtins|__builtin__)["']\s*\))\s*,\s*["'](exec|eval|execfile|compile)["']\s*\)|(builtins|__builtins__)(\.__dict__)?\[\s*["'](exec|eval|execfile|compile)["']\s*\])$/;

/** exec reached through getattr, a namespace dict or an import by string, not by its name or a plain alias. */
function isObfuscatedAccess(ctx: FileContext, callee: Node): boolean {
  if (OBFUSCATED_ACCESS.test(callee.text) && !PLAIN_LOOKUP.test(callee.text)) return true;
  if (callee.type !== 'identifier') return false;
  return ctx.scopes
    .lookup(callee.text, ctx.scopes.scopeFor(callee))
    .some(
      (binder) =>
        binder.kind === 'expr' && OBFUSCATED_ACCESS.test(binder.node.text) && !PLAIN_LOOKUP.test(binder.node.text),
    );
}

/** How many names and `+` operands deep a payload's pieces are followed. */
const CONCATENATION_DEPTH = 4;

/**
 * What the pieces of a value were made by, through `+` and `+=`: a payload decoded in pieces and joined
 * (`code = decode(a) + decode(b); code += decode(c)`) is as decoded as one decoded whole.
 */
function concatenatedPaths(ctx: FileContext, node: Node, depth: number): string[] {
  const own = ctx.evaluator.paths(node);
  if (depth === 0) return own;
  const direct = unwrap(node);
  if (direct.type === 'binary_operator' && direct.childForFieldName('operator')?.text === '+')
    return [direct.childForFieldName('left'), direct.childForFieldName('right')].flatMap((operand) =>
      operand ? concatenatedPaths(ctx, operand, depth - 1) : [],
    );
  if (direct.type !== 'identifier') return own;
  return [...own, ...assignedTo(ctx, direct).flatMap((value) => concatenatedPaths(ctx, value, depth - 1))];
}

function execRule(
  ctx: FileContext,
  call: CallFact,
  exec: string,
  recorder: DecodeRecorder,
  weight: number,
): DecodedPayloadFile | undefined {
  const argument = call.args.positional[0];
  if (!argument) return undefined;
  const name = exec.replace('builtins.', '');
  const text = ctx.evaluator.text(argument);
  const chain =
    text !== undefined
      ? (recorder.chainOf(text) ??
        assembledChain(ctx, argument, text) ??
        (ctx.evaluator.ciphered.has(text) ? ['home-made cipher'] : undefined))
      : undefined;
  if (chain && text !== undefined) {
    const decoded = asPythonText(text);
    const finding = addFinding(ctx, call.node, {
      rule: 'exec-decoded-payload',
      severity: raise('high', weight > 0 ? 1 : 0),
      message: `${name}() runs a payload decoded at run time (${chain.join(' → ')})`,
      capability: 'obfuscation',
      decoded: { chain, preview: decoded.slice(0, 2000), size: decoded.length },
    });
    return { call: call.node, chain, text: decoded, finding };
  }
  const direct = unwrap(argument);
  const hidden =
    text !== undefined &&
    !text.includes(HOLE) &&
    direct.type !== 'string' &&
    direct.type !== 'concatenated_string' &&
    looksLikePython(text) &&
    [...ctx.evaluator.disguised].some((piece) => piece.length >= 4 && text.includes(piece));
  const argumentPaths = ctx.evaluator.paths(argument);
  const decoder = concatenatedPaths(ctx, argument, CONCATENATION_DEPTH).find((path) =>
    DECODER_RESULT.test(normalizePath(path)),
  );
  if (hidden || decoder) {
    const decoded = hidden ? asPythonText(text) : undefined;
    const chain = hidden ? ['constant folding'] : [normalizePath(decoder!).replace(/\(\)$/, '')];
    const finding = addFinding(ctx, call.node, {
      rule: 'exec-decoded-payload',
      // decoding data read at run time and compiling it when called is what import loaders do (zipimport)
      severity: hidden || weight > 0 ? raise('high', weight > 0 ? 1 : 0) : 'low',
      message: hidden
        ? `${name}() runs code assembled from disguised constants (reversed, joined or concatenated strings, or bytes read with an unusual codec)`
        : `${name}() runs the output of ${chain[0]}(), data decoded at run time`,
      capability: 'obfuscation',
      decoded: decoded ? { chain, preview: decoded.slice(0, 2000), size: decoded.length } : undefined,
    });
    return decoded ? { call: call.node, chain, text: decoded, finding } : undefined;
  }
  if (argumentPaths.some((path) => NETWORK_RESULT.test(path)) || containsNetworkCall(ctx, argument)) {
    addFinding(ctx, call.node, {
      rule: 'download-execute',
      // a service that generates code for its users (graphql-core's Quiver Cloud, at a URL the user configures) does
      // this when called; medium then, unless the code comes from a host written in the file
      severity: weight > 0 ? 'critical' : fetchesFromWrittenHost(ctx, argument) ? 'high' : 'medium',
      message: `${name}() runs code downloaded from the network`,
      capability: 'dynamic-code',
    });
    return undefined;
  }
  if (argumentPaths.some((path) => /^marshal\.loads?\(\)$/.test(path))) {
    addFinding(ctx, call.node, {
      rule: 'exec-marshal',
      // a .pyc read from disk and run when called is what coverage tools and import hooks do: low then
      severity: marshalsConstant(ctx, argument, recorder)
        ? raise('high', weight > 0 ? 1 : 0)
        : weight > 0
          ? 'high'
          : 'low',
      message: `${name}() runs a code object unmarshalled from bytes`,
      capability: 'obfuscation',
    });
    return undefined;
  }
  const literal = text !== undefined && !text.includes(HOLE);
  if (
    literal &&
    name === 'eval' &&
    (direct.type !== 'string' || /\\[x0-7]/.test(direct.text)) &&
    DANGEROUS_NAME.test(text.trim())
  ) {
    addFinding(ctx, call.node, {
      rule: 'obfuscated-builtin',
      severity: raise('high', weight > 0 ? 1 : 0),
      message: `eval() turns an assembled string into ${text.trim()}, hiding which function is called`,
      capability: 'obfuscation',
    });
    return undefined;
  }
  const opaque = literal ? undefined : opaqueConstant(ctx, argument);
  if (opaque) {
    addFinding(ctx, call.node, {
      rule: 'exec-custom-decoder',
      // code hidden from readers by an obfuscator of its own: no benign package measured does this, even when called
      severity: raise('high', weight > 0 ? 1 : 0),
      message: `${name}() runs code made at run time by transforming an opaque constant (${opaque.slice(0, 40)}…): a home-made obfuscator`,
      capability: 'obfuscation',
    });
    return undefined;
  }
  // code that runs by itself, connects out and runs data it computed: fetched over a channel the flow does not follow
  // (an FTP download into a buffer, a mail's body, a socket's bytes); libraries fetch and run only when called. A
  // member of the package read and run (setup.py's exec(open("pkg/version.py").read())) is analysed as itself.
  if (
    weight > 0 &&
    text === undefined &&
    memberRead(ctx, argument) === undefined &&
    makesNetworkCall(ctx, enclosingBody(call.node))
  ) {
    addFinding(ctx, call.node, {
      rule: 'download-execute',
      severity: 'high',
      message: `${name}() runs data computed at run time in code that connects to the network by itself`,
      capability: 'dynamic-code',
    });
    return undefined;
  }
  const severity: Severity = literal ? 'info' : raise('info', weight);
  const finding = addFinding(ctx, call.node, {
    rule: 'dynamic-code-exec',
    severity,
    message: literal
      ? `${name}() of a constant string: ${showFolded(text).slice(0, 100)}`
      : `${name}() of data computed at run time`,
    capability: 'dynamic-code',
  });
  // the code in the string runs as if written here: it is analysed as a file of its own, with this file's trigger
  // (eval of a literal is mostly arithmetic in tests: only one that reaches modules or builtins is rescanned)
  if (literal && text.trim().length >= 4 && (name !== 'eval' || EVAL_REACH.test(text))) {
    finding.decoded = { chain: [CONSTANT_STRING], preview: text.slice(0, 2000), size: text.length };
    return { call: call.node, chain: [CONSTANT_STRING], text, finding };
  }
  return undefined;
}

/** An eval()'d expression that reaches further than arithmetic: imports, modules, files, processes, the network. */
const EVAL_REACH =
  /__import__|\b(os|sys|subprocess|socket|requests|urllib|base64|zlib|marshal|builtins)\b|\b(exec|eval|open|compile|getattr)\s*\(/;
/** Names whose only reason to be built as a string and eval()'d is to hide the call. */
const DANGEROUS_NAME =
  /^(__builtins__\.|builtins\.)?(exec|eval|compile|__import__|getattr|open|execfile)$|^(os\.(system|popen|startfile|exec\w*|spawn\w*)|subprocess\.\w+)$/;
/** Literals at least this long, inside a computed exec() argument, are a cipher text rather than a code template. */
const OPAQUE_MIN = 80;
/** Character-level rewriting: a comprehension, map(), translate(), ord()/chr() arithmetic or XOR. */
const CHARACTER_TRANSFORM = /\bfor\b[\s\S]*\bin\b|\bmap\s*\(|\.translate\s*\(|\bord\s*\(|\bchr\s*\(|\^/;
/**
 * Character-level rewriting in a function's body: ord()/chr() arithmetic, XOR, translate() or modular shifts. A loop
 * or map() alone is not one there: a method that sends code to an interpreter and parses its answer loops too
 * (sage's gap.eval).
 */
const DECODER_BODY = /\.translate\s*\(|\bmaketrans\b|\bord\s*\(|\bchr\s*\(|\^|%\s*(256|0x100|26)\b/;
const QUOTES = /^[rRbBuU]*("""|'''|"|')|("""|'''|"|')$/g;

/**
 * A long one-line string or bytes literal that a computed exec() argument rewrites character by character (a cipher
 * text): in the argument itself, or, for a name, in what is assigned or appended to it (`out += chr(ord(c) ^ k)` in
 * a loop), following the names those expressions read one step.
 */
function opaqueConstant(ctx: FileContext, argument: Node): string | undefined {
  const target = unwrap(argument);
  if (target.type === 'string') return undefined;
  const expressions = target.type === 'identifier' ? [target, ...assignedTo(ctx, target)] : [target];
  for (const expression of expressions) {
    const decoder = expression.type === 'call' ? localTransformCall(ctx, expression) : undefined;
    if (decoder) {
      // self.decode(self.payload): the cipher text is what the call is given, the rewriting is in the function
      const given = decoder.childForFieldName('arguments');
      const found = given && (cipherLiteral(given) ?? readNames(ctx, given).map(cipherLiteral).find(Boolean));
      if (found) return found;
    }
    if (!CHARACTER_TRANSFORM.test(codeOutsideStrings(expression).slice(0, 4000))) continue;
    const found = cipherLiteral(expression) ?? readNames(ctx, expression).map(cipherLiteral).find(Boolean);
    if (found) return found;
  }
  return undefined;
}

/** A call to a function or method of this file whose body rewrites characters (`def decode(s): ... c ^ key[i]`). */
function localTransformCall(ctx: FileContext, call: Node): Node | undefined {
  const callee = call.childForFieldName('function');
  const functions = callee ? ctx.evaluator.value(callee).functions : [];
  return functions.some((fn) => DECODER_BODY.test(fn.text.slice(0, 4000))) ? call : undefined;
}

function cipherLiteral(node: Node): string | undefined {
  const literals = node.type === 'string' ? [node] : node.descendantsOfType('string');
  for (const literal of literals) {
    if (!literal || literal.text.length < OPAQUE_MIN || /^[rRbBuU]*[fF]/.test(literal.text)) continue;
    const body = literal.text.replace(QUOTES, '');
    // readable code (a template a generator fills in) is not cipher text; a substitution cipher keeps Python's
    // punctuation (RNKLIG HLXPVG;H=HLXPVG.HLXPVG(...) is "import socket" in Atbash), so its words decide
    if (body.length >= OPAQUE_MIN && !/\s{2,}|\\n|\n/.test(body.slice(0, 400)) && !READABLE_CODE.test(body))
      return body;
  }
  return undefined;
}

/** Keywords and names written out as code writes them: a template, not a substitution cipher's text. */
const READABLE_CODE =
  /\b(import|return|def|lambda|self|isinstance|yield)\b[\s\S]*\b(if|for|in|else|not|and|or|import|return)\b/;

/** An expression's text with its string literals' contents left out: the code that transforms, not the data. */
function codeOutsideStrings(expression: Node): string {
  const strings = expression.type === 'string' ? [expression] : expression.descendantsOfType('string');
  let code = '';
  let at = expression.startIndex;
  for (const literal of strings) {
    if (!literal || literal.startIndex < at) continue;
    code += `${expression.text.slice(at - expression.startIndex, literal.startIndex - expression.startIndex)}""`;
    at = literal.endIndex;
  }
  return code + expression.text.slice(at - expression.startIndex);
}

/** The values assigned to a name in its scope, and the right-hand sides of `name += ...` (both kept by the scopes). */
function assignedTo(ctx: FileContext, name: Node): Node[] {
  return ctx.scopes
    .lookup(name.text, ctx.scopes.scopeFor(name))
    .flatMap((binder) => (binder.kind === 'expr' || binder.kind === 'update' ? [unwrap(binder.node)] : []))
    .slice(0, 16);
}

/** The values of the names an expression reads, two steps deep (`c = TEXT[i]` then `TEXT = "..."`), bounded. */
function readNames(ctx: FileContext, expression: Node): Node[] {
  const values: Node[] = [];
  let frontier = [expression];
  for (let step = 0; step < 2; step++) {
    const next: Node[] = [];
    for (const node of frontier) {
      const names = node.type === 'identifier' ? [node] : node.descendantsOfType('identifier');
      for (const name of names.slice(0, 32)) {
        if (!name) continue;
        for (const binder of bindersOf(ctx, name)) if (binder.kind === 'expr') next.push(unwrap(binder.node));
      }
    }
    values.push(...next);
    frontier = next.slice(0, 64);
  }
  return values;
}

/** What a name read is bound to; for `self.name`, the attribute's assignments in the class. */
function bindersOf(ctx: FileContext, name: Node): Binder[] {
  const parent = name.parent;
  if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === name.id) {
    const object = parent.childForFieldName('object');
    if (object?.text === 'self' || object?.text === 'cls') return ctx.scopes.selfAttributes.get(name.text) ?? [];
  }
  return ctx.scopes.lookup(name.text, ctx.scopes.scopeFor(name));
}

/** A constant assembled so that readers cannot see it: chr() codes joined, or a string reversed with [::-1]. */
function assembledChain(ctx: FileContext, argument: Node, text: string): string[] | undefined {
  if (text.includes(HOLE) || text.length < 16 || !looksLikePython(text)) return undefined;
  const target = unwrap(argument);
  const binders = target.type === 'identifier' ? ctx.scopes.lookup(target.text, ctx.scopes.scopeFor(target)) : [];
  const source = [target.text, ...binders.map((binder) => (binder.kind === 'expr' ? binder.node.text : ''))].join('\n');
  const chain: string[] = [];
  if (/\bchr\s*[(,]/.test(source)) chain.push('chr-join');
  if (/\[\s*:\s*:\s*-1\s*\]/.test(source)) chain.push('reversed');
  return chain.length ? chain : undefined;
}

/** exec(marshal.loads(X)) where X is decoded from a constant (a cached .pyc read from disk is not). */
function marshalsConstant(ctx: FileContext, argument: Node, recorder: DecodeRecorder): boolean {
  const target = unwrap(argument);
  const inner = target.type === 'call' ? callArguments(target).positional[0] : undefined;
  const text = inner ? ctx.evaluator.text(inner) : undefined;
  return text !== undefined && (recorder.chainOf(text) !== undefined || !text.includes(HOLE));
}

/** The network calls inside a node (the node itself included), with their API. */
/** How many assignments deep a value is followed back to the call that fetched it. */
const FETCH_HOPS = 3;

function networkCallsIn(ctx: FileContext, node: Node): { fact: CallFact; api: NetworkApi }[] {
  // code = requests.get(url).text; exec(code), or r = urlopen(url); code = r.read(); exec(code): the expressions each
  // name is assigned, followed a few assignments back
  const calls: Node[] = [];
  const seen = new Set<number>();
  let frontier = [unwrap(node)];
  for (let hop = 0; hop <= FETCH_HOPS && frontier.length > 0; hop++) {
    const next: Node[] = [];
    for (const root of frontier.flatMap((n) => ctx.scopes.valuesOf(n))) {
      if (seen.has(root.id)) continue;
      seen.add(root.id);
      if (root.type === 'call') calls.push(root);
      calls.push(...root.descendantsOfType('call'));
      if (root.type !== 'identifier') next.push(...root.descendantsOfType('identifier').filter(isVariable));
    }
    frontier = next;
  }
  return calls.flatMap((inner) => {
    const fact = ctx.facts.calls.find((c) => c.node.id === inner.id);
    const api = fact ? networkApiOf(fact) : undefined;
    return fact && api ? [{ fact, api }] : [];
  });
}

/** A name read as a variable: not the attribute of `x.name`, not a keyword of `f(name=...)`. */
function isVariable(identifier: Node): boolean {
  const parent = identifier.parent;
  if (parent?.type === 'attribute') return parent.childForFieldName('object')?.id === identifier.id;
  if (parent?.type === 'keyword_argument') return parent.childForFieldName('value')?.id === identifier.id;
  return true;
}

/** A network call inside the argument whose destination host is known. */
export function fetchesFromWrittenHost(ctx: FileContext, node: Node): boolean {
  return networkCallsIn(ctx, node).some(
    ({ fact, api }) => destinationOf(ctx, fact, api.destination)?.host !== undefined,
  );
}

export function containsNetworkCall(ctx: FileContext, node: Node): boolean {
  return networkCallsIn(ctx, node).length > 0;
}

/** Whether the call runs without a user calling it (asked only when a finding is made: most calls make none). */
function runsByItself(ctx: FileContext, call: CallFact): boolean {
  return triggerWeight(ctx.triggers.triggerOf(call.node)) > 0;
}

function otherDynamicRules(ctx: FileContext, call: CallFact, recorder: DecodeRecorder): void {
  const path = call.paths[0];
  if (!path) return;
  if (path === 'marshal.loads' || path === 'marshal.load') {
    const argument = call.args.positional[0];
    const decoded = argument ? recorder.chainOf(ctx.evaluator.text(argument) ?? '') : undefined;
    addFinding(ctx, call.node, {
      rule: 'marshal-code',
      severity: raise(decoded ? 'high' : 'info', runsByItself(ctx, call) ? 1 : 0),
      message: `marshal.${path.split('.')[1]}() builds code from bytes${decoded ? ` decoded with ${decoded.join(' → ')}` : ''}`,
      capability: 'obfuscation',
    });
  } else if (path === 'types.CodeType' || path === 'types.FunctionType') {
    addFinding(ctx, call.node, {
      rule: 'code-object',
      severity: raise('info', runsByItself(ctx, call) ? 1 : 0),
      message: `${path}() assembles a code object by hand`,
      capability: 'dynamic-code',
    });
  } else if (/(^|\.)(pyarmor_runtime|__pyarmor__)$/.test(path) || /^pytransform\./.test(path)) {
    addFinding(ctx, call.node, {
      rule: 'pyarmor-loader',
      severity: raise('medium', runsByItself(ctx, call) ? 1 : 0),
      message: 'loads PyArmor-protected code that cannot be reviewed',
      capability: 'obfuscation',
    });
  } else if (path === 'builtins.__import__' || path === 'importlib.import_module') {
    const argument = call.args.positional[0];
    const name = argument ? ctx.evaluator.text(argument) : undefined;
    if (
      name !== undefined &&
      !name.includes(HOLE) &&
      /^(os|sys|socket|subprocess|base64|zlib|marshal|builtins|ctypes|urllib.*|http.*|requests|codecs)$/.test(name)
    ) {
      // a name written out in the call hides nothing from a reader (pythran's __import__('builtins') table);
      // one assembled at run time does, more so in code that runs by itself
      const writtenOut = unwrap(argument!).type === 'string';
      addFinding(ctx, call.node, {
        rule: 'dynamic-import',
        severity: raise('low', runsByItself(ctx, call) && !writtenOut ? 1 : 0),
        message: writtenOut
          ? `imports ${name} by a string at run time`
          : `imports ${name} by a string assembled at run time, hiding the import from readers`,
        capability: 'obfuscation',
      });
    }
  }
}

/** Decoded Python that is not passed straight to exec is still scanned: it is written, or exec'd later. */
function decodedPythonNotExecuted(
  ctx: FileContext,
  recorder: DecodeRecorder,
  payloads: DecodedPayloadFile[],
  rescanned: Set<string>,
): void {
  for (const decoding of recorder.decodings) {
    const text = asPythonText(decoding.value);
    if (rescanned.has(text) || text.length < 16 || !looksLikePython(text)) continue;
    if (recorder.wasDecodedFurther(decoding.value)) continue; // only the last layer of a chain
    rescanned.add(text);
    const finding = addFinding(ctx, decoding.call, {
      rule: 'decoded-python',
      severity: raise('medium', triggerWeight(ctx.triggers.triggerOf(decoding.call)) > 0 ? 1 : 0),
      message: `decodes hidden Python code (${decoding.chain.join(' → ')})`,
      capability: 'obfuscation',
      decoded: { chain: decoding.chain, preview: text.slice(0, 2000), size: text.length },
    });
    payloads.push({ call: decoding.call, chain: decoding.chain, text, finding });
  }
}

/** Where each line starts in the file's text, split as LineIndex splits it. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const end of text.matchAll(/\r\n|\r|\n/g)) starts.push(end.index! + end[0].length);
  return starts;
}

/** Where the ordinal-th run of blanks of a line starts in the parsed text (normalising names moves no blank run). */
function gapInParsedText(parsed: string, starts: number[], line: number, ordinal: number): number {
  const start = starts[line - 1] ?? 0;
  const text = parsed.slice(start, starts[line] ?? parsed.length);
  let seen = -1;
  for (const gap of text.matchAll(HIDDEN_GAP)) if (++seen === ordinal) return start + gap.index!;
  return start;
}

/** Whether a position of the text lies in a string literal (a blank run there is data, not layout hiding code). */
function inStringLiteral(ctx: FileContext, index: number): boolean {
  for (let node: Node | null = ctx.scopes.module.node.descendantForIndex(index); node; node = node.parent)
    if (node.type === 'string') return true;
  return false;
}

/**
 * Whether the text holds a run of `min` blanks (spaces or tabs) or more: such a run covers a multiple of `min`, so
 * only those indices are tried, and the run measured around each blank one (a pattern would try every character).
 */
function holdsBlankRun(text: string, min: number): boolean {
  const blank = (index: number) => {
    const code = text.charCodeAt(index);
    return code === 0x20 || code === 0x09;
  };
  for (let probe = min - 1; probe < text.length; probe += min) {
    if (!blank(probe)) continue;
    let start = probe;
    while (start > 0 && blank(start - 1)) start--;
    let end = probe + 1;
    while (end < text.length && end - start < min && blank(end)) end++;
    if (end - start >= min) return true;
  }
  return false;
}

function hiddenCodeRule(ctx: FileContext): void {
  // a line can hide code only behind a run of HIDDEN_GAP_MIN blanks, which most files never hold
  if (!holdsBlankRun(ctx.text, HIDDEN_GAP_MIN)) return;
  const trigger = ctx.triggers.triggerOf(ctx.scopes.module.node);
  // positions in the tree are positions in the text as parsed (names normalised), where the same runs of blanks sit
  const parsed = ctx.scopes.module.node.text;
  let starts: number[] | undefined;
  for (let line = 1; line <= ctx.lines.count; line++) {
    const raw = ctx.lines.raw(line);
    if (raw.length < HIDDEN_GAP_MIN) continue;
    // linear scan for a run of blanks with code before and after it (a backtracking regex is quadratic here)
    let hidden: string | undefined;
    let dangerous = false;
    let ordinal = -1;
    for (const gap of raw.matchAll(HIDDEN_GAP)) {
      ordinal++;
      const after = raw.slice(gap.index! + gap[0].length);
      // code after the gap names something: a closing quote or bracket alone is the end of a blank literal
      if (!raw.slice(0, gap.index).trim() || !/[A-Za-z_]/.test(after) || after.startsWith('#')) continue;
      starts ??= lineStarts(parsed);
      if (inStringLiteral(ctx, gapInParsedText(parsed, starts, line, ordinal))) continue;
      dangerous = DANGEROUS_HIDDEN.test(after);
      // a shorter run (100+) hides code too, but only code that runs something is reported then
      if (gap[0].length < HIDDEN_GAP_LONG && !dangerous) continue;
      hidden = after;
      break;
    }
    if (!hidden) continue;
    ctx.findings.push({
      rule: 'hidden-code',
      severity: dangerous ? 'high' : 'medium',
      line,
      column: raw.length - hidden.length + 1,
      code: hidden.slice(0, 240),
      message: 'code pushed far off-screen by a long run of spaces, where reviewers will not see it',
      capability: 'obfuscation',
      trigger,
    });
  }
}
