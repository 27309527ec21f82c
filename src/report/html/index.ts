// The HTML presenter: one self-contained page (inline CSS and script, strict CSP, no network) that renders an
// AuditResult. The overview is rendered here with escaping; package details are built in the page from embedded JSON.

import { createHash } from 'node:crypto';
import { RISK_LEVELS } from '../../model/result.ts';
import type { AuditResult, RiskLevel, TargetReport } from '../../model/result.ts';
import type { RuleInfo } from '../../model/rules.ts';
import { CLIENT_SCRIPT } from './client-script.ts';
import { escapeHtml as e, jsonForScript } from './escape.ts';
import { pageData } from './page-data.ts';
import { STYLES } from './styles.ts';

export interface HtmlOptions {
  rules: RuleInfo[];
  title?: string;
}

const VERDICT: Record<RiskLevel, [string, string]> = {
  critical: ['Critical risk', 'Do not install: at least one package behaves like malware or leaks data.'],
  high: ['High risk', 'Review the flagged packages before installing.'],
  medium: ['Medium risk', 'Some packages do things worth a closer look.'],
  low: ['Low risk', 'Only ordinary library capabilities were found.'],
  info: ['Informational', 'Nothing risky; informational findings only.'],
  none: ['No risk found', 'No risky behaviour was found.'],
};

const LOGO =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2 4 5v6c0 5 3.4 9.3 8 11 4.6-1.7 8-6 8-11V5z" fill="#2f5bd3"/>' +
  '<path d="m8.5 12 2.5 2.5 4.5-5" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>';

function rank(risk: RiskLevel): number {
  return RISK_LEVELS.indexOf(risk);
}

function targetLabel(t: TargetReport): string {
  if (t.name) return t.version ? `${t.name} ${t.version}` : t.name;
  return t.filename ?? t.path ?? 'target';
}

function topReasons(result: AuditResult): string {
  const explained = [...result.targets]
    .filter((t) => t.risk !== 'none' && t.reasons.length > 0)
    .sort((a, b) => rank(b.risk) - rank(a.risk));
  // The packages that make the verdict; low-risk library capabilities only when nothing worse was found.
  const serious = explained.filter((t) => rank(t.risk) >= rank('medium'));
  const worst = (serious.length ? serious : explained).slice(0, 5);
  if (worst.length === 0) return '';
  return `<ul>${worst.map((t) => `<li><b>${e(targetLabel(t))}</b>: ${e(t.reasons[0])}</li>`).join('')}</ul>`;
}

function metaItem(label: string, value: string | undefined): string {
  return value ? `<div><dt>${e(label)}</dt><dd>${e(value)}</dd></div>` : '';
}

function countDestinations(result: AuditResult): number {
  let n = 0;
  for (const t of result.targets) {
    for (const f of [...t.findings, ...t.files.flatMap((file) => file.findings)]) {
      if (f.destination && (f.destination.url || f.destination.host || f.destination.port)) n++;
    }
  }
  return n;
}

function header(result: AuditResult, title: string): string {
  const r = result.resolution;
  const targets =
    result.targets.length <= 4
      ? result.targets.map(targetLabel).join(', ')
      : `${result.targets.length} ${result.command[0] === 'check' ? 'distributions' : 'targets'}`;
  return `<header class="top"><div class="wrap">
<div class="brand">${LOGO}<span>pyguard</span><span class="sub">pre-installation audit</span></div>
<h1>${e(title)}</h1>
<div class="cmd">$ pyguard ${e(result.command.join(' '))}</div>
<dl class="meta">
${metaItem('Audited', targets)}
${r ? metaItem('Environment', `${r.implementation} ${r.pythonVersion} · ${r.platform}`) : ''}
${r ? metaItem('Index', r.index) : ''}
${metaItem('Date', result.createdAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'))}
${metaItem('pyguard', result.tool.version)}
</dl></div></header>`;
}

function overview(result: AuditResult): string {
  const s = result.summary;
  const [level, sentence] = VERDICT[s.risk];
  const counts = [...RISK_LEVELS]
    .reverse()
    .map(
      (risk) =>
        `<button type="button" class="count r-${risk}" data-only-risk="${risk}" title="Show only ${risk} packages"><b>${s.byRisk[risk]}</b><span>${risk === 'none' ? 'clean' : risk}</span></button>`,
    )
    .join('');
  const r = result.resolution;
  const notes = [
    ...(r?.notAuditable ?? []).map((n) => `Not audited: ${n.requirement} (${n.reason})`),
    ...(r?.notes ?? []),
  ];
  return `<section class="card verdict r-${s.risk}" style="--risk-color: var(--${s.risk})">
<div class="level">${e(level)}</div>
<div><p>${e(sentence)}</p>${topReasons(result)}</div>
</section>
<div class="counts">${counts}</div>
<div class="stats"><span><b>${s.targets}</b> ${s.targets === 1 ? 'package' : 'packages'}</span><span><b>${s.files}</b> files</span>
<span><b>${s.pythonFiles}</b> Python files</span><span><b>${s.filesWithEgress}</b> with egress logic</span>
<span><b>${s.findings}</b> findings</span><span><b>${s.errors}</b> errors</span></div>
${unauditedCard(result)}
${notes.length ? `<section class="card"><h2>Notes</h2><ul class="notes">${notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul></section>` : ''}`;
}

/** Targets with files that could not be analysed: UNAUDITED, which fails the check whatever the risk. */
function unauditedCard(result: AuditResult): string {
  const items = result.targets.flatMap((t) =>
    (t.unaudited ?? []).map(
      (item) =>
        `<li><b>${e(targetLabel(t))}</b>: <code>${e(item.path)}</code>: ${e(item.reason)} (${e(item.rule)})</li>`,
    ),
  );
  if (items.length === 0) return '';
  const count = result.summary.unaudited ?? 0;
  return `<section class="card unaudited" id="unaudited"><h2>UNAUDITED: ${count} ${count === 1 ? 'package' : 'packages'} not fully analysed</h2>
<p>What could not be analysed is not passed as clean: the check fails.</p><ul class="notes">${items.join('')}</ul></section>`;
}

function sections(result: AuditResult): string {
  const isTree = Boolean(result.resolution?.edges.length);
  const destinations = countDestinations(result);
  const riskChips = [...RISK_LEVELS]
    .reverse()
    .map(
      (risk) =>
        `<button type="button" class="chip r-${risk}" data-filter-risk="${risk}" aria-pressed="true">${risk === 'none' ? 'clean' : risk}</button>`,
    )
    .join('');
  return `<section class="card"><details id="pg-tree-details"${result.targets.length <= 80 ? ' open' : ''}>
<summary><span class="chev"></span><h2>${isTree ? 'Dependency tree' : 'Targets'}</h2><span class="hint">${isTree ? 'what pip would install, and why' : ''}</span></summary>
<div id="pg-tree"></div></details></section>
<section class="card"><details id="pg-dest-details"${destinations > 0 && destinations <= 200 ? ' open' : ''}>
<summary><span class="chev"></span><h2>Destinations</h2><span class="hint">${destinations} outbound ${destinations === 1 ? 'connection' : 'connections'} known statically</span></summary>
<table><thead><tr><th>Destination</th><th>Kind</th><th>Package</th><th>File</th><th>Runs</th><th>Severity</th></tr></thead>
<tbody id="pg-dest-body"></tbody></table></details></section>
<section>
<h2 class="section-head">Packages</h2>
<div class="toolbar" role="toolbar" aria-label="Filters">${riskChips}
<select id="pg-cap" aria-label="Capability"><option value="">All capabilities</option></select>
<input id="pg-search" type="search" placeholder="Search packages, files, code, hosts…" aria-label="Search">
<button type="button" class="btn" id="pg-expand">Expand all</button><button type="button" class="btn" id="pg-collapse">Collapse all</button>
<span class="status" id="pg-status" aria-live="polite"></span></div>
<div id="pg-packages"></div>
</section>`;
}

/** Renders the whole report as one HTML document. */
export function renderHtml(result: AuditResult, opts: HtmlOptions): string {
  const args = result.command.slice(1).join(' ');
  const title =
    opts.title ?? (result.command[0] === 'check' ? `Dependency audit: ${args}` : `Audit of ${args || 'targets'}`);
  const scriptHash = createHash('sha256').update(CLIENT_SCRIPT).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(title)} · pyguard</title>
<style>${STYLES}</style></head>
<body>
${header(result, title)}
<main><div class="wrap">
${overview(result)}
${sections(result)}
</div></main>
<footer>Generated by pyguard ${e(result.tool.version)}. Package contents were read, never run. Everything shown from a package is untrusted text.</footer>
<script type="application/json" id="pg-data">${jsonForScript(pageData(result, opts.rules))}</script>
<script>${CLIENT_SCRIPT}</script>
</body></html>
`;
}
