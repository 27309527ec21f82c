// Unpickling: pickle.loads() calls whatever callables its data names, so a pickle is code. An embedded pickle
// (a literal, or one decoded from base64 and friends) is read without running it (decode/pickle.ts) and its calls
// are rescanned as a virtual file, like exec'd code; a pickle downloaded and loaded is download-and-execute.

import { type Unpickled, unpickleToPython } from '../decode/pickle.ts';
import type { DecodeRecorder } from '../decode-calls.ts';
import { HOLE } from '../evaluate.ts';
import { type CallFact, normalizePath } from '../facts.ts';
import { addFinding, type FileContext, raise, triggerWeight } from '../file-context.ts';
import {
  containsNetworkCall,
  type DecodedPayloadFile,
  fetchesFromWrittenHost,
  NETWORK_RESULT,
} from './dynamic-code.ts';

/** Calls that rebuild objects from pickled bytes (loads) or from a file-like object (load). */
const UNPICKLERS =
  /^(pickle|_pickle|cPickle|dill|cloudpickle|pickle5)\.(loads|load|_loads|_load)$|^(joblib|torch)\.load$|^pandas\.read_pickle$/;
/** What a data pickle calls to rebuild its objects; anything else in a pickle is a program. */
const DATA_CONSTRUCTORS =
  /^(builtins\.(set|frozenset|bytearray|bytes|complex|slice|range|object|list|dict|tuple|int|float|str)|_codecs\.encode|copyreg\.(_reconstructor|__newobj__|__newobj_ex__)|collections\.\w+|datetime\.\w+|decimal\.Decimal|fractions\.Fraction|uuid\.UUID|pathlib\.\w*Path|re\._compile|enum\.\w+|numpy\.(core\.multiarray\.(_reconstruct|scalar)|dtype|ndarray)|numpy\._core\.multiarray\.(_reconstruct|scalar)|pandas\._libs\.\w+)$/;

/** Modules whose functions make a pickle a program: code, processes, files, the network, imports, the interpreter. */
const POWERFUL_MODULES =
  /^(builtins|os|subprocess|socket|ssl|ctypes|importlib|marshal|types|sys|runpy|code|codeop|pty|shutil|webbrowser|urllib|urllib2|urllib3|requests|httpx|http|ftplib|smtplib|telnetlib|pickle|_pickle|cPickle|dill|base64|binascii|zlib|codecs|platform|getpass|multiprocessing|asyncio|threading|signal|tempfile)\./;
/**
 * What of those modules a data pickle names too: classes (Capitalised: requests.models.Response, a test's recorded
 * reply), and getattr, with which pickles name methods and enum members (a module to take os.system from would
 * need __import__, itself counted). Classes that act when built are counted all the same.
 */
const PASSIVE_NAMES = /\.[A-Z]\w*$|^builtins\.getattr$|^os\.stat_result$/;
const ACTING_CLASSES =
  /^(subprocess\.Popen|threading\.Thread|multiprocessing\.Process|ctypes\.(CDLL|WinDLL|PyDLL|OleDLL))$/;

const isPowerful = (path: string) =>
  POWERFUL_MODULES.test(path) &&
  !DATA_CONSTRUCTORS.test(path) &&
  (ACTING_CLASSES.test(path) || !PASSIVE_NAMES.test(path));

/** What a pickle calls besides data constructors, and what it reaches of code, processes, files and the network. */
export function pickleReach(unpickled: Unpickled): { programs: string[]; powerful: string[] } {
  const programs = [...new Set(unpickled.calls.map(normalizePath))].filter((path) => !DATA_CONSTRUCTORS.test(path));
  // what it calls, and what it hands on to be called (functools.partial(os.system, ...))
  const powerful = [...new Set(unpickled.globals.map(normalizePath))].filter(isPowerful);
  return { programs, powerful };
}

/** The first few names of a list, for a message. */
export function someNames(paths: string[]): string {
  return `${paths.slice(0, 4).join(', ')}${paths.length > 4 ? ', ...' : ''}`;
}

function unpickler(call: CallFact): string | undefined {
  // call facts' names are normalised already (facts.ts)
  return call.paths.find((path) => UNPICKLERS.test(path));
}

/** Bytes a folded value stands for: latin1 for Python bytes, UTF-8 for text beyond latin1. */
function bytesOf(text: string): Uint8Array {
  return Buffer.from(text, /[\u0100-\uffff]/.test(text) ? 'utf8' : 'latin1');
}

export function unpickleRules(ctx: FileContext, recorder: DecodeRecorder): DecodedPayloadFile[] {
  const payloads: DecodedPayloadFile[] = [];
  for (const call of ctx.facts.calls) {
    const name = unpickler(call);
    // a call's arguments are read from the tree when first asked for: only those of unpicklers
    const argument = name ? call.args.positional[0] : undefined;
    if (!name || !argument) continue;
    const weight = triggerWeight(ctx.triggers.triggerOf(call.node));
    const text = ctx.evaluator.text(argument);
    if (text !== undefined && !text.includes(HOLE) && text.length >= 2) {
      const payload = embeddedPickle(ctx, call, name, text, recorder.chainOf(text) ?? [], weight);
      if (payload) payloads.push(payload);
      continue;
    }
    const paths = ctx.evaluator.paths(argument);
    if (paths.some((path) => NETWORK_RESULT.test(path)) || containsNetworkCall(ctx, argument)) {
      addFinding(ctx, call.node, {
        rule: 'download-execute',
        // a model or cache fetched from a URL the user gives and unpickled when called is what some tools do
        severity: weight > 0 ? 'critical' : fetchesFromWrittenHost(ctx, argument) ? 'high' : 'medium',
        message: `${name}() unpickles data downloaded from the network, which runs whatever the data names`,
        capability: 'dynamic-code',
      });
    }
  }
  return payloads;
}

/** A pickle written in the file (or decoded from it): read, judged by what it calls, and rescanned. */
function embeddedPickle(
  ctx: FileContext,
  call: CallFact,
  name: string,
  text: string,
  chain: string[],
  weight: number,
): DecodedPayloadFile | undefined {
  const unpickled = unpickleToPython(bytesOf(text));
  if (!unpickled) {
    if (chain.length === 0) return undefined;
    addFinding(ctx, call.node, {
      rule: 'unpickled-code',
      severity: raise('medium', weight > 0 ? 1 : 0),
      message: `${name}() loads data decoded with ${chain.join(' → ')} that is not a pickle pyguard can read`,
      capability: 'obfuscation',
    });
    return undefined;
  }
  const { programs, powerful } = pickleReach(unpickled);
  if (programs.length === 0 && powerful.length === 0) return undefined;
  const fullChain = [...chain, 'pickle'];
  const finding = addFinding(ctx, call.node, {
    rule: 'unpickled-code',
    // a test suite's pickle of the package's own classes calls their constructors; one that calls exec, a process
    // or the network is a program
    severity: powerful.length > 0 ? raise('high', weight > 0 ? 1 : 0) : 'low',
    message:
      powerful.length > 0
        ? `${name}() loads an embedded pickle that reaches ${someNames(powerful)}`
        : `${name}() loads an embedded pickle that calls ${someNames(programs)}`,
    capability: 'obfuscation',
    decoded: { chain: fullChain, preview: unpickled.source.slice(0, 2000), size: unpickled.source.length },
  });
  if (powerful.length === 0) return undefined;
  return { call: call.node, chain: fullChain, text: unpickled.source, finding };
}
