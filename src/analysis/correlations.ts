// Target-level joins: behaviours that are weak alone and the shape of malware together, wherever in the target
// their pieces sit (different functions or files), as GuardDog pairs a capability with a threat. Each join names
// what it saw; risk.ts raises the verdict to high for each.
import { type Finding, SEVERITIES } from '../model/result.ts';
import { COLLECTOR_HOSTS, isUnder, TUNNEL_HOSTS } from './indicators/hosts.ts';

const EGRESS = new Set([
  'egress-network-call',
  'exfiltration',
  'process-network-tool',
  'download-execute',
  'egress-dns-lookup',
]);
/** Stores whose only use by another program is theft: browsers' saved logins, chat tokens, wallets. */
const THEFT_TARGETS =
  /browser credentials|Discord tokens|Telegram session|crypto wallets|saved logins of other programs/;
/** Credential stores that SDKs and tools read legitimately when called; stolen when read by code that runs by itself. */
const CREDENTIAL_STORES =
  /AWS credentials|SSH keys|\.netrc credentials|PyPI credentials|npm credentials|Docker credentials|Kubernetes credentials|git credentials|a \.env file|Google Cloud credentials|Azure credentials|shell history|system accounts/;
/** Destinations that fetch a second stage or take stolen data, not an API's home. */
const SECOND_STAGE_KINDS = new Set([
  'ip-literal',
  'paste-or-file-host',
  'tunnel-or-oast',
  'url-shortener',
  'discord-webhook',
  'telegram-bot',
  'suspicious-tld',
  'anonymous-network',
]);
/** What exfiltration findings say when they send who and where the machine is. */
const IDENTITY = /sends (the host name|the user name|the machine identity|the MAC address|the whole environment)/;
const EXECUTABLE_URL = /\.(exe|scr|msi|bat|cmd|ps1|vbs|hta|pyw|dll)(\?|#|$)/i;
const BOT_TOKEN = /Telegram bot token|Discord bot token/;
/** A chat channel with its credential in the URL: a Discord webhook id/token or a Telegram bot token. */
const BOT_URL = /\/api\/webhooks\/\d{5,}\/[\w-]{20,}|\/bot\d{8,10}:[\w-]{35}\//;

type Located = { path?: string; finding: Finding };

const autoRun = (f: Finding) => f.trigger !== undefined && f.trigger !== 'call';

function isEgress(f: Finding): boolean {
  return EGRESS.has(f.rule) || (f.rule === 'hardcoded-endpoint' && f.severity !== 'info');
}

function shadyFetch(f: Finding): boolean {
  const kind = f.destination?.kind;
  return (
    // an IP-lookup service answers with an address, never a program to run
    (f.severity === 'medium' && kind !== 'ip-lookup') ||
    f.severity === 'high' ||
    f.severity === 'critical' ||
    (kind !== undefined && SECOND_STAGE_KINDS.has(kind)) ||
    EXECUTABLE_URL.test(f.destination?.url ?? '')
  );
}

/**
 * Reads a credential store and sends data out: a stealer even when no single flow is traced. A theft target (a
 * browser's logins, a wallet) anywhere; a store SDKs and tools also read when read by code that runs by itself, or in
 * the file that calls out by itself (a test's path or a tool's option named in another file is not a read).
 */
function credentialTheft(located: Located[], egress: boolean): string | undefined {
  const access = located.filter(({ finding }) => finding.rule === 'sensitive-file-access');
  const theft = access.find(({ finding }) => THEFT_TARGETS.test(finding.message));
  // a store only theft reads is theft whatever carries the loot away (an SDK not known here, a later stage)
  if (theft)
    return `reads ${THEFT_TARGETS.exec(theft.finding.message)![0]}${egress ? ' and sends data over the network' : ', a store only a thief reads'}`;
  // a call out, not an address written down (a test's IP literal)
  const callers = new Set(
    located.filter(({ finding }) => EGRESS.has(finding.rule) && autoRun(finding)).map(({ path }) => path),
  );
  const store = access.find(
    ({ path, finding }) => (autoRun(finding) || callers.has(path)) && CREDENTIAL_STORES.test(finding.message),
  );
  if (store && callers.size > 0)
    return `reads ${CREDENTIAL_STORES.exec(store.finding.message)![0]} and sends data over the network in code that runs without being called`;
  return undefined;
}

/**
 * A Python file served as it is: from a raw-content or paste host, or a /raw/ path. A .py URL elsewhere is as often a
 * CGI script that answers (https://www.example.org/cgi-bin/assign.py).
 */
const PYTHON_URL =
  /^https?:\/\/([^/]*\b(githubusercontent\.com|pastebin\.com|paste\.[\w.]+|hastebin\.com|ghostbin\.\w+)\/|[^?#]*\/raw\/)[^?#]*\.py(\?|#|$)/i;
/** The interpreter started on a script whose path the file does not write (chosen or fetched at run time). */
const BLIND_INTERPRETER = /: (python[\d.]*|pythonw|py)(\.exe)? \{…\}/;

/**
 * Fetches a Python file and starts the interpreter on a script it cannot name: the fetched one, saved under a name
 * built at run time.
 */
function fetchedPythonRun(findings: Finding[], egress: Finding[]): string | undefined {
  const codeFetch = egress.find(
    (f) =>
      PYTHON_URL.test(f.destination?.url ?? '') ||
      (f.destination?.kind === 'paste-or-file-host' && /\.py(\?|#|$)/i.test(f.destination.url ?? '')),
  );
  const blindRun = codeFetch && findings.some((f) => f.capability === 'process' && BLIND_INTERPRETER.test(f.message));
  return blindRun
    ? `downloads Python code (${codeFetch.destination!.url}) and starts the interpreter on a script chosen at run time`
    : undefined;
}

/** Fetches something and launches a program, in different functions or files. */
function dropper(findings: Finding[], egress: Finding[]): string | undefined {
  const launches = findings.filter((f) => f.rule === 'process-launch-payload' || f.rule === 'drop-and-run');
  const exeFetch = findings.find((f) => EXECUTABLE_URL.test(f.destination?.url ?? ''));
  if (launches.length === 0 || (egress.length === 0 && !exeFetch)) return undefined;
  // a fetch that runs by itself counts from a host the code names (a dropper's server), not from a URL the user's
  // settings give (azure-cli reads its cloud's metadata on import when an environment variable asks it to)
  const fetchesByItself = egress.some((f) => autoRun(f) && !!f.destination?.host);
  // (data sent out, however severe, is no download)
  const shadyDownload = egress.some((f) => f.rule !== 'exfiltration' && shadyFetch(f));
  const joined = launches.some(autoRun) || fetchesByItself || shadyDownload || exeFetch !== undefined;
  return joined ? `downloads from the network and launches a program (${launches[0].message.slice(0, 80)})` : undefined;
}

/** Commands that build or inspect the package's own sources. */
const BUILD_STEP =
  /^\s*\S*\b(git|hg|svn|make|cmake|ninja|meson|gcc|g\+\+|cc|clang|c\+\+|cl|ld|nvcc|pkg-config|swig|cython|protoc|rustc|cargo|go|npm|yarn|autoreconf|\.\/configure|xcrun|uname)\b/;

/** Reaches the network and starts another program in the same file, both in code that runs by itself (install, start-up, import). */
function fetchAndRunOnItsOwn(located: Located[]): string | undefined {
  const fetches = located.filter(({ finding: f }) => autoRun(f) && (isEgress(f) || f.rule === 'process-pip-install'));
  for (const { path, finding: fetch } of fetches) {
    const run = located.find(
      ({ path: where, finding: f }) =>
        where === path &&
        f !== fetch &&
        f.capability === 'process' &&
        autoRun(f) &&
        f.rule !== 'process-network-tool' &&
        // a second pip command is the same fetch, not a program it starts
        f.rule !== 'process-pip-install' &&
        !BUILD_STEP.test(f.message.split(': ').slice(1).join(': ')),
    );
    if (run)
      return `reaches the network and starts a program in code that runs without being called (${run.finding.message.slice(0, 80)})`;
  }
  return undefined;
}

/** Sends data to a raw IP address, a tunnel or a throwaway domain, which no published service uses as its API. */
function sendsToShadyHost(egress: Finding[]): string | undefined {
  const send = egress.find(
    (f) =>
      f.rule === 'egress-network-call' &&
      /\.(post|put|patch|send|sendall|sendto)\b/.test(f.message) &&
      ['ip-literal', 'tunnel-or-oast', 'suspicious-tld', 'anonymous-network'].includes(f.destination?.kind ?? ''),
  );
  return send
    ? `sends data to ${send.destination!.host ?? send.destination!.url} (${send.destination!.kind})`
    : undefined;
}

/** A hard-coded chat-bot token or webhook next to code that sends: the usual exfiltration channel of stealers. */
function botChannel(findings: Finding[], egress: Finding[]): string | undefined {
  if (egress.length === 0) return undefined;
  const token = findings.find((f) => f.rule === 'hardcoded-api-key' && BOT_TOKEN.test(f.message));
  if (token) return `a hard-coded ${BOT_TOKEN.exec(token.message)![0]} with code that sends data out`;
  const channel = findings.find((f) => BOT_URL.test(f.destination?.url ?? ''));
  return channel ? `a hard-coded ${channelName(channel)} with code that sends data out` : undefined;
}

const channelName = (f: Finding) =>
  f.destination?.kind === 'discord-webhook' ? 'Discord webhook' : 'Telegram bot token';

/** Calls an out-of-band collector (the callback of a dependency-confusion probe). */
function collectorCallback(findings: Finding[], egress: Finding[]): string | undefined {
  const hit = findings.find(
    (f) =>
      isUnder(f.destination?.host ?? '', COLLECTOR_HOSTS) && (EGRESS.has(f.rule) || autoRun(f) || egress.some(autoRun)),
  );
  return hit ? `calls back to the out-of-band collector ${hit.destination!.host}` : undefined;
}

/** Reaches a tunnel to someone's own machine (a random ngrok or Cloudflare tunnel name). */
function tunnelCallback(egress: Finding[]): string | undefined {
  // a name under the provider (abc123.ngrok.io), not the provider's own site
  const hit = egress.find((f) => {
    const host = f.destination?.host ?? '';
    return isUnder(host, TUNNEL_HOSTS) && !TUNNEL_HOSTS.includes(host.toLowerCase());
  });
  return hit ? `reaches ${hit.destination!.host}, a tunnel to someone's own machine` : undefined;
}

/**
 * Sends the machine's identity and looks up its public address: the profile a recon callback collects. Together in
 * one file, or with either half running by itself; a large tool that finds the user's address for a firewall rule in
 * one command and names the host in another is not one probe.
 */
function identityRecon(located: Located[]): string | undefined {
  const identities = located.filter(({ finding: f }) => f.rule === 'exfiltration' && IDENTITY.test(f.message));
  const lookups = located.filter(({ finding: f }) => isEgress(f) && f.destination?.kind === 'ip-lookup');
  for (const identity of identities) {
    const lookup = lookups.find(
      (candidate) => candidate.path === identity.path || autoRun(candidate.finding) || autoRun(identity.finding),
    );
    if (lookup)
      return `looks up the machine's public address (${lookup.finding.destination!.host}) and ${IDENTITY.exec(identity.finding.message)![0]} to the network`;
  }
  return undefined;
}

/** Records keystrokes and installs itself to run again at log-in: the two halves of a spyware implant. */
function persistentKeylogger(findings: Finding[]): string | undefined {
  const keylogger = findings.find((f) => f.rule === 'keylogger');
  const persistence = findings.find((f) => f.rule === 'persistence');
  return keylogger && persistence
    ? `records keystrokes and ${persistence.message.split(', a way')[0]}, a place that runs it again at every log-in`
    : undefined;
}

const rank = (f: Finding) => SEVERITIES.indexOf(f.severity);

/**
 * What a shadowing copy does by itself that a library does not: medium or worse in code that runs by itself, or a
 * process, a call to a named host or persistence at install, at start-up or in a package's `__init__.py` (run by the import
 * of the package itself; numpy's build helpers start a compiler when a submodule of theirs is imported).
 */
function actsByItself({ path, finding: f }: Located): boolean {
  if (!autoRun(f) || f.severity === 'info' || f.rule === 'pkg-shadows-popular') return false;
  if (rank(f) >= SEVERITIES.indexOf('medium')) return true;
  const acts = f.capability === 'process' || f.capability === 'persistence' || (isEgress(f) && !!f.destination?.host);
  return acts && (f.trigger !== 'import' || /(^|\/)__init__\.py$/.test(path ?? ''));
}

/**
 * A popular project's package shipped under another name (pkg-shadows-popular) that is a trojanized copy: under a
 * look-alike name, or with code that acts by itself.
 */
function shadowingCopy(located: Located[]): string | undefined {
  const shadow = located.find(({ finding }) => finding.rule === 'pkg-shadows-popular')?.finding;
  if (!shadow) return undefined;
  const squat = located.find(({ finding }) => finding.rule === 'meta-typosquat')?.finding;
  if (squat)
    return `ships a copy of the popular package "${shadow.code}" under the look-alike name ${squat.code.split(' ~ ')[0]}`;
  const act = located.find(actsByItself)?.finding;
  return act
    ? `replaces the popular package "${shadow.code}" with a copy whose code, running by itself, ${act.message.slice(0, 120)}`
    : undefined;
}

/**
 * A version shaped to outrank a private package (99.0.0, 999.9.9; not a calendar version) whose code calls out by
 * itself: the callback a dependency-confusion upload makes from the victim's build machine.
 */
function confusionCallback(findings: Finding[], egress: Finding[]): string | undefined {
  const shape = findings.find((f) => f.rule === 'meta-dependency-confusion');
  const major = Number(/\s(?:\d+!)?(\d+)/.exec(shape?.code ?? '')?.[1] ?? NaN);
  const outranking = /^9+$/.test(String(major)) || (major >= 99 && (major < 1990 || major > 2100));
  const call = outranking ? egress.find(autoRun) : undefined;
  return call
    ? `a version shaped to outrank a private package (${shape!.code}) with code that calls out by itself (${call.message.slice(0, 80)})`
    : undefined;
}

/** The joins that hold for a target, one sentence each. */
export function correlations(located: Located[]): string[] {
  const findings = located.map(({ finding }) => finding);
  const egress = findings.filter(isEgress);
  const reasons = [
    credentialTheft(located, egress.length > 0),
    fetchedPythonRun(findings, egress) ?? dropper(findings, egress),
    fetchAndRunOnItsOwn(located),
    sendsToShadyHost(egress),
    botChannel(findings, egress),
    collectorCallback(findings, egress),
    tunnelCallback(egress),
    identityRecon(located),
    persistentKeylogger(findings),
    shadowingCopy(located),
    confusionCallback(findings, egress),
  ];
  const typosquat = findings.find((f) => f.rule === 'meta-typosquat');
  if (typosquat && egress.some((f) => f.trigger !== 'call' || f.destination?.host))
    reasons.push(`a name that imitates a popular package, with network access: ${typosquat.message}`);
  return reasons.filter((reason): reason is string => reason !== undefined);
}
