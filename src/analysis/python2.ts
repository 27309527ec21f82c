// Python 2's exec statement (`exec code`, `exec base64.b64decode(x) in ns`), which tree-sitter's Python grammar
// only reads when the code is a bare name or string: each such line is rewritten as the exec() call Python 2 runs,
// in place (same lines), before parsing, so the exec rules read it like any other.

/** A line that starts an exec statement (not exec(...), exec = ..., exec.attr). */
const EXEC_STATEMENT = /^([ \t]*)exec[ \t]+(?![\s=(.,):\]])/;

/** What ends a line for a pattern's `^` in multiline mode. */
const LINE_BREAKS = new Set(['\n', '\r', '\u2028', '\u2029']);

/**
 * Whether some line starts with `exec` and a blank (as /^[ \t]*exec[ \t]/m finds, line breaks as a pattern's):
 * found from each "exec" in the text, as a multiline pattern tries every line of every file and costs far more.
 */
function mayHoldExecStatement(text: string): boolean {
  for (let at = text.indexOf('exec'); at !== -1; at = text.indexOf('exec', at + 4)) {
    const next = text.charCodeAt(at + 4);
    if (next !== 0x20 && next !== 0x09) continue;
    let before = at - 1;
    while (before >= 0 && (text.charCodeAt(before) === 0x20 || text.charCodeAt(before) === 0x09)) before--;
    if (before < 0 || LINE_BREAKS.has(text[before])) return true;
  }
  return false;
}
/** The text with Python 2 exec statements made calls, or undefined when it has none. */
export function execStatementsAsCalls(text: string): string | undefined {
  if (!mayHoldExecStatement(text)) return undefined;
  let changed = false;
  const lines = text.split('\n').map((line) => {
    const start = EXEC_STATEMENT.exec(line);
    if (!start) return line;
    const rewritten = asCall(line, start[0].length, start[1]);
    changed ||= rewritten !== undefined;
    return rewritten ?? line;
  });
  return changed ? lines.join('\n') : undefined;
}

/**
 * `exec X in g, l  # note` as `exec(X, g, l)  # note`: the comment and the top-level ` in ` found outside strings and
 * brackets; a line that ends inside a bracket or a string (the statement goes on) is left as it is.
 */
function asCall(line: string, codeStart: number, indent: string): string | undefined {
  let quote = '';
  let depth = 0;
  let end = line.replace(/\r$/, '').length;
  let namespace = -1;
  for (let index = codeStart; index < end; index++) {
    const char = line[index];
    if (quote) {
      if (char === '\\') index++;
      else if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth--;
    else if (char === '#') end = index;
    else if (depth === 0 && namespace < 0 && /^\sin\s/.test(line.slice(index, index + 4))) namespace = index;
  }
  if (quote || depth !== 0) return undefined;
  const statement = line.slice(codeStart, end);
  const blank = statement.slice(statement.trimEnd().length);
  const code = line.slice(codeStart, namespace >= 0 ? namespace : end).trimEnd();
  const scope = namespace >= 0 ? `, ${line.slice(namespace + 4, end).trim()}` : '';
  return `${indent}exec(${code}${scope})${blank}${line.slice(end)}`;
}
