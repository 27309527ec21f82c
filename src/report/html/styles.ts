// The HTML report's stylesheet (inlined into the page; no external fonts or images).

export const STYLES = `
:root {
  --ink: #16202e; --muted: #5b6678; --faint: #8a94a6; --line: #e3e7ee; --bg: #f5f7fa; --card: #fff;
  --navy: #0f1b2d; --accent: #2f5bd3;
  --critical: #b42318; --critical-bg: #fdecea; --high: #c2410c; --high-bg: #fff1e6;
  --medium: #a16207; --medium-bg: #fef7e0; --low: #1d5fbf; --low-bg: #e8f0fd;
  --info: #4b5563; --info-bg: #eef0f3; --none: #157347; --none-bg: #e6f4ec;
  --mono: ui-monospace, "SF Mono", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; }
.mono, code, pre { font-family: var(--mono); font-size: 12.5px; }
header.top { background: var(--navy); color: #e8edf5; padding: 18px 0 20px; }
.wrap { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
.brand { display: flex; align-items: center; gap: 10px; font-weight: 600; letter-spacing: .2px; }
.brand svg { width: 22px; height: 22px; }
.brand .sub { color: #97a3b8; font-weight: 400; margin-left: 6px; }
h1 { font-size: 22px; margin: 14px 0 4px; font-weight: 650; color: #fff; overflow-wrap: anywhere; }
.cmd { font-family: var(--mono); font-size: 12.5px; color: #b7c2d6; overflow-wrap: anywhere; }
.meta { display: flex; flex-wrap: wrap; gap: 10px 36px; margin: 14px 0 0; }
.meta div { min-width: 0; max-width: 100%; }
.meta dt { color: #8d9ab0; font-size: 11px; text-transform: uppercase; letter-spacing: .6px; }
.meta dd { margin: 1px 0 0; color: #e8edf5; overflow-wrap: anywhere; }
main { padding: 22px 0 60px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin-bottom: 18px;
  box-shadow: 0 1px 2px rgba(16,24,40,.04); }
.unaudited { border-left: 6px solid var(--critical); background: var(--critical-bg); }
.verdict { display: flex; gap: 18px; align-items: flex-start; border-left: 6px solid var(--risk-color, var(--info)); }
.verdict .level { font-size: 20px; font-weight: 700; color: var(--risk-color); white-space: nowrap; }
.verdict p { margin: 2px 0 6px; }
.verdict ul { margin: 6px 0 0; padding-left: 18px; color: var(--ink); }
.verdict li { margin: 3px 0; overflow-wrap: anywhere; }
.verdict li b { font-weight: 600; }
.counts { display: grid; grid-template-columns: repeat(6, 1fr); gap: 10px; margin-bottom: 18px; }
.count { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 10px 14px; cursor: pointer;
  text-align: left; font: inherit; color: inherit; border-top: 4px solid var(--c); }
.count:hover { border-color: var(--c); }
.count b { display: block; font-size: 24px; font-weight: 700; color: var(--c); line-height: 1.2; }
.count span { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .5px; }
.stats { display: flex; flex-wrap: wrap; gap: 6px 22px; color: var(--muted); font-size: 13px; margin: -6px 0 18px; }
.stats b { color: var(--ink); }
.notes { margin: 0; padding-left: 18px; }
.notes li { overflow-wrap: anywhere; }
h2 { font-size: 15px; margin: 0; font-weight: 650; }
section > details > summary, .section-title { cursor: pointer; list-style: none; display: flex; align-items: center; gap: 8px; }
section > details > summary::-webkit-details-marker { display: none; }
.section-title .hint, summary .hint { color: var(--faint); font-weight: 400; font-size: 12.5px; }
.chev { width: 10px; height: 10px; border-right: 2px solid var(--faint); border-bottom: 2px solid var(--faint);
  transform: rotate(-45deg); transition: transform .12s; flex: none; margin: 0 4px 0 2px; }
details[open] > summary .chev { transform: rotate(45deg); }
.badge { display: inline-block; min-width: 64px; text-align: center; padding: 1px 8px; border-radius: 999px; font-size: 11px;
  font-weight: 700; text-transform: uppercase; letter-spacing: .5px; color: var(--c); background: var(--cb);
  border: 1px solid color-mix(in srgb, var(--c) 30%, transparent); flex: none; }
.r-critical { --c: var(--critical); --cb: var(--critical-bg); }
.r-high { --c: var(--high); --cb: var(--high-bg); }
.r-medium { --c: var(--medium); --cb: var(--medium-bg); }
.r-low { --c: var(--low); --cb: var(--low-bg); }
.r-info { --c: var(--info); --cb: var(--info-bg); }
.r-none { --c: var(--none); --cb: var(--none-bg); }
.icons { display: inline-flex; gap: 4px; align-items: center; }
.icon { width: 20px; height: 20px; border-radius: 5px; display: inline-flex; align-items: center; justify-content: center;
  background: #eef1f6; color: #3b4658; flex: none; }
.icon svg { width: 14px; height: 14px; fill: none; stroke: currentColor; stroke-width: 1.6; stroke-linecap: round; stroke-linejoin: round; }
.icon.hot { background: var(--critical-bg); color: var(--critical); }
.tree { margin: 12px 0 0; padding: 0; list-style: none; font-size: 13.5px; }
.tree ul { list-style: none; margin: 0; padding-left: 22px; border-left: 1px dashed #cfd6e2; margin-left: 8px; }
.tree li { margin: 0; padding: 3px 0; }
.node { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.node a { color: var(--ink); font-weight: 600; text-decoration: none; cursor: pointer; }
.node a:hover { text-decoration: underline; }
.node .req { color: var(--faint); font-family: var(--mono); font-size: 12px; }
.node .seen { color: var(--faint); font-size: 12px; font-style: italic; }
.toolbar { position: sticky; top: 0; z-index: 5; display: flex; flex-wrap: wrap; gap: 8px; align-items: center;
  background: rgba(245,247,250,.96); backdrop-filter: blur(4px); padding: 10px 0; margin-bottom: 8px; border-bottom: 1px solid var(--line); }
.chip { font: inherit; font-size: 12px; font-weight: 600; padding: 4px 10px; border-radius: 999px; cursor: pointer;
  border: 1px solid var(--line); background: #fff; color: var(--faint); text-transform: capitalize; }
.chip[aria-pressed="true"] { color: var(--c); background: var(--cb); border-color: color-mix(in srgb, var(--c) 40%, transparent); }
select, input[type="search"], button.btn { font: inherit; font-size: 13px; border: 1px solid #cfd6e2; background: #fff; color: var(--ink);
  border-radius: 7px; padding: 5px 9px; }
input[type="search"] { flex: 1 1 220px; min-width: 160px; }
button.btn { cursor: pointer; }
button.btn.more { display: block; margin: 4px auto 10px; }
.section-head { margin: 0 0 4px; }
button.btn:hover { border-color: var(--accent); color: var(--accent); }
.status { color: var(--muted); font-size: 12.5px; margin-left: auto; }
.pkg { background: var(--card); border: 1px solid var(--line); border-radius: 9px; margin-bottom: 8px; }
.pkg > summary { list-style: none; cursor: pointer; padding: 10px 14px; display: grid; grid-template-columns: auto auto 1fr auto;
  gap: 4px 12px; align-items: center; }
.pkg > summary::-webkit-details-marker { display: none; }
.pkg > summary:hover { background: #fafbfd; border-radius: 9px; }
.pkg[open] > summary { border-bottom: 1px solid var(--line); }
.pkg .title { font-weight: 650; overflow-wrap: anywhere; min-width: 0; }
.pkg .title .ver { color: var(--muted); font-weight: 500; margin-left: 6px; }
.pkg .why { grid-column: 2 / 5; color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
.pkg .nf { color: var(--muted); font-size: 12.5px; white-space: nowrap; }
.body { padding: 14px 18px 18px; }
.kv { display: grid; grid-template-columns: 130px 1fr; gap: 4px 14px; margin: 0 0 14px; font-size: 13px; }
.kv dt { color: var(--muted); }
.kv dd { margin: 0; overflow-wrap: anywhere; min-width: 0; }
.kv a { color: var(--accent); }
h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .6px; color: var(--muted); margin: 16px 0 8px; font-weight: 650; }
.reasons { margin: 0; padding-left: 18px; }
.reasons li { overflow-wrap: anywhere; margin: 2px 0; }
.caps { display: flex; flex-wrap: wrap; gap: 6px; }
.cap { display: inline-flex; gap: 6px; align-items: center; border: 1px solid var(--line); border-radius: 6px; padding: 2px 8px 2px 3px; font-size: 12.5px; }
.errors { background: var(--critical-bg); border: 1px solid #f3c5bf; color: var(--critical); border-radius: 8px; padding: 8px 12px; margin-bottom: 12px; }
.file { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 10px; overflow: hidden; }
.file-head { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; padding: 7px 12px; background: #f8f9fb; border-bottom: 1px solid var(--line); }
.file-head .path { font-family: var(--mono); font-size: 12.5px; font-weight: 600; overflow-wrap: anywhere; min-width: 0; }
.tag { font-size: 11px; border-radius: 4px; padding: 0 6px; background: #eef1f6; color: var(--muted); }
.tag.egress { background: var(--critical-bg); color: var(--critical); font-weight: 600; }
.verdict-line { padding: 7px 12px; font-size: 13px; border-bottom: 1px solid var(--line); }
.verdict-line.bad { background: #fff8f6; color: #8a1c12; }
.verdict-line.good { background: #f5fbf7; color: #125c39; }
.finding { padding: 10px 12px; border-bottom: 1px solid var(--line); }
.finding:last-child { border-bottom: 0; }
.f-head { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.f-head .badge { min-width: 58px; }
.f-rule { font-weight: 600; }
.f-id { color: var(--faint); font-family: var(--mono); font-size: 11.5px; }
.f-loc { color: var(--muted); font-family: var(--mono); font-size: 12px; margin-left: auto; }
.f-msg { margin: 4px 0 6px; overflow-wrap: anywhere; }
.pill { font-size: 11px; border-radius: 999px; padding: 0 8px; border: 1px solid var(--line); color: var(--muted); }
.pill.t-install, .pill.t-startup { border-color: #f3c5bf; color: var(--critical); background: var(--critical-bg); }
.pill.t-import { border-color: #f5d3b8; color: var(--high); background: var(--high-bg); }
.codeline { display: grid; grid-template-columns: 48px 1fr; background: #fbfbf4; border: 1px solid #ece7c8; border-left: 3px solid #e0b400;
  border-radius: 6px; overflow: hidden; }
.codeline .ln { text-align: right; padding: 4px 8px; color: #9a927a; background: #f4f1e0; font-family: var(--mono); font-size: 12px; user-select: none; }
.codeline code { padding: 4px 10px; white-space: pre-wrap; overflow-wrap: anywhere; color: #24292f; }
.codectx { border: 1px solid #ece7c8; border-radius: 6px; overflow: hidden; }
.codectx .codeline { border: 0; border-left: 3px solid transparent; border-radius: 0; background: #fdfdf9; }
.codectx .codeline .ln, .codectx .codeline code { padding-top: 1px; padding-bottom: 1px; }
.codectx .codeline.hit { border-left-color: #e0b400; background: #fbf1c0; }
.codectx .codeline.hit code { font-weight: 600; }
.dest { margin-top: 6px; font-size: 13px; display: flex; gap: 6px; align-items: baseline; flex-wrap: wrap; }
.dest .mono { background: var(--critical-bg); color: var(--critical); padding: 0 6px; border-radius: 4px; overflow-wrap: anywhere; }
.flow { margin: 8px 0 0; padding: 0; list-style: none; counter-reset: step; }
.flow li { display: grid; grid-template-columns: 22px 1fr; gap: 4px 8px; margin: 0 0 6px; }
.flow li::before { counter-increment: step; content: counter(step); width: 20px; height: 20px; border-radius: 50%; background: #e8edf7;
  color: var(--accent); font-size: 11px; font-weight: 700; display: flex; align-items: center; justify-content: center; margin-top: 2px; }
.flow .note { color: var(--muted); font-size: 12.5px; }
.decoded { margin-top: 8px; border: 1px dashed #d4b56a; border-radius: 6px; background: #fffcf2; }
.decoded .dh { padding: 4px 10px; font-size: 12px; color: var(--medium); border-bottom: 1px dashed #e6d39d; }
.decoded pre { margin: 0; padding: 8px 10px; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 260px; overflow: auto; }
.quiet { color: var(--muted); font-size: 13px; }
.quiet summary { cursor: pointer; }
.plain { columns: 2; font-family: var(--mono); font-size: 12px; color: var(--muted); margin: 6px 0 0; padding-left: 16px; }
.plain li { overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; font-size: 13px; margin-top: 12px; }
th { text-align: left; font-size: 11px; text-transform: uppercase; letter-spacing: .5px; color: var(--muted); font-weight: 650;
  border-bottom: 1px solid var(--line); padding: 6px 8px; }
td { border-bottom: 1px solid var(--line); padding: 6px 8px; vertical-align: top; overflow-wrap: anywhere; }
td.mono { color: var(--critical); }
.empty { color: var(--muted); padding: 18px; text-align: center; }
.hl-k { color: #cf222e; } .hl-b { color: #8250df; } .hl-s { color: #0a3069; } .hl-n { color: #0550ae; } .hl-c { color: #6e7781; font-style: italic; }
.hl-l { color: #0550ae; } .hl-t { color: #8250df; } .hl-p { color: #24292f; } .hl-m { color: #953800; } .hl-o { color: #cf222e; }
footer { color: var(--faint); font-size: 12px; text-align: center; padding: 10px 0 30px; }
@media (max-width: 760px) { .counts { grid-template-columns: repeat(3, 1fr); } .kv { grid-template-columns: 1fr; } .plain { columns: 1; } }
@media print { .toolbar { display: none; } .pkg { break-inside: avoid; } }
`;
