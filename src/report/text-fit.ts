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

/** Package content (code, paths, messages) with control characters shown as · so it cannot drive the terminal. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '·').replace(/\t/g, '  ').replace(/\n/g, ' ');
}
