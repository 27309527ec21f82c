// Rules on string constants that code uses: hard-coded endpoints, API keys and DSNs, credential file
// paths, persistence locations. Words in comments and docstrings, and URLs no code uses, are not findings.
import type { Severity } from '../../model/result.ts';
import { PERSISTENCE_PATTERNS } from '../indicators/persistence.ts';
import { NETWORK_TOOLS, PAYLOAD_LAUNCH, SILENT_EXECUTION } from '../indicators/process.ts';
import { KEY_PATTERNS, PLACEHOLDER_SECRET, SECRET_NAME } from '../indicators/secrets.ts';
import { CREDENTIAL_PATHS } from '../indicators/sources.ts';
import {
  CREDENTIAL_IN_URL,
  classify,
  describeDestination,
  destinationFromUrl,
  isShady,
  WEBHOOK_KINDS,
} from '../destinations.ts';
import { HOLE } from '../evaluate.ts';
import { addFinding, type FileContext, raise, triggerWeight } from '../file-context.ts';
import { anyPatternTest } from '../pattern-union.ts';
import { wordCounter } from '../word-counts.ts';
import type { Node } from '../syntax.ts';
import { enclosingBody, makesNetworkCall, writesProgram, writtenCommands } from './drop-and-run.ts';
import { networkApiOf } from './network.ts';

const WHOLE_URL = /^\s*(https?|wss?|ftp|tcp|udp):\/\/\S+\s*$/i;
const IPV4 = /^\s*(\d{1,3}\.){3}\d{1,3}(:\d{1,5})?\s*$/;

const OID_ROOT = /^(0\.9|1\.[23]|2\.(5|16|23))\./;

/** A bare dotted quad of small numbers (1.0.0.0, 2.5.29.9, 3.1.1.6) is a version or an OID, not an address. */
function isAddress(value: string): boolean {
  const [quad, port] = value.trim().split(':');
  const octets = quad.split('.').map(Number);
  if (octets.some((octet) => octet > 255)) return false;
  // the arcs every X.509/ASN.1 object identifier starts with (1.2 ISO member bodies, 1.3 ISO organisations,
  // 2.5 directory services, 2.16 countries, 2.23 international bodies, 0.9 data networks): 1.3.101.112 is Ed25519
  if (port === undefined && OID_ROOT.test(quad)) return false;
  return port !== undefined || octets[0] >= 10 || octets.slice(1).some((octet) => octet >= 100);
}
const METADATA_NAMES = /^__\w+__$/;
const MESSAGE_CALL =
  /(Error|Exception|Warning|warn|warning|info|debug|log|print|echo|write|error|critical|exception|format|help|description|_|gettext|ngettext|add_argument|option|secho|style)$/;
const NOT_DESTINATION_KINDS = new Set(['loopback', 'namespace', 'private-network', 'reserved']);

type Usage = 'used' | 'unused' | 'message' | 'comparison' | 'local';

/** Modules whose functions take URLs apart without connecting anywhere. */
const URL_PARSING = /^(urllib\.parse|urlparse)\./;

/** A call that keeps its arguments on the machine: URL parsing, or this file's own code that makes no network call. */
function callKeepsLocal(ctx: FileContext, call: Node): boolean {
  const callee = call.childForFieldName('function');
  if (!callee) return false;
  if (ctx.evaluator.paths(callee).some((path) => URL_PARSING.test(path))) return true;
  const definitions = localDefinitions(ctx, callee);
  return (
    definitions.length > 0 &&
    definitions.every(
      (definition) =>
        !ctx.facts.calls.some(
          (inner) =>
            inner.node.startIndex >= definition.startIndex &&
            inner.node.endIndex <= definition.endIndex &&
            networkApiOf(inner),
        ),
    )
  );
}

/** Functions and classes of this file a callee denotes: f(...), Cls(...), and obj.method(...) with obj = Cls(...). */
function localDefinitions(ctx: FileContext, callee: Node): Node[] {
  const classesOf = (name: Node) =>
    ctx.scopes
      .lookup(name.text, ctx.scopes.scopeFor(name))
      .flatMap((binder) => (binder.kind === 'class' ? [binder.node] : []));
  const definitions = [...ctx.evaluator.value(callee).functions];
  if (callee.type === 'identifier') definitions.push(...classesOf(callee));
  const object = callee.type === 'attribute' ? callee.childForFieldName('object') : null;
  if (object?.type === 'identifier') {
    for (const binder of ctx.scopes.lookup(object.text, ctx.scopes.scopeFor(object))) {
      const constructor =
        binder.kind === 'expr' && binder.node.type === 'call' ? binder.node.childForFieldName('function') : null;
      if (constructor?.type === 'identifier') definitions.push(...classesOf(constructor));
    }
  }
  return definitions;
}

/** How code uses a string literal: as data that goes somewhere, in a message, in a comparison, or not at all. */
function usageOf(ctx: FileContext, node: Node, references: (name: string) => number): Usage {
  let current: Node = node;
  for (let depth = 0; depth < 8; depth++) {
    const parent = current.parent;
    if (!parent) return 'used';
    switch (parent.type) {
      case 'argument_list': {
        const call = parent.parent;
        const callee = call?.childForFieldName('function')?.text ?? '';
        if (MESSAGE_CALL.test(callee) || call?.parent?.type === 'raise_statement') return 'message';
        return call && callKeepsLocal(ctx, call) ? 'local' : 'used';
      }
      case 'keyword_argument':
      case 'parenthesized_expression':
      case 'list':
      case 'tuple':
      case 'set':
      case 'pair':
      case 'dictionary':
      case 'expression_list':
      case 'binary_operator':
      case 'concatenated_string':
      case 'interpolation':
        current = parent;
        continue;
      case 'comparison_operator':
        return 'comparison';
      case 'assignment': {
        const left = parent.childForFieldName('left');
        if (!left || left.id === current.id) return 'used';
        if (left.type !== 'identifier') return 'used';
        if (METADATA_NAMES.test(left.text)) return 'unused';
        return references(left.text) > 1 ? 'used' : 'unused';
      }
      case 'default_parameter':
      case 'typed_default_parameter':
        return 'used';
      default:
        return 'used';
    }
  }
  return 'used';
}

/** A string assigned to a name: it runs when the name is used, not where it is defined. */
function definesConstant(node: Node): boolean {
  let current: Node | null = node.parent;
  for (let depth = 0; current && depth < 6; depth++, current = current.parent) {
    if (current.type === 'argument_list') return false;
    if (current.type === 'assignment') return current.childForFieldName('left')?.type === 'identifier';
  }
  return false;
}

/** The name a string is stored under: an assignment target or a keyword argument. */
function storedUnder(node: Node): string | undefined {
  const parent = node.parent;
  if (parent?.type === 'assignment') return parent.childForFieldName('left')?.text.split('.').pop();
  if (parent?.type === 'keyword_argument') return parent.childForFieldName('name')?.text;
  if (parent?.type === 'pair') return parent.childForFieldName('key')?.text.replace(/^['"]|['"]$/g, '');
  return undefined;
}

function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let result = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    result -= p * Math.log2(p);
  }
  return result;
}

/** Whether a strong key pattern, a credential path or a persistence place matches (one regex run per flag set). */
const MATCHES_AN_INDICATOR = anyPatternTest([
  ...KEY_PATTERNS.filter((key) => key.strength === 'strong').map((key) => key.pattern),
  ...CREDENTIAL_PATHS.map(({ pattern }) => pattern),
  ...PERSISTENCE_PATTERNS.map(({ pattern }) => pattern),
]);

/** A cheap look at the value first: most strings (messages, names, docs) can match no rule here. */
function mightMatter(value: string): boolean {
  if (value.includes('://') || /\d\.\d+\.\d+\.\d/.test(value) || /webhook|telegram|\/bot\d/i.test(value)) return true;
  if (value.length >= 20 && !/\s/.test(value)) return true;
  return MATCHES_AN_INDICATOR(value);
}

/** Autostart places system administration tools manage on request; named when called, they are a capability. */
const ADMIN_SCHEDULERS = new Set(['cron', 'a systemd unit', 'a shell start-up file']);

export function stringRules(ctx: FileContext): void {
  // counted once, and only when a candidate string is stored under a name (most files have none)
  let counter: ((name: string) => number) | undefined;
  const references = (name: string) => (counter ??= wordCounter(ctx.scopes.module.node.text))(name);
  const reportedHosts = new Set(ctx.findings.map((f) => f.destination?.host).filter((host): host is string => !!host));
  const reportedLines = new Set(ctx.findings.filter((f) => f.destination).map((f) => f.line));
  for (const node of ctx.facts.strings) {
    const value = ctx.evaluator.text(node);
    if (value === undefined || value.length < 4 || !mightMatter(value)) continue;
    const usage = usageOf(ctx, node, references);
    if (usage === 'unused') continue;
    const line = node.startPosition.row + 1;
    const weight = lazyWeight(ctx, node);
    keyRules(ctx, node, value, usage, weight);
    if (usage !== 'used' && usage !== 'local') continue;
    if (usage === 'used') endpointRule(ctx, node, value, weight, reportedHosts, reportedLines.has(line));
    placeRules(ctx, node, value, weight);
  }
  // os.path.join(APPDATA, "Microsoft", ..., "Startup"): a place named only by the joined path, no piece alone
  for (const call of ctx.facts.calls) {
    if (!call.paths.some((path) => PATH_JOINS.has(path))) continue;
    const value = ctx.evaluator.text(call.node);
    if (value === undefined || !MATCHES_AN_INDICATOR(value)) continue;
    if (call.args.positional.some((arg) => MATCHES_AN_INDICATOR(ctx.evaluator.text(arg) ?? ''))) continue;
    placeRules(ctx, call.node, value, lazyWeight(ctx, call.node));
  }
}

/**
 * The weight of a node's trigger, worked out when a rule first asks (most candidate strings are reported by none,
 * and the file's trigger map is then never made).
 */
function lazyWeight(ctx: FileContext, node: Node): () => number {
  let weight: number | undefined;
  return () => (weight ??= triggerWeight(ctx.triggers.triggerOf(node)));
}

/** Paths joined from pieces by a call. */
const PATH_JOINS = new Set(['os.path.join', 'posixpath.join', 'ntpath.join']);

/** Credential files and autostart places a string (or a joined path) names. */
function placeRules(ctx: FileContext, node: Node, value: string, weight: () => number): void {
  for (const { pattern, what } of CREDENTIAL_PATHS) {
    if (!pattern.test(value)) continue;
    addFinding(ctx, node, {
      rule: 'sensitive-file-access',
      severity: raise('low', weight() === 2 ? 1 : 0),
      message: `refers to ${what} (${value.replaceAll(HOLE, '{…}').slice(0, 120)})`,
      capability: 'sensitive-files',
    });
    break;
  }
  for (const { pattern, what } of PERSISTENCE_PATTERNS) {
    if (!pattern.test(value)) continue;
    // fetched from the network by the same function: a download into an autostart place, a dropper's persistence,
    // or that writes a program or script: a dropper putting itself where it runs at every boot. Shell start-up
    // files only when a command is added: tool installers download and then add a PATH line there.
    const body = inStringTable(node) ? undefined : enclosingBody(node);
    const downloads = body !== undefined && makesNetworkCall(ctx, body);
    const dropper = !body
      ? undefined
      : what === 'a shell start-up file'
        ? startsProgramAtLogin(writtenCommands(ctx, body), downloads)
          ? 'adds a command to it that starts a program'
          : undefined
        : downloads
          ? 'downloads'
          : writesProgram(ctx, body)
            ? 'writes a program'
            : undefined;
    if (dropper) {
      addFinding(ctx, node, {
        rule: 'persistence',
        severity: raise('high', weight() > 0 ? 1 : 0),
        message: `refers to ${what}, a way to run code again at every log-in or boot, in code that ${dropper}`,
        capability: 'persistence',
      });
      break;
    }
    addFinding(ctx, node, {
      rule: 'persistence',
      // code that runs by itself and installs itself to run again is a dropper's signature
      // a name in a table of file names (a lexer's or an editor's list of shell files) is data, not a target
      // Linux schedulers and start-up files named in code the user calls (a completion installer editing ~/.bashrc,
      // a cluster tool writing /etc/cron.d, a policy agent managing cron) do what they are asked: low, unless the
      // code downloads or writes a program there (above), or adds a job run at every boot (@reboot command)
      severity:
        inStringTable(node) || (weight() === 0 && ADMIN_SCHEDULERS.has(what) && !/@reboot\s+\S/i.test(value))
          ? 'low'
          : raise(
              'medium',
              // install and start-up code has no business with autostart places, named in a constant or not;
              // on import, a module constant naming one is data (shell start-up files: completion installers)
              weight() === 2 || (weight() === 1 && what !== 'a shell start-up file' && !definesConstant(node)) ? 1 : 0,
            ),
      message: `refers to ${what}, a way to run code again at every log-in or boot`,
      capability: 'persistence',
    });
    break;
  }
}

/**
 * Command lines written to a shell start-up file that start a program at every log-in: any command, when the same
 * function downloads; otherwise one that reaches the network, launches a payload or runs in the background.
 */
function startsProgramAtLogin(
  { commands, unreadable }: ReturnType<typeof writtenCommands>,
  downloads: boolean,
): boolean {
  // a downloader that writes lines it builds at run time there: nothing shows they are only PATH set-up
  if (downloads && unreadable) return true;
  return commands.some(
    (line) =>
      downloads ||
      NETWORK_TOOLS.test(line) ||
      PAYLOAD_LAUNCH.test(line) ||
      SILENT_EXECUTION.test(line) ||
      ALIAS_HIJACK.test(line) ||
      /&\s*$/.test(line),
  );
}

/**
 * An alias that puts a program of a temporary or hidden place in front of a command, or one that asks for passwords
 * (sudo, su, passwd, ssh) in front of a program at a path: every use runs it, typed password included.
 */
const ALIAS_HIJACK =
  /^\s*alias\s+((sudo|su|passwd|ssh)\s*=\s*['"]?[^'"\n]*\/|[\w.-]+\s*=\s*['"]?[^'"\n]*(\/tmp\/|\/dev\/shm\/|\/var\/tmp\/|\/\.[\w.-]+(['"\s;]|$)))/;

/** A string that is one item of a literal list, tuple or set of three or more strings. */
function inStringTable(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'list' || parent.type === 'tuple' || parent.type === 'set') {
    const items = parent.namedChildren.filter((child) => child && child.type !== 'comment');
    if (items.length >= 3 && items.every((child) => child?.type === 'string')) return true;
    // a row of a literal table: ("kind", "/etc/cron.d/") among three or more rows of the same shape
    return parent.type === 'tuple' && isTableRow(parent);
  }
  // a value in a literal mapping of three or more entries ({"reboot": "@reboot", "hourly": "0 * * * *", ...})
  return parent.type === 'pair' && parent.childForFieldName('value')?.id === node.id && isTableRow(parent);
}

/** A tuple or dict entry that is one of three or more in a literal list, tuple or dict. */
function isTableRow(row: Node): boolean {
  const table = row.parent;
  if (!table || !['list', 'tuple', 'set', 'dictionary'].includes(table.type)) return false;
  const rows = table.namedChildren.filter((child) => child && child.type !== 'comment');
  return rows.length >= 3 && rows.every((child) => child?.type === row.type);
}

function endpointRule(
  ctx: FileContext,
  node: Node,
  value: string,
  weight: () => number,
  reported: Set<string>,
  lineHasSink: boolean,
): void {
  const webhook = classify(undefined, value);
  const bareAddress = IPV4.test(value) && isAddress(value);
  if (!WHOLE_URL.test(value) && !bareAddress && !webhook) return;
  const destination = bareAddress
    ? { host: value.trim().split(':')[0], kind: classify(value.trim().split(':')[0], value) }
    : destinationFromUrl(value);
  if (!destination || (destination.kind && NOT_DESTINATION_KINDS.has(destination.kind))) return;
  if ((destination.host && reported.has(destination.host)) || (lineHasSink && !isShady(destination))) return;
  // a webhook URL embeds the token that lets anyone post to it: libraries do not ship one
  // an IP address written inside a function the user calls (tests, parsers, address tables), and handed to no
  // network call here, is rarely a destination; nor is one a module constant defines on import (a test's fixture
  // address: a call that uses it is reported with its own trigger). Elsewhere at import, and at install or start-up
  // time, it stays medium
  const callTimeAddress =
    destination.kind === 'ip-literal' && (weight() === 0 || (weight() === 1 && definesConstant(node)));
  // a bot API's base URL (https://api.telegram.org/bot) is what client libraries ship; the token makes it a credential
  const keyedHook = WEBHOOK_KINDS.has(destination.kind ?? '') && CREDENTIAL_IN_URL.test(value);
  const unkeyedHook = WEBHOOK_KINDS.has(destination.kind ?? '') && !keyedHook;
  // a URL on a cheap top-level domain, written but handed to no network call, is weak evidence: URL parsers' test
  // tables are full of them (tornado's and hyperlink's emoji .ws domains)
  const unusedCheapDomain = destination.kind === 'suspicious-tld' && weight() < 2;
  // a chat service's page or CDN address built in code the user calls (a login provider's avatar URL), handed to no
  // network call here; its webhooks and bot tokens are judged above
  const callTimeChat = destination.kind === 'chat-service' && weight() === 0;
  const base: Severity = keyedHook
    ? 'high'
    : unkeyedHook
      ? 'info'
      : callTimeAddress || unusedCheapDomain || callTimeChat
        ? 'low'
        : isShady(destination)
          ? 'medium'
          : 'info';
  addFinding(ctx, node, {
    rule: 'hardcoded-endpoint',
    severity: raise(base, isShady(destination) && !unkeyedHook && weight() === 2 ? 1 : 0),
    message: `hard-coded endpoint ${describeDestination(destination)}`,
    capability: 'network',
    destination,
  });
}

/** A key is data, not behaviour: defining it on import does nothing, so only install and start-up code raise it. */
function keyRules(ctx: FileContext, node: Node, value: string, usage: Usage, weight: () => number): void {
  if (usage === 'comparison' || value.includes(HOLE)) return;
  for (const key of KEY_PATTERNS) {
    if (key.strength === 'weak') {
      const name = storedUnder(node);
      const candidate = value.trim();
      if (
        !name ||
        !SECRET_NAME.test(name) ||
        !key.pattern.test(candidate) ||
        PLACEHOLDER_SECRET.test(candidate) ||
        entropy(candidate) < 3.5
      )
        continue;
      if (!/\d/.test(candidate) || !/[A-Za-z]/.test(candidate)) continue;
      addFinding(ctx, node, {
        rule: 'hardcoded-secret',
        severity: raise('low', weight() === 2 ? 1 : 0),
        message: `hard-coded credential in '${name}', a key for a remote service`,
        capability: 'network',
      });
      return;
    }
    const match = key.pattern.exec(value);
    if (!match || PLACEHOLDER_SECRET.test(match[0])) continue;
    addFinding(ctx, node, {
      rule: 'hardcoded-api-key',
      severity: raise('low', weight() === 2 ? 1 : 0),
      message: `hard-coded ${key.service} (${match[0].slice(0, 12)}…)`,
      capability: 'network',
      destination: key.id === 'sentry-dsn' ? destinationFromUrl(match[0]) : undefined,
    });
    return;
  }
}
