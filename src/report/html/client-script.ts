// The HTML report's in-page script (plain ES2020, inlined and allowed by a CSP hash). It reads the embedded JSON and
// builds every element with createElement/textContent: package data never reaches innerHTML. Package bodies are
// built when first opened, so large results stay responsive.
// Kept as a string so the bundle ships it unchanged; it must not contain backticks or dollar-brace sequences.

export const CLIENT_SCRIPT = String.raw`(function () {
'use strict';
var DATA = JSON.parse(document.getElementById('pg-data').textContent);
var R = DATA.result;
var RULES = new Map(DATA.rules.map(function (r) { return [r[0], { name: r[1], short: r[2] }]; }));
var HL = new Map(DATA.highlights);
var RISKS = ['critical', 'high', 'medium', 'low', 'info', 'none'];
var RANK = { critical: 5, high: 4, medium: 3, low: 2, info: 1, none: 0 };
var CAP_LABEL = {
  'network': 'Network', 'process': 'Runs processes', 'env': 'Reads environment', 'sensitive-files': 'Sensitive files',
  'dynamic-code': 'Dynamic code', 'install-hook': 'Install hook', 'native-binary': 'Native binary',
  'obfuscation': 'Obfuscation', 'telemetry': 'Telemetry', 'persistence': 'Persistence'
};
var HOT = { 'obfuscation': 1, 'telemetry': 1, 'persistence': 1, 'install-hook': 1, 'sensitive-files': 1 };
var ICON = {
  'network': ['c8 8 6.5', 'p1.5 8h13', 'p8 1.5c2.2 2.2 2.2 10.8 0 13', 'p8 1.5c-2.2 2.2-2.2 10.8 0 13'],
  'process': ['r1.5 2.5 13 11 2', 'p4 6.5l2 1.5-2 1.5', 'p8 10h4'],
  'env': ['c5 8 3', 'p8 8h6.5', 'p12.5 8v2.5', 'p14.5 8v2'],
  'sensitive-files': ['p4 1.5h5l3.5 3.5v9.5h-8.5z', 'p9 1.5v3.5h3.5', 'r6 9 4 3.5 .8', 'p7 9v-1a1 1 0 0 1 2 0v1'],
  'dynamic-code': ['p5.5 4l-4 4 4 4', 'p10.5 4l4 4-4 4', 'p9 2.5l-2 11'],
  'install-hook': ['p2 5l6-3 6 3v6l-6 3-6-3z', 'p2 5l6 3 6-3', 'p8 8v6'],
  'native-binary': ['r4 4 8 8 1', 'p6 1.5v2.5', 'p10 1.5v2.5', 'p6 12v2.5', 'p10 12v2.5', 'p1.5 6h2.5', 'p1.5 10h2.5', 'p12 6h2.5', 'p12 10h2.5'],
  'obfuscation': ['p1.5 8s2.5-4.5 6.5-4.5 6.5 4.5 6.5 4.5-2.5 4.5-6.5 4.5-6.5-4.5-6.5-4.5z', 'p2.5 13.5l11-11'],
  'telemetry': ['p1.5 13.5h13', 'p3.5 11l3-4 3 2 4-6'],
  'persistence': ['p3 8a5 5 0 1 0 1.5-3.5', 'p3 2.5v3h3']
};
var TRIGGER = { install: 'at install', startup: 'at every start-up', import: 'on import', call: 'when called' };
var SVGNS = 'http://www.w3.org/2000/svg';

function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function add(parent) {
  for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
  return parent;
}
function svg(cap) {
  var s = document.createElementNS(SVGNS, 'svg');
  s.setAttribute('viewBox', '0 0 16 16');
  s.setAttribute('aria-hidden', 'true');
  (ICON[cap] || ['c8 8 5']).forEach(function (spec) {
    var kind = spec[0], args = spec.slice(1).split(' '), shape;
    if (kind === 'c') { shape = document.createElementNS(SVGNS, 'circle'); shape.setAttribute('cx', args[0]); shape.setAttribute('cy', args[1]); shape.setAttribute('r', args[2]); }
    else if (kind === 'r') { shape = document.createElementNS(SVGNS, 'rect'); shape.setAttribute('x', args[0]); shape.setAttribute('y', args[1]); shape.setAttribute('width', args[2]); shape.setAttribute('height', args[3]); shape.setAttribute('rx', args[4]); }
    else { shape = document.createElementNS(SVGNS, 'path'); shape.setAttribute('d', 'M' + spec.slice(1)); }
    s.appendChild(shape);
  });
  return s;
}
function capIcon(cap) {
  var span = el('span', 'icon' + (HOT[cap] ? ' hot' : ''));
  span.title = CAP_LABEL[cap] || cap;
  span.appendChild(svg(cap));
  return span;
}
function capIcons(caps) {
  var span = el('span', 'icons');
  (caps || []).forEach(function (c) { span.appendChild(capIcon(c)); });
  return span;
}
function badge(level) { return el('span', 'badge r-' + level, level === 'none' ? 'clean' : level); }
function label(t) {
  if (t.name) return t.name;
  return t.filename || t.path || 'target';
}
function safeHttpUrl(text) {
  try { var u = new URL(text); return (u.protocol === 'https:' || u.protocol === 'http:') ? u.href : null; } catch (e) { return null; }
}
function fmtSize(n) {
  if (typeof n !== 'number') return '';
  if (n < 1024) return n + ' B';
  if (n < 1048576) return (n / 1024).toFixed(1) + ' KiB';
  return (n / 1048576).toFixed(1) + ' MiB';
}
function allFindings(t) {
  var n = t.findings.length;
  for (var i = 0; i < t.files.length; i++) n += t.files[i].findings.length;
  return n;
}
function worst(file) {
  var w = -1;
  file.findings.forEach(function (f) { if (RANK[f.severity] > w) w = RANK[f.severity]; });
  return w;
}
function destText(d) {
  if (!d) return '';
  return d.url || (d.host ? (d.port ? d.host + ':' + d.port : d.host) : (d.port ? 'port ' + d.port : ''));
}
function codeTokens(code) {
  var c = el('code');
  var tokens = HL.get(code);
  if (!tokens) { c.textContent = code; return c; }
  tokens.forEach(function (tok) {
    if (typeof tok === 'string') c.appendChild(document.createTextNode(tok));
    else c.appendChild(el('span', 'hl-' + tok[0], tok[1]));
  });
  return c;
}
function codeLine(line, code) {
  var box = el('div', 'codeline');
  add(box, el('span', 'ln', line > 0 ? line : ''), codeTokens(code));
  return box;
}

// ---- one finding ----
function findingView(f, file) {
  var box = el('div', 'finding');
  var rule = RULES.get(f.rule);
  var head = add(el('div', 'f-head'), badge(f.severity), el('span', 'f-rule', rule ? rule.name : f.rule), el('span', 'f-id', f.rule));
  if (f.trigger) head.appendChild(el('span', 'pill t-' + f.trigger, TRIGGER[f.trigger] || f.trigger));
  if (f.capability) head.appendChild(capIcon(f.capability));
  if (f.line > 0) head.appendChild(el('span', 'f-loc', 'line ' + f.line + (f.column > 0 ? ':' + f.column : '')));
  add(box, head, el('div', 'f-msg', f.message));
  if (f.code) box.appendChild(codeLine(f.line, f.code));
  var d = destText(f.destination);
  if (d) add(box, add(el('div', 'dest'), el('span', 'quiet', 'Destination'), el('span', 'mono', d), f.destination.kind ? el('span', 'tag', f.destination.kind) : null));
  if (f.flow && f.flow.length) {
    box.appendChild(el('h3', null, 'Data flow'));
    var ol = el('ol', 'flow');
    f.flow.forEach(function (s) {
      var li = el('li');
      add(li, add(el('div'), el('div', 'note', s.note), codeLine(s.line, s.code)));
      ol.appendChild(li);
    });
    box.appendChild(ol);
  }
  if (f.decoded) {
    var dec = el('div', 'decoded');
    var what = 'Decoded payload: ' + f.decoded.chain.join(' \u2192 ') + ', ' + fmtSize(f.decoded.size) + (f.decoded.virtualPath ? ' (' + f.decoded.virtualPath + ')' : '');
    add(dec, el('div', 'dh', what), el('pre', null, f.decoded.preview));
    box.appendChild(dec);
  }
  if (f.origin) box.appendChild(el('div', 'quiet', 'Decoded by ' + f.origin.path + ' line ' + f.origin.line));
  return box;
}

// ---- one package body ----
function kv(dl, key, value) {
  if (value === undefined || value === null || value === '') return;
  var dd = el('dd');
  if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
  add(dl, el('dt', null, key), dd);
}
function packageBody(t) {
  var body = el('div', 'body');
  var dl = el('dl', 'kv');
  kv(dl, 'File', t.filename);
  kv(dl, 'Path', t.path);
  if (t.kind !== 'distribution') kv(dl, 'Kind', t.kind);
  if (t.sha256) { var h = el('span', 'mono', t.sha256); kv(dl, 'SHA-256', h); }
  kv(dl, 'Size', fmtSize(t.size));
  if (t.url) {
    var href = safeHttpUrl(t.url), node;
    if (href) { node = el('a', 'mono', t.url); node.href = href; node.rel = 'noopener noreferrer'; node.target = '_blank'; }
    else node = el('span', 'mono', t.url);
    kv(dl, 'Origin', node);
  }
  if (t.requiredBy && t.requiredBy.length) kv(dl, 'Required by', t.requiredBy.join(', '));
  body.appendChild(dl);
  if (t.errors.length) {
    var err = el('div', 'errors');
    t.errors.forEach(function (e) { err.appendChild(el('div', null, e.code + ': ' + e.message)); });
    body.appendChild(err);
  }
  if (t.reasons.length) {
    body.appendChild(el('h3', null, 'Why this risk'));
    var ul = el('ul', 'reasons');
    t.reasons.forEach(function (r) { ul.appendChild(el('li', null, r)); });
    body.appendChild(ul);
  }
  if (t.capabilities.length) {
    body.appendChild(el('h3', null, 'Capabilities'));
    var caps = el('div', 'caps');
    t.capabilities.forEach(function (c) { caps.appendChild(add(el('span', 'cap'), capIcon(c), el('span', null, CAP_LABEL[c] || c))); });
    body.appendChild(caps);
  }
  if (t.findings.length) {
    body.appendChild(el('h3', null, 'Package-level findings'));
    var pf = el('div', 'file');
    t.findings.forEach(function (f) { pf.appendChild(findingView(f, null)); });
    body.appendChild(pf);
  }
  var shown = t.files.filter(function (f) { return f.findings.length || f.egress || f.partial; });
  shown.sort(function (a, b) { return (worst(b) - worst(a)) || (Number(b.egress) - Number(a.egress)); });
  var rest = t.files.filter(function (f) { return !(f.findings.length || f.egress || f.partial); });
  if (shown.length) body.appendChild(el('h3', null, 'Files'));
  var filesBox = el('div');
  body.appendChild(filesBox);
  showFiles(filesBox, shown, 0);
  if (rest.length) {
    var more = el('details', 'quiet');
    more.appendChild(el('summary', null, rest.length + (rest.length === 1 ? ' file' : ' files') + ' without findings'));
    var list = el('ul', 'plain');
    rest.forEach(function (f) { list.appendChild(el('li', null, f.path)); });
    more.appendChild(list);
    body.appendChild(more);
  }
  return body;
}
// Files are built in batches, so one huge target (a scanned folder) opens as fast as a small one.
var FILE_BATCH = 100;
function showFiles(box, files, from) {
  files.slice(from, from + FILE_BATCH).forEach(function (file) { box.appendChild(fileView(file)); });
  var left = files.length - from - FILE_BATCH;
  if (left > 0) {
    var btn = el('button', 'btn more', 'Show ' + Math.min(left, FILE_BATCH) + ' more of ' + left + ' remaining files');
    btn.type = 'button';
    btn.addEventListener('click', function () { btn.remove(); showFiles(box, files, from + FILE_BATCH); });
    box.appendChild(btn);
  }
}
function fileView(file) {
  var box = el('div', 'file');
  var head = add(el('div', 'file-head'), el('span', 'path', file.path), el('span', 'tag', file.kind), el('span', 'tag', fmtSize(file.size)));
  if (file.egress) head.appendChild(el('span', 'tag egress', 'egress'));
  if (file.partial) head.appendChild(el('span', 'tag', 'partially analysed'));
  box.appendChild(head);
  if (file.verdict) box.appendChild(el('div', 'verdict-line ' + (file.egress ? 'bad' : 'good'), file.verdict));
  if (file.partialReasons && file.partialReasons.length) box.appendChild(el('div', 'verdict-line', 'Not fully analysed: ' + file.partialReasons.join('; ')));
  file.findings.forEach(function (f) { box.appendChild(findingView(f, file)); });
  return box;
}

// ---- package rows, filters, search ----
var rows = R.targets.map(function (t, i) { return { t: t, i: i, n: allFindings(t), text: null, node: null, built: false }; });
rows.sort(function (a, b) { return (RANK[b.t.risk] - RANK[a.t.risk]) || label(a.t).localeCompare(label(b.t)) || a.i - b.i; });
function searchText(row) {
  if (row.text !== null) return row.text;
  var t = row.t, parts = [t.name, t.version, t.filename, t.path, t.url].concat(t.reasons);
  function f(x) {
    parts.push(x.rule, x.message, x.code, destText(x.destination), x.destination && x.destination.kind);
    if (x.decoded) parts.push(x.decoded.preview);
  }
  t.findings.forEach(f);
  t.files.forEach(function (file) { parts.push(file.path); file.findings.forEach(f); });
  row.text = parts.filter(Boolean).join('\n').toLowerCase();
  return row.text;
}
function rowNode(row) {
  var d = el('details', 'pkg r-' + row.t.risk);
  d.id = 'pkg-' + row.i;
  var s = el('summary');
  var title = el('span', 'title', label(row.t));
  if (row.t.version) title.appendChild(el('span', 'ver', row.t.version));
  add(s, badge(row.t.risk), title, capIcons(row.t.capabilities), el('span', 'nf', row.n ? row.n + (row.n === 1 ? ' finding' : ' findings') : 'no findings'));
  if (row.t.reasons.length) s.appendChild(el('span', 'why', row.t.reasons[0]));
  d.appendChild(s);
  d.addEventListener('toggle', function () {
    if (d.open && !row.built) { row.built = true; d.appendChild(packageBody(row.t)); }
  });
  row.node = d;
  return d;
}
var state = { risks: new Set(RISKS), cap: '', query: '' };
var list = document.getElementById('pg-packages');
var status = document.getElementById('pg-status');
var empty = el('div', 'empty', 'No package matches the filters.');
function visible(row) {
  if (!state.risks.has(row.t.risk)) return false;
  if (state.cap && row.t.capabilities.indexOf(state.cap) < 0) return false;
  if (state.query && searchText(row).indexOf(state.query) < 0) return false;
  return true;
}
function apply() {
  var shown = 0;
  rows.forEach(function (row) { var v = visible(row); row.node.hidden = !v; if (v) shown++; });
  empty.hidden = shown !== 0;
  list.setAttribute('data-query', state.query);
  status.textContent = 'Showing ' + shown + ' of ' + rows.length + (rows.length === 1 ? ' package' : ' packages');
  document.querySelectorAll('[data-filter-risk]').forEach(function (b) { b.setAttribute('aria-pressed', String(state.risks.has(b.getAttribute('data-filter-risk')))); });
}
var frag = document.createDocumentFragment();
rows.forEach(function (row) { frag.appendChild(rowNode(row)); });
list.appendChild(frag);
list.appendChild(empty);

document.querySelectorAll('[data-filter-risk]').forEach(function (b) {
  b.addEventListener('click', function () {
    var r = b.getAttribute('data-filter-risk');
    if (state.risks.has(r)) state.risks.delete(r); else state.risks.add(r);
    apply();
  });
});
document.querySelectorAll('[data-only-risk]').forEach(function (b) {
  b.addEventListener('click', function () {
    state.risks = new Set([b.getAttribute('data-only-risk')]);
    apply();
    list.scrollIntoView({ block: 'start' });
  });
});
var capSelect = document.getElementById('pg-cap');
var capCount = {};
R.targets.forEach(function (t) { t.capabilities.forEach(function (c) { capCount[c] = (capCount[c] || 0) + 1; }); });
Object.keys(CAP_LABEL).forEach(function (c) {
  var o = el('option', null, CAP_LABEL[c] + ' (' + (capCount[c] || 0) + ')');
  o.value = c;
  capSelect.appendChild(o);
});
capSelect.addEventListener('change', function () { state.cap = capSelect.value; apply(); });
var search = document.getElementById('pg-search'), timer = 0;
search.addEventListener('input', function () {
  clearTimeout(timer);
  timer = setTimeout(function () { state.query = search.value.trim().toLowerCase(); apply(); }, 120);
});
document.getElementById('pg-expand').addEventListener('click', function () {
  rows.forEach(function (row) { if (!row.node.hidden) row.node.open = true; });
});
document.getElementById('pg-collapse').addEventListener('click', function () {
  rows.forEach(function (row) { row.node.open = false; });
});
apply();

// ---- dependency tree ----
function openPackage(i) {
  var row = rows.filter(function (r) { return r.i === i; })[0];
  if (!row) return;
  if (row.node.hidden) { state.risks = new Set(RISKS); state.cap = ''; state.query = ''; search.value = ''; capSelect.value = ''; apply(); }
  row.node.open = true;
  row.node.scrollIntoView({ block: 'start' });
}
function treeNode(t, i, req, seen) {
  var li = el('li');
  var line = el('div', 'node');
  add(line, badge(t ? t.risk : 'info'));
  var a = el('a', null, t ? label(t) + (t.version ? ' ' + t.version : '') : req);
  if (t) a.addEventListener('click', function () { openPackage(i); });
  add(line, a, t ? capIcons(t.capabilities) : null, req && t ? el('span', 'req', req) : null);
  if (seen) line.appendChild(el('span', 'seen', 'listed above'));
  li.appendChild(line);
  return li;
}
function buildTree() {
  var root = document.getElementById('pg-tree');
  var ul = el('ul', 'tree');
  var byName = new Map();
  R.targets.forEach(function (t, i) { if (t.name) byName.set(t.name.toLowerCase().replace(/[-_.]+/g, '-'), i); });
  var edges = (R.resolution && R.resolution.edges) || [];
  if (!edges.length) {
    R.targets.forEach(function (t, i) { ul.appendChild(treeNode(t, i, '', false)); });
    root.appendChild(ul);
    return;
  }
  var children = new Map();
  edges.forEach(function (e) {
    var k = e.from.toLowerCase().replace(/[-_.]+/g, '-');
    if (!children.has(k)) children.set(k, []);
    children.get(k).push(e);
  });
  var expanded = new Set();
  function walk(key, parent, path) {
    (children.get(key) || []).forEach(function (e) {
      var k = e.to.toLowerCase().replace(/[-_.]+/g, '-');
      var i = byName.has(k) ? byName.get(k) : -1;
      var t = i >= 0 ? R.targets[i] : null;
      var again = expanded.has(k) && (children.get(k) || []).length > 0;
      var li = treeNode(t, i, e.requirement + (e.marker ? ' ; ' + e.marker : ''), again);
      parent.appendChild(li);
      if (!again && !path.has(k) && children.has(k)) {
        expanded.add(k);
        var sub = el('ul');
        li.appendChild(sub);
        path.add(k); walk(k, sub, path); path.delete(k);
      }
    });
  }
  walk('<root>', ul, new Set());
  root.appendChild(ul);
}
var treeBox = document.getElementById('pg-tree-details');
var treeBuilt = false;
function ensureTree() { if (treeBox.open && !treeBuilt) { treeBuilt = true; buildTree(); } }
treeBox.addEventListener('toggle', ensureTree);
ensureTree();

// ---- destinations ----
function buildDestinations() {
  var tbody = document.getElementById('pg-dest-body');
  var n = 0;
  function addRow(t, path, f) {
    var d = destText(f.destination);
    if (!d) return;
    n++;
    var tr = el('tr');
    add(tr, el('td', 'mono', d), el('td', null, f.destination.kind || ''), el('td', null, label(t) + (t.version ? ' ' + t.version : '')),
      el('td', 'f-id', path + (f.line > 0 ? ':' + f.line : '')), el('td', null, f.trigger ? (TRIGGER[f.trigger] || f.trigger) : ''), add(el('td'), badge(f.severity)));
    tbody.appendChild(tr);
  }
  R.targets.forEach(function (t) {
    t.findings.forEach(function (f) { addRow(t, '(package)', f); });
    t.files.forEach(function (file) { file.findings.forEach(function (f) { addRow(t, file.path, f); }); });
  });
  if (!n) { var tr = el('tr'); var td = el('td', 'empty', 'No destination could be determined statically.'); td.colSpan = 6; tr.appendChild(td); tbody.appendChild(tr); }
}
var destBox = document.getElementById('pg-dest-details');
var destBuilt = false;
function ensureDest() { if (destBox.open && !destBuilt) { destBuilt = true; buildDestinations(); } }
destBox.addEventListener('toggle', ensureDest);
ensureDest();
document.documentElement.setAttribute('data-ready', '1');
})();`;
