// The HTML report's in-page script, run by the browser. It reads the embedded JSON and builds every element with
// createElement/textContent: package data never reaches innerHTML. Package bodies are built when first opened, so
// large results stay responsive. Bundled by client-script.ts (esbuild) into one inline script allowed by a CSP hash;
// it may import types only.

import type {
  CodeContext,
  Capability,
  Destination,
  FileReport,
  Finding,
  RiskLevel,
  TargetReport,
  Trigger,
} from '../../../model/result.ts';
import type { Token } from '../highlight.ts';
import type { PageData } from '../page-data.ts';

const DATA = JSON.parse(byId('pg-data').textContent ?? '') as PageData;
const R = DATA.result;
const RULES = new Map(DATA.rules.map(([id, name, short]) => [id, { name, short }]));
const HL = new Map<string, Token[]>(DATA.highlights);
const RISKS: RiskLevel[] = ['critical', 'high', 'medium', 'low', 'info', 'none'];
const RANK: Record<RiskLevel, number> = { critical: 5, high: 4, medium: 3, low: 2, info: 1, none: 0 };
const CAP_LABEL: Record<Capability, string> = {
  network: 'Network',
  process: 'Runs processes',
  env: 'Reads environment',
  'sensitive-files': 'Sensitive files',
  'dynamic-code': 'Dynamic code',
  'install-hook': 'Install hook',
  'native-binary': 'Native binary',
  obfuscation: 'Obfuscation',
  telemetry: 'Telemetry',
  persistence: 'Persistence',
};
const HOT: ReadonlySet<Capability> = new Set<Capability>([
  'obfuscation',
  'telemetry',
  'persistence',
  'install-hook',
  'sensitive-files',
]);
/** Icon shapes: `c` circle (cx cy r), `r` rect (x y w h rx), `p` path data. */
const ICON: Record<Capability, string[]> = {
  network: ['c8 8 6.5', 'p1.5 8h13', 'p8 1.5c2.2 2.2 2.2 10.8 0 13', 'p8 1.5c-2.2 2.2-2.2 10.8 0 13'],
  process: ['r1.5 2.5 13 11 2', 'p4 6.5l2 1.5-2 1.5', 'p8 10h4'],
  env: ['c5 8 3', 'p8 8h6.5', 'p12.5 8v2.5', 'p14.5 8v2'],
  'sensitive-files': ['p4 1.5h5l3.5 3.5v9.5h-8.5z', 'p9 1.5v3.5h3.5', 'r6 9 4 3.5 .8', 'p7 9v-1a1 1 0 0 1 2 0v1'],
  'dynamic-code': ['p5.5 4l-4 4 4 4', 'p10.5 4l4 4-4 4', 'p9 2.5l-2 11'],
  'install-hook': ['p2 5l6-3 6 3v6l-6 3-6-3z', 'p2 5l6 3 6-3', 'p8 8v6'],
  'native-binary': [
    'r4 4 8 8 1',
    'p6 1.5v2.5',
    'p10 1.5v2.5',
    'p6 12v2.5',
    'p10 12v2.5',
    'p1.5 6h2.5',
    'p1.5 10h2.5',
    'p12 6h2.5',
    'p12 10h2.5',
  ],
  obfuscation: ['p1.5 8s2.5-4.5 6.5-4.5 6.5 4.5 6.5 4.5-2.5 4.5-6.5 4.5-6.5-4.5-6.5-4.5z', 'p2.5 13.5l11-11'],
  telemetry: ['p1.5 13.5h13', 'p3.5 11l3-4 3 2 4-6'],
  persistence: ['p3 8a5 5 0 1 0 1.5-3.5', 'p3 2.5v3h3'],
};
const TRIGGER: Record<Trigger, string> = {
  install: 'at install',
  startup: 'at every start-up',
  import: 'on import',
  call: 'when called',
};
const SVGNS = 'http://www.w3.org/2000/svg';

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls?: string | null,
  text?: unknown,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function add<T extends Node>(parent: T, ...children: (Node | null | undefined | false)[]): T {
  for (const child of children) if (child) parent.appendChild(child);
  return parent;
}
function svg(cap: string): SVGSVGElement {
  const s = document.createElementNS(SVGNS, 'svg');
  s.setAttribute('viewBox', '0 0 16 16');
  s.setAttribute('aria-hidden', 'true');
  for (const spec of ICON[cap as Capability] ?? ['c8 8 5']) {
    const kind = spec[0];
    const args = spec.slice(1).split(' ');
    let shape: SVGElement;
    if (kind === 'c') {
      shape = document.createElementNS(SVGNS, 'circle');
      shape.setAttribute('cx', args[0]);
      shape.setAttribute('cy', args[1]);
      shape.setAttribute('r', args[2]);
    } else if (kind === 'r') {
      shape = document.createElementNS(SVGNS, 'rect');
      shape.setAttribute('x', args[0]);
      shape.setAttribute('y', args[1]);
      shape.setAttribute('width', args[2]);
      shape.setAttribute('height', args[3]);
      shape.setAttribute('rx', args[4]);
    } else {
      shape = document.createElementNS(SVGNS, 'path');
      shape.setAttribute('d', `M${spec.slice(1)}`);
    }
    s.appendChild(shape);
  }
  return s;
}
function capIcon(cap: string): HTMLSpanElement {
  const span = el('span', `icon${HOT.has(cap as Capability) ? ' hot' : ''}`);
  span.title = CAP_LABEL[cap as Capability] || cap;
  span.appendChild(svg(cap));
  return span;
}
function capIcons(caps: readonly string[] | undefined): HTMLSpanElement {
  const span = el('span', 'icons');
  for (const c of caps ?? []) span.appendChild(capIcon(c));
  return span;
}
function badge(level: string): HTMLSpanElement {
  return el('span', `badge r-${level}`, level === 'none' ? 'clean' : level);
}
function label(t: TargetReport): string {
  if (t.name) return t.name;
  return t.filename || t.path || 'target';
}
function safeHttpUrl(text: string): string | null {
  try {
    const u = new URL(text);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}
function fmtSize(n: number | undefined): string {
  if (typeof n !== 'number') return '';
  if (n < 1024) return `${n} B`;
  if (n < 1048576) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1048576).toFixed(1)} MiB`;
}
function allFindings(t: TargetReport): number {
  let n = t.findings.length;
  for (const file of t.files) n += file.findings.length;
  return n;
}
function worst(file: FileReport): number {
  let w = -1;
  for (const f of file.findings) if (RANK[f.severity] > w) w = RANK[f.severity];
  return w;
}
function destText(d: Destination | undefined): string {
  if (!d) return '';
  return d.url || (d.host ? (d.port ? `${d.host}:${d.port}` : d.host) : d.port ? `port ${d.port}` : '');
}
function codeTokens(code: string): HTMLElement {
  const c = el('code');
  const tokens = HL.get(code);
  if (!tokens) {
    c.textContent = code;
    return c;
  }
  for (const tok of tokens) {
    if (typeof tok === 'string') c.appendChild(document.createTextNode(tok));
    else c.appendChild(el('span', `hl-${tok[0]}`, tok[1]));
  }
  return c;
}
function codeRow(line: number, code: HTMLElement, cls = 'codeline'): HTMLDivElement {
  return add(el('div', cls), el('span', 'ln', line > 0 ? line : ''), code);
}
function codeLine(line: number, code: string): HTMLDivElement {
  return codeRow(line, codeTokens(code));
}
/**
 * The lines around a finding: its own line highlighted like its `code` (the same text, trimmed) and marked (class
 * hit), the others as plain text, so the page carries no tokens for them.
 */
function codeContext(f: Finding, context: CodeContext): HTMLDivElement {
  const box = el('div', 'codectx');
  context.lines.forEach((text, i) => {
    const line = context.startLine + i;
    if (line !== f.line) {
      box.appendChild(codeRow(line, el('code', null, text)));
      return;
    }
    const same = text.trim() === f.code;
    const code = codeTokens(same ? f.code : text);
    if (same) code.prepend(document.createTextNode(text.slice(0, text.indexOf(f.code))));
    box.appendChild(codeRow(line, code, 'codeline hit'));
  });
  return box;
}

// ---- one finding ----
function findingView(f: Finding): HTMLDivElement {
  const box = el('div', 'finding');
  const rule = RULES.get(f.rule);
  const head = add(
    el('div', 'f-head'),
    badge(f.severity),
    el('span', 'f-rule', rule ? rule.name : f.rule),
    el('span', 'f-id', f.rule),
  );
  if (f.trigger) head.appendChild(el('span', `pill t-${f.trigger}`, TRIGGER[f.trigger] || f.trigger));
  if (f.capability) head.appendChild(capIcon(f.capability));
  if (f.line > 0) head.appendChild(el('span', 'f-loc', `line ${f.line}${f.column > 0 ? `:${f.column}` : ''}`));
  add(box, head, el('div', 'f-msg', f.message));
  if (f.context?.lines.length) box.appendChild(codeContext(f, f.context));
  else if (f.code) box.appendChild(codeLine(f.line, f.code));
  const d = destText(f.destination);
  if (d) {
    const kind = f.destination?.kind ? el('span', 'tag', f.destination.kind) : null;
    add(box, add(el('div', 'dest'), el('span', 'quiet', 'Destination'), el('span', 'mono', d), kind));
  }
  if (f.flow?.length) {
    box.appendChild(el('h3', null, 'Data flow'));
    const ol = el('ol', 'flow');
    for (const s of f.flow) {
      const li = el('li');
      add(li, add(el('div'), el('div', 'note', s.note), codeLine(s.line, s.code)));
      ol.appendChild(li);
    }
    box.appendChild(ol);
  }
  if (f.decoded) {
    const dec = el('div', 'decoded');
    const where = f.decoded.virtualPath ? ` (${f.decoded.virtualPath})` : '';
    const what = `Decoded payload: ${f.decoded.chain.join(' \u2192 ')}, ${fmtSize(f.decoded.size)}${where}`;
    add(dec, el('div', 'dh', what), el('pre', null, f.decoded.preview));
    box.appendChild(dec);
  }
  if (f.origin) box.appendChild(el('div', 'quiet', `Decoded by ${f.origin.path} line ${f.origin.line}`));
  return box;
}

// ---- one package body ----
function kv(dl: HTMLElement, key: string, value: string | Node | undefined | null): void {
  if (value === undefined || value === null || value === '') return;
  const dd = el('dd');
  if (value instanceof Node) dd.appendChild(value);
  else dd.textContent = String(value);
  add(dl, el('dt', null, key), dd);
}
function packageBody(t: TargetReport): HTMLDivElement {
  const body = el('div', 'body');
  const dl = el('dl', 'kv');
  kv(dl, 'File', t.filename);
  kv(dl, 'Path', t.path);
  if (t.kind !== 'distribution') kv(dl, 'Kind', t.kind);
  if (t.sha256) kv(dl, 'SHA-256', el('span', 'mono', t.sha256));
  kv(dl, 'Size', fmtSize(t.size));
  if (t.url) {
    const href = safeHttpUrl(t.url);
    let node: HTMLElement;
    if (href) {
      const a = el('a', 'mono', t.url);
      a.href = href;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      node = a;
    } else node = el('span', 'mono', t.url);
    kv(dl, 'Origin', node);
  }
  if (t.requiredBy?.length) kv(dl, 'Required by', t.requiredBy.join(', '));
  body.appendChild(dl);
  if (t.errors.length) {
    const err = el('div', 'errors');
    for (const e of t.errors) err.appendChild(el('div', null, `${e.code}: ${e.message}`));
    body.appendChild(err);
  }
  if (t.reasons.length) {
    body.appendChild(el('h3', null, 'Why this risk'));
    const ul = el('ul', 'reasons');
    for (const r of t.reasons) ul.appendChild(el('li', null, r));
    body.appendChild(ul);
  }
  if (t.capabilities.length) {
    body.appendChild(el('h3', null, 'Capabilities'));
    const caps = el('div', 'caps');
    for (const c of t.capabilities)
      caps.appendChild(add(el('span', 'cap'), capIcon(c), el('span', null, CAP_LABEL[c] || c)));
    body.appendChild(caps);
  }
  if (t.findings.length) {
    body.appendChild(el('h3', null, 'Package-level findings'));
    const pf = el('div', 'file');
    for (const f of t.findings) pf.appendChild(findingView(f));
    body.appendChild(pf);
  }
  const notable = (f: FileReport) => f.findings.length > 0 || f.egress || f.partial;
  const shown = t.files.filter(notable);
  shown.sort((a, b) => worst(b) - worst(a) || Number(b.egress) - Number(a.egress));
  const rest = t.files.filter((f) => !notable(f));
  if (shown.length) body.appendChild(el('h3', null, 'Files'));
  const filesBox = el('div');
  body.appendChild(filesBox);
  showFiles(filesBox, shown, 0);
  if (rest.length) {
    const more = el('details', 'quiet');
    more.appendChild(el('summary', null, `${rest.length}${rest.length === 1 ? ' file' : ' files'} without findings`));
    const plain = el('ul', 'plain');
    for (const f of rest) plain.appendChild(el('li', null, f.path));
    more.appendChild(plain);
    body.appendChild(more);
  }
  return body;
}
// Files are built in batches, so one huge target (a scanned folder) opens as fast as a small one.
const FILE_BATCH = 100;
function showFiles(box: HTMLElement, files: FileReport[], from: number): void {
  for (const file of files.slice(from, from + FILE_BATCH)) box.appendChild(fileView(file));
  const left = files.length - from - FILE_BATCH;
  if (left > 0) {
    const btn = el('button', 'btn more', `Show ${Math.min(left, FILE_BATCH)} more of ${left} remaining files`);
    btn.type = 'button';
    btn.addEventListener('click', () => {
      btn.remove();
      showFiles(box, files, from + FILE_BATCH);
    });
    box.appendChild(btn);
  }
}
function fileView(file: FileReport): HTMLDivElement {
  const box = el('div', 'file');
  const head = add(
    el('div', 'file-head'),
    el('span', 'path', file.path),
    el('span', 'tag', file.kind),
    el('span', 'tag', fmtSize(file.size)),
  );
  if (file.egress) head.appendChild(el('span', 'tag egress', 'egress'));
  if (file.partial) head.appendChild(el('span', 'tag', 'partially analysed'));
  box.appendChild(head);
  if (file.verdict) box.appendChild(el('div', `verdict-line ${file.egress ? 'bad' : 'good'}`, file.verdict));
  if (file.partialReasons?.length)
    box.appendChild(el('div', 'verdict-line', `Not fully analysed: ${file.partialReasons.join('; ')}`));
  for (const f of file.findings) box.appendChild(findingView(f));
  return box;
}

// ---- package rows, filters, search ----
interface Row {
  t: TargetReport;
  i: number;
  n: number;
  text: string | null;
  node: HTMLDetailsElement;
  built: boolean;
}
const rows: Row[] = R.targets.map((t, i) => ({
  t,
  i,
  n: allFindings(t),
  text: null,
  node: el('details'),
  built: false,
}));
rows.sort((a, b) => RANK[b.t.risk] - RANK[a.t.risk] || label(a.t).localeCompare(label(b.t)) || a.i - b.i);
function searchText(row: Row): string {
  if (row.text !== null) return row.text;
  const t = row.t;
  const parts: (string | undefined)[] = [t.name, t.version, t.filename, t.path, t.url, ...t.reasons];
  const addFinding = (x: Finding): void => {
    parts.push(x.rule, x.message, x.code, destText(x.destination), x.destination?.kind);
    if (x.decoded) parts.push(x.decoded.preview);
  };
  t.findings.forEach(addFinding);
  for (const file of t.files) {
    parts.push(file.path);
    file.findings.forEach(addFinding);
  }
  row.text = parts.filter(Boolean).join('\n').toLowerCase();
  return row.text;
}
function rowNode(row: Row): HTMLDetailsElement {
  const d = row.node;
  d.className = `pkg r-${row.t.risk}`;
  d.id = `pkg-${row.i}`;
  const s = el('summary');
  const title = el('span', 'title', label(row.t));
  if (row.t.version) title.appendChild(el('span', 'ver', row.t.version));
  const count = row.n ? `${row.n}${row.n === 1 ? ' finding' : ' findings'}` : 'no findings';
  add(s, badge(row.t.risk), title, capIcons(row.t.capabilities), el('span', 'nf', count));
  if (row.t.reasons.length) s.appendChild(el('span', 'why', row.t.reasons[0]));
  d.appendChild(s);
  d.addEventListener('toggle', () => {
    if (d.open && !row.built) {
      row.built = true;
      d.appendChild(packageBody(row.t));
    }
  });
  return d;
}
const state = { risks: new Set<string>(RISKS), cap: '', query: '' };
const list = byId('pg-packages');
const status = byId('pg-status');
const empty = el('div', 'empty', 'No package matches the filters.');
function visible(row: Row): boolean {
  if (!state.risks.has(row.t.risk)) return false;
  if (state.cap && !row.t.capabilities.includes(state.cap as Capability)) return false;
  if (state.query && !searchText(row).includes(state.query)) return false;
  return true;
}
function apply(): void {
  let shown = 0;
  for (const row of rows) {
    const v = visible(row);
    row.node.hidden = !v;
    if (v) shown++;
  }
  empty.hidden = shown !== 0;
  list.setAttribute('data-query', state.query);
  status.textContent = `Showing ${shown} of ${rows.length}${rows.length === 1 ? ' package' : ' packages'}`;
  document.querySelectorAll('[data-filter-risk]').forEach((b) => {
    b.setAttribute('aria-pressed', String(state.risks.has(b.getAttribute('data-filter-risk') ?? '')));
  });
}
const frag = document.createDocumentFragment();
for (const row of rows) frag.appendChild(rowNode(row));
list.appendChild(frag);
list.appendChild(empty);

document.querySelectorAll('[data-filter-risk]').forEach((b) => {
  b.addEventListener('click', () => {
    const r = b.getAttribute('data-filter-risk') ?? '';
    if (state.risks.has(r)) state.risks.delete(r);
    else state.risks.add(r);
    apply();
  });
});
document.querySelectorAll('[data-only-risk]').forEach((b) => {
  b.addEventListener('click', () => {
    state.risks = new Set([b.getAttribute('data-only-risk') ?? '']);
    apply();
    list.scrollIntoView({ block: 'start' });
  });
});
const capSelect = byId<HTMLSelectElement>('pg-cap');
const capCount = new Map<string, number>();
for (const t of R.targets) for (const c of t.capabilities) capCount.set(c, (capCount.get(c) ?? 0) + 1);
for (const c of Object.keys(CAP_LABEL) as Capability[]) {
  const o = el('option', null, `${CAP_LABEL[c]} (${capCount.get(c) ?? 0})`);
  o.value = c;
  capSelect.appendChild(o);
}
capSelect.addEventListener('change', () => {
  state.cap = capSelect.value;
  apply();
});
const search = byId<HTMLInputElement>('pg-search');
let timer: ReturnType<typeof setTimeout> | undefined;
search.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    state.query = search.value.trim().toLowerCase();
    apply();
  }, 120);
});
byId('pg-expand').addEventListener('click', () => {
  for (const row of rows) if (!row.node.hidden) row.node.open = true;
});
byId('pg-collapse').addEventListener('click', () => {
  for (const row of rows) row.node.open = false;
});
apply();

// ---- dependency tree ----
function openPackage(i: number): void {
  const row = rows.find((r) => r.i === i);
  if (!row) return;
  if (row.node.hidden) {
    state.risks = new Set(RISKS);
    state.cap = '';
    state.query = '';
    search.value = '';
    capSelect.value = '';
    apply();
  }
  row.node.open = true;
  row.node.scrollIntoView({ block: 'start' });
}
function treeNode(t: TargetReport | null, i: number, req: string, seen: boolean): HTMLLIElement {
  const li = el('li');
  const line = el('div', 'node');
  add(line, badge(t ? t.risk : 'info'));
  const a = el('a', null, t ? label(t) + (t.version ? ` ${t.version}` : '') : req);
  if (t) a.addEventListener('click', () => openPackage(i));
  add(line, a, t ? capIcons(t.capabilities) : null, req && t ? el('span', 'req', req) : null);
  if (seen) line.appendChild(el('span', 'seen', 'listed above'));
  li.appendChild(line);
  return li;
}
const projectKey = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');
function buildTree(): void {
  const root = byId('pg-tree');
  const ul = el('ul', 'tree');
  const byName = new Map<string, number>();
  R.targets.forEach((t, i) => {
    if (t.name) byName.set(projectKey(t.name), i);
  });
  const edges = R.resolution?.edges ?? [];
  if (!edges.length) {
    R.targets.forEach((t, i) => {
      ul.appendChild(treeNode(t, i, '', false));
    });
    root.appendChild(ul);
    return;
  }
  const children = new Map<string, typeof edges>();
  for (const e of edges) {
    const k = projectKey(e.from);
    children.set(k, [...(children.get(k) ?? []), e]);
  }
  const expanded = new Set<string>();
  const walk = (key: string, parent: HTMLElement, path: Set<string>): void => {
    for (const e of children.get(key) ?? []) {
      const k = projectKey(e.to);
      const i = byName.get(k) ?? -1;
      const t = i >= 0 ? R.targets[i] : null;
      const again = expanded.has(k) && (children.get(k) ?? []).length > 0;
      const li = treeNode(t, i, e.requirement + (e.marker ? ` ; ${e.marker}` : ''), again);
      parent.appendChild(li);
      if (!again && !path.has(k) && children.has(k)) {
        expanded.add(k);
        const sub = el('ul');
        li.appendChild(sub);
        path.add(k);
        walk(k, sub, path);
        path.delete(k);
      }
    }
  };
  walk('<root>', ul, new Set());
  root.appendChild(ul);
}
/** Builds a section's content the first time its <details> is open. */
function buildWhenOpen(details: HTMLDetailsElement, build: () => void): void {
  let built = false;
  const ensure = (): void => {
    if (details.open && !built) {
      built = true;
      build();
    }
  };
  details.addEventListener('toggle', ensure);
  ensure();
}
buildWhenOpen(byId<HTMLDetailsElement>('pg-tree-details'), buildTree);

// ---- destinations ----
function buildDestinations(): void {
  const tbody = byId('pg-dest-body');
  let n = 0;
  const addRow = (t: TargetReport, path: string, f: Finding): void => {
    const d = destText(f.destination);
    if (!d) return;
    n++;
    const tr = el('tr');
    add(
      tr,
      el('td', 'mono', d),
      el('td', null, f.destination?.kind || ''),
      el('td', null, label(t) + (t.version ? ` ${t.version}` : '')),
      el('td', 'f-id', path + (f.line > 0 ? `:${f.line}` : '')),
      el('td', null, f.trigger ? TRIGGER[f.trigger] || f.trigger : ''),
      add(el('td'), badge(f.severity)),
    );
    tbody.appendChild(tr);
  };
  for (const t of R.targets) {
    for (const f of t.findings) addRow(t, '(package)', f);
    for (const file of t.files) for (const f of file.findings) addRow(t, file.path, f);
  }
  if (!n) {
    const tr = el('tr');
    const td = el('td', 'empty', 'No destination could be determined statically.');
    td.colSpan = 6;
    tr.appendChild(td);
    tbody.appendChild(tr);
  }
}
buildWhenOpen(byId<HTMLDetailsElement>('pg-dest-details'), buildDestinations);
document.documentElement.setAttribute('data-ready', '1');
