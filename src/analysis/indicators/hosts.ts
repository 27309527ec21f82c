// Known kinds of destinations: where exfiltration usually goes (webhooks, paste sites, tunnels, IP-lookup
// services, throwaway TLDs) and what is not a destination at all (XML namespaces, loopback).

export const WEBHOOK_PATTERNS: { kind: string; pattern: RegExp }[] = [
  { kind: 'discord-webhook', pattern: /\/api\/webhooks\/\d{5,}\/[\w-]+/i },
  { kind: 'telegram-bot', pattern: /\/bot\d{5,}:[\w-]{20,}\/(sendMessage|sendDocument|sendPhoto|sendMediaGroup)/i },
  { kind: 'telegram-bot', pattern: /api\.telegram\.org\/(file\/)?bot/i },
  { kind: 'slack-webhook', pattern: /hooks\.slack\.com\/(services|workflows)\//i },
  { kind: 'teams-webhook', pattern: /\.webhook\.office\.com\/webhookb2\//i },
];

/** Tunnels to one person's machine: a name under these providers is an ephemeral endpoint, not a service's API. */
export const TUNNEL_HOSTS = [
  'ngrok.io',
  'ngrok-free.app',
  'ngrok-free.dev',
  'ngrok.app',
  'trycloudflare.com',
  'localhost.run',
  'serveo.net',
  'ply.gg',
  'loca.lt',
  'localtunnel.me',
  'pagekite.me',
  'bore.pub',
  'pinggy.io',
  'pinggy.link',
  'devtunnels.ms',
  'zrok.io',
  'loclx.io',
  'lhr.life',
  'tunnelto.dev',
  'telebit.cloud',
  'playit.gg',
  'portmap.io',
  'serveousercontent.com',
  // wildcard DNS that answers a name with the address written in it (192.0.2.1.nip.io): a raw IP under a name
  'nip.io',
  'sslip.io',
  'xip.io',
];

/**
 * Out-of-band collectors and request catchers (webhook.site, Burp Collaborator, interactsh, IP loggers): they exist to
 * record that something called, which is how dependency-confusion probes prove a callback.
 */
export const COLLECTOR_HOSTS = [
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
  'canarytokens.com',
  'canarytokens.org',
  'hookbin.com',
  'requestcatcher.com',
  'requestrepo.com',
  'postb.in',
  'ptsv2.com',
  'ptsv3.com',
  'mockbin.org',
  'putsreq.com',
  'rbaskets.in',
  'requestinspector.com',
  'requestbin.com',
  'interactsh.com',
  'dnslog.link',
  'dig.pm',
  'eyes.sh',
  'xss.ht',
  'bxss.me',
  'iplogger.org',
  'iplogger.com',
  'iplogger.ru',
  'grabify.link',
  '2no.co',
  // hosted mock REST APIs: a prototype's stand-in backend, which stores whatever is posted to it
  'mockapi.io',
  'mocky.io',
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
      'controlc.com',
      'justpaste.it',
      'pastes.io',
      'privatebin.net',
      'ix.io',
      'sprunge.us',
      'pastie.org',
      '0x0.st',
      'temp.sh',
      'tmpfiles.org',
      'uguu.se',
      'pixeldrain.com',
      'oshi.at',
      'filebin.net',
      'anonfile.com',
      'paste.c-net.org',
    ],
  },
  { kind: 'tunnel-or-oast', hosts: [...TUNNEL_HOSTS, ...COLLECTOR_HOSTS, 'workers.dev'] },
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
      'ipecho.net',
      'api.myip.com',
      'myip.dnsomatic.com',
      'ifconfig.co',
      'ifconfig.io',
      'ip.sb',
      'ipwho.is',
      'ipwhois.app',
      'freegeoip.app',
      'geolocation-db.com',
      'extreme-ip-lookup.com',
      'ip2location.io',
      'l2.io',
      'checkip.dyndns.com',
      'trackip.net',
    ],
  },
  {
    kind: 'url-shortener',
    hosts: [
      'bit.ly',
      'tinyurl.com',
      'is.gd',
      'cutt.ly',
      'rb.gy',
      't.ly',
      'shorturl.at',
      'goo.gl',
      'ow.ly',
      'tiny.cc',
      'v.gd',
      'clck.ru',
      'rebrand.ly',
    ],
  },
  { kind: 'chat-service', hosts: ['discord.com', 'discordapp.com', 'api.telegram.org'] },
  // the public DNS resolvers by their well-known addresses (and DNS-over-HTTPS names): connecting a UDP socket to
  // 8.8.8.8 is how code learns its own outward address, and nobody but Google or Cloudflare receives what is sent
  {
    kind: 'public-resolver',
    hosts: [
      '8.8.8.8',
      '8.8.4.4',
      '1.1.1.1',
      '1.0.0.1',
      '9.9.9.9',
      '149.112.112.112',
      '208.67.222.222',
      '208.67.220.220',
      '2001:4860:4860::8888',
      '2001:4860:4860::8844',
      '2606:4700:4700::1111',
      'dns.google',
      'cloudflare-dns.com',
      'dns.quad9.net',
    ],
  },
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
  'cfd',
  'cyou',
  'rest',
  'buzz',
  'monster',
  'gdn',
  'bar',
  'surf',
  'lat',
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
  for (const { kind, hosts } of HOST_KINDS) if (isUnder(host, hosts)) return kind;
  if (SELF_HOSTED_OAST.test(host.toLowerCase())) return 'tunnel-or-oast';
  return undefined;
}

/** Whether a host is one of `hosts` or a name under one of them. */
export function isUnder(host: string, hosts: readonly string[]): boolean {
  const lower = host.toLowerCase();
  return hosts.some((known) => lower === known || lower.endsWith(`.${known}`));
}

/**
 * An out-of-band collector run on one's own domain: interactsh servers are named oast.<tld> by convention, and
 * hand out one random subdomain per probe (yojsvm7n.oast.example).
 */
const SELF_HOSTED_OAST = /^[a-z0-9]{6,}\.oast\.[a-z]{2,}$/;
