// Fitting plain text into a terminal width: cut at the end with an ellipsis, or in the middle for names whose
// both ends matter (wheel file names: the project and version at the start, the platform tags at the end).

/** Columns a string takes, counting a character with variation selector 16 (emoji) as two. */
export function columnsOf(text: string): number {
  let columns = 0;
  for (const char of text) if (char !== '\ufe0f') columns += 1;
  return columns + (text.match(/\ufe0f/g)?.length ?? 0);
}

export function fitEnd(text: string, width: number): string {
  if (columnsOf(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (columnsOf(out + char) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}

export function fitMiddle(text: string, width: number): string {
  if (text.length <= width) return text;
  if (width < 5) return fitEnd(text, width);
  const head = Math.ceil((width - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (width - 1 - head))}`;
}

/** C0 and C1 controls, and the bidirectional overrides and isolates that reorder what a line shows. */
function isControl(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** Package content (code, paths, messages) with control characters shown as · so it cannot drive the terminal. */
export function printable(text: string): string {
  let out = '';
  for (const char of text) {
    if (char === '\t') out += '  ';
    else if (char === '\n') out += ' ';
    else out += isControl(char.codePointAt(0) ?? 0) ? '·' : char;
  }
  return out;
}
