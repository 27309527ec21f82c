// Data flow from secrets and identity (sources) to the network (sinks), within each function and the
// module level, through assignments, containers, formatting, encoders and this file's own functions
// (return values, and parameters that reach a sink). Reports `exfiltration` with the path it found.
import type { FlowLinks, ParamSink } from '../model/flow-links.ts';
import type { Destination, FlowStep, Trigger } from '../model/result.ts';
import { describeDestination, isLocal } from './destinations.ts';
import { HOLE } from './evaluate.ts';
import { type CallFact, normalizePath } from './facts.ts';
import { addFinding, type FileContext } from './file-context.ts';
import { WrittenFiles } from './flow-files.ts';
import { OwnCalls } from './flow-links.ts';
import { exfiltrationFinding, STRENGTH_SCORE } from './flow-severity.ts';
import { LOCAL_KEYWORDS, type NetworkApi } from './indicators/network.ts';
import { NETWORK_TOOLS, RECON_COMMAND } from './indicators/process.ts';
import { SECRET_ENV_NAME, SECRET_OWNERS } from './indicators/secrets.ts';
import { CREDENTIAL_PATHS, credentialNamed, SOURCE_APIS, type SourceStrength } from './indicators/sources.ts';
import { anyPatternTest } from './pattern-union.ts';
import { curlOption, destinationOf, networkApiOf, resolvesOwnName } from './rules/network.ts';
import { commandText, processApiOf } from './rules/process.ts';
import type { Scope } from './scopes.ts';
import { callArguments, type Node, unwrap } from './syntax.ts';
import { methodsOf } from './triggers.ts';

interface Taint {
  what: string;
  strength: SourceStrength | 'parameter';
  parameter?: number;
  steps: FlowStep[];
  /** A secret whose name says which service it unlocks (AWS_*, GITHUB_*, ...). */
  owner?: (typeof SECRET_OWNERS)[number];
  /** A parameter named private_key: a wallet's, or a TLS or SSH key a cloud API is meant to receive. */
  anyKindOfKey?: boolean;
}

interface Sink {
  call: Node;
  label: string;
  destination?: Destination;
}

interface FunctionSummary {
  returns: Taint[];
  /** Parameter index → the sink it reaches inside the function. */
  sinks: Map<number, Sink>;
}

const SOURCE_BY_PATH = new Map(SOURCE_APIS.map((api) => [api.path, api]));
const NAMES_A_CREDENTIAL_FILE = anyPatternTest(CREDENTIAL_PATHS.map(({ pattern }) => pattern));
const SOCKET_SENDS = new Set([
  'socket.socket().send',
  'socket.socket().sendall',
  'socket.socket().sendto',
  'socket.create_connection().send',
  'socket.create_connection().sendall',
  'smtplib.SMTP().sendmail',
  'smtplib.SMTP_SSL().sendmail',
  'ftplib.FTP().storbinary',
  'ftplib.FTP().storlines',
  'websocket.create_connection().send',
  'http.client.HTTPConnection().request',
  'http.client.HTTPSConnection().request',
  'asyncio.open_connection()[].write',
  'asyncio.open_connection()[].writelines',
]);
/** Any method of an XML-RPC server proxy is a call made on the server, its arguments sent. */
const RPC_CALL = /^xmlrpc\.client\.(ServerProxy|Server)\(\)\.\w+$/;

/** The call sends its arguments (or its receiver's data) over a connection made elsewhere. */
function sendsOverConnection(call: Pick<CallFact, 'paths'>): string | undefined {
  return call.paths.find((path) => SOCKET_SENDS.has(path) || RPC_CALL.test(path));
}
/** Calls that write their first argument into the file object given second. */
const DUMPERS = new Set([
  'json.dump',
  'pickle.dump',
  'marshal.dump',
  'yaml.dump',
  'yaml.safe_dump',
  'shutil.copyfileobj',
]);
/** A module-level predicate: callTaint asks it of every call, and makes no closure for it. */
const isDumper = (path: string) => DUMPERS.has(path);
/** Recon commands whose output is the whole environment, secrets included. */
const ENVIRONMENT_PRINTERS = new Set(['env', 'printenv']);
/** pycurl options whose value goes out with the request. */
const CURL_SENT_OPTIONS = new Set(['URL', 'POSTFIELDS', 'COPYPOSTFIELDS', 'HTTPPOST', 'READDATA', 'HTTPHEADER']);
const MUTATORS = new Set([
  'append',
  'extend',
  'update',
  'add',
  'insert',
  'setdefault',
  'write',
  'writelines',
  'appendleft',
]);
/** Parameter names of a wallet's private key or recovery phrase (not `pk`, a database's primary key). */
const WALLET_SECRET_NAME =
  /^(private_?key|priv_?key|wallet_?(key|seed|secret)|mnemonic(_?phrase|_?words)?|seed_?(phrase|words)|recovery_?phrase|secret_?phrase)s?$/i;
/** Of those, the names any private key goes by (a server certificate's, an SSH key pair's), not only a wallet's. */
const ANY_PRIVATE_KEY_NAME = /^(private_?key|priv_?key)s?$/i;
/** Words of a filter that picks secrets out of the environment. */
/** Filters that select names: a prefix or suffix test, or membership in a list. */
/** Names or prefixes an environment filter may pick and still select by name. */
const MAX_SELECTED_NAMES = 3;
const SELECTING_FILTER = /\.(startswith|endswith)\s*\(|\bin\b|==/;
const SECRET_FILTER = /key|token|secret|pass|pwd|auth|cred|aws|azure|gcp|api|session|cookie|private/i;
const MAX_STEPS = 8;

const MAX_TAINTS = 8;
const MAX_EXPRESSION_DEPTH = 200;

/**
 * Reports the flows traced in the file; returns what the target stage joins across modules (flow-links.ts): its
 * functions' parameters that reach a sink, and its calls of other modules' functions given a source's data.
 */
export function flowRules(ctx: FileContext): FlowLinks | undefined {
  const ownCalls = new OwnCalls(ctx);
  // another module's function called by code that runs by itself (install, start-up, import) may be handed a secret
  // there; following every call a user's code makes into the package's other modules would cost a flow analysis of
  // nearly every file of a large package
  const hasSink =
    ctx.facts.calls.some(
      (call) => networkApiOf(call) || processApiOf(call) || sendsOverConnection(call) !== undefined,
    ) ||
    (ctx.facts.calls.some(
      (call) => ownCalls.callee(call) && mayCarryData(call) && ctx.triggers.triggerOf(call.node) !== 'call',
    ) &&
      readsSource(ctx));
  // No gate on the file's words: a source can be reached by a name the text never spells (getattr(os, "envi" + "ron")).
  if (!hasSink) return undefined;
  const analysis = new FlowAnalysis(ctx, ownCalls);
  analysis.run();
  // a file analysed alone has no other modules to link with
  if (ctx.ownModules.length === 0) return undefined;
  const links = { exports: analysis.exports(), calls: ownCalls.tainted };
  return Object.keys(links.exports).length > 0 || links.calls.length > 0 ? links : undefined;
}

/**
 * Whether the file reaches a source by what its code resolves to (not by its words): a source API called, the
 * environment handed to a call or read from, a credential file's path. Asked only of files whose one reason for a
 * flow analysis is a call into another module of the target.
 */
function readsSource(ctx: FileContext): boolean {
  const environment = (path: string) => path.startsWith('os.environ') || path.startsWith('os.getenv');
  for (const call of ctx.facts.calls) {
    if (call.paths.some((path) => SOURCE_BY_PATH.has(path) || environment(path))) return true;
    for (const arg of call.args.positional) if (ctx.evaluator.paths(arg).some(environment)) return true;
  }
  return ctx.facts.strings.some((node) => {
    const text = ctx.evaluator.text(node);
    return text !== undefined && NAMES_A_CREDENTIAL_FILE(text);
  });
}

/** Literal values: an argument written as one carries no source's data. */
const LITERALS = new Set(['string', 'concatenated_string', 'integer', 'float', 'true', 'false', 'none']);

/** Whether a call is given an argument that is not a literal (`re.compile("...")` is given none). */
function mayCarryData(call: CallFact): boolean {
  return (
    call.args.positional.some((arg) => !LITERALS.has(unwrap(arg).type)) ||
    [...call.args.keywords.values()].some((arg) => !LITERALS.has(unwrap(arg).type))
  );
}

/**
 * An argument of a network call that does not leave the machine: a keyword or position the API uses locally, or a
 * host or address given whole (connecting to a host read from ~/.ssh/config sends nothing of the file; data built
 * into a host name, `f"{data}.example"`, even through a variable, is still sent through DNS).
 */
function staysLocal(ctx: FileContext, fact: CallFact, api: NetworkApi, index: number): boolean {
  const positional = fact.args.positional.length;
  const keyword = index >= positional ? [...fact.args.keywords.keys()][index - positional] : undefined;
  if (keyword !== undefined ? LOCAL_KEYWORDS.has(keyword) : api.localArgs?.includes(index)) return true;
  const destination = api.destination;
  const isDestination = keyword !== undefined ? keyword === destination?.kw : index === destination?.arg;
  if (!isDestination || destination?.form === 'url') return false;
  const node = keyword !== undefined ? fact.args.keywords.get(keyword) : fact.args.positional[index];
  return !!node && hostGivenWhole(ctx, node);
}

/**
 * The environment a process call gives its child (env=, posix_spawn's third argument, the last of os.exec*e and
 * os.spawn*e): the child's own settings, not data its command line sends anywhere.
 */
function childEnvironment(fact: CallFact, index: number): boolean {
  const positional = fact.args.positional.length;
  if (index >= positional) return [...fact.args.keywords.keys()][index - positional] === 'env';
  const path = fact.paths.find((p) => /^os\.(posix_spawnp?|exec\w*e|spawn\w*e)$/.test(p));
  if (!path) return false;
  return path.startsWith('os.posix_spawn') ? index === 2 : index === positional - 1;
}

/** A host passed as a value read from elsewhere, with no text of the code's own built around it. */
function hostGivenWhole(ctx: FileContext, node: Node): boolean {
  const type = unwrap(node).type;
  if (type !== 'identifier' && type !== 'attribute' && type !== 'subscript') return false;
  const text = ctx.evaluator.text(node);
  return text === undefined || text.replaceAll(HOLE, '') === '';
}

class FlowAnalysis {
  private readonly summaries = new Map<number, FunctionSummary>();
  private readonly moduleEnv = new Map<string, Taint[]>();
  private readonly selfEnv = new Map<string, Taint[]>();
  private readonly reported = new Set<number>();
  /** One report per source: the same data passing several sinks in a row (Request, then urlopen) is one flow. */
  private readonly reportedSources = new Set<string>();
  private readonly callFacts = new Map<number, CallFact>();
  private readonly environmentReads = new Map<number, boolean>();
  private readonly credentialReads = new Map<number, string | undefined>();
  private readonly reconOutputs = new Map<number, string | undefined>();
  private reporting = false;
  /** Whether the current pass over a body gave a name or a `self` attribute taint (see analyzeBody). */
  private taintsChanged = false;
  /** What this code wrote to files by their folded paths (the file channel: write the loot, then upload the file). */
  private readonly writtenFiles: WrittenFiles<Taint>;
  private depth = 0;

  constructor(
    private readonly ctx: FileContext,
    private readonly ownCalls: OwnCalls,
  ) {
    // the call a node makes itself, not a function it hands over (handed-calls.ts) at the same node
    for (const call of ctx.facts.calls) if (!this.callFacts.has(call.node.id)) this.callFacts.set(call.node.id, call);
    this.writtenFiles = new WrittenFiles(ctx, this.callFacts);
  }

  run(): void {
    const { summarized, reporting } = this.relevantFunctions();
    // Summaries in document order; the reporting pass below sees all of them.
    for (const fn of summarized) this.summaries.set(fn.id, this.summarize(fn));
    this.reporting = true;
    for (const fn of reporting)
      this.analyzeBody(fn.childForFieldName('body'), this.walletSecretParameters(fn), undefined);
    this.analyzeBody(this.ctx.scopes.module.node, this.moduleEnv, undefined);
  }

  /**
   * Functions that can matter to a flow. Summaries are needed for those that can return a source's data (they
   * read a source, or call such a function of this file) and for those that can pass a parameter to a sink;
   * a flow can only be reported inside a function that is both. The others (most of a library) are skipped.
   */
  private relevantFunctions(): { summarized: Node[]; reporting: Node[] } {
    const functions = this.ctx.scopes.module.node
      .descendantsOfType('function_definition')
      .filter((n): n is Node => !!n);
    const innermost = (node: Node) => {
      for (let scope: Scope | undefined = this.ctx.scopes.scopeFor(node); scope; scope = scope.parent) {
        if (scope.node.type === 'function_definition') return scope.node;
      }
      return undefined;
    };
    const sinks = new Set<number>();
    const callers = new Map<number, Set<number>>();
    for (const call of this.ctx.facts.calls) {
      const owner = innermost(call.node);
      if (!owner) continue;
      if (
        networkApiOf(call) ||
        processApiOf(call) ||
        sendsOverConnection(call) !== undefined ||
        this.ownCalls.callee(call)
      )
        sinks.add(owner.id);
      const callee = call.node.childForFieldName('function');
      for (const target of callee?.type === 'identifier' || callee?.type === 'attribute'
        ? this.ctx.evaluator.value(callee).functions
        : []) {
        callers.set(target.id, (callers.get(target.id) ?? new Set()).add(owner.id));
      }
    }
    const close = (set: Set<number>) => {
      const pending = [...set];
      while (pending.length) {
        for (const caller of callers.get(pending.pop()!) ?? []) {
          if (set.has(caller)) continue;
          set.add(caller);
          pending.push(caller);
        }
      }
    };
    close(sinks);
    // Any function can read a source (under a name its text never spells): all are summarized, and a flow can be
    // reported in those that reach a sink.
    return { summarized: functions, reporting: functions.filter((fn) => sinks.has(fn.id)) };
  }

  private summarize(fn: Node): FunctionSummary {
    const env = new Map<string, Taint[]>();
    const parameters = fn.childForFieldName('parameters')?.namedChildren ?? [];
    parameters.forEach((parameter, index) => {
      const name =
        parameter?.type === 'identifier'
          ? parameter.text
          : (parameter?.childForFieldName('name')?.text ??
            parameter?.namedChildren.find((c) => c?.type === 'identifier')?.text);
      if (name && name !== 'self' && name !== 'cls')
        env.set(name, [{ what: `parameter ${name}`, strength: 'parameter', parameter: index, steps: [] }]);
    });
    const summary: FunctionSummary = { returns: [], sinks: new Map() };
    this.analyzeBody(fn.childForFieldName('body'), env, summary);
    return summary;
  }

  /** Walks the statements of a body in order (twice, for loops), skipping nested definitions. */
  private analyzeBody(body: Node | null, env: Map<string, Taint[]>, summary: FunctionSummary | undefined): void {
    if (!body) return;
    const statements: Node[] = [];
    const stack: Node[] = [body];
    while (stack.length) {
      const node = stack.pop()!;
      const children = node.namedChildren;
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (
          !child ||
          child.type === 'function_definition' ||
          child.type === 'class_definition' ||
          child.type === 'decorated_definition'
        )
          continue;
        const kind = statementKind(child.type);
        if (kind === 'compound') {
          statements.push(child);
          stack.push(child);
        } else if (kind === 'simple') {
          statements.push(child);
        }
      }
    }
    statements.sort((a, b) => a.startIndex - b.startIndex);
    for (let pass = 0; pass < 2; pass++) {
      this.taintsChanged = false;
      for (const statement of statements) this.statement(statement, env, summary, pass === 1);
      // A summary's second pass over taints the first left as they were would repeat it: the same returns (dropped
      // as duplicates where they are read) and the same sinks, and a summary reports nothing.
      if (summary && !this.taintsChanged) break;
    }
  }

  private statement(
    node: Node,
    env: Map<string, Taint[]>,
    summary: FunctionSummary | undefined,
    finalPass: boolean,
  ): void {
    switch (node.type) {
      case 'expression_statement':
        for (const child of node.namedChildren) if (child) this.expressionStatement(child, env, summary, finalPass);
        return;
      case 'return_statement': {
        const value = node.namedChildren[0];
        if (value && summary) summary.returns.push(...this.taintOf(value, env, summary, finalPass));
        else if (value) this.taintOf(value, env, summary, finalPass);
        return;
      }
      case 'for_statement': {
        const right = node.childForFieldName('right');
        const left = node.childForFieldName('left');
        if (right && left) this.assign(left, this.taintOf(right, env, summary, finalPass), env, node);
        return;
      }
      case 'with_item': {
        const value = node.childForFieldName('value');
        if (value?.type === 'as_pattern') {
          const expr = value.namedChildren[0];
          const alias = value.namedChildren[value.namedChildCount - 1];
          const target = alias?.type === 'as_pattern_target' ? alias.namedChildren[0] : alias;
          if (expr && target) this.assign(target, this.taintOf(expr, env, summary, finalPass), env, node);
        } else if (value) this.taintOf(value, env, summary, finalPass);
        return;
      }
      case 'if_statement':
      case 'while_statement': {
        const condition = node.childForFieldName('condition');
        if (condition) this.taintOf(condition, env, summary, finalPass);
        return;
      }
      default:
        return;
    }
  }

  private expressionStatement(
    node: Node,
    env: Map<string, Taint[]>,
    summary: FunctionSummary | undefined,
    finalPass: boolean,
  ): void {
    if (node.type === 'assignment' || node.type === 'augmented_assignment') {
      const right = node.childForFieldName('right');
      const left = node.childForFieldName('left');
      if (!right || !left) return;
      const taint = this.taintOf(right, env, summary, finalPass);
      this.assign(left, taint, env, node, node.type === 'augmented_assignment');
      return;
    }
    this.taintOf(node, env, summary, finalPass);
  }

  /** Taints the names an assignment target binds; iterative, as targets can nest 50 000 deep. */
  private assign(root: Node, taint: Taint[], env: Map<string, Taint[]>, at: Node, addToRoot = false): void {
    const pending: [Node, boolean][] = [[root, addToRoot]];
    while (pending.length > 0) {
      const [target, add] = pending.pop()!;
      if (target.type === 'identifier') {
        const stepped = taint.map((t) => withStep(t, this.step(at, `assigned to ${target.text}`)));
        const previous = add || env.has(target.text) ? (env.get(target.text) ?? []) : [];
        if (stepped.length || !add) {
          const merged = mergeKeep(previous, stepped);
          // a name bound to no taint reads as an unbound one (the module's names are not in scope until its pass)
          if (merged.length > 0) this.taintsChanged = true;
          env.set(target.text, merged);
        }
      } else if (target.type === 'attribute') {
        const object = target.childForFieldName('object');
        const attribute = target.childForFieldName('attribute')?.text;
        if (object?.type === 'identifier' && object.text === 'self' && attribute) {
          if (taint.length) {
            this.taintsChanged = true;
            this.selfEnv.set(attribute, dedupe([...(this.selfEnv.get(attribute) ?? []), ...taint]));
          }
        } else if (object) pending.push([object, true]);
      } else if (target.type === 'subscript') {
        const object = target.childForFieldName('value');
        if (object) pending.push([object, true]);
      } else {
        for (const child of target.namedChildren.reverse()) if (child) pending.push([child, add]);
      }
    }
  }

  private lookup(name: string, env: Map<string, Taint[]>): Taint[] {
    return env.get(name) ?? this.moduleEnv.get(name) ?? [];
  }

  /** The taint an expression carries, checking the sinks it contains on the way. */
  private taintOf(
    node: Node,
    env: Map<string, Taint[]>,
    summary: FunctionSummary | undefined,
    finalPass: boolean,
  ): Taint[] {
    // deeply nested expressions (generated code) must not exhaust the stack
    if (this.depth > MAX_EXPRESSION_DEPTH) return [];
    this.depth++;
    try {
      return this.expressionTaint(node, env, summary, finalPass);
    } finally {
      this.depth--;
    }
  }

  private expressionTaint(
    node: Node,
    env: Map<string, Taint[]>,
    summary: FunctionSummary | undefined,
    finalPass: boolean,
  ): Taint[] {
    const target = unwrap(node);
    switch (target.type) {
      case 'identifier':
        return this.lookup(target.text, env);
      case 'string':
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
        return target.type === 'string' ? this.childrenTaint(target, env, summary, finalPass) : [];
      case 'lambda':
      case 'function_definition':
        return [];
      case 'attribute':
        return this.attributeTaint(target, env, summary, finalPass);
      case 'subscript':
        return this.subscriptTaint(target, env, summary, finalPass);
      case 'call':
        return this.callTaint(target, env, summary, finalPass);
      case 'dictionary_comprehension':
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression':
        return this.comprehensionTaint(target, this.childrenTaint(target, env, summary, finalPass));
      default:
        return this.childrenTaint(target, env, summary, finalPass);
    }
  }

  /**
   * `{k: v for k, v in os.environ.items() if k.startswith("KERNEL_")}`: the environment filtered by a condition
   * that names no secret is the variables it selects, not the whole environment (a filter on KEY, TOKEN, AWS...
   * is still harvesting).
   */
  private comprehensionTaint(node: Node, taints: Taint[]): Taint[] {
    const filters = node.namedChildren.filter((child) => child?.type === 'if_clause');
    // only a filter that picks names in (a prefix, a list) selects; `if not k.startswith("X")` keeps nearly all
    const selects = (text: string) => SELECTING_FILTER.test(text) && !/\bnot\b|!=/.test(text);
    if (
      filters.length === 0 ||
      filters.some((filter) => SECRET_FILTER.test(filter!.text) || !selects(filter!.text) || !this.namesFew(filter!))
    )
      return taints;
    return taints.map((taint) =>
      taint.strength === 'bulk-secrets'
        ? { ...taint, what: 'environment variables it selects by name', strength: 'secret-env' }
        : taint,
    );
  }

  /**
   * The names a filter selects are few and named: at most three prefixes or names of four characters or more
   * (`startswith(tuple of every letter)` keeps everything), and a list it tests membership in holds no secret.
   */
  private namesFew(filter: Node): boolean {
    // the names picked: startswith/endswith arguments and the strings a comparison tests against
    const literals = filter
      .descendantsOfType('string')
      .filter((n): n is Node => !!n)
      .filter((literal) => {
        const holder = literal.parent?.type === 'tuple' ? literal.parent.parent : literal.parent;
        if (holder?.type === 'comparison_operator') return true;
        const call = holder?.type === 'argument_list' ? holder.parent : undefined;
        return /\.(startswith|endswith)$/.test(call?.childForFieldName('function')?.text ?? '');
      });
    if (literals.length > MAX_SELECTED_NAMES) return false;
    if (literals.some((literal) => (this.ctx.evaluator.text(literal) ?? '').length < 4)) return false;
    const lists = filter
      .descendantsOfType('identifier')
      .map((name) => (name ? this.ctx.evaluator.sequenceTexts(name, 0) : undefined))
      .filter((items): items is string[] => items !== undefined);
    return lists.every(
      (items) => items.length <= MAX_SELECTED_NAMES && !items.some((item) => SECRET_FILTER.test(item)),
    );
  }

  private childrenTaint(
    node: Node,
    env: Map<string, Taint[]>,
    summary: FunctionSummary | undefined,
    finalPass: boolean,
  ): Taint[] {
    const result: Taint[] = [];
    for (const child of node.namedChildren) if (child) result.push(...this.taintOf(child, env, summary, finalPass));
    return dedupe(result);
  }

  private attributeTaint(
    node: Node,
    env: Map<string, Taint[]>,
    summary: FunctionSummary | undefined,
    finalPass: boolean,
  ): Taint[] {
    const object = node.childForFieldName('object');
    const attribute = node.childForFieldName('attribute')?.text;
    if (object?.type === 'identifier' && object.text === 'self' && attribute) return this.selfEnv.get(attribute) ?? [];
    const paths = this.ctx.evaluator.paths(node).map(normalizePath);
    if ((paths.includes('os.environ') || paths.includes('os.environb')) && !isReceiverOfLookup(node)) {
      return [this.source(node, 'the whole environment', 'bulk-secrets')];
    }
    return object ? this.taintOf(object, env, summary, finalPass) : [];
  }

  private subscriptTaint(
    node: Node,
    env: Map<string, Taint[]>,
    summary: FunctionSummary | undefined,
    finalPass: boolean,
  ): Taint[] {
    const object = node.childForFieldName('value');
    const key = node.childForFieldName('subscript');
    if (object && this.ctx.evaluator.paths(object).map(normalizePath).includes('os.environ')) {
      const name = key ? this.ctx.evaluator.text(key) : undefined;
      return name !== undefined && SECRET_ENV_NAME.test(name) ? [this.secretVariable(node, name)] : [];
    }
    return object ? this.taintOf(object, env, summary, finalPass) : [];
  }

  private callTaint(
    node: Node,
    env: Map<string, Taint[]>,
    summary: FunctionSummary | undefined,
    finalPass: boolean,
  ): Taint[] {
    const fact = this.callFacts.get(node.id);
    const paths = fact?.paths ?? [];
    const args = fact?.args ?? callArguments(node);
    const argumentNodes = [...args.positional, ...args.keywords.values()];
    const argumentTaints = argumentNodes.map((arg) => this.taintOf(arg, env, summary, finalPass));
    const callee = node.childForFieldName('function');
    const receiver = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
    const receiverTaint = receiver ? this.taintOf(receiver, env, summary, finalPass) : [];
    const allArguments = dedupe(argumentTaints.flat());

    // sources: a call whose value is the environment itself (getattr(os, "envi" + "ron"), a helper returning it)
    if (this.readsEnvironment(node)) return [this.source(node, 'the whole environment', 'bulk-secrets')];
    for (const path of paths) {
      const api =
        SOURCE_BY_PATH.get(`${path}()`) ??
        (/\.(clipboard_get|selection_get)$/.test(path)
          ? SOURCE_BY_PATH.get('tkinter.Tk().clipboard_get()')
          : undefined);
      if (api) {
        const owner = api.owner === undefined ? undefined : SECRET_OWNERS.find((o) => o.owner === api.owner);
        return [{ ...this.source(node, api.what, api.strength), owner }];
      }
      if (path === 'os.getenv' || path === 'os.environ.get' || path === 'os.environ.__getitem__') {
        const name = args.positional[0] ? this.ctx.evaluator.text(args.positional[0]) : undefined;
        if (name !== undefined && SECRET_ENV_NAME.test(name)) return [this.secretVariable(node, name)];
        return [];
      }
    }
    // path.read_text(): the path the method is called on is what it reads
    const read = receiver && /^(read_text|read_bytes|open)$/.test(callee?.childForFieldName('attribute')?.text ?? '');
    const credential = this.credentialRead(node, read ? [receiver, ...argumentNodes] : argumentNodes);
    if (credential !== undefined) {
      const taint = [this.source(node, credential, 'credential-file')];
      // config.read(path): a reader object (an instance, not a module) loads the file into itself, and what it
      // returns later is the file's data
      if (receiver?.type === 'identifier' && this.ctx.evaluator.paths(receiver).every((path) => path.endsWith('()')))
        this.assign(receiver, taint, env, node, true);
      // zip.write(path): the archive being written holds the file
      if (receiver) this.noteWrittenFile(receiver, taint, node);
      return taint;
    }

    // what whoami, hostname, id or ipconfig print: who and where the machine is
    const recon = this.reconOutput(node);
    if (recon !== undefined)
      return [
        ENVIRONMENT_PRINTERS.has(recon)
          ? this.source(node, `the whole environment (the output of ${recon})`, 'bulk-secrets')
          : this.source(node, `the output of ${recon}`, 'identity'),
      ];

    // sinks
    if (fact) this.checkSinks(fact, argumentTaints, receiverTaint, summary, finalPass);

    // this file's own functions
    const local = callee ? this.ctx.evaluator.value(callee).functions : [];
    const returned: Taint[] = [];
    for (const fn of local) {
      const fnSummary = this.summaries.get(fn.id);
      if (!fnSummary) continue;
      // a method called through an object (self.send(data)) is given its self first
      const offset = callee?.type === 'attribute' && this.ctx.scopes.scopeFor(fn).kind === 'class' ? 1 : 0;
      returned.push(...fnSummary.returns.filter((t) => t.strength !== 'parameter'));
      for (const t of fnSummary.returns.filter((r) => r.parameter !== undefined))
        returned.push(...(argumentTaints[t.parameter! - offset] ?? []));
      for (const [index, sink] of fnSummary.sinks) {
        const taint = argumentTaints[index - offset] ?? [];
        this.sinkReached(
          node,
          sink,
          taint.map((t) => withStep(t, this.step(node, `passed to ${callee?.text ?? 'a function'}()`))),
          summary,
          finalPass,
        );
      }
    }

    // another module's function given a source's data: the target stage joins it with that function's sinks
    if (fact && this.reporting && finalPass) this.ownCalls.note(fact, args.positional.length, argumentTaints);

    // mutators: data.update(secret) taints data; a file or archive written to holds what was written
    const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
    if (receiver && method && MUTATORS.has(method)) {
      const written = [...allArguments, ...this.archivedFolders(receiver, method, argumentNodes)];
      if (written.length) {
        this.assign(receiver, written, env, node, true);
        this.noteWrittenFile(receiver, written, node);
      }
    }
    // json.dump(data, f): the data is written to the file object given second
    const dumpedInto = paths.some(isDumper)
      ? (args.positional[1] ?? args.keywords.get('fp') ?? args.keywords.get('file') ?? args.keywords.get('stream'))
      : undefined;
    if (dumpedInto && argumentTaints[0]?.length) {
      this.assign(dumpedInto, argumentTaints[0], env, node, true);
      this.noteWrittenFile(dumpedInto, argumentTaints[0], node);
    }
    // a file this code wrote secrets to, opened again (to upload it): what it reads is what was written
    const reread = this.writtenFiles.size > 0 ? this.rereadFile(node, args.positional[0]) : [];
    return dedupe([...returned, ...allArguments, ...receiverTaint, ...reread]);
  }

  /** Records what a write put in a file whose path is known (or partly known), for a later read of that path. */
  private noteWrittenFile(receiver: Node, taint: Taint[], at: Node): void {
    const file = this.writtenFiles.writerFile(receiver);
    if (file === undefined) return;
    const written = taint.map((t) => withStep(t, this.step(at, `written to ${file}`)));
    if (this.writtenFiles.add(file, written, dedupe)) this.taintsChanged = true;
  }

  /** What a call that opens a file this code wrote (its first argument's path) reads back. */
  private rereadFile(node: Node, first: Node | undefined): Taint[] {
    const file = first ? this.ctx.evaluator.text(first) : undefined;
    const written = file === undefined ? undefined : this.writtenFiles.read(file);
    if (!written || this.writtenFiles.writerFile(node) !== undefined) return [];
    return written.map((t) => withStep(t, this.step(node, `read back from ${file}`)));
  }

  /**
   * A folder of credentials added whole to an archive (`tar.add("~/.aws")`, `zip.write(folder)`): its files are
   * what the archive holds.
   */
  private archivedFolders(receiver: Node, method: string, argumentNodes: Node[]): Taint[] {
    if ((method !== 'add' && method !== 'write') || !argumentNodes[0] || !this.writtenFiles.writerFile(receiver))
      return [];
    const folder = this.ctx.evaluator.text(argumentNodes[0]);
    const what = folder === undefined ? undefined : credentialNamed(`${folder}/${HOLE}`);
    return what === undefined ? [] : [this.source(argumentNodes[0], what, 'credential-file')];
  }

  /** Whether a call's value is the whole environment; the same on every pass (the evaluator's values are settled). */
  private readsEnvironment(node: Node): boolean {
    let environment = this.environmentReads.get(node.id);
    if (environment === undefined) {
      const value = this.ctx.evaluator.paths(node).map(normalizePath);
      environment = (value.includes('os.environ') || value.includes('os.environb')) && !isReceiverOfLookup(node);
      this.environmentReads.set(node.id, environment);
    }
    return environment;
  }

  /** The credential file (its description) an argument of a call names, worked out on the first pass over the call. */
  private credentialRead(node: Node, argumentNodes: Node[]): string | undefined {
    if (this.credentialReads.has(node.id)) return this.credentialReads.get(node.id);
    // a path built from a loop over a list of paths names each of them
    const credential = argumentNodes
      .flatMap((arg) => {
        const text = this.ctx.evaluator.text(arg);
        return text !== undefined ? [text] : this.ctx.evaluator.loopTexts(arg);
      })
      .concat(this.commandRead(node))
      .find((text) => NAMES_A_CREDENTIAL_FILE(text) || (text.includes(HOLE) && credentialNamed(text) !== undefined));
    const what = credential === undefined ? undefined : credentialNamed(credential);
    this.credentialReads.set(node.id, what);
    return what;
  }

  /** A process's command line as its words joined (["security", "dump-keychain"]): its output is what it reads. */
  /** The recon command a process call runs (check_output("whoami")), its program's name, on the first pass. */
  private reconOutput(node: Node): string | undefined {
    if (this.reconOutputs.has(node.id)) return this.reconOutputs.get(node.id);
    const command = this.commandRead(node).find((text) => RECON_COMMAND.test(text));
    const what = command === undefined ? undefined : command.trim().split(/\s+/)[0];
    this.reconOutputs.set(node.id, what);
    return what;
  }

  private commandRead(node: Node): string[] {
    const fact = this.callFacts.get(node.id);
    const api = fact ? processApiOf(fact) : undefined;
    const command = fact && api ? commandText(this.ctx, fact, api) : undefined;
    return command === undefined ? [] : [command];
  }

  private checkSinks(
    fact: CallFact,
    argumentTaints: Taint[][],
    receiverTaint: Taint[],
    summary: FunctionSummary | undefined,
    finalPass: boolean,
  ): void {
    const api = networkApiOf(fact);
    let sink: Sink | undefined;
    const send = api ? undefined : sendsOverConnection(fact);
    if (api && resolvesOwnName(this.ctx, fact, api)) return;
    if (api) {
      // conn.request(...) after conn = HTTPSConnection(host): the host is the connection's
      const destination = destinationOf(this.ctx, fact, api.destination) ?? this.connectionDestination(fact);
      if (isLocal(destination)) return;
      sink = { call: fact.node, label: api.path, destination };
    } else if (send) {
      sink = { call: fact.node, label: send, destination: this.connectionDestination(fact) };
    } else if (this.curlData(fact)) {
      // c.setopt(pycurl.POSTFIELDS, data): what c.perform() sends, to the URL set on c
      const option = fact.args.positional[0];
      const destination = destinationOf(this.ctx, fact, { form: 'option' });
      sink = { call: fact.node, label: `pycurl.Curl().setopt(${option?.text ?? ''})`, destination };
    } else {
      const processApi = processApiOf(fact);
      const command = processApi ? commandText(this.ctx, fact, processApi) : undefined;
      if (processApi && command && NETWORK_TOOLS.test(command.replaceAll(HOLE, ' ')))
        sink = { call: fact.node, label: `${processApi.path} (${command.replaceAll(HOLE, '{…}').slice(0, 60)})` };
    }
    if (!sink) return;
    const sent = api
      ? argumentTaints.filter((_, index) => !staysLocal(this.ctx, fact, api, index))
      : argumentTaints.filter((_, index) => !childEnvironment(fact, index));
    const taint = dedupe([...sent.flat(), ...(api ? [] : receiverTaint)]);
    this.sinkReached(fact.node, sink, taint, summary, finalPass);
  }

  /** pycurl's c.setopt(OPTION, value) of an option whose value is sent: the body, an upload, the URL itself. */
  private curlData(fact: CallFact): boolean {
    const option = fact.args.positional[0];
    return (
      fact.paths.includes('pycurl.Curl().setopt') &&
      !!option &&
      CURL_SENT_OPTIONS.has(curlOption(this.ctx, option) ?? '')
    );
  }

  /** Where a connected object sends: s.sendall(...) after s = socket.create_connection((host, port)). */
  private connectionDestination(fact: CallFact): Destination | undefined {
    const receiver = fact.node.childForFieldName('function')?.childForFieldName('object');
    if (receiver?.type !== 'identifier') return undefined;
    for (const binder of this.ctx.scopes.lookup(receiver.text, this.ctx.scopes.scopeFor(receiver))) {
      // reader, writer = await asyncio.open_connection(host, port): an element of what the call returned
      const made = binder.kind === 'expr' || binder.kind === 'element' ? binder.node : undefined;
      const created = made ? this.callFacts.get(unwrap(made).id) : undefined;
      const api = created ? networkApiOf(created) : undefined;
      if (created && api) return destinationOf(this.ctx, created, api.destination);
    }
    return undefined;
  }

  private sinkReached(
    at: Node,
    sink: Sink,
    taint: Taint[],
    summary: FunctionSummary | undefined,
    finalPass: boolean,
  ): void {
    const strongestFirst = [...taint].sort((a, b) => score(b) - score(a));
    for (const t of strongestFirst) {
      if (t.strength === 'parameter') {
        if (summary && t.parameter !== undefined && !summary.sinks.has(t.parameter))
          summary.sinks.set(t.parameter, sink);
        continue;
      }
      const sourceKey = `${t.what}|${t.steps[0]?.line ?? 0}`;
      if (!this.reporting || !finalPass || this.reported.has(at.id) || this.reportedSources.has(sourceKey)) continue;
      this.reported.add(at.id);
      this.reportedSources.add(sourceKey);
      this.reportFlow(at, sink, t);
      return;
    }
  }

  private reportFlow(at: Node, sink: Sink, taint: Taint): void {
    const trigger: Trigger = this.ctx.triggers.triggerOf(at);
    const sinkLine = this.sinkStep(sink);
    addFinding(this.ctx, at, {
      ...exfiltrationFinding({ ...taint, strength: taint.strength as SourceStrength }, sink.destination, trigger),
      flow: [...taint.steps, sinkLine].slice(-MAX_STEPS),
      trigger,
    });
  }

  /**
   * Parameters named for a wallet's private key or recovery phrase: what a function given them sends over the
   * network is the key itself (wallet libraries sign locally; a drainer posts the key to its collector).
   */
  private walletSecretParameters(fn: Node): Map<string, Taint[]> {
    const env = new Map<string, Taint[]>();
    for (const parameter of fn.childForFieldName('parameters')?.namedChildren ?? []) {
      const name = parameter?.type === 'identifier' ? parameter.text : parameter?.childForFieldName('name')?.text;
      if (parameter && name && WALLET_SECRET_NAME.test(name))
        env.set(name, [
          {
            ...this.source(parameter, `the wallet secret given as ${name}`, 'credential-file'),
            anyKindOfKey: ANY_PRIVATE_KEY_NAME.test(name) || undefined,
          },
        ]);
    }
    return env;
  }

  private secretVariable(node: Node, name: string): Taint {
    const owner = SECRET_OWNERS.find((candidate) => candidate.name.test(name));
    return { ...this.source(node, `the environment variable ${name}`, 'secret-env'), owner };
  }

  /**
   * The parameters of the module's functions and of its classes' methods (`Class.method`, counted after self) that
   * reach a sink, for calls from the target's other modules.
   */
  exports(): Record<string, ParamSink[]> {
    const exported: Record<string, ParamSink[]> = {};
    const add = (name: string, fn: Node, offset: number) => {
      const sinks = [...(this.summaries.get(fn.id)?.sinks ?? [])].map(([index, sink]) => ({
        index: index - offset,
        label: sink.label,
        ...(sink.destination && { destination: sink.destination }),
        step: this.sinkStep(sink),
      }));
      if (sinks.length > 0) exported[name] = sinks;
    };
    for (const [name, binders] of this.ctx.scopes.module.bindings)
      for (const binder of binders) {
        if (binder.kind === 'def') add(name, binder.node, 0);
        if (binder.kind === 'class')
          for (const method of methodsOf(binder.node))
            add(`${name}.${method.childForFieldName('name')?.text}`, method, 1);
      }
    return exported;
  }

  private source(node: Node, what: string, strength: SourceStrength): Taint {
    return { what, strength, steps: [this.step(node, `reads ${what}`)] };
  }

  /** The last step of a flow: the call that sends the data, and where to. */
  private sinkStep(sink: Sink): FlowStep {
    return this.step(
      sink.call,
      `sent by ${sink.label}${sink.destination ? ` to ${describeDestination(sink.destination)}` : ''}`,
    );
  }

  private step(node: Node, note: string): FlowStep {
    const line = node.startPosition.row + 1;
    return { line, column: node.startPosition.column + 1, code: this.ctx.lines.code(line), note };
  }
}

const statementKinds = new Map<string, 'compound' | 'simple' | 'other'>();

/** Statements walked into (and analysed), statements analysed alone, and the rest; decided once per node type. */
function statementKind(type: string): 'compound' | 'simple' | 'other' {
  let kind = statementKinds.get(type);
  if (kind === undefined) {
    kind =
      type === 'expression_statement' || type === 'return_statement'
        ? 'simple'
        : /_statement$|^(block|if_clause|else_clause|elif_clause|except_clause|finally_clause|with_clause|with_item)$/.test(
              type,
            )
          ? 'compound'
          : 'other';
    statementKinds.set(type, kind);
  }
  return kind;
}

/** `os.environ` used as `os.environ.get(...)`, `os.environ[...]` or `os.environ.setdefault(...)` is a lookup, not the whole mapping. */
function isReceiverOfLookup(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type === 'subscript' && parent.childForFieldName('value')?.id === node.id) return true;
  if (parent?.type === 'attribute' && parent.childForFieldName('object')?.id === node.id) {
    const name = parent.childForFieldName('attribute')?.text ?? '';
    return !['copy', 'items', 'values', 'keys'].includes(name);
  }
  if (parent?.type === 'comparison_operator') return true;
  return false;
}

function score(taint: Taint): number {
  return taint.strength === 'parameter' ? 0 : STRENGTH_SCORE[taint.strength];
}

function withStep(taint: Taint, step: FlowStep): Taint {
  if (taint.strength === 'parameter') return taint;
  const last = taint.steps[taint.steps.length - 1];
  if (last && last.line === step.line) return taint;
  return { ...taint, steps: [...taint.steps, step].slice(-MAX_STEPS) };
}

/** Drops repeated taints and keeps at most MAX_TAINTS, so loops and recursion cannot grow them without bound. */
function dedupe(taints: Taint[]): Taint[] {
  if (taints.length < 2) return taints;
  const seen = new Set<string>();
  const kept = taints.filter((t) => {
    const key = `${t.what}|${t.parameter ?? ''}|${t.steps[0]?.line ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return kept.length > MAX_TAINTS ? kept.sort((a, b) => score(b) - score(a)).slice(0, MAX_TAINTS) : kept;
}

function mergeKeep(previous: Taint[], next: Taint[]): Taint[] {
  // flow-insensitive across branches: a name keeps what any assignment gave it
  return dedupe([...previous, ...next]);
}
