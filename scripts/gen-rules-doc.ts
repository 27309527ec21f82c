// Generates docs/rules.md from the rule catalogue (RULE_DOCS) and the detection catalogues (network APIs,
// telemetry SDKs, process tools, hosts, keys, sources). Run: node --import tsx scripts/gen-rules-doc.ts
// test/analysis/rules-doc.test.ts fails when docs/rules.md differs from what this renders.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HOST_KINDS, NAMESPACE_HOSTS, SUSPICIOUS_TLDS, WEBHOOK_PATTERNS } from '../src/analysis/indicators/hosts.ts';
import { NETWORK_APIS, NETWORK_MODULES, VENDOR_MARKERS } from '../src/analysis/indicators/network.ts';
import { PERSISTENCE_PATTERNS } from '../src/analysis/indicators/persistence.ts';
import {
  NETWORK_TOOLS,
  PIPE_TO_SHELL,
  POWERSHELL_ENCODED,
  PROCESS_APIS,
  SILENT_EXECUTION,
} from '../src/analysis/indicators/process.ts';
import { KEY_PATTERNS } from '../src/analysis/indicators/secrets.ts';
import { CREDENTIAL_PATHS, SOURCE_APIS } from '../src/analysis/indicators/sources.ts';
import { TELEMETRY_SDKS } from '../src/analysis/indicators/telemetry.ts';
import { RULE_DOCS, type RuleDoc } from '../src/analysis/rules/rule-catalog.ts';

export const RULES_DOC_PATH = fileURLToPath(new URL('../docs/rules.md', import.meta.url));
/** Written by `npm run eval -- --debs DIR --rule-hits FILE`: per rule, benign packages with a finding at medium or above. */
export const BENIGN_HITS_PATH = fileURLToPath(new URL('../data/eval/benign-rule-hits.json', import.meta.url));

interface BenignHits {
  measured: string;
  packages: number;
  rules: Record<string, number>;
}

function benignHits(): BenignHits | undefined {
  try {
    return JSON.parse(readFileSync(BENIGN_HITS_PATH, 'utf8')) as BenignHits;
  } catch {
    return undefined;
  }
}

function measuredLine(rule: RuleDoc, hits: BenignHits | undefined): string[] {
  if (!hits) return [];
  const count = hits.rules[rule.id] ?? 0;
  return [
    `- Measured false positives: ${count} of ${hits.packages} benign packages (${hits.measured}) have a finding of this rule at medium or above`,
  ];
}

const FAMILIES: { family: RuleDoc['family']; title: string; intro: string }[] = [
  {
    family: 'egress',
    title: 'Egress',
    intro:
      'Code that connects to remote services. A Python file with any of these findings gets the verdict "External Egress Risk", except `network-import` and `telemetry-sdk` (capabilities) and `hardcoded-endpoint` (a URL or address literal alone is not outbound logic; only a webhook or bot URL, which carries its own credential, counts).',
  },
  {
    family: 'secrets',
    title: 'Keys and credentials',
    intro: 'Credentials of remote services written into the code; they also make a file egress.',
  },
  {
    family: 'process',
    title: 'Processes',
    intro: 'Programs the code starts, above all those that reach the network or run what they download.',
  },
  {
    family: 'dynamic-code',
    title: 'Dynamic code and hiding',
    intro:
      'Code built, decoded or loaded at run time, and code hidden from readers. Decoded payloads are rescanned as virtual files `FILE#decoded-N`.',
  },
  {
    family: 'data-flow',
    title: 'Data flow, sources and persistence',
    intro:
      'Secrets and machine identity that reach the network, and the places malware reads from or installs itself to.',
  },
  {
    family: 'install-hook',
    title: 'Install and start-up hooks',
    intro: 'Code that runs without anyone calling it: while pip installs an sdist, or at every interpreter start.',
  },
  {
    family: 'unaudited',
    title: 'Not analysed (UNAUDITED)',
    intro:
      'What could not be read or analysed. Any of these makes its target UNAUDITED: the result lists each item (`unaudited`: path, rule, reason), every output shows it, and the check fails at every `--fail-on` level. Nothing that was not analysed is passed as clean.',
  },
  {
    family: 'archive',
    title: 'Archives',
    intro:
      'Problems met while reading a wheel, sdist, egg or folder in memory. These are findings of the target, not of a file.',
  },
  { family: 'package', title: 'Package contents', intro: 'What a distribution ships and where pip would install it.' },
  {
    family: 'metadata',
    title: 'Metadata',
    intro: "Heuristics on the project's name, releases and metadata (`check`, with index data).",
  },
  {
    family: 'known-malware',
    title: 'Known malware',
    intro: 'OSV `MAL-` advisories for PyPI, by name, version and file hash (`check`; skipped under `--offline`).',
  },
];

const code = (text: string) => (text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``);
const fence = (text: string, language = '') => ['```' + language, text, '```'].join('\n');

function ruleSection(rule: RuleDoc, hits: BenignHits | undefined): string {
  return [
    `### ${code(rule.id)}: ${rule.name}`,
    '',
    `- Severity: **${rule.severity}** (default; the message and trigger context can raise or lower it)`,
    `- Catches: ${rule.catches}`,
    `- Known false positives: ${rule.falsePositives}`,
    ...measuredLine(rule, hits),
    '',
    'Example:',
    '',
    fence(
      rule.example,
      rule.family === 'archive' ||
        rule.family === 'package' ||
        rule.family === 'metadata' ||
        rule.family === 'known-malware'
        ? 'text'
        : 'python',
    ),
    '',
  ].join('\n');
}

function networkCatalogue(): string {
  const byLibrary = new Map<string, typeof NETWORK_APIS>();
  for (const api of NETWORK_APIS) byLibrary.set(api.library, [...(byLibrary.get(api.library) ?? []), api]);
  const lines = [
    '### Network APIs',
    '',
    'Calls resolved to these qualified names are `egress-network-call` (or `egress-dns-lookup` for the `dns` kind). `X()` stands for an instance or return value of `X`.',
    '',
  ];
  for (const [library, apis] of byLibrary) {
    const kinds = [...new Set(apis.map((api) => api.kind))].join(', ');
    lines.push(`- **${library}** (${kinds}): ${apis.map((api) => code(api.path)).join(', ')}`);
  }
  lines.push(
    '',
    `Network modules (importing one without any call found is \`network-import\`, info): ${NETWORK_MODULES.map(code).join(', ')}.`,
  );
  lines.push(
    '',
    `Vendored copies are recognised by removing these prefixes: ${VENDOR_MARKERS.map(code).join(', ')} (so \`pip._vendor.requests.get\` is \`requests.get\`).`,
    '',
  );
  return lines.join('\n');
}

function telemetryCatalogue(): string {
  const lines = [
    '### Telemetry and analytics SDKs',
    '',
    'Importing one is `telemetry-sdk` (info); calling one of the listed functions is `telemetry-call`.',
    '',
  ];
  for (const sdk of TELEMETRY_SDKS)
    lines.push(
      `- **${sdk.vendor}** (${code(sdk.module)}): ${sdk.sends.length ? sdk.sends.map((send) => code(`${sdk.module}.${send}`)).join(', ') : 'import only'}`,
    );
  return `${lines.join('\n')}\n`;
}

function processCatalogue(): string {
  return [
    '### Processes and network tools',
    '',
    `Process APIs: ${PROCESS_APIS.map((api) => code(api.path)).join(', ')}.`,
    '',
    'A command line (folded from constants, list arguments joined by spaces) matching this pattern is `process-network-tool`:',
    '',
    fence(NETWORK_TOOLS.source, 'text'),
    '',
    'Fetch-and-run pipelines (`download-execute`):',
    '',
    fence(PIPE_TO_SHELL.source, 'text'),
    '',
    'Encoded PowerShell (`powershell-encoded-command`):',
    '',
    fence(POWERSHELL_ENCODED.source, 'text'),
    '',
    'Hidden or detached processes (`silent-process`):',
    '',
    fence(SILENT_EXECUTION.source, 'text'),
    '',
  ].join('\n');
}

function hostCatalogue(): string {
  const lines = [
    '### Hosts and destinations',
    '',
    'Destinations of these kinds raise the severity of egress findings (webhooks, paste sites, tunnels and IP-lookup services are where stolen data usually goes).',
    '',
  ];
  for (const { kind, pattern } of WEBHOOK_PATTERNS)
    lines.push(`- ${code(kind)}: URLs matching ${code(pattern.source)}`);
  for (const { kind, hosts } of HOST_KINDS)
    lines.push(`- ${code(kind)}: ${hosts.map(code).join(', ')} (and their subdomains)`);
  lines.push(
    '- `ip-literal`: a public IP address; `private-network`: 10/8, 172.16/12, 192.168/16, link-local, fc00::/7; `reserved` (not a destination): 0/8, multicast, broadcast and 240/4, ff00::/8',
  );
  lines.push(`- \`suspicious-tld\`: ${[...SUSPICIOUS_TLDS].map((tld) => code(`.${tld}`)).join(', ')}`);
  lines.push(
    `- \`loopback\` (localhost, 127/8, ::1) and \`namespace\` hosts are not destinations: ${NAMESPACE_HOSTS.map(code).join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}

function secretCatalogue(): string {
  const lines = ['### Keys, sources and persistence', '', '`hardcoded-api-key` recognises these shapes:', ''];
  for (const key of KEY_PATTERNS.filter((k) => k.strength === 'strong')) lines.push(`- ${key.service}`);
  lines.push(
    '',
    'Sources of the `exfiltration` data flow, besides `os.environ` and secret-named environment variables:',
    '',
  );
  for (const api of SOURCE_APIS) lines.push(`- ${code(api.path)}: ${api.what}`);
  lines.push(
    '',
    `Credential files (\`sensitive-file-access\`, and sources when read): ${CREDENTIAL_PATHS.map((path) => path.what).join(', ')}.`,
  );
  lines.push('', `Persistence locations (\`persistence\`): ${PERSISTENCE_PATTERNS.map((p) => p.what).join(', ')}.`, '');
  return lines.join('\n');
}

export function renderRulesDoc(): string {
  const hits = benignHits();
  const parts = [
    '# pyguard rules',
    '',
    '<!-- Generated by scripts/gen-rules-doc.ts from src/analysis/rules/rule-catalog.ts and src/analysis/indicators/*.ts: do not edit by hand. -->',
    '',
    'Every finding names one of these rules. Severities are defaults: code that runs by itself (at install time, at every Python start, or on import) raises them, and a destination such as a webhook or an IP literal raises egress findings further.',
    '',
    ...FAMILIES.map(
      ({ family, title }) =>
        `- [${title}](#${title
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-')}): ${RULE_DOCS.filter((r) => r.family === family).length} rules`,
    ),
    '- [Catalogues](#catalogues)',
    '',
  ];
  for (const { family, title, intro } of FAMILIES) {
    parts.push(`## ${title}`, '', intro, '');
    for (const rule of RULE_DOCS.filter((r) => r.family === family)) parts.push(ruleSection(rule, hits));
  }
  parts.push(
    '## Catalogues',
    '',
    'The data the rules match against, kept as data in `src/analysis/indicators/`.',
    '',
    networkCatalogue(),
    telemetryCatalogue(),
    processCatalogue(),
    hostCatalogue(),
    secretCatalogue(),
  );
  return `${parts
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(RULES_DOC_PATH, renderRulesDoc());
  process.stdout.write(`wrote ${RULES_DOC_PATH} (${RULE_DOCS.length} rules)\n`);
}
