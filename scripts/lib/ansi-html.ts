// Turns a terminal capture (text with SGR colour escapes, as `tmux capture-pane -e` prints it) into an HTML page
// in a terminal's look, so chromium can take a screenshot of what the terminal showed.

const PALETTE = ['#1e1e1e', '#e06c75', '#98c379', '#e5c07b', '#61afef', '#c678dd', '#56b6c2', '#dcdfe4'];
const BRIGHT = ['#5c6370', '#ff7b86', '#b5e890', '#ffd68a', '#7cc5ff', '#de94ff', '#70d6e3', '#ffffff'];
const FG = '#dcdfe4';
const BG = '#1e1e1e';

interface Style {
  fg?: string;
  bg?: string;
  bold: boolean;
  dim: boolean;
  inverse: boolean;
}

function color256(n: number): string {
  if (n < 8) return PALETTE[n];
  if (n < 16) return BRIGHT[n - 8];
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v},${v},${v})`;
  }
  const i = n - 16;
  const level = (x: number) => (x === 0 ? 0 : 55 + x * 40);
  return `rgb(${level(Math.floor(i / 36))},${level(Math.floor(i / 6) % 6)},${level(i % 6)})`;
}

function apply(style: Style, params: number[]): Style {
  const next = { ...style };
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (p === 0) Object.assign(next, { fg: undefined, bg: undefined, bold: false, dim: false, inverse: false });
    else if (p === 1) next.bold = true;
    else if (p === 2) next.dim = true;
    else if (p === 7) next.inverse = true;
    else if (p === 22) Object.assign(next, { bold: false, dim: false });
    else if (p === 27) next.inverse = false;
    else if (p >= 30 && p <= 37) next.fg = PALETTE[p - 30];
    else if (p >= 90 && p <= 97) next.fg = BRIGHT[p - 90];
    else if (p === 39) next.fg = undefined;
    else if (p >= 40 && p <= 47) next.bg = PALETTE[p - 40];
    else if (p >= 100 && p <= 107) next.bg = BRIGHT[p - 100];
    else if (p === 49) next.bg = undefined;
    else if ((p === 38 || p === 48) && params[i + 1] === 5) {
      next[p === 38 ? 'fg' : 'bg'] = color256(params[i + 2]);
      i += 2;
    } else if ((p === 38 || p === 48) && params[i + 1] === 2) {
      next[p === 38 ? 'fg' : 'bg'] = `rgb(${params[i + 2]},${params[i + 3]},${params[i + 4]})`;
      i += 4;
    }
  }
  return next;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function span(style: Style, text: string): string {
  if (!text) return '';
  const fg = style.inverse ? (style.bg ?? BG) : (style.fg ?? FG);
  const bg = style.inverse ? (style.fg ?? FG) : style.bg;
  const css = [
    `color:${fg}`,
    bg ? `background:${bg}` : '',
    style.bold ? 'font-weight:bold' : '',
    style.dim ? 'opacity:.6' : '',
  ]
    .filter(Boolean)
    .join(';');
  return `<span style="${css}">${escapeHtml(text)}</span>`;
}

export function ansiToHtml(capture: string, title: string): string {
  let style: Style = { bold: false, dim: false, inverse: false };
  let body = '';
  const esc = String.fromCharCode(27);
  for (const part of capture.split(new RegExp(`(${esc}\\[[0-9;]*m)`))) {
    const sgr = new RegExp(`^${esc}\\[([0-9;]*)m$`).exec(part);
    if (sgr) style = apply(style, sgr[1] === '' ? [0] : sgr[1].split(';').map(Number));
    else body += span(style, part);
  }
  return `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{margin:0;background:${BG}}pre{margin:0;padding:14px 16px;font:15px/1.25 "DejaVu Sans Mono",monospace;color:${FG};background:${BG};display:inline-block}</style>
<pre>${body}</pre>`;
}
