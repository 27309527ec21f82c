// Reads a destination (URL, host, port) out of a folded string, and says what kind of place it is.
import { isIP } from 'node:net';
import type { Destination } from '../model/result.ts';
import { hostKind, NAMESPACE_HOSTS, SUSPICIOUS_TLDS, WEBHOOK_PATTERNS } from './indicators/hosts.ts';
import { HOLE } from './evaluate.ts';

// A backslash does not end a URL: Python's urlsplit reads `http://127.0.0.1\\@host/` as a URL to `host`.
const URL_PATTERN = /\b((?:https?|wss?|ftp|sftp|tcp|udp|grpc):\/\/[^\s'"<>`]+)/i;
const SHOWN_HOLE = '{…}';

/** The text with unknown parts shown as {…}. */
export function showFolded(text: string): string {
  return text.split(HOLE).join(SHOWN_HOLE);
}

/** Drops trailing characters from a set, in one pass (a `[...]+$` regex is quadratic on long runs of them). */
function trimEnd(text: string, characters: string): string {
  let end = text.length;
  while (end > 0 && characters.includes(text[end - 1])) end--;
  return text.slice(0, end);
}

/** "host:8080" → "host", "host:" → "host": the digits after the last colon, scanned once. */
function withoutPort(hostPort: string): string {
  const colon = hostPort.lastIndexOf(':');
  if (colon < 0) return hostPort;
  // one colon separates the port, whatever it holds (ws://127.0.0.1:-1 is a test's invalid port on the loopback)
  return /^\d*$/.test(hostPort.slice(colon + 1)) || hostPort.indexOf(':') === colon
    ? hostPort.slice(0, colon)
    : hostPort;
}

/** A destination from a URL-shaped string. Hosts that contain unknown parts are left out. */
export function destinationFromUrl(text: string): Destination | undefined {
  const match = URL_PATTERN.exec(text);
  if (!match) return undefined;
  const url = trimEnd(match[1], '),.;');
  const authority = /^[a-z]+:\/\/([^/?#]*)/i.exec(url)?.[1] ?? '';
  const hostPort = authority.includes('@') ? authority.slice(authority.lastIndexOf('@') + 1) : authority;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
  const host = bracketed ? bracketed[1] : withoutPort(hostPort);
  const portText = bracketed ? bracketed[2] : /:(\d+)$/.exec(hostPort)?.[1];
  const destination: Destination = { url: showFolded(url) };
  if (host && !host.includes(HOLE)) destination.host = host.toLowerCase();
  if (portText) destination.port = Number(portText);
  destination.kind = classify(destination.host, url);
  return destination;
}

/** A destination from a host (and port) given separately, e.g. socket.create_connection((host, port)). */
export function destinationFromHost(host: string | undefined, port: string | undefined): Destination | undefined {
  if (host !== undefined && /^[a-z]+:\/\//i.test(host)) return destinationFromUrl(host);
  // "host:port" in one string (grpc targets, ftplib hosts)
  const joined = port === undefined && host !== undefined ? /^([^:\s/]+):(\d{1,5})$/.exec(host) : null;
  if (joined) return destinationFromHost(joined[1], joined[2]);
  // an address in brackets, as URLs write IPv6 ones ("[localhost]", "[::1]"), names the host inside
  const bracketed = host !== undefined ? /^\[([^\]]+)\]$/.exec(host) : null;
  if (bracketed) return destinationFromHost(bracketed[1], port);
  // a file path given where a URL or host goes (urlopen("/usr/share/data")) names no host: no connection can go there
  if (host !== undefined && /[/\\\s]/.test(host.replaceAll(HOLE, ''))) return undefined;
  const knownHost = host !== undefined && !host.includes(HOLE) && host.length > 0 ? host.toLowerCase() : undefined;
  // f"{data}.collector.example": the domain is fixed, the name under it carries data (the shape of DNS exfiltration)
  const suffix =
    host !== undefined && !knownHost
      ? /\uE000\.((?:[a-z0-9-]+\.)+[a-z]{2,})$/i.exec(host)?.[1]?.toLowerCase()
      : undefined;
  const knownPort = port !== undefined && /^\d{1,5}$/.test(port) ? Number(port) : undefined;
  if (!knownHost && !suffix && knownPort === undefined) return undefined;
  const destination: Destination = {};
  if (knownHost ?? suffix) destination.host = (knownHost ?? suffix)!;
  if (knownPort !== undefined) destination.port = knownPort;
  // a name built under a collector's domain (f"{user}.{host}.oast.fun") is that collector's
  const kind = suffix ? (classify(suffix, suffix) ?? 'dynamic-subdomain') : classify(knownHost, knownHost ?? '');
  if (kind) destination.kind = kind;
  return destination;
}

/** Kinds: discord-webhook, telegram-bot, ..., public-resolver, ip-literal, suspicious-tld, anonymous-network, loopback, private-network, reserved, cloud-metadata, namespace. */
export function classify(host: string | undefined, url: string): string | undefined {
  for (const { kind, pattern } of WEBHOOK_PATTERNS) if (pattern.test(url)) return kind;
  if (!host) return undefined;
  if (host === 'localhost' || host.endsWith('.localhost') || isLoopbackAddress(host)) return 'loopback';
  if (host === '169.254.169.254' || host === 'metadata.google.internal' || host === 'fd00:ec2::254')
    return 'cloud-metadata';
  if (NAMESPACE_HOSTS.includes(host)) return 'namespace';
  // http://3221225985/, http://0xC0000201/, http://0300.0.02.01/: an IPv4 address the C library still connects to
  const spelled = isIP(host) ? undefined : inetAton(host);
  if (spelled !== undefined) return classify(spelled, url.replace(host, spelled));
  if (isIP(host)) {
    if (/^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.)/.test(host) || /^(f[cd]|fe[89ab])/i.test(host))
      return 'private-network';
    // multicast, broadcast and reserved blocks (0.0.0.0/8, 224.0.0.0/3, ff00::/8) are not hosts on the Internet,
    // nor is the address of a whole /16 or larger network (a netmask table's 128.0.0.0, 192.0.0.0, 10.1.0.0)
    if (/^(0|22[4-9]|2[3-5]\d)\./.test(host) || /^ff/i.test(host) || /^\d+\.\d+\.0\.0$/.test(host)) return 'reserved';
    // the Internet's IPv6 hosts are global unicast (2000::/3) or IPv4-mapped; the rest is unassigned or special
    if (isIP(host) === 6 && !/^\[(2|3|::ffff:)/i.test(URL.parse(`http://[${host}]/`)?.hostname ?? ''))
      return 'reserved';
    return hostKind(host) ?? 'ip-literal';
  }
  const known = hostKind(host);
  if (known) return known;
  const tld = host.split('.').pop() ?? '';
  // a Tor onion service or an I2P site: an endpoint nobody can trace, reached through an anonymity network
  if (tld === 'onion' || tld === 'i2p') return 'anonymous-network';
  if (SUSPICIOUS_TLDS.has(tld)) return 'suspicious-tld';
  return undefined;
}

/** 127.0.0.0/8, ::1 and 0.0.0.0 as IP addresses; a host *name* such as 127.0.0.1.example is not one. */
function isLoopbackAddress(host: string): boolean {
  const version = isIP(host);
  if (version === 4) return host.startsWith('127.') || host === '0.0.0.0';
  if (version !== 6) return false;
  // the URL parser writes IPv6 addresses in canonical form: [::1], and [::ffff:7f00:1] for a mapped 127.0.0.1
  const canonical = URL.parse(`http://[${host}]/`)?.hostname ?? '';
  return canonical === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:/.test(canonical);
}

/**
 * The dotted form of an IPv4 address written the way inet_aton also reads it: one to four parts, each decimal, octal
 * (leading 0) or hex (0x), the last filling the remaining bytes. A DNS name never has only numeric labels.
 */
export function inetAton(host: string): string | undefined {
  const parts = host.split('.');
  if (parts.length > 4 || !parts.every((part) => /^(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)$/i.test(part))) return undefined;
  const numbers = parts.map((part) =>
    /^0x/i.test(part) ? Number.parseInt(part.slice(2), 16) : /^0./.test(part) ? Number.parseInt(part, 8) : Number(part),
  );
  const last = numbers.pop()!;
  if (numbers.some((n) => n > 255) || last >= 256 ** (4 - numbers.length)) return undefined;
  const bytes = [...numbers];
  for (let index = 3 - numbers.length; index >= 0; index--) bytes.push(Math.floor(last / 256 ** index) % 256);
  return bytes.join('.');
}

/** Places that are not outside the machine (or not places at all). */
export function isLocal(destination: Destination | undefined): boolean {
  return destination?.kind === 'loopback' || destination?.kind === 'namespace';
}

/** Kinds of destination that are typical of exfiltration and rarely of ordinary libraries. */
export const SHADY_KINDS = new Set([
  'discord-webhook',
  'telegram-bot',
  'slack-webhook',
  'teams-webhook',
  'paste-or-file-host',
  'tunnel-or-oast',
  'ip-lookup',
  'url-shortener',
  'ip-literal',
  'suspicious-tld',
  'anonymous-network',
  'chat-service',
]);

/** The secret part of a webhook or bot URL: a Discord webhook token, a Telegram bot token, Slack or Teams hook ids. */
export const CREDENTIAL_IN_URL =
  /\/api\/webhooks\/\d{5,}\/[\w-]{8,}|\/bot\d{6,}:[\w-]{20,}|hooks\.slack\.com\/(services|workflows)\/[\w/]{10,}|webhookb2\/[\w@-]{10,}/i;
export const WEBHOOK_KINDS = new Set(['discord-webhook', 'telegram-bot', 'slack-webhook', 'teams-webhook']);

/**
 * A chat bot or webhook reached with a credential the user supplies (tqdm's Telegram progress bar): the channel is
 * the user's own, not one written into the package.
 */
export function isUsersChannel(destination: Destination | undefined): boolean {
  return WEBHOOK_KINDS.has(destination?.kind ?? '') && !CREDENTIAL_IN_URL.test(destination?.url ?? '');
}

export function isShady(destination: Destination | undefined): boolean {
  return !!destination?.kind && SHADY_KINDS.has(destination.kind);
}

/** Describes a destination in a few words for messages. */
export function describeDestination(destination: Destination): string {
  const where =
    destination.url ?? `${destination.host ?? '{…}'}${destination.port !== undefined ? `:${destination.port}` : ''}`;
  return destination.kind && !['loopback', 'namespace'].includes(destination.kind)
    ? `${where} (${destination.kind})`
    : where;
}
