// .pth files: site.py executes every line that starts with "import" at each interpreter start. Those
// lines are analysed as startup-time Python, and the modules they import are marked as startup code.
import type { FileReport, Severity } from '../model/result.ts';
import { analyzePythonFile } from './python-file.ts';
import { CONSTANT_STRING } from './rules/dynamic-code.ts';
import { LineIndex } from './syntax.ts';

const EXEC_LINE = /^import[ \t]/;
const LARGE_PTH = 1024;

/**
 * The line setuptools writes into a `-nspkg.pth` file for each level of a namespace package (two generations of
 * it), with only the package's names varying: code whose whole behaviour is known (it registers a module path), so
 * its length is not taken as room to hide something. Any other character makes it an ordinary line.
 */
const NAME = String.raw`'[\w.]+'`;
const NAMESPACE_LINE = new RegExp(
  [
    String.raw`^import sys, types, os;(has_mfs = sys\.version_info > \(3, 5\);)?`,
    String.raw`p = os\.path\.join\(sys\._getframe\(1\)\.f_locals\['sitedir'\], \*\(${NAME}(, ${NAME})*,?\)\);`,
    String.raw`(importlib = has_mfs and __import__\('importlib\.util'\);has_mfs and __import__\('importlib\.machinery'\);`,
    String.raw`m = has_mfs and sys\.modules\.setdefault\(${NAME}, importlib\.util\.module_from_spec\(importlib\.machinery\.PathFinder\.find_spec\(${NAME}, \[os\.path\.dirname\(p\)\]\)\)\);`,
    String.raw`m = m or sys\.modules\.setdefault\(${NAME}, types\.ModuleType\(${NAME}\)\);`,
    String.raw`|ie = os\.path\.exists\(os\.path\.join\(p,'__init__\.py'\)\);m = not ie and sys\.modules\.setdefault\(${NAME}, types\.ModuleType\(${NAME}\)\);)`,
    String.raw`mp = \(m or \[\]\) and m\.__dict__\.setdefault\('__path__',\[\]\);\(p not in mp\) and mp\.append\(p\)`,
    String.raw`(;m and setattr\(sys\.modules\[${NAME}\], ${NAME}, m\))?$`,
  ].join(''),
);

/** Modules a .pth file imports at startup (dotted names). */
export function pthStartupModules(bytes: Uint8Array): string[] {
  const modules = new Set<string>();
  for (const line of Buffer.from(bytes).toString('utf8').split(/\r?\n/)) {
    if (!EXEC_LINE.test(line)) continue;
    for (const match of line.matchAll(
      /(?:^|;)\s*import\s+([\w.]+(?:\s*,\s*[\w.]+)*)|__import__\(\s*['"]([\w.]+)['"]|import_module\(\s*['"]([\w.]+)['"]/g,
    )) {
      for (const name of (match[1] ?? match[2] ?? match[3]).split(',')) modules.add(name.trim());
    }
  }
  return [...modules];
}

/** The import lines site.py runs, as Python source (the other lines blank, so line numbers hold); null when none. */
export function pthCode(bytes: Uint8Array): Uint8Array | null {
  const lines = Buffer.from(bytes).toString('utf8').split(/\r?\n/);
  const execLines = lines.map((line) => (EXEC_LINE.test(line) ? line : ''));
  return execLines.some(Boolean) ? new Uint8Array(Buffer.from(execLines.join('\n'), 'utf8')) : null;
}

/**
 * The .pth file's reports from the analysis of its import lines (`analysed`: the reports of `pthCode`'s source as
 * startup-time Python, made wherever the target's Python files are analysed; empty when there are none).
 */
export function pthReport(path: string, bytes: Uint8Array, analysed: FileReport[]): FileReport[] {
  const lines = Buffer.from(bytes).toString('utf8').split(/\r?\n/);
  const execLines = lines.map((line) => (EXEC_LINE.test(line) ? line : ''));
  const executed = execLines.filter(Boolean);
  const [code, ...decoded] = analysed;
  if (executed.length === 0 || !code) {
    return [{ path, kind: 'pth', size: bytes.length, egress: false, partial: false, findings: [] }];
  }
  // a payload decoded from hiding is dangerous by itself; code written out in a string (exec('if ...')) only by
  // what it does
  const dangerous =
    code.findings.some(
      (f) => f.severity !== 'info' || (f.decoded !== undefined && f.decoded.chain[0] !== CONSTANT_STRING),
    ) || decoded.some((file) => file.findings.some((f) => f.severity !== 'info'));
  const unknownBytes = executed.filter((line) => !NAMESPACE_LINE.test(line)).join('\n').length;
  const large = unknownBytes > LARGE_PTH;
  const severity: Severity = dangerous ? 'high' : large ? 'medium' : 'low';
  const firstLine = execLines.findIndex(Boolean) + 1;
  const source = new LineIndex(lines);
  code.findings.unshift({
    rule: 'pth-executes-code',
    severity,
    line: firstLine,
    column: 1,
    code: source.code(firstLine),
    context: source.context(firstLine),
    message: `a .pth file runs ${executed.length} import line${executed.length > 1 ? 's' : ''} of code${large ? ` (${bytes.length} bytes)` : ''}`,
    capability: 'install-hook',
    trigger: 'startup',
  });
  return [{ ...code, kind: 'pth' }, ...decoded];
}

/** A .pth file analysed in this thread (the parser must be loaded). */
export function analyzePth(path: string, bytes: Uint8Array): FileReport[] {
  const code = pthCode(bytes);
  return pthReport(path, bytes, code ? analyzePythonFile(path, code, { role: 'startup' }) : []);
}
