// Analyses one Python file: parse, resolve names, run every rule, decide the egress verdict, and rescan
// payloads decoded from it as virtual files ("setup.py#decoded-1").
import { EGRESS_VERDICT, type FileReport, type Finding, NO_EGRESS_VERDICT } from '../model/result.ts';
import { type AnalysisBudget, newBudget, spendVirtualFile } from './budget.ts';
import { decodePowerShell } from './decode/text-codecs.ts';
import { DecodeRecorder } from './decode-calls.ts';
import { Evaluator } from './evaluate.ts';
import { collectFacts, FACT_TYPES } from './facts.ts';
import type { FileContext } from './file-context.ts';
import { flowRules } from './flow.ts';
import { normaliseIdentifiers } from './identifiers.ts';
import { installedPath } from './module-names.ts';
import { analysisFailed, notAnalysed } from './not-analysed.ts';
import type { PackageConstants } from './package-constants.ts';
import { parsePython } from './parser.ts';
import { execStatementsAsCalls } from './python2.ts';
import { botChannelRules } from './rules/bot-channel.ts';
import { clipboardRules } from './rules/clipboard.ts';
import { disguisedNameRules } from './rules/disguised-names.ts';
import { dropAndRunRules } from './rules/drop-and-run.ts';
import { dynamicCodeRules } from './rules/dynamic-code.ts';
import { environmentRules } from './rules/env-reads.ts';
import { executedFileRules } from './rules/executed-files.ts';
import { fileEncryptionRules } from './rules/file-encryption.ts';
import { fileTamperingRules } from './rules/file-tampering.ts';
import { hiddenNameRules } from './rules/hidden-names.ts';
import { installImportRules, ownModuleCalls } from './rules/install-imports.ts';
import { installWriteRules } from './rules/install-writes.ts';
import { memoryExecutionRules } from './rules/memory-execution.ts';
import { networkRules } from './rules/network.ts';
import { processRules } from './rules/process.ts';
import { remoteControlRules } from './rules/remote-control.ts';
import { sessionSearchRules } from './rules/session-search.ts';
import { shortcutHijackRules } from './rules/shortcut-hijack.ts';
import { stringRules } from './rules/strings.ts';
import { tamperingRules } from './rules/tampering.ts';
import { unpickleRules } from './rules/unpickle.ts';
import { writtenCodeRules } from './rules/written-code.ts';
import { BINDING_TYPES, FileScopes } from './scopes.ts';
import { decodeSource } from './source-text.ts';
import { LineIndex } from './syntax.ts';
import { type FileRole, fileRole, TRIGGER_TYPES, TriggerMap } from './triggers.ts';

/** Files larger than this are not parsed (they are listed as partial). */
export const MAX_PARSE_BYTES = 16 * 1024 * 1024;
const MAX_DECODE_DEPTH = 3;
/** Every node type any stage reads: the file is traversed once. */
const PYTHON2_TYPES = ['print_statement', 'exec_statement'];
const NODE_TYPES = new Set([...BINDING_TYPES, ...FACT_TYPES, ...TRIGGER_TYPES, ...PYTHON2_TYPES]);
/** Above this size a file is read with imports, definitions, calls and strings only, to bound memory. */
const LARGE_FILE_BYTES = 2 * 1024 * 1024;
const LARGE_FILE_TYPES = new Set([
  'call',
  'string',
  'concatenated_string',
  'import_statement',
  'import_from_statement',
  'function_definition',
  'class_definition',
  'lambda',
  'if_statement',
  ...PYTHON2_TYPES,
]);

/** Analyses one Python file (in this thread or on the pool): the report and those of payloads decoded from it. */
export type AnalyseFile = (path: string, bytes: Uint8Array, options: PythonFileOptions) => Promise<FileReport[]>;

export interface PythonFileOptions {
  /** Forces the file's role (a .pth file's code runs at startup). */
  role?: FileRole;
  /** For decoded virtual files: where the decoding call is. */
  origin?: { path: string; line: number };
  depth?: number;
  /** The target's budget for decoded bytes and virtual files (a fresh one per file when not given). */
  budget?: AnalysisBudget;
  /** Functions of this module that code elsewhere calls as it runs by itself (setup.py's hook, `__init__.py`). */
  entries?: string[];
  /** How many levels of calls are followed from the entries (all, when not given). */
  entryDepth?: number;
  /** For decoded virtual files: modules the decoding file had imported where it runs the payload, by name. */
  inherited?: Record<string, string>;
  /** Top-level modules the target itself ships: a library a rule trusts may be shadowed by one of them. */
  ownModules?: readonly string[];
  /** String constants of the target's other modules this file may import, by qualified name. */
  constants?: PackageConstants;
}

/** Rules whose findings make a file "egress" in Python Code Audit's sense. */
const EGRESS_RULES = new Set([
  'egress-network-call',
  'egress-dns-lookup',
  'telemetry-call',
  'process-network-tool',
  'download-execute',
  'hardcoded-endpoint',
  'hardcoded-api-key',
  'hardcoded-secret',
  'exfiltration',
  'egress-dynamic-attribute',
  'egress-via-object',
  'powershell-encoded-command',
]);

/** Endpoint kinds whose URL carries the credential to post to them: the literal alone is a key for a remote service. */
const CREDENTIAL_URL_KINDS = new Set(['discord-webhook', 'telegram-bot', 'slack-webhook', 'teams-webhook']);

/** Outbound logic, or a credential for a remote service; a URL or address literal alone is not egress. */
export function isEgressFinding(finding: Finding): boolean {
  if (finding.rule === 'hardcoded-endpoint') return CREDENTIAL_URL_KINDS.has(finding.destination?.kind ?? '');
  return EGRESS_RULES.has(finding.rule);
}

/** The package a file belongs to once installed (an sdist's top folder and a src/ layout dropped). */
function packagePathOf(path: string): string[] {
  const parts = installedPath(path).replace(/\.py$/, '').split('/');
  parts.pop();
  return parts.filter((part) => /^[A-Za-z_][\w]*$/.test(part));
}

/** A report for a file that was not analysed: partial, with a finding that makes the target unaudited. */
function unanalysed(report: FileReport, reasons: string[], finding: Finding): FileReport[] {
  report.partial = true;
  report.partialReasons = [...reasons, finding.message];
  report.findings = [finding];
  report.verdict = NO_EGRESS_VERDICT;
  return [report];
}

/** Analyses one Python file; never throws: a failure becomes an `analysis-failed` finding (the target is unaudited). */
export function analyzePythonFile(path: string, bytes: Uint8Array, options: PythonFileOptions = {}): FileReport[] {
  try {
    return analyzeSource(path, bytes, options);
  } catch (error) {
    return unanalysed(newReport(path, bytes, options), [], analysisFailed(error));
  }
}

function newReport(path: string, bytes: Uint8Array, options: PythonFileOptions): FileReport {
  return {
    path,
    kind: options.origin ? 'decoded' : 'python',
    size: bytes.length,
    egress: false,
    partial: false,
    findings: [],
  };
}

function analyzeSource(path: string, bytes: Uint8Array, given: PythonFileOptions): FileReport[] {
  const options = given.budget ? given : { ...given, budget: newBudget() };
  const partialReasons: string[] = [];
  const report = newReport(path, bytes, options);
  if (bytes.length > MAX_PARSE_BYTES)
    return unanalysed(
      report,
      [],
      notAnalysed(`not analysed: ${bytes.length} bytes is over the ${MAX_PARSE_BYTES}-byte limit`),
    );
  const source = decodeSource(bytes);
  if (source.undecodable) return unanalysed(report, source.notes, notAnalysed(`not analysed: ${source.undecodable}`));
  partialReasons.push(...source.notes);
  const python2 = execStatementsAsCalls(source.text);
  if (python2 !== undefined) partialReasons.push('Python 2 exec statements read as the exec() calls they make');
  // the Python 2 rewrite adds ASCII only
  const names = normaliseIdentifiers(python2 ?? source.text, source.ascii);
  const parsed = names.parsed ?? parsePython(names.text);
  if (!parsed.tree)
    return unanalysed(report, partialReasons, notAnalysed(`not analysed: ${parsed.failure ?? 'not parsed'}`));
  const extra: FileReport[] = [];
  const { tree } = parsed;
  const root = tree.rootNode;
  if (tree.hasError) partialReasons.push('syntax errors (analysed what tree-sitter recovered)');
  const large = bytes.length > LARGE_FILE_BYTES;
  if (large) partialReasons.push(`over ${LARGE_FILE_BYTES} bytes: assignments and data flow were not followed`);
  const { nodes, docstrings } = tree.nodesOfTypes(large ? LARGE_FILE_TYPES : NODE_TYPES);
  // tree-sitter accepts Python 2 statements, but the rules read the file with Python 3 semantics
  if (nodes.some((node) => PYTHON2_TYPES.includes(node.type)))
    partialReasons.push('Python 2 syntax (print or exec statements), analysed as Python 3');
  const scopes = new FileScopes(root, packagePathOf(path), nodes, options.inherited);
  const recorder = new DecodeRecorder(options.budget);
  const evaluator = new Evaluator(
    scopes,
    recorder.hook,
    nodes.filter((node) => node.type === 'call'),
    options.constants,
  );
  recorder.evaluator = evaluator;
  const facts = collectFacts(nodes, docstrings, evaluator);
  const role = options.role ?? (options.origin ? 'module' : fileRole(path));
  const ctx: FileContext = {
    path,
    text: source.text,
    lines: new LineIndex(source.text),
    evaluator,
    scopes,
    triggers: new TriggerMap(role, nodes, scopes, options.entries, options.entryDepth),
    facts,
    findings: [],
    ownModules: options.ownModules ?? [],
  };
  networkRules(ctx);
  const inlineCode = processRules(ctx, (encoded) => {
    try {
      return Buffer.from(decodePowerShell(encoded)).toString('utf8');
    } catch {
      return undefined;
    }
  });
  const payloads = [
    ...dynamicCodeRules(ctx, recorder),
    ...inlineCode,
    ...writtenCodeRules(ctx),
    ...unpickleRules(ctx, recorder),
  ];
  const flowLinks = flowRules(ctx);
  clipboardRules(ctx);
  memoryExecutionRules(ctx);
  fileEncryptionRules(ctx);
  dropAndRunRules(ctx);
  remoteControlRules(ctx);
  executedFileRules(ctx);
  environmentRules(ctx);
  stringRules(ctx);
  disguisedNameRules(ctx, root, names.disguised);
  hiddenNameRules(ctx);
  tamperingRules(ctx);
  fileTamperingRules(ctx);
  installWriteRules(ctx);
  shortcutHijackRules(ctx);
  botChannelRules(ctx);
  sessionSearchRules(ctx);
  installImportRules(ctx, role, options.entries ?? []);
  const ownCalls = ownModuleCalls(ctx, role, path);
  if (ownCalls) report.ownCalls = ownCalls;
  if (flowLinks) report.flowLinks = flowLinks;
  if (recorder.budgetSpent)
    ctx.findings.push(
      notAnalysed(
        "not analysed completely: the target's budget for decoded bytes is spent, some payloads were not decoded",
      ),
    );
  // Every finding located in the file, whichever rule made it, carries the lines around it.
  for (const finding of ctx.findings)
    if (finding.line > 0) finding.context ??= ctx.lines.context(finding.line, finding.column);
  report.findings = ctx.findings.sort((a, b) => a.line - b.line || a.column - b.column);
  if (options.origin) for (const finding of report.findings) finding.origin = options.origin;
  const depth = options.depth ?? 0;
  payloads.forEach((payload, index) => {
    const virtualPath = `${path}#decoded-${index + 1}`;
    payload.finding.decoded = { ...payload.finding.decoded!, virtualPath };
    const origin = { path, line: payload.finding.line };
    const payloadBytes = new Uint8Array(Buffer.from(payload.text, 'utf8'));
    const skipped =
      depth >= MAX_DECODE_DEPTH
        ? `decoded more than ${MAX_DECODE_DEPTH} layers deep`
        : !spendVirtualFile(options.budget!, payloadBytes.length)
          ? "the target's budget for decoded payloads is spent"
          : undefined;
    if (skipped) {
      extra.push(
        ...unanalysed(newReport(virtualPath, payloadBytes, { origin }), [], notAnalysed(`not analysed: ${skipped}`)),
      );
      return;
    }
    // code run by install-time code is install-time code (python -c "import pkg.post; pkg.post.run()" in setup.py)
    const trigger = payload.finding.trigger;
    const role = trigger === 'install' ? 'setup' : trigger === 'startup' ? 'startup' : undefined;
    // exec'd code runs with the caller's globals: `requests` imported by the decoding file is requests there
    // (a python -c command or a written script runs in a process of its own and imports for itself)
    const ownProcess = payload.chain[0] === 'python -c' || payload.chain[0] === 'written file';
    const inherited = ownProcess ? undefined : scopes.importsAt(payload.call);
    const inner = analyzePythonFile(virtualPath, payloadBytes, {
      ...options,
      role,
      origin,
      depth: depth + 1,
      inherited,
    });
    for (const file of inner) for (const finding of file.findings) finding.trigger = payload.finding.trigger;
    extra.push(...inner);
  });
  report.partial = partialReasons.length > 0;
  if (report.partial) report.partialReasons = partialReasons;
  report.egress = report.findings.some(isEgressFinding) || extra.some((file) => file.egress);
  report.verdict = report.egress ? EGRESS_VERDICT : NO_EGRESS_VERDICT;
  return [report, ...extra];
}
