// Known kinds of destinations: where exfiltration usually goes (webhooks, paste sites, tunnels, IP-lookup
// services, throwaway TLDs) and what is not a destination at all (XML namespaces, loopback).

export const WEBHOOK_PATTERNS: { kind: string; pattern: RegExp }[] = [
  { kind: 'discord-webhook', pattern: /\/api\/webhooks\/\d{5,}\/[\w-]+/i },
  { kind: 'telegram-bot', pattern: /\/bot\d{5,}:[\w-]{20,}\/(sendMessage|sendDocument|sendPhoto|sendMediaGroup)/i },
  { kind: 'telegram-bot', pattern: /api\.telegram\.org\/(file\/)?bot/i },
  { kind: 'slack-webhook', pattern: /hooks\.slack\.com\/(services|workflows)\//i },
  { kind: 'teams-webhook', pattern: /\.webhook\.office\.com\/webhookb2\//i },
];

export const HOST_KINDS: { kind: string; hosts: string[] }[] = [
  {
    kind: 'paste-or-file-host',
    hosts: [
      'pastebin.com',
      'paste.ee',
      'hastebin.com',
      'ghostbin.site',
      'rentry.co',
      'transfer.sh',
      'filetransfer.io',
      'sendspace.com',
      'files.catbox.moe',
      'anonfiles.com',
      'gofile.io',
      'termbin.com',
      'dpaste.org',
      'paste.rs',
      'bashupload.com',
      'file.io',
    ],
  },
  {
    kind: 'tunnel-or-oast',
    hosts: [
      'ngrok.io',
      'ngrok-free.app',
      'ngrok-free.dev',
      'ngrok.app',
      'trycloudflare.com',
      'localhost.run',
      'serveo.net',
      'workers.dev',
      'webhook.site',
      'webhook.cool',
      'oastify.com',
      'burpcollaborator.net',
      'burpcollaborator.me',
      'interact.sh',
      'oast.pro',
      'oast.live',
      'oast.site',
      'oast.online',
      'oast.fun',
      'oast.me',
      'pipedream.net',
      'requestbin.net',
      'dnslog.cn',
      'ceye.io',
      'beeceptor.com',
      'webhook-test.com',
      'typedwebhook.tools',
      'ply.gg',
      'canarytokens.com',
    ],
  },
  {
    kind: 'ip-lookup',
    hosts: [
      'ipinfo.io',
      'ipify.org',
      'api.ipify.org',
      'ifconfig.me',
      'icanhazip.com',
      'checkip.dyndns.org',
      'checkip.amazonaws.com',
      'ip.me',
      'jsonip.com',
      'ipapi.co',
      'ip-api.com',
      'wtfismyip.com',
      'myexternalip.com',
      'ident.me',
    ],
  },
  {
    kind: 'url-shortener',
    hosts: ['bit.ly', 'tinyurl.com', 'is.gd', 'cutt.ly', 'rb.gy', 't.ly', 'shorturl.at', 'goo.gl'],
  },
  { kind: 'chat-service', hosts: ['discord.com', 'discordapp.com', 'api.telegram.org'] },
];

export const SUSPICIOUS_TLDS = new Set([
  'tk',
  'ml',
  'ga',
  'cf',
  'gq',
  'xyz',
  'top',
  'pw',
  'icu',
  'cam',
  'sbs',
  'quest',
  'bid',
  'ws',
  'uno',
  'click',
  'link',
  'zip',
  'mov',
  'su',
]);

/** Hosts of URLs that are identifiers, not places code connects to. */
export const NAMESPACE_HOSTS = [
  'www.w3.org',
  'w3.org',
  'xmlns.com',
  'purl.org',
  'schemas.xmlsoap.org',
  'schemas.microsoft.com',
  'schemas.openxmlformats.org',
  'json-schema.org',
  'ns.adobe.com',
  'docs.oasis-open.org',
  'www.iana.org',
  'relaxng.org',
  'xml.org',
  'www.xml.org',
  'ogp.me',
  'schema.org',
];

export function hostKind(host: string): string | undefined {
  const lower = host.toLowerCase();
  for (const { kind, hosts } of HOST_KINDS) {
    if (hosts.some((known) => lower === known || lower.endsWith(`.${known}`))) return kind;
  }
  if (SELF_HOSTED_OAST.test(lower)) return 'tunnel-or-oast';
  return undefined;
}

/**
 * An out-of-band collector run on one's own domain: interactsh servers are named oast.<tld> by convention, and
 * hand out one random subdomain per probe (yojsvm7n.oast.example).
 */
const SELF_HOSTED_OAST = /^[a-z0-9]{6,}\.oast\.[a-z]{2,}$/;
