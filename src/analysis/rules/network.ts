// Egress rules: calls to network APIs (with their destination), telemetry SDKs, network-module imports,
// and dynamic attribute access on network modules.
import { isIP } from 'node:net';
import type { Destination, Severity } from '../../model/result.ts';
import {
  type DestinationArg,
  NETWORK_APIS,
  NETWORK_MODULES,
  NETWORK_PACKAGES,
  SEND_METHODS,
  type NetworkApi,
  REQUEST_CONSTRUCTORS,
} from '../indicators/network.ts';
import { TELEMETRY_SDKS } from '../indicators/telemetry.ts';
import {
  describeDestination,
  destinationFromHost,
  destinationFromUrl,
  isLocal,
  isShady,
  isUsersChannel,
} from '../destinations.ts';
import { HOLE } from '../evaluate.ts';
import { type CallFact, normalizePath } from '../facts.ts';
import { addFinding, type FileContext, raise, triggerWeight, writtenText } from '../file-context.ts';
import { moduleOfMember } from '../module-names.ts';
import { isMockedRequest } from './mocked-requests.ts';
import { argumentAt, callArguments, type Node, unwrap } from '../syntax.ts';

const API_BY_PATH = new Map<string, NetworkApi>(NETWORK_APIS.map((api) => [api.path, api]));

const TELEMETRY_SENDS = new Map<string, string>();
for (const sdk of TELEMETRY_SDKS)
  for (const send of sdk.sends) TELEMETRY_SENDS.set(`${sdk.module}.${send}`, sdk.vendor);

/** `pkg._private._more.` after a top-level package. */
const PRIVATE_SUBMODULES = /^(\w+)(?:\._\w+)+\./;
const UNDERSCORE = 95;

/** The network API a call resolves to, if any. */
export function networkApiOf(call: Pick<CallFact, 'paths'>): NetworkApi | undefined {
  for (const path of call.paths) {
    const api = API_BY_PATH.get(path) ?? API_BY_PATH.get(withoutPrivateSubmodules(path));
    if (api) return api;
  }
  return undefined;
}

/**
 * httpx._client.Client is httpx.Client: a library re-exports what its private modules define. Only a path whose
 * first dot is followed by an underscore can match PRIVATE_SUBMODULES (the pattern is not run on the others: this is
 * asked of every call's paths by several rules).
 */
function withoutPrivateSubmodules(path: string): string {
  return path.charCodeAt(path.indexOf('.') + 1) === UNDERSCORE ? path.replace(PRIVATE_SUBMODULES, '$1.') : path;
}

export function destinationOf(
  ctx: FileContext,
  call: CallFact,
  spec: DestinationArg | undefined,
): Destination | undefined {
  if (!spec) return undefined;
  if (spec.form === 'option') return curlOptionDestination(ctx, call);
  const node = argumentAt(call.args, spec.arg, spec.kw);
  if (!node) return undefined;
  if (spec.form === 'address') return addressDestination(ctx, node);
  const text = ctx.evaluator.text(node);
  if (spec.form === 'url') {
    if (text === undefined) return requestObjectDestination(ctx, node);
    return destinationFromUrl(text) ?? destinationFromHost(text, undefined);
  }
  const portNode = argumentAt(call.args, spec.portArg, spec.portKw);
  return destinationFromHost(text, portNode ? ctx.evaluator.text(portNode) : undefined);
}

/** pycurl's option names (`pycurl.POSTFIELDS`, or read through the object, `c.POSTFIELDS`), by the option. */
export function curlOption(ctx: FileContext, node: Node): string | undefined {
  for (const path of ctx.evaluator.paths(node)) {
    const option = /^pycurl\.(?:Curl\(\)\.)?([A-Z_]+)$/.exec(path)?.[1];
    if (option) return option;
  }
  return undefined;
}

/** pycurl's options set on the object a call is made on (`c.setopt(OPTION, value)`, then `c.perform()`). */
function curlOptionValues(ctx: FileContext, call: CallFact, option: string): Node[] {
  const receiver = call.node.childForFieldName('function')?.childForFieldName('object');
  if (receiver?.type !== 'identifier') return [];
  const scope = ctx.scopes.scopeFor(receiver);
  const values: Node[] = [];
  for (const other of ctx.facts.calls) {
    if (!other.paths.includes('pycurl.Curl().setopt')) continue;
    const object = other.node.childForFieldName('function')?.childForFieldName('object');
    if (object?.text !== receiver.text || ctx.scopes.scopeFor(object) !== scope) continue;
    const [name, value] = other.args.positional;
    if (name && value && curlOption(ctx, name) === option) values.push(value);
  }
  return values;
}

/** The URL a pycurl object is given (`c.setopt(pycurl.URL, url)`) before the call. */
function curlOptionDestination(ctx: FileContext, call: CallFact): Destination | undefined {
  for (const value of curlOptionValues(ctx, call, 'URL')) {
    const text = ctx.evaluator.text(value);
    if (text !== undefined) return destinationFromUrl(text) ?? destinationFromHost(text, undefined);
  }
  return undefined;
}

/** urlopen(request) where request = urllib.request.Request(url, ...): the URL the request object carries. */
function requestObjectDestination(ctx: FileContext, node: Node): Destination | undefined {
  const target = unwrap(node);
  const candidates =
    target.type === 'call' || target.type === 'identifier' ? ctx.scopes.valuesOf(target).map(unwrap) : [];
  for (const candidate of candidates) {
    if (candidate.type !== 'call') continue;
    const callee = candidate.childForFieldName('function');
    if (!callee || !ctx.evaluator.paths(callee).some((path) => REQUEST_CONSTRUCTORS.has(normalizePath(path)))) continue;
    const url = argumentAt(callArguments(candidate), 0, 'url');
    const text = url ? ctx.evaluator.text(url) : undefined;
    if (text !== undefined) return destinationFromUrl(text) ?? destinationFromHost(text, undefined);
  }
  return undefined;
}

/** socket-style (host, port) tuples; a plain string address is a Unix socket path, not the network. */
function addressDestination(ctx: FileContext, node: Node): Destination | undefined {
  const target = unwrap(node);
  if (target.type === 'tuple' || target.type === 'list') {
    const [host, port] = target.namedChildren;
    return destinationFromHost(
      host ? ctx.evaluator.text(host) : undefined,
      port ? ctx.evaluator.text(port) : undefined,
    );
  }
  const text = ctx.evaluator.text(target);
  if (
    text !== undefined &&
    !text.includes(HOLE) &&
    (text.startsWith('/') || text.startsWith('\0') || text.startsWith('@'))
  )
    return { kind: 'loopback', url: text };
  return undefined;
}

/** socket.socket(AF_UNIX, ...): the family argument resolves to socket.AF_UNIX (or its value, 1). */
function isUnixSocketConstructor(ctx: FileContext, node: Node): boolean {
  const call = unwrap(node);
  if (call.type !== 'call') return false;
  const callee = call.childForFieldName('function');
  if (!callee || !ctx.evaluator.paths(callee).map(normalizePath).includes('socket.socket')) return false;
  const args = callArguments(call);
  const family = args.keywords.get('family') ?? args.positional[0];
  if (!family) return false;
  const paths = ctx.evaluator.paths(family).map(normalizePath);
  return (paths.length > 0 && paths.every((path) => path === 'socket.AF_UNIX')) || ctx.evaluator.text(family) === '1';
}

/** The calls whose value is this machine's own name. */
const OWN_NAME = new Set(['socket.gethostname()', 'socket.getfqdn()', 'platform.node()']);

/**
 * socket.gethostbyname(socket.gethostname()): the machine's own name looked up, the idiom for its own address. The
 * resolver answers it (often from /etc/hosts); no name of anyone else's domain is asked, so nothing leaves to them.
 */
export function resolvesOwnName(ctx: FileContext, call: CallFact, api: NetworkApi): boolean {
  const name = call.args.positional[0];
  if (api.kind !== 'dns' || !name) return false;
  const paths = ctx.evaluator.paths(name);
  return paths.length > 0 && paths.every((path) => OWN_NAME.has(path));
}

function isUnixSocket(ctx: FileContext, call: CallFact): boolean {
  const receiver = call.node.childForFieldName('function')?.childForFieldName('object');
  if (!receiver) return false;
  // s = socket.socket(socket.AF_UNIX, ...) then s.connect(path): every value the name can hold is a Unix socket
  if (receiver.type !== 'identifier') return isUnixSocketConstructor(ctx, receiver);
  const binders = ctx.scopes.lookup(receiver.text, ctx.scopes.scopeFor(receiver));
  return (
    binders.length > 0 && binders.every((binder) => binder.kind === 'expr' && isUnixSocketConstructor(ctx, binder.node))
  );
}

function egressSeverity(
  destination: Destination | undefined,
  weight: number,
  hidden: boolean,
  dns: boolean,
  beacon: boolean,
): Severity {
  // resolving an IP address literal sends no query; a bot the user's own token reaches is the user's channel; a
  // tool asked to find the user's public address (for a firewall rule) asks an IP-lookup service when called
  const shady =
    isShady(destination) &&
    !isUsersChannel(destination) &&
    !(dns && isIP(destination?.host ?? '') > 0) &&
    // (and a chat service's API, asked by a login provider or a bot library the user drives; webhooks and bot
    // tokens are their own kinds and rules)
    !((destination?.kind === 'ip-lookup' || destination?.kind === 'chat-service') && weight === 0 && !beacon);
  const base: Severity = shady || beacon ? 'medium' : destination?.host ? 'low' : 'info';
  return raise(hidden ? 'high' : base, weight === 2 ? 2 : weight);
}

const SENDING_METHOD = /\.(post|put|patch)$/;
const BODY_KEYWORDS = ['data', 'json', 'files'];

/**
 * A call that tells a named host something by itself: a DNS query for it, a mail connection, or a request with a
 * body, made by code that runs on import, install or start-up. Libraries fetch when called; a beacon reports the
 * install unasked.
 */
function isBeacon(call: CallFact, api: NetworkApi, destination: Destination | undefined, weight: number): boolean {
  const host = destination?.host;
  if (weight === 0 || !host || isIP(host) > 0) return false;
  // a mail connection is opened to send mail: nothing in a library's import needs one; a query for a name of one
  // label ("nonexistent": a check that the resolver does not answer everything) reaches no one's domain
  if (api.kind === 'dns') return host.includes('.');
  if (api.kind === 'mail') return true;
  return SENDING_METHOD.test(api.path) || BODY_KEYWORDS.some((keyword) => call.args.keywords.has(keyword));
}

/**
 * A host the call reaches that the file never writes: its domain (the last two labels, or the whole IP address)
 * appears in none of its string literals, so it was decoded, reversed or assembled from pieces at run time to hide
 * it (a comment naming the host does not count: an author can write one to defeat this).
 */
function hiddenHost(destination: Destination | undefined, lowered: () => string): boolean {
  const host = destination?.host;
  if (!host) return false;
  const domain = isIP(host) ? host : host.split('.').slice(-2).join('.');
  return domain.length > 0 && !lowered().includes(domain);
}

/** getaddrinfo(text, port, flags=AI_NUMERICHOST) parses an address and never asks a DNS server. */
function isNumericOnly(ctx: FileContext, api: NetworkApi, call: CallFact): boolean {
  if (api.path !== 'socket.getaddrinfo') return false;
  const flags = call.args.keywords.get('flags') ?? call.args.positional[5];
  if (!flags) return false;
  // the flag as resolved (socket.AI_NUMERICHOST, alone or or-ed with others), never a name that merely reads so
  const operands =
    unwrap(flags).type === 'binary_operator'
      ? [...flags.descendantsOfType('attribute'), ...flags.descendantsOfType('identifier')]
      : [flags];
  return operands.some((operand) => !!operand && ctx.evaluator.paths(operand).includes('socket.AI_NUMERICHOST'));
}

/** The telemetry vendor a call sends to, if it is one of their SDKs' send calls (no array made per call). */
function telemetryVendor(call: CallFact): string | undefined {
  for (const path of call.paths) {
    const vendor = TELEMETRY_SENDS.get(path);
    if (vendor) return vendor;
  }
  return undefined;
}

export function networkRules(ctx: FileContext): void {
  let networkCalls = 0;
  const lowered = () => writtenText(ctx);
  for (const call of ctx.facts.calls) {
    const api = networkApiOf(call);
    if (api) {
      if (
        isUnixSocket(ctx, call) ||
        isNumericOnly(ctx, api, call) ||
        isMockedRequest(ctx, api, call) ||
        resolvesOwnName(ctx, call, api)
      )
        continue;
      const destination = destinationOf(ctx, call, api.destination);
      if (isLocal(destination)) continue;
      if (api.onlyWithData && !destination?.url?.includes('{…}')) continue;
      networkCalls++;
      const trigger = ctx.triggers.triggerOf(call.node);
      const hidden = hiddenHost(destination, lowered);
      const weight = triggerWeight(trigger);
      const beacon = isBeacon(call, api, destination, weight);
      const where = destination ? ` to ${describeDestination(destination)}` : '';
      const disguise = hidden ? ', a host the file never writes (decoded or assembled at run time to hide it)' : '';
      addFinding(ctx, call.node, {
        rule: api.kind === 'dns' ? 'egress-dns-lookup' : 'egress-network-call',
        severity: egressSeverity(destination, weight, hidden, api.kind === 'dns', beacon),
        message: `${api.path.replace(/\(\)/g, '()')} (${api.library}) opens an outbound ${api.kind} connection${where}${disguise}`,
        capability: 'network',
        destination,
        trigger,
      });
      continue;
    }
    const vendor = telemetryVendor(call);
    if (vendor) {
      networkCalls++;
      const trigger = ctx.triggers.triggerOf(call.node);
      addFinding(ctx, call.node, {
        rule: 'telemetry-call',
        severity: raise('low', triggerWeight(trigger) > 0 ? 1 : 0),
        message: `sends telemetry to ${vendor} (${call.paths[0]})`,
        capability: 'telemetry',
        trigger,
      });
      continue;
    }
    dynamicNetworkAttribute(ctx, call);
  }
  if (networkCalls === 0) objectSendRules(ctx);
  importRules(ctx, networkCalls);
}

/** Whether the file belongs to a network package or imports a network module. */
function drivesConnections(ctx: FileContext): boolean {
  const top = moduleOfMember(ctx.path)?.split('.')[0];
  if (top && NETWORK_PACKAGES.includes(top)) return true;
  return ctx.facts.imports.some((fact) =>
    fact.modules.some((module) =>
      NETWORK_MODULES.some((network) => module === network || module.startsWith(`${network}.`)),
    ),
  );
}

/**
 * Items of calls that make no outbound connection: pairs of connected local endpoints (what is sent stays in the
 * process), and a connection a listening socket accepted (a reply to a peer that called in).
 */
const NOT_OUTBOUND_ITEMS = new Set([
  'socket.socketpair()[]',
  'os.pipe()[]',
  'multiprocessing.Pipe()[]',
  'socket.socket().accept()[]',
]);

/**
 * Outbound logic through objects: `conn.urlopen(...)`, `self.transport._send_user_message(m)`, `adapter.send(r)`
 * on an object whose class this file does not show, in a file that drives connections. One info finding per file
 * (the egress verdict), only when no network API call was found.
 */
function objectSendRules(ctx: FileContext): void {
  if (!drivesConnections(ctx)) return;
  // a generator advanced with next(flow) and flow.send(value) is no connection: a name passed to next() and
  // assigned from a call of a generator function the file defines (one with yield)
  const generatorFunctions = new Set(
    ctx.scopes.module.node
      .descendantsOfType('function_definition')
      .filter((fn) => !!fn && fn.descendantsOfType('yield').length > 0)
      .map((fn) => fn!.childForFieldName('name')?.text),
  );
  const madeByGenerator = (name: Node) =>
    ctx.scopes.valuesOf(name).some((value) => {
      const callee = unwrap(value).type === 'call' ? unwrap(value).childForFieldName('function') : null;
      const called = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text;
      return called !== undefined && generatorFunctions.has(called);
    });
  const generators = new Set(
    ctx.facts.calls
      .filter((call) => call.paths.includes('builtins.next') && call.args.positional[0]?.type === 'identifier')
      .filter((call) => madeByGenerator(call.args.positional[0]))
      .map((call) => call.args.positional[0].text),
  );
  for (const call of ctx.facts.calls) {
    const callee = call.node.childForFieldName('function');
    if (callee?.type !== 'attribute') continue;
    const method = callee.childForFieldName('attribute')?.text ?? '';
    if (!SEND_METHODS.has(method)) continue;
    const receiver = callee.childForFieldName('object');
    if (receiver && generators.has(receiver.text)) continue;
    // a receiver the evaluator resolves is judged by the API rules above (a Unix socket stays local there); an item
    // unpacked from a call's value (`s, _ = connect()`) is not resolved, unless the call makes no outbound connection
    const value = receiver ? ctx.evaluator.value(receiver) : undefined;
    const unpacked = (path: string) => path.endsWith('()[]') && !NOT_OUTBOUND_ITEMS.has(path);
    if (!value || value.functions.length > 0 || !value.paths.every(unpacked)) continue;
    addFinding(ctx, call.node, {
      rule: 'egress-via-object',
      severity: 'info',
      message: `${callee.text.slice(0, 80)}() sends through a connection object of a network library`,
      capability: 'network',
    });
    return;
  }
}

function dynamicNetworkAttribute(ctx: FileContext, call: CallFact): void {
  const dynamic = call.paths.find(
    (path) =>
      path.endsWith('.?') && NETWORK_MODULES.some((module) => path === `${module}.?` || path.startsWith(`${module}.`)),
  );
  if (!dynamic) return;
  addFinding(ctx, call.node, {
    rule: 'egress-dynamic-attribute',
    severity: raise('low', triggerWeight(ctx.triggers.triggerOf(call.node))),
    message: `calls an attribute of ${dynamic.slice(0, -2)} chosen at run time (getattr with a computed name)`,
    capability: 'network',
  });
}

function importRules(ctx: FileContext, networkCalls: number): void {
  for (const fact of ctx.facts.imports) {
    const telemetry = TELEMETRY_SDKS.find((sdk) =>
      fact.modules.some((module) => module === sdk.module || module.startsWith(`${sdk.module}.`)),
    );
    if (telemetry) {
      addFinding(ctx, fact.node, {
        rule: 'telemetry-sdk',
        severity: 'info',
        message: `imports the ${telemetry.vendor} telemetry SDK (${telemetry.module})`,
        capability: 'telemetry',
      });
      continue;
    }
    if (networkCalls > 0) continue;
    const network = fact.modules.find((module) => NETWORK_MODULES.includes(module));
    if (network) {
      addFinding(ctx, fact.node, {
        rule: 'network-import',
        severity: 'info',
        message: `imports the network module ${network} (no outbound call found in this file)`,
        capability: 'network',
      });
    }
  }
}
