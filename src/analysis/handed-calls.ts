// Functions handed to another function to call: `Thread(target=os.system, args=(cmd,))`, `pool.submit(requests.get,
// url)`, `map(os.system, cmds)`, `atexit.register(exec, code)`, and methods called by name on an object handed over
// (`operator.methodcaller("system", cmd)(os)`). Each becomes a call fact of the function handed over (at the handing
// call's node, with the arguments it will be given), so every rule reads it as the call it becomes.
import { type Evaluator, HOLE } from './evaluate.ts';
import type { CallFact } from './facts.ts';
import { type CallArguments, callArguments, type Node, unwrap } from './syntax.ts';

/** Calls that call a function they are given: threads, processes, pools, executors, event loops, map, partial, exit hooks. */
const HANDERS =
  /(^|\.)(Thread|Timer|Process|submit|map|imap|imap_unordered|starmap|apply|apply_async|map_async|starmap_async|run_in_executor|to_thread|call_soon|call_soon_threadsafe|call_later|call_at|start_new_thread|start_new|partial|register|enter|enterabs|filter)$/;
/** Keywords that name the function to call. */
const FUNCTION_KEYWORDS = ['target', 'function', 'func', 'fn', 'callback'];
const SEQUENCES = new Set(['tuple', 'list']);

/** A module-level function named by reference (os.system), not a call's result, a literal or a local value. */
function functionPaths(node: Node, evaluator: Evaluator, normalize: (path: string) => string): string[] {
  const target = unwrap(node);
  if (target.type !== 'identifier' && target.type !== 'attribute') return [];
  return evaluator
    .paths(target)
    .map(normalize)
    .filter((path) => path.includes('.') && !path.endsWith(')'));
}

/** The elements of a tuple or list written out, else the node itself. */
function spread(node: Node): Node[] {
  const target = unwrap(node);
  if (!SEQUENCES.has(target.type)) return [node];
  return target.namedChildren.filter((child): child is Node => !!child && child.type !== 'comment');
}

/** The call `call` makes of a function it is handed, if it is a handing call given a module-level function. */
export function handedCall(
  call: CallFact,
  evaluator: Evaluator,
  normalize: (path: string) => string,
): CallFact | undefined {
  if (call.paths.includes(METHOD_CALLER)) return methodCalled(call, evaluator, normalize);
  if (!call.paths.some((path) => HANDERS.test(path.replace(/\(\)$/, '')))) return undefined;
  const { args, node } = call;
  const packed = args.keywords.get('args');
  for (const keyword of FUNCTION_KEYWORDS) {
    const given = args.keywords.get(keyword);
    const paths = given ? functionPaths(given, evaluator, normalize) : [];
    if (paths.length > 0) return { node, paths, args: argumentsOf(packed ? spread(packed) : []) };
  }
  const index = args.positional.findIndex((arg) => functionPaths(arg, evaluator, normalize).length > 0);
  if (index < 0) return undefined;
  const paths = functionPaths(args.positional[index], evaluator, normalize);
  const rest = args.positional.slice(index + 1);
  // map(f, [a, b]) and apply_async(f, (a,)) call f with the elements; submit(f, a) with the arguments as given
  return { node, paths, args: argumentsOf(packed ? spread(packed) : rest.length === 1 ? spread(rest[0]) : rest) };
}

const METHOD_CALLER = 'operator.methodcaller()';

/**
 * `operator.methodcaller(NAME, *args)(obj)`, also through a name bound to the method caller: obj.NAME(*args), when
 * NAME folds to a constant and obj is a module or a module's object.
 */
function methodCalled(call: CallFact, evaluator: Evaluator, normalize: (path: string) => string): CallFact | undefined {
  const callee = call.node.childForFieldName('function');
  const target = callee ? unwrap(callee) : undefined;
  const maker = target?.type === 'call' ? target : target ? evaluator.scopes.valuesOf(target).find(isCall) : undefined;
  const made = maker ? callArguments(maker) : undefined;
  const name = made?.positional[0] ? evaluator.text(made.positional[0]) : undefined;
  const object = call.args.positional[0];
  if (!made || !name || name.includes(HOLE) || !object) return undefined;
  const paths = evaluator.paths(object).map((path) => normalize(`${path}.${name}`));
  if (paths.length === 0) return undefined;
  return {
    node: call.node,
    paths,
    args: { positional: made.positional.slice(1), keywords: made.keywords, hasSplat: made.hasSplat },
  };
}

function isCall(node: Node): boolean {
  return unwrap(node).type === 'call';
}

function argumentsOf(positional: Node[]): CallArguments {
  return { positional, keywords: new Map(), hasSplat: false };
}
