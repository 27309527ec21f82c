// Python 2's exec statement (`exec code`, `exec base64.b64decode(x) in ns`), which tree-sitter's Python grammar
// only reads when the code is a bare name or string: each such line is rewritten as the exec() call Python 2 runs,
// in place (same lines), before parsing, so the exec rules read it like any other.

/** A line that starts an exec statement (not exec(...), exec = ..., exec.attr). */
const EXEC_STATEMENT = /^([ \t]*)exec[ \t]+(?![\s=(.,):\]])/;

/** The text with Python 2 exec statements made calls, or undefined when it has none. */
export function execStatementsAsCalls(text: string): string | undefined {
  if (!/^[ \t]*exec[ \t]/m.test(text)) return undefined;
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
